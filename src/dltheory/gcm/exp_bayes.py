"""Bayes-optimal vs ridge, random features and kernels on a deep extensive-width target (arXiv:2302.00375).

Target: ``y = a . tanh2(W_2 tanh2(W_1 x / sqrt(d)) / sqrt(k_1)) / sqrt(k_2)`` (+ ``sqrt(Delta) z``),
``x ~ N(0, I_d)``, all weights i.i.d. standard Gaussian, ``tanh2(h) = tanh(2h)`` (the paper's
Fig. 1).  Against ``alpha = n / d``:

* the Bayes-optimal error ``eps_BO`` (:func:`dltheory.gcm.bayes.bayes_optimal_regression`);
* ridge regression on ``x`` at its optimal penalty (theory: GCM with the teacher-averaged
  linear target; the paper shows it attains ``eps_BO``), simulated on fresh teachers;
* random features ``tanh2(F x / sqrt(d))`` of width ``p = gamma d`` at their optimal penalty
  (theory: :func:`dltheory.gcm.linearisation.random_features_spectrum`), simulated;
* the kernel limit ``p -> infinity`` (theory only, ``p = 10^3 d``);
* classification of ``sign(y)``: Bayes-optimal error (Eq. (15)) and square-loss
  classification on ``x`` at its optimal penalty, simulated.

Errors of regression are reported divided by the target variance: the population value
``rho = c_lin + c_noise`` for theory and the empirical test-set variance for simulations
(one teacher's variance deviates from ``rho`` by ~10% at ``d = 500``, see the issue).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.seeding import derive_seed, rng
from .bayes import (bayes_optimal_classification, bayes_optimal_regression,
                    deep_target_coefficients, isotropic_linear_target)
from .channels import RidgeRegression, SquareClassification
from .common import points_table
from .estimators import ridge
from .linearisation import ge_coefficients, random_features_spectrum
from .replica import optimal_lambda
from .samplers import network_forward, random_weights, readout, wishart_gram
from .spectra import GCMSpectrum

__all__ = ["theory_curves", "optimal_penalties", "simulate_teacher", "rf_population_spectrum",
           "run_theory", "run_simulations", "collect"]


def rf_population_spectrum(gram: np.ndarray, p: int, activation: str, c_lin: float,
                           c_noise: float) -> GCMSpectrum:
    """Teacher-averaged GCM of random features with Gram ``F^T F``: ``E (v_j . c)^2 = c_lin / d``."""
    d = gram.shape[0]
    _, k1, ks, _ = (float(v) for v in ge_coefficients(activation, 1.0))
    spec = random_features_spectrum(gram, p, k1, ks, np.zeros(d), c_lin + c_noise)
    s = np.clip(np.linalg.eigvalsh(0.5 * (gram + gram.T)), 0, None)
    t = spec.t.copy()
    t[:d] = p * k1**2 * s * (c_lin / d) / d
    return GCMSpectrum(spec.omega, t, spec.weights, spec.rho, p)


def theory_curves(alphas, activations, rf_ratio: float, kernel_ratio: float, d: int,
                  noise: float, g: np.random.Generator) -> pd.DataFrame:
    """All theory curves on the grid ``alphas = n/d``: one row per ``(method, alpha)``.

    Columns ``method, alpha, error`` (regression errors over ``rho``; classification errors
    as rates) and ``lam`` (the optimal GCM penalty where one applies).
    """
    alphas = np.asarray(alphas, float)
    c_lin, c_noise = deep_target_coefficients(activations)
    rho = c_lin + c_noise
    rows = [pd.DataFrame({"method": "bayes_optimal", "alpha": alphas, "lam": np.nan,
                          "error": bayes_optimal_regression(alphas, c_lin, c_noise, noise) / rho})]
    ridge_spec = isotropic_linear_target(d, c_lin, c_noise)
    sol = optimal_lambda(ridge_spec, RidgeRegression(noise=noise), alphas)
    rows.append(pd.DataFrame({"method": "ridge", "alpha": alphas, "lam": sol.lam,
                              "error": sol.test_error / rho}))
    for method, ratio in (("random_features", rf_ratio), ("kernel", kernel_ratio)):
        p = int(round(ratio * d))
        spec = rf_population_spectrum(wishart_gram(g, p, d), p, activations[0], c_lin, c_noise)
        sol = optimal_lambda(spec, RidgeRegression(noise=noise), alphas * d / p)
        rows.append(pd.DataFrame({"method": method, "alpha": alphas, "lam": sol.lam,
                                  "error": sol.test_error / rho}))
    rows.append(pd.DataFrame({"method": "bayes_optimal_classification", "alpha": alphas,
                              "lam": np.nan,
                              "error": bayes_optimal_classification(alphas, c_lin, c_noise, noise)}))
    sol = optimal_lambda(isotropic_linear_target(d, c_lin, c_noise + noise),
                         SquareClassification(), alphas)
    rows.append(pd.DataFrame({"method": "square_classification", "alpha": alphas, "lam": sol.lam,
                              "error": sol.test_error}))
    out = pd.concat(rows, ignore_index=True)
    out["rho"] = rho
    return out


def optimal_penalties(theory: pd.DataFrame, method: str, alphas) -> list[float]:
    """The theory's optimal penalty of ``method`` at each simulated ``alpha`` (exact grid match)."""
    sub = theory[theory["method"] == method].set_index("alpha")["lam"]
    return [float(sub.loc[a]) for a in alphas]


