"""Claims of Tomasini, Sclocchi, Wyart, ICML 2022, arXiv:2202.03348, judged on our runs.

Tolerances fixed from exploratory runs (d = 1: 32 seeds, P <= 4096; d = 2: 4 seeds,
P <= 2048) before the final quick-scale results; the same at both scales.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import Claim, within
from ..core.fits import fit_power_law

__all__ = ["evaluate_claims"]

# Ridgeless exponent: the d = 1 error is set by the largest gap between training points
# around the boundary, a heavy-tailed quantity (local slopes over 32 seeds scattered in
# 0.8-1.3 in exploration); in d = 2 the local slopes scattered in 0.62-0.87 with 4 seeds.
BETA_TOL = {1: 0.2, 2: 0.15}
# Crossover exponent: lambda* is read off a grid of ridges a factor 3 apart by
# interpolation, with the scatter of the ridgeless error in the ratio; exploration gave
# -0.47 (pred -0.50) in d = 1 and about -0.25 (pred -0.33) in d = 2 over P >= 256.
CROSS_TOL = {1: 0.12, 2: 0.15}


def _slope(x, y) -> float:
    ok = np.isfinite(y) & (y > 0)
    return fit_power_law(np.asarray(x)[ok], np.asarray(y)[ok]).exponent if ok.sum() >= 2 else np.nan


def evaluate_claims(curves: pd.DataFrame, fits: pd.DataFrame, crossover: pd.DataFrame,
                    spectral_bias: pd.DataFrame, theory: pd.DataFrame,
                    fit_min: dict[int, int]) -> list[Claim]:
    """Judge the claims (tables written by the collect and theory rules)."""
    claims: list[Claim] = []
    th = theory.set_index("d")
    for row in fits.sort_values("d").to_dict("records"):
        d, tol = int(row["d"]), BETA_TOL.get(int(row["d"]), 0.15)
        claims.append(within(
            f"ridgeless_beta_d{d}",
            f"d={d}: ridgeless beta = (1+chi)/(d+chi) = {row['beta_pred']:.3f}",
            row["beta"], row["beta_pred"] - tol, row["beta_pred"] + tol,
            f"+-{tol}: heavy-tailed seed scatter of the boundary gaps (see module).",
            expected=f"{row['beta_pred']:.3f} +- {tol}",
            beta_interval=[row["beta_lo"], row["beta_hi"]],
            fit_range=[row["fit_P_min"], row["fit_P_max"]]))
    for d, g in crossover.groupby("d"):
        g = g[(g["P"] >= fit_min[int(d)]) & np.isfinite(g["lambda_star"])]
        pred, tol = float(th.loc[d, "lambda_star_exponent"]), CROSS_TOL.get(int(d), 0.15)
        claims.append(within(
            f"crossover_ridge_d{int(d)}",
            f"d={int(d)}: the crossover ridge lambda* scales as P^-1/(d+chi) = P^{pred:.3f}",
            _slope(g["P"], g["lambda_star"]), pred - tol, pred + tol,
            f"+-{tol}: lambda* interpolated on a ridge grid a factor ~3 apart, divided by a "
            "noisy ridgeless error (see module).", expected=f"{pred:.3f} +- {tol}",
            lambda_star=dict(zip(g["P"].astype(int), g["lambda_star"].round(4)))))
    m = curves[curves["d"] == 1].merge(spectral_bias, on=["d", "P", "ridge"])
    lam_star = crossover[crossover["d"] == 1].set_index("P")["lambda_star"]
    m = m.assign(lambda_star=m["P"].map(lam_star), ratio=m["error_mean"] / m["error_sb"])
    above = m[(m["ridge"] >= 8 * m["lambda_star"])]
    claims.append(within(
        "spectral_bias_holds_above_crossover",
        "d=1: for lambda >> lambda*(P) the measured error follows the spectral-bias (replica) "
        "prediction computed from the kernel's spectrum",
        float(np.max(np.abs(np.log(above["ratio"])))) if len(above) else np.nan, None,
        float(np.log(1.3)),
        "At lambda >= 8 lambda* the prediction is asymptotically exact; 32 seeds leave ~5% "
        "noise on the mean and the finite-P corrections are a few %, so a 30% band.",
        expected="max |log(eps / eps_SB)| <= log 1.3 for lambda >= 8 lambda*",
        n_points=len(above)))
    zero = m[m["ridge"] == 0].sort_values("P")
    claims.append(within(
        "spectral_bias_fails_ridgeless",
        "d=1: without ridge the spectral-bias prediction underestimates the error, the more "
        "so at larger P",
        float(zero["ratio"].iloc[-1]) if len(zero) else np.nan, 2.0, None,
        "The measured and predicted ridgeless curves decay with exponents 1 and 4/3: at the "
        "largest P their ratio is several (exploration: ~7 at P = 2048); 2 excludes agreement.",
        expected="eps / eps_SB >= 2 at ridge 0 and the largest P",
        ratios=dict(zip(zero["P"].astype(int), zero["ratio"].round(3)))))
    sb0 = spectral_bias[(spectral_bias["ridge"] == 0) & (spectral_bias["P"] >= fit_min[1])]
    pred_sb = float(th.loc[1, "beta_sb"])
    claims.append(within(
        "spectral_bias_exponent_d1",
        f"d=1: the spectral-bias prediction decays as P^-beta_SB with "
        f"beta_SB = (d+1)(1+chi)/(d(d+1+chi)) = {pred_sb:.3f}, steeper than the true beta",
        -_slope(sb0["P"], sb0["error_sb"]), pred_sb - 0.08, pred_sb + 0.08,
        "Both are our computations (replica equations on the kernel's quadrature spectrum "
        "against the scaling argument); +-0.08 allows the slow approach of the numerical "
        "curve (local slopes 1.39 -> 1.32 over P = 64 -> 2048).",
        expected=f"{pred_sb:.3f} +- 0.08"))
    return claims
