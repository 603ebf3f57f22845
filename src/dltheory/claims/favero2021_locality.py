"""Claims of Favero, Cagnetta, Wyart, NeurIPS 2021, arXiv:2106.08619, judged on our runs.

Tolerances fixed from exploratory runs (two seeds, P <= 2048, d = 8) before the final
quick-scale results; the same at both scales.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import Claim, within

__all__ = ["evaluate_claims", "ABS_TOL"]

# Absolute tolerance on beta = 1/s. Exploration measured 0.50 (s = 2, pred 0.50) and 0.31
# (s = 4, pred 0.25): a 4-dimensional patch is still pre-asymptotic at P <= 2048 and its
# curve approaches from above; the seed scatter of a tail fit over a factor 4 in P with 4
# seeds is ~0.03. 0.08 covers both and still separates s = 2 from s = 4 (0.25 apart).
ABS_TOL = 0.08


def evaluate_claims(fits: pd.DataFrame, runs: pd.DataFrame) -> list[Claim]:
    """Judge the claims on the fits table (one row per d and student)."""
    claims: list[Claim] = []
    f = fits.set_index(["d", "student"])
    for (d, student), row in f.sort_index().iterrows():
        if student == "fc":
            continue
        claims.append(within(
            f"beta_{student}_d{d}",
            f"d={d}, {student} student (filter s={int(row['s'])}) on a t={int(row['t'])} teacher: "
            f"beta = 1/s = {row['beta_pred']:.3f}, whatever d",
            row["beta"], row["beta_pred"] - ABS_TOL, row["beta_pred"] + ABS_TOL,
            f"+-{ABS_TOL}: pre-asymptotic overshoot up to +0.06 at s = 4 and +-0.03 seed scatter.",
            expected=f"{row['beta_pred']:.3f} +- {ABS_TOL}",
            beta_interval=[row["beta_lo"], row["beta_hi"]],
            fit_range=[row["fit_P_min"], row["fit_P_max"]]))
    locals_ = [s for s in f.index.get_level_values("student").unique() if s.startswith("local")]
    dims = sorted(f.index.get_level_values("d").unique())
    if len(dims) >= 2:
        spread = max(float(np.ptp([f.loc[(d, s), "beta"] for d in dims if (d, s) in f.index]))
                     for s in locals_)
        claims.append(within(
            "beta_independent_of_d",
            f"a local student's beta is the same at d = {', '.join(map(str, dims))}",
            spread, None, ABS_TOL,
            "The prediction does not depend on d; two fits each within the seed scatter "
            "(+-0.03) and sharing the same pre-asymptotic bias differ by less than "
            f"{ABS_TOL}, whereas a 1/d law would move beta(s=2) by {1 / dims[0] - 1 / dims[-1]:.2f}.",
            expected=f"max over s of |beta(d) - beta(d')| <= {ABS_TOL}"))
    for d in dims:
        if (d, "conv2") in f.index and (d, "local2") in f.index:
            diff = abs(f.loc[(d, "conv2"), "beta"] - f.loc[(d, "local2"), "beta"])
            claims.append(within(
                f"translation_invariance_d{d}",
                "translation invariance does not change beta: a conv student on a conv teacher "
                "learns at the rate of a local student on a local teacher (same s)",
                float(diff), None, ABS_TOL, f"Same prediction 1/s for both; {ABS_TOL} as above.",
                expected=f"|beta_conv - beta_local| <= {ABS_TOL}"))
        if (d, "fc") in f.index and (d, "local2") in f.index:
            gap = f.loc[(d, "local2"), "beta"] - f.loc[(d, "fc"), "beta"]
            claims.append(within(
                f"fc_curse_d{d}",
                f"d={d}: a fully connected Laplace student learns far slower than a local one "
                f"(beta = 1/d against 1/s)",
                float(gap), 0.2, None,
                f"Predicted gap 1/2 - 1/{d} = {0.5 - 1 / d:.2f}; the FC curve is pre-asymptotic "
                "(steeper than 1/d at P <= 2048, by ~0.1 in exploration), so the claim asks "
                "for a gap of at least 0.2.", expected=">= 0.2"))
    return claims
