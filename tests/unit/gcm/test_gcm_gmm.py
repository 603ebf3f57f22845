"""Gaussian mixture: Bayes-optimal error, ERM saddle point and local energy against simulation."""

import numpy as np
import pytest

from dltheory.gcm.estimators import logistic_regression, ridge
from dltheory.gcm.gmm import (bayes_optimal_error, gaussian_tail, local_energy,
                              local_energy_theory, solve_gmm, train_error)
from dltheory.gcm.samplers import gaussian_mixture


def _mixture(rng, d, n, delta):
    mu = rng.standard_normal(d)
    mu *= np.sqrt(d) / np.linalg.norm(mu)
    return mu, gaussian_mixture(rng, n, mu, delta)


def test_hebbian_estimator_has_the_bayes_error():
    rng = np.random.default_rng(0)
    d, alpha, delta = 300, 1.5, 1.0
    errs = []
    for _ in range(10):
        mu, (X, y) = _mixture(rng, d, int(alpha * d), delta)
        w = (X * y[:, None]).sum(axis=0)
        Xt, yt = gaussian_mixture(rng, 5000, mu, delta)
        errs.append(np.mean(yt * (Xt @ w) <= 0))
    bo = bayes_optimal_error(alpha, delta)
    assert abs(np.mean(errs) - bo) < 3 * np.std(errs) / np.sqrt(10) + 0.01 * bo
    assert gaussian_tail(0.0) == 0.5


@pytest.mark.parametrize("loss", ["square", "logistic"])
def test_large_penalty_limit_is_bayes_optimal(loss):
    sol = solve_gmm(loss, [0.5, 2.0], 1e4, 1.0)
    assert sol.converged
    assert np.allclose(sol.test_error, bayes_optimal_error(np.array([0.5, 2.0]), 1.0), rtol=1e-3)


@pytest.mark.parametrize("loss, lam", [("square", 0.05), ("logistic", 0.05)])
def test_theory_matches_simulation(loss, lam):
    """d = 300, 8 draws: test error, training error and local energy within 3 s.e.m. + 5%."""
    rng = np.random.default_rng(1)
    d, alpha, delta, sigmas = 300, 2.0, 1.0, np.array([0.3, 0.8])
    sol = solve_gmm(loss, alpha, lam, delta)
    le_th = local_energy_theory(sol, sigmas)[0]
    test, train, le = [], [], []
    for _ in range(8):
        mu, (X, y) = _mixture(rng, d, int(alpha * d), delta)
        A = X * y[:, None] / np.sqrt(d)
        w = ridge(A, np.ones(len(y)), lam) if loss == "square" else \
            logistic_regression(A, np.ones(len(y)), lam)
        Xt, yt = gaussian_mixture(rng, 4000, mu, delta)
        test.append(np.mean(yt * (Xt @ w) <= 0))
        train.append(train_error(X, y, w))
        le.append(local_energy(X, y, w, sigmas, rng, draws=32))
    for sim, th in ((test, sol.test_error[0]), (train, sol.train_error[0])):
        assert abs(np.mean(sim) - th) <= 3 * np.std(sim) / np.sqrt(8) + 0.05 * th + 2e-3
    le = np.array(le)
    assert np.all(np.abs(le.mean(0) - le_th) <= 3 * le.std(0) / np.sqrt(8) + 0.05 * le_th + 2e-3)


def test_local_energy_is_zero_without_perturbation_and_grows():
    sol = solve_gmm("square", 2.0, [0.01, 10.0], 1.0)
    le = local_energy_theory(sol, [1e-6, 0.2, 0.5, 1.0])
    assert np.allclose(le[:, 0], 0, atol=1e-4)
    assert np.all(np.diff(le, axis=1) > 0)
    assert np.all(le[1, 1:] < le[0, 1:])      # the large-penalty minimiser is flatter
    with pytest.raises(ValueError):
        solve_gmm("hinge", 2.0, 1.0, 1.0)
