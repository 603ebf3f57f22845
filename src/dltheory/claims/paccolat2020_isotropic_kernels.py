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


# Regression of a field on d_par of d coordinates (item i): accepted |beta - beta_pred|.
# Fixed after one 3-seed exploratory run at the quick scale (d = 3, P <= 4096: 0.336 at
# d_par = 1 and 0.297 at d_par = 3 against 1/3) and before the pipeline's run. A tail fit over
# a factor 8 in P with 3 seeds scatters by ~+-0.04 (the field's error fluctuates by ~10-15% per
# draw); a Laplace student on Gaussian inputs approaches its exponent from below (sparse
# tails), ~-0.04 at P <= 4k: +-0.08 covers both and still separates 1/d from 1/d_par.
REGRESSION_TOL = 0.08
# beta(d_par) may differ across d_par by the two fits' scatter (2 x 0.04) plus the d_par-
# dependent pre-asymptotic bias (0.04 in the exploratory run): at most 0.12.
REGRESSION_SPREAD = 0.12


def evaluate_claims(fits: pd.DataFrame, runs: pd.DataFrame, compression: pd.DataFrame,
                    theory: pd.DataFrame, sphere_fits: pd.DataFrame, sphere_runs: pd.DataFrame,
                    regression_fits: pd.DataFrame) -> list[Claim]:
    """Judge the claims: stripe fits per d, all stripe SVM runs, compression runs, stripe
    theory table, spherical-model fits and runs, invariant-field regression fits."""
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
    for row in sphere_fits.sort_values(["d", "d_par"]).to_dict("records"):
        pred, d, dp = row["beta_pred"], int(row["d"]), int(row["d_par"])
        model = "y(|x|)" if dp == d else f"y(|x_par|), d_par={dp}"
        claims.append(within(
            f"sphere_beta_d{d}_par{dp}",
            f"spherical model {model}, d={d}: beta = (d-1+xi)/(3d-3+xi) = {pred:.3f}, as for the stripe",
            row["beta"], pred + BAND[0], pred + BAND[1],
            "The stripe's band, reused unchanged: the same SVM, P range and seeds, and the same "
            "argument (a smooth (d-1)-dimensional boundary without margin); the "
            "boundary's curvature 1/R ~ 0.6-0.9 is a correction of relative size r_c/R, small at "
            "the spacings r_c ~ P^-1/d of the fit range. Not widened after 2-seed exploratory "
            "runs measured +0.08 (d=2) and +0.11 (d=3).",
            expected=f"{pred:.3f} in [{BAND[0]:+.2f}, {BAND[1]:+.2f}]",
            beta_interval=[row["beta_lo"], row["beta_hi"]],
            fit_range=[row["fit_P_min"], row["fit_P_max"]]))
    reg = regression_fits.sort_values("d_par")
    for row in reg.to_dict("records"):
        pred, d, dp = row["beta_pred"], int(row["d"]), int(row["d_par"])
        claims.append(within(
            f"regression_beta_d{d}_par{dp}",
            f"Laplace field on d_par={dp} of d={d} coordinates, ridgeless Laplace regression: "
            f"beta = min(a_T, 2(d+a_S))/d = {pred:.3f} (the full d, not d_par)",
            row["beta"], pred - REGRESSION_TOL, pred + REGRESSION_TOL,
            "Seed scatter (~+-0.04 over a factor 8 in P with the quick seeds) and the Laplace "
            "student's pre-asymptotic bias on Gaussian inputs (~-0.04 at P <= 4k in the one "
            "exploratory run that fixed this tolerance).",
            expected=f"{pred:.3f} +- {REGRESSION_TOL}",
            beta_interval=[row["beta_lo"], row["beta_hi"]],
            fit_range=[row["fit_P_min"], row["fit_P_max"]]))
    if len(reg) >= 2:
        lo, hi = reg.iloc[0], reg.iloc[-1]
        claims.append(within(
            "regression_invariance_not_exploited",
            f"the isotropic kernel does not exploit the invariance: beta(d_par={int(lo['d_par'])}) "
            f"- beta(d_par={int(hi['d_par'])}) stays ~0 (a kernel on x_par alone would reach "
            f"1/d_par = {lo['beta_if_invariant']:.2f})",
            float(lo["beta"] - hi["beta"]), -REGRESSION_SPREAD, REGRESSION_SPREAD,
            "Two tail fits' seed scatter (2 x 0.04) plus a d_par-dependent pre-asymptotic bias "
            "(0.04 in exploration); exploiting the invariance would add "
            f"{lo['beta_if_invariant'] - lo['beta_pred']:.2f}.",
            expected=f"|difference| <= {REGRESSION_SPREAD}"))
    worst = float(runs["min_margin"].min()) if len(runs) else float("nan")
    if len(sphere_runs):
        worst = min(worst, float(sphere_runs["min_margin"].min()))
    claims.append(within(
        "hard_margin_reached", "every SVM (stripe and sphere) reached the hard-margin optimum "
        "(all margins >= 1)",
        worst, 1.0 - 1e-6, None,
        "The solver stops when every margin is >= 1 - 1e-8; the prediction needs the hard "
        "margin (a soft margin overestimates beta).", expected=">= 1 - 1e-6"))
    return claims
