"""maillard2026 claims: pass on data obeying the theory, fail when q sees the latent factor or Q has no transition."""

import numpy as np
import pandas as pd

from dltheory.claims.maillard2026_memorisation import evaluate_claims
from dltheory.replica.generative import theory_generative

NS = [1, 2, 8, 32, 128, 200, 400, 1000, 2000, 5000]
THEORY = theory_generative(200, NS, [0.5, 4.0])


def _summary(q_shift=0.0, flat_Q=False, m_scale=1.0):
    df = THEORY.copy()
    out = df.rename(columns={c: f"theory_{c}" for c in ("m", "m_fresh", "q", "Q")})
    out["m"] = df["m"] * m_scale
    out["m_fresh"] = df["m_fresh"]
    out["q"] = df["q"] + q_shift * (df["theta"] == 4.0)
    out["Q"] = df["q"] if flat_Q else df["Q"]
    for c in ("m", "m_fresh", "q", "Q"):
        out[f"{c}_sem"] = 0.005
    out["d"] = 200
    return out


def test_pass_on_the_theory():
    claims = evaluate_claims(_summary())
    assert all(c.passed for c in claims), [(c.name, c.measured) for c in claims if not c.passed]


def test_fail_when_convergence_sees_the_latent_factor():
    claims = {c.name: c for c in evaluate_claims(_summary(q_shift=0.1))}
    assert not claims["q_blind_to_latent"].passed
    assert not claims["q_free_probability_theta4"].passed


def test_fail_without_bbp_transition_or_memorisation():
    claims = {c.name: c for c in evaluate_claims(_summary(flat_Q=True, m_scale=0.5))}
    assert not claims["latent_recovery_bbp_theta0.5"].passed
    assert not claims["Q_sees_latent"].passed
    assert not claims["memorisation_single_sample"].passed
    assert not claims["memorisation_theory"].passed
