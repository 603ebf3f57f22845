"""The Gaussian-mixture claims pass on data obeying the paper's laws and fail on data that does not."""

import numpy as np
import pandas as pd

from dltheory.claims.refinetti2021_gmm import evaluate_claims
from dltheory.teacher_student.gmm import oracle_error

T = np.geomspace(0.1, 60, 30)
SIGMA2 = [0.05, 0.1, 0.15, 0.2]


def _curve(t, t_half, final):
    return final + (0.5 - final) / (1 + (t / t_half) ** 3)


def _tables(gap=0.0, t_half=(9.0, 5.0), final=(0.033, 0.038), excess=0.01, rf=0.38, rf_real=0.0):
    rows = []
    for K, th, fin in zip((8, 16), t_half, final):
        for source, scale in (("simulation", 1 + gap), ("ode", 1.0), ("ode_from_zero", 1.0)):
            ec = _curve(T, th, fin)
            rows.append(pd.DataFrame({"K": K, "sigma2": 0.1, "t": T, "source": source,
                                      "eps_c_mean": ec, "eps_g_mean": (0.1 + ec) * scale}))
    curves = pd.concat(rows, ignore_index=True)
    fin = []
    for s2 in SIGMA2:
        o = oracle_error(s2)
        fin.append({"K": 8, "sigma2": s2, "eps_c_mean:simulation": o + excess, "eps_c_mean:ode": o + excess,
                    "oracle": o, "rf_p1N:theory": rf + 0.05, "rf_p1N:simulation": rf + 0.05 + rf_real,
                    "rf_p2N:theory": rf})
    fin.append({"K": 16, "sigma2": 0.1, "eps_c_mean:simulation": final[1], "eps_c_mean:ode": final[1],
                "oracle": oracle_error(0.1)})
    fin[1]["eps_c_mean:simulation"] = final[0]
    fin[1]["eps_c_mean:ode"] = final[0]
    return curves, pd.DataFrame(fin)


ARGS = dict(sigma2=0.1, Ks=[8, 16], ode_start=3.0, rf_ratios=[1, 2])


def test_claims_pass_for_the_paper_laws():
    claims = evaluate_claims(*_tables(), **ARGS)
    assert all(c.passed for c in claims), [(c.name, c.measured) for c in claims if not c.passed]


def test_claims_fail_for_a_wrong_theory_or_a_failing_network():
    claims = {c.name: c for c in evaluate_claims(*_tables(gap=0.2, excess=0.1, rf=0.12), **ARGS)}
    assert not claims["ode_vs_sim_eps_g"].passed
    assert not claims["network_near_oracle"].passed
    assert not claims["network_beats_random_features"].passed


def test_claims_fail_when_width_helps_the_final_error_or_not_the_speed():
    claims = {c.name: c for c in evaluate_claims(*_tables(t_half=(5.0, 5.0), final=(0.05, 0.03)), **ARGS)}
    assert not claims["overparametrisation_speeds_convergence"].passed
    assert not claims["overparametrisation_does_not_improve_final_error"].passed


def test_gaussian_equivalence_claim_fails_on_a_mismatch():
    claims = {c.name: c for c in evaluate_claims(*_tables(rf_real=0.05), **ARGS)}
    assert not claims["random_features_gaussian_equivalence"].passed
