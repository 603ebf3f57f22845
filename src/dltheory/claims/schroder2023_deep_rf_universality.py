"""Claims of Schroeder, Cui, Dmitriev, Loureiro, ICML 2023, arXiv:2302.00401, judged on our runs.

The paper: the test error of ridge (and logistic) regression on deep random features is
given by a deterministic equivalent built from the features' population covariance, computed
layer by layer (Thm. 3.3, Eqs. (10)-(11)), and is *universal*: Gaussian features with the same
covariance give the same error (Thm. 3.4).  Tolerances were fixed from the seed noise and
the finite size before the results were looked at.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import Claim, within

__all__ = ["evaluate_claims"]

_WHY = ("Per simulated point: 2 standard errors of the seed mean plus 5% of the theory (the "
        "layer-wise linearisation drops higher Hermite terms of the covariance, O(1/sqrt(d)) ~ 10% "
        "per entry at d = 100 but averaging over the spectrum shrinks their effect on the error to "
        "a few %). Measured: worst |sim - theory| / allowance; <= 1 passes.")


def _worst(df: pd.DataFrame, col: str = "test_error_agreement") -> float:
    return float(df[col].max()) if len(df) else float("nan")


def evaluate_claims(points: pd.DataFrame, lines: pd.DataFrame) -> list[Claim]:
    """Judge the claims.

    Parameters
    ----------
    points : simulations (``features`` deep / gaussian) next to the theory
        (:func:`dltheory.gcm.exp_deep.deep_rf_collect`)
    lines : theory curves per ``(task, depth, alpha)`` (drawn, not judged)
    """
    ridge = points[points["task"] == "ridge"]
    deep, gauss = ridge[ridge["features"] == "deep"], ridge[ridge["features"] == "gaussian"]
    claims = [
        within("ridge_deep_features_match_theory",
               "ridge on deep random features: the deterministic equivalent with the layer-wise "
               "linearised covariance matches simulations at every depth and alpha",
               _worst(deep), None, 1.0, _WHY, expected="<= 1 (agreement ratio)",
               depths=sorted(deep["depth"].unique().tolist())),
        within("ridge_gaussian_features_match_theory",
               "ridge on Gaussian features with the same covariance matches the same theory",
               _worst(gauss), None, 1.0, _WHY, expected="<= 1 (agreement ratio)"),
    ]
    both = deep.merge(gauss, on=["task", "depth", "alpha"], suffixes=("_deep", "_gauss"))
    if len(both):
        diff = np.abs(both["test_error_deep"] - both["test_error_gauss"])
        allow = (2 * np.hypot(both["test_error_sem_deep"], both["test_error_sem_gauss"])
                 + 0.05 * both["test_error_theory_deep"])
        worst = float(np.max(diff / allow))
    else:
        worst = float("nan")
    claims.append(within(
        "error_universality",
        "deep random features and their Gaussian equivalents have the same test error",
        worst, None, 1.0,
        "Two independent seed means: 2 standard errors of their difference plus 5% of the "
        "theory (the same finite-size allowance as above). Measured: worst ratio over depth, alpha.",
        expected="<= 1 (agreement ratio)"))
    logistic = points[points["task"] == "logistic"]
    claims.append(within(
        "logistic_matches_theory",
        "logistic regression on deep random features: the GCM saddle point matches simulations",
        _worst(logistic), None, 1.0, _WHY, expected="<= 1 (agreement ratio)"))
    return claims