def simulate_teacher(seed: int, d: int, widths, activations, rf_ratio: float, alphas,
                     lam_ridge, lam_rf, lam_class, n_test: int, noise: float) -> pd.DataFrame:
    """One teacher (replicate ``seed``): ridge, random-features ridge and square-loss classification.

    Streams: ``teacher`` (target weights), ``features`` (random-feature matrix), ``sample`` (data).
    Regression errors are divided by the empirical variance of the test targets.
    """
    gt = rng(derive_seed(seed, "teacher"))
    weights, prev = [], d
    for k in widths:
        weights.append(random_weights(gt, k, prev))
        prev = k
    a = gt.standard_normal(prev)
    F = random_weights(rng(derive_seed(seed, "features")), int(round(rf_ratio * d)), d)
    g = rng(derive_seed(seed, "sample"))
    sizes = [int(round(al * d)) for al in alphas]
    n_max = max(sizes)
    x = g.standard_normal((n_max + n_test, d))
    y = readout(network_forward(x, weights, activations), a)
    y_train = y[:n_max] + np.sqrt(noise) * g.standard_normal(n_max)
    y_test = y[n_max:]
    var = float(np.var(y_test))
    X, Xt = x[:n_max] / np.sqrt(d), x[n_max:] / np.sqrt(d)
    phi = network_forward(x, [F], [activations[0]]) / np.sqrt(F.shape[0])
    P, Pt = phi[:n_max], phi[n_max:]
    rows = []
    for al, n, l_r, l_f, l_c in zip(alphas, sizes, lam_ridge, lam_rf, lam_class):
        w = ridge(X[:n], y_train[:n], l_r)
        rows.append({"method": "ridge", "alpha": al, "lam": l_r,
                     "error": float(np.mean((Xt @ w - y_test) ** 2)) / var})
        w = ridge(P[:n], y_train[:n], l_f)
        rows.append({"method": "random_features", "alpha": al, "lam": l_f,
                     "error": float(np.mean((Pt @ w - y_test) ** 2)) / var})
        w = ridge(X[:n], np.sign(y_train[:n]), l_c)
        rows.append({"method": "square_classification", "alpha": al, "lam": l_c,
                     "error": float(np.mean(np.sign(Xt @ w) != np.sign(y_test)))})
    return pd.DataFrame(rows).assign(seed=seed, target_variance=var)


def run_theory(plan, g: np.random.Generator) -> pd.DataFrame:
    """All theory curves of a :class:`~dltheory.gcm.plans.BayesPlan` (grid includes the simulated ratios)."""
    return theory_curves(plan.alpha_theory, [plan.activation] * len(plan.widths), plan.rf_ratio,
                         plan.kernel_ratio, plan.d, plan.noise, g)


def run_simulations(plan, theory: pd.DataFrame) -> pd.DataFrame:
    """Every teacher of the plan, each method at the theory's optimal penalty."""
    lam = {m: optimal_penalties(theory, m, plan.alpha_sim)
           for m in ("ridge", "random_features", "square_classification")}
    return pd.concat([simulate_teacher(seed, plan.d, plan.widths,
                                       [plan.activation] * len(plan.widths), plan.rf_ratio,
                                       plan.alpha_sim, lam["ridge"], lam["random_features"],
                                       lam["square_classification"], plan.n_test, plan.noise)
                      for seed in plan.seeds], ignore_index=True)


def collect(sims: pd.DataFrame, theory: pd.DataFrame) -> pd.DataFrame:
    """Seed-averaged simulated errors next to the theory of the same method (and the Bayes optimum)."""
    points = points_table(sims, theory, ["method", "alpha"], values=("error",), rel_tol=0.02)
    bo = theory[theory["method"] == "bayes_optimal"].set_index("alpha")["error"]
    bo_c = theory[theory["method"] == "bayes_optimal_classification"].set_index("alpha")["error"]
    points["bayes_optimal"] = [
        (bo_c if m == "square_classification" else bo).loc[a]
        for m, a in zip(points["method"], points["alpha"])]
    return points
