"""Claims of Goldt et al., NeurIPS 2019, arXiv:1906.08632, judged on our ODE and SGD runs.

Paper: the ODEs describe online SGD of two-layer networks exactly as N -> infinity (Fig. 1,
ODE lines over simulation crosses); the final error eps_g* grows with the student's width
K when only the first layer is trained, and stays constant or decreases when both layers
are trained (Figs. 2-3).  Tolerances are justified beside each claim, by finite N and the
number of seeds; the same at both scales.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import Claim, within
from ..teacher_student.claim_helpers import gap_claims

__all__ = ["evaluate_claims", "final_errors"]


def final_errors(summary: pd.DataFrame) -> pd.DataFrame:
    """Seed-mean eps_g* per ``(source, mode, K)`` (``kind == "final"`` rows)."""
    f = summary[summary["kind"] == "final"]
    return f.groupby(["source", "mode", "K"])["eps"].agg(["mean", "sem", "count"]).reset_index()


def evaluate_claims(summary: pd.DataFrame, section: dict) -> list[Claim]:
    claims: list[Claim] = []
    Ns = sorted(section["curve"]["N"])
    for i, N in enumerate(Ns):
        scale = np.sqrt(Ns[0] / N)  # fluctuations ~ 1/sqrt(N): tolerances scale with it
        claims += gap_claims(summary, [f"curve_N{N}"], f"curve_N{N}",
                             f"K = M = {section['M']}, N = {N}", round(0.05 * scale, 4),
                             round(0.15 * scale, 4),
                             extra_why=f"Tolerances 5% (mean) and 15% (max) at N = {Ns[0]}, "
                                       "scaled by sqrt(N0/N) at larger N.")
    fe = final_errors(summary)
    ode = fe[fe["source"] == "ode"].set_index(["mode", "K"])["mean"]
    sim = fe[fe["source"] == "sim"].set_index(["mode", "K"])["mean"]
    Ks = sorted(section["final"]["K"])
    first = np.array([ode.get(("first", K), np.nan) for K in Ks])
    both = np.array([ode.get(("both", K), np.nan) for K in Ks])
    claims.append(within(
        "first_layer_eps_star_grows",
        "training the first layer only, eps_g* grows with K (ratio of the widest to K = M)",
        first[-1] / first[0], 2.0, None,
        "Paper: eps_g* grows linearly with L = K - M, each excess unit adding an error "
        "comparable to eps_g*(L=0) ~ eta sigma^2; over L = 0..4 that is a factor > 2 even "
        "with a slope half as large. Informed start: the ODE reaches eps_g* within 1%.",
        expected=">= 2", eps_star=dict(zip(Ks, first.round(6)))))
    steps = first[1:] / first[:-1]
    claims.append(within(
        "first_layer_eps_star_monotone", "training the first layer only, eps_g*(K) increases at every K",
        float(np.min(steps)) if steps.size else np.nan, 1.02, None,
        "Every added unit must raise eps_g*; 2% exceeds the ODE's residual relaxation in "
        "the averaging window (< 0.5%).", expected="min eps*(K+1)/eps*(K) >= 1.02"))
    claims.append(within(
        "both_layers_eps_star_flat",
        "training both layers, eps_g* does not grow with K (largest ratio to K = M)",
        float(np.max(both / both[0])), None, 1.05,
        "Paper: constant or decreasing with K. The excess units' readouts decay to zero, "
        "so the student keeps the K = M error; 5% admits the residual relaxation of the "
        "excess units within the averaging window.",
        expected="<= 1.05", eps_star=dict(zip(Ks, both.round(6)))))
    keys = sorted(set(sim.index))
    gaps = {f"{m}_K{K}": abs(sim[(m, K)] - ode[(m, K)]) / ode[(m, K)] for m, K in keys}
    claims.append(within(
        "sgd_eps_star_matches_ode", "SGD's eps_g* (window average) agrees with the ODE's at every simulated K",
        max(gaps.values()) if gaps else np.nan, None, 0.15,
        "eps_g* of a run is a time average of a fluctuating error; at N = 500 its stationary "
        "fluctuations and O(1/N) finite-size corrections are a few percent; 3 seeds.",
        expected="<= 0.15", relative_gaps={k: round(v, 4) for k, v in gaps.items()}))
    sK = sorted(K for m, K in keys if m == "first")
    ratio = sim[("first", sK[-1])] / sim[("first", sK[0])] if len(sK) >= 2 else np.nan
    claims.append(within(
        "sgd_first_layer_eps_star_grows", "in SGD too, eps_g* of the widest first-layer-only student exceeds K = M's",
        ratio, 2.0, None, "As for the ODE claim; measured on the simulations alone.",
        expected=">= 2"))
    return claims
