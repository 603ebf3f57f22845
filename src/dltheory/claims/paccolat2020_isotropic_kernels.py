"""Claims of Paccolat, Spigler, Wyart (2021), arXiv:2006.09754, judged on our SVM runs.

Tolerances fixed from exploratory runs and the issue's probe before the final quick-scale
results; the same at both scales.
"""

from __future__ import annotations

import pandas as pd

from ..core.checks import Claim, within
from ..kernels.tables import compression_fit

__all__ = ["evaluate_claims", "BAND"]

# Accepted beta - beta_pred. Finite-size corrections are positive: the probe
# (hard margin, P <= 16384, 4 seeds) measured +0.033 / +0.017 / +0.012 at d = 2, 3, 5, and
# a single-seed exploratory curve here (P <= 8192) +0.08 / +0.08 / +0.04; with 4 seeds a tail
# fit over a factor 8 in P scatters by ~+-0.04. Hence [-0.05, +0.10]; a soft margin (the
# failure mode named in the issue) overshoots by up to 0.08 on top of the finite-size bias.
BAND = (-0.05, 0.10)


def evaluate_claims(fits: pd.DataFrame, runs: pd.DataFrame, compression: pd.DataFrame,
                    theory: pd.DataFrame) -> list[Claim]:
    """Judge the claims: fits per d, all SVM runs, compression runs, theory table."""
    claims: list[Claim] = []
    for row in fits.sort_values("d").to_dict("records"):
        pred = row["beta_pred"]
        claims.append(within(
            f"beta_d{row['d']}", f"d={row['d']}: beta = (d-1+xi)/(3d-3+xi) = {pred:.3f} (Laplace, xi=1)",
            row["beta"], pred + BAND[0], pred + BAND[1],
            "Positive finite-size bias at P <= 16k (+0.01..+0.03 in the issue's probe, up to "
            "+0.08 at P <= 8k here) and +-0.04 seed scatter of a tail fit over a factor 8 in P.",
            expected=f"{pred:.3f} in [{BAND[0]:+.2f}, {BAND[1]:+.2f}]",
            beta_interval=[row["beta_lo"], row["beta_hi"]],
            fit_range=[row["fit_P_min"], row["fit_P_max"]]))
    top = fits.sort_values("d").iloc[-1]
    claims.append(within(
        "no_curse_of_dimensionality",
        f"at the largest d = {top['d']}, beta stays well above the 1/d of a generic target "
        "(beta -> 1/3 as d -> infinity)",
        top["beta"] - 1.0 / top["d"], 0.1, None,
        "The prediction exceeds 1/d by 0.18 at d = 5 and by 0.25 at d = 8; requiring 0.1 "
        "leaves room for the lower end of the accepted band.",
        expected="beta - 1/d >= 0.1"))
    comp_d = int(theory.loc[theory["compression_run"], "d"].iloc[0])
    pred_c = float(theory.loc[theory["compression_run"], "compression_pred"].iloc[0])
    fit = compression_fit(compression, max_factor=float(compression["compress"].max()))
    claims.append(within(
        "compression_exponent",
        f"compressing the invariant directions by lambda lowers the error as "
        f"lambda^-2(d-1)/(3d-3+xi) = lambda^-{pred_c:.3f} at d = {comp_d}, fixed P",
        fit["exponent"], pred_c - 0.12, pred_c + 0.12,
        "A least-squares slope over lambda in [1, 4] at one P with 8 seeds: the seed scatter of "
        "each error is ~10% (0.07 on a slope over a factor 4); the law holds while the "
        "compressed problem is still d-dimensional, and bends flatter beyond lambda ~ 4 "
        "(measured in exploration), which would bias the slope low.",
        expected=f"{pred_c:.3f} +- 0.12", **fit))
    worst = float(runs["min_margin"].min()) if len(runs) else float("nan")
    claims.append(within(
        "hard_margin_reached", "every SVM reached the hard-margin optimum (all margins >= 1)",
        worst, 1.0 - 1e-6, None,
        "The solver stops when every margin is >= 1 - 1e-8; the prediction needs the hard "
        "margin (a soft margin overestimates beta).", expected=">= 1 - 1e-6"))
    return claims
