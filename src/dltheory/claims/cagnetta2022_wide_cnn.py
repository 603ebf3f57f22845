"""Claims of Cagnetta, Favero, Wyart, ICML 2023, arXiv:2208.01003, judged on our runs.

Tolerances fixed from exploratory runs (2 seeds, P <= 2048, d = 8) before the final
quick-scale results; the same at both scales.
"""

from __future__ import annotations

import pandas as pd

from ..core.checks import Claim, within
from ._kernel_helpers import exponent_claim

__all__ = ["evaluate_claims", "TOLERANCE"]

# Relative tolerance on beta. Exploration (2 seeds) measured 0.51 / 0.41 / 0.29 against
# 0.625 / 0.417 / 0.25: the local (d_eff = 1) teacher approaches its slope from below and
# the global one from above over P <= 2048 (local slopes still drifting by ~0.1 between
# successive doublings), so 25% is the finite-size allowance at this P; the three
# predictions are still 1.5x apart, so a wrong ordering or a 1/d law would fail.
TOLERANCE = 0.25


def evaluate_claims(fits: pd.DataFrame, runs: pd.DataFrame) -> list[Claim]:
    """Judge the claims on the fits table (one row per teacher)."""
    claims: list[Claim] = []
    fits = fits.sort_values("d_eff_teacher")
    # Local teachers (receptive field smaller than the student's): the exponent formula.
    # The global teacher (d_T = d_S) is judged by `global_teacher_curse` below: its measured
    # local slopes stay at ~0.32 up to P = 4096 (one exploratory run) against 1/d_S = 0.25,
    # so its exact exponent is not asserted at this scale (see the catalog's status note).
    for row in fits[fits["d_eff_teacher"] < fits["d_eff_student"]].to_dict("records"):
        claims.append(exponent_claim(
            f"beta_teacher_{row['filters']}",
            f"teacher with filters {row['filters']} (d_eff = {row['d_eff_teacher']}), student "
            f"{row['student_filters']}: beta = (1 + d_S) / (d_S (1 + d_T)) = {row['beta_pred']:.3f}",
            row, TOLERANCE,
            f"Relative {TOLERANCE:.0%}: curves still bending at P <= 2048 (local slopes drift by "
            "~0.1 per doubling) plus seed scatter."))
    betas = fits["beta"].to_numpy()
    claims.append(within(
        "decay_set_by_teacher_patch",
        "the smaller the teacher's receptive field, the faster the decay: beta decreases "
        "strictly with d_eff of the teacher",
        float(min(a - b for a, b in zip(betas, betas[1:]))) if len(betas) > 1 else float("nan"),
        0.05, None,
        "Predicted gaps between consecutive teachers are >= 0.17; requiring 0.05 leaves room "
        "for the seed scatter (~0.03 per exponent).", expected="min consecutive gap >= 0.05",
        betas=betas.tolist()))
    glob = fits.iloc[-1]
    claims.append(within(
        "global_teacher_curse",
        "a teacher seeing the whole input is learnt at the 1/d_eff rate of a generic function "
        "of d_eff variables (curse of dimensionality)",
        float(glob["beta"] * glob["d_eff_teacher"]), 0.75, 1.35,
        "For d_T = d_S the prediction is exactly 1/d_eff; [0.75, 1.35] is the 25% band with "
        "room for the pre-asymptotic overshoot from above (lower-order components of the "
        "teacher are learnt first), and excludes the local teachers' rates (>= 1.7 / d_eff).",
        expected="beta * d_eff in [0.75, 1.35]"))
    return claims
