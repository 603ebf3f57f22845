"""Claims of Cui, Krzakala, Zdeborova, ICML 2023, arXiv:2302.00375, judged on our runs.

The paper: with n = alpha d samples of a deep random network of extensive width, the
Bayes-optimal error is that of a Gaussian linear model (Eqs. (12)-(14)); optimally
regularised ridge regression attains it, and random features or kernels do no better.
Tolerances were fixed from the seed (teacher) noise and the finite size before the results
were looked at.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import Claim, within

__all__ = ["evaluate_claims"]

_WHY_SIM = (
    "Per alpha: 2 standard errors of the mean over teachers plus 2% of the theory. Errors "
    "are divided by each teacher's empirical target variance: one teacher's variance is "
    "~10% off the population value at d = 500 (issue 5's probe), the normalised error "
    "fluctuates by ~3% between teachers; the 2% is the finite-size allowance at which the "
    "probe found agreement. Measured: worst |sim - theory| / allowance; <= 1 passes.")


def _curve(theory: pd.DataFrame, method: str) -> pd.Series:
    return theory[theory["method"] == method].set_index("alpha")["error"].sort_index()


def evaluate_claims(points: pd.DataFrame, theory: pd.DataFrame) -> list[Claim]:
    """Judge the claims on :func:`dltheory.gcm.exp_bayes.collect` points and the theory curves."""
    bo = _curve(theory, "bayes_optimal")
    ridge = _curve(theory, "ridge")
    gap = float(np.max(np.abs(ridge / bo - 1))) if len(bo) else np.nan
    claims = [within(
        "ridge_attains_bayes_optimal",
        "optimally regularised ridge regression attains the Bayes-optimal error at every alpha "
        "(theory)", gap, None, 1e-3,
        "Two independent computations (a scalar Bayes-optimal fixed point; the ridge risk "
        "minimised over a grid of penalties refined to within 4% of the optimum) must agree to "
        "the optimiser's precision; the error is quadratic around the optimal penalty.",
        expected="max |eps_ridge / eps_BO - 1| <= 1e-3")]
    sim = points[points["method"] == "ridge"]
    claims.append(within(
        "optimal_ridge_simulation_attains_bayes_optimal",
        "simulated optimally regularised ridge (d = 500) reaches the Bayes-optimal error, "
        "normalised by the target variance",
        float(sim["error_agreement"].max()) if len(sim) else np.nan, None, 1.0, _WHY_SIM,
        expected="<= 1 (agreement ratio)", alphas=sim["alpha"].tolist()))
    rf = points[points["method"] == "random_features"]
    claims.append(within(
        "random_features_match_theory",
        "ridge on random features at its optimal penalty matches its Gaussian-covariate theory",
        float(rf["error_agreement"].max()) if len(rf) else np.nan, None, 1.0, _WHY_SIM,
        expected="<= 1 (agreement ratio)"))
    excess = []
    for method in ("random_features", "kernel"):
        curve = _curve(theory, method)
        excess.append(float(np.min(curve / bo.loc[curve.index] - 1)) if len(curve) else np.nan)
    claims.append(within(
        "random_features_and_kernel_no_better",
        "random features and the kernel limit, each at its optimal penalty, never beat the "
        "Bayes-optimal error (theory)", min(excess), -1e-3, None,
        "Bayes optimality bounds every estimator; -1e-3 allows the optimiser's precision only. "
        "Measured: the smallest relative excess over alpha and both methods.",
        expected=">= -1e-3", random_features=excess[0], kernel=excess[1]))
    cl = points[points["method"] == "square_classification"]
    claims.append(within(
        "classification_matches_theory",
        "square-loss classification of sign(y) at its optimal penalty matches its theory",
        float(cl["error_agreement"].max()) if len(cl) else np.nan, None, 1.0,
        _WHY_SIM.replace("Errors are divided by each teacher's empirical target variance: o",
                         "Classification errors need no normalisation; o"),
        expected="<= 1 (agreement ratio)"))
    bo_c = _curve(theory, "bayes_optimal_classification")
    sq = _curve(theory, "square_classification")
    claims.append(within(
        "bayes_classification_bound",
        "the Bayes-optimal classification error (Eq. (15)) lies below square-loss classification",
        float(np.min(sq - bo_c.loc[sq.index])) if len(sq) else np.nan, -1e-4, None,
        "Bayes optimality; the two are computed by unrelated equations, so this checks both. "
        "They meet as alpha -> 0 (both tend to 1/2), so -1e-4 allows for quadrature precision.",
        expected=">= -1e-4"))
    return claims
