"""Flat minima and generalisation in Gaussian-mixture classification (Pittorino et al., arXiv:2006.07897, Sec. 3).

For each margin loss and each ridge penalty ``lam`` (from sharp, ``lam -> 0``, to the
Bayes-optimal limit ``lam -> infinity``): the test error and the *local energy*
``delta_E(sigma)`` (training-error rise under multiplicative weight noise of relative size
``sigma``), from the replica saddle point (:mod:`dltheory.gcm.gmm`) and from ERM on sampled
mixtures.  The paper's claim on this model: the estimators that generalise best (the
Bayes-optimal direction ``sum_mu y_mu x_mu``) lie in the flattest regions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.seeding import derive_seed, rng
from .common import points_table
from .estimators import logistic_regression, ridge
from .gmm import local_energy, local_energy_theory, solve_gmm, train_error
from .samplers import gaussian_mixture

__all__ = ["simulate", "theory", "run_simulations", "run_theory", "collect"]


def simulate(loss: str, seed: int, d: int, alpha: float, delta: float, lambdas, sigmas,
             n_test: int, draws: int) -> pd.DataFrame:
    """ERM on one mixture (streams ``centroid``, ``sample``, ``perturbation``); one row per ``(lam, sigma)``."""
    mu = rng(derive_seed(seed, "centroid")).standard_normal(d)
    mu *= np.sqrt(d) / np.linalg.norm(mu)
    g = rng(derive_seed(seed, "sample"))
    n = int(round(alpha * d))
    X, y = gaussian_mixture(g, n, mu, delta)
    Xt, yt = gaussian_mixture(g, n_test, mu, delta)
    A = X * y[:, None] / np.sqrt(d)            # rows y x / sqrt(d): the margins are A w
    gp = rng(derive_seed(seed, "perturbation", loss))
    rows = []
    for lam in lambdas:
        w = ridge(A, np.ones(n), lam) if loss == "square" else logistic_regression(A, np.ones(n), lam)
        test = float(np.mean(yt * (Xt @ w) <= 0))
        le = local_energy(X, y, w, sigmas, gp, draws)
        for s, e in zip(sigmas, le):
            rows.append({"loss": loss, "seed": seed, "lam": float(lam), "sigma": float(s),
                         "test_error": test, "train_error": train_error(X, y, w),
                         "local_energy": float(e)})
    return pd.DataFrame(rows)


def theory(loss: str, alpha: float, delta: float, lambdas, sigmas) -> pd.DataFrame:
    """Saddle point at every ``lam`` and the local energy at every ``sigma``; one row per pair."""
    sol = solve_gmm(loss, alpha, np.asarray(lambdas, float), delta)
    if not sol.converged:
        raise RuntimeError(f"GMM saddle point ({loss}) did not converge")
    le = local_energy_theory(sol, sigmas)
    rows = []
    for i, lam in enumerate(sol.lam):
        for j, s in enumerate(sigmas):
            rows.append({"loss": loss, "lam": float(lam), "sigma": float(s),
                         "test_error": float(sol.test_error[i]),
                         "train_error": float(sol.train_error[i]),
                         "local_energy": float(le[i, j]), "q": float(sol.q[i]),
                         "m": float(sol.m[i])})
    return pd.DataFrame(rows)


def run_simulations(plan, loss: str) -> pd.DataFrame:
    """Every seed of a :class:`~dltheory.gcm.plans.FlatPlan` for one loss."""
    return pd.concat([simulate(loss, seed, plan.d, plan.alpha, plan.delta, plan.lambdas,
                               plan.sigmas, plan.n_test, plan.draws) for seed in plan.seeds],
                     ignore_index=True)


def run_theory(plan, loss: str) -> pd.DataFrame:
    """Theory on the union of the theory and simulated grids of ``lam`` and ``sigma``."""
    return theory(loss, plan.alpha, plan.delta, plan.lambda_theory, plan.sigma_theory)


def collect(sims: pd.DataFrame, theory_df: pd.DataFrame) -> pd.DataFrame:
    """Seed-averaged test error, training error and local energy next to the theory, per ``(loss, lam, sigma)``."""
    keys = ["loss", "lam", "sigma"]
    th = theory_df.merge(sims[keys].drop_duplicates(), on=keys)
    return points_table(sims, th, keys, values=("test_error", "train_error", "local_energy"))
