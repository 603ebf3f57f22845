"""The GCM saddle point: three routes agree for the square loss; Monte Carlo agrees with theory."""

import numpy as np
import pytest

from dltheory.gcm.channels import LogisticClassification, RidgeRegression, SquareClassification
from dltheory.gcm.estimators import logistic_regression, ridge
from dltheory.gcm.replica import optimal_lambda, solve_gcm
from dltheory.gcm.resolvent import ridge_risk
from dltheory.gcm.spectra import GCMSpectrum


def _rf_model(rng, p=300, d=150):
    """Gaussian covariates with an RF-like covariance and a linear teacher of the latent."""
    F = rng.standard_normal((p, d))
    Omega = 0.6**2 * F @ F.T / d + 0.3**2 * np.eye(p)
    theta = rng.standard_normal(d)
    b = 0.6 * F @ theta / d
    return Omega, b, float(theta @ theta / d), F, theta


def test_square_loss_three_routes_agree():
    rng = np.random.default_rng(0)
    Omega, b, rho, *_ = _rf_model(rng)
    spec = GCMSpectrum.from_covariances(Omega, b, rho)
    alpha = np.array([0.3, 0.9, 1.0, 2.5])
    lam = 0.05
    closed = solve_gcm(spec, RidgeRegression(noise=0.1), alpha, lam)
    iterated = solve_gcm(spec, RidgeRegression(noise=0.1), alpha, lam,
                         init=np.tile([1.0, 0.5, 0.2], (4, 1)))
    de, de_train, _ = ridge_risk(spec, alpha, lam / alpha, noise=0.1)
    assert closed.converged and iterated.converged and iterated.iterations > 0
    assert np.allclose(closed.test_error, iterated.test_error, rtol=1e-7)
    assert np.allclose(closed.test_error, de, rtol=1e-7)
    assert np.allclose(closed.train_loss, de_train, rtol=1e-7)
    sq = solve_gcm(spec, SquareClassification(), alpha, lam)
    sq_it = solve_gcm(spec, SquareClassification(), alpha, lam, init=np.tile([1, .5, .2], (4, 1)))
    assert np.allclose(sq.test_error, sq_it.test_error, rtol=1e-7)


def test_large_penalty_and_many_samples_limits():
    rng = np.random.default_rng(1)
    Omega, b, rho, *_ = _rf_model(rng)
    spec = GCMSpectrum.from_covariances(Omega, b, rho)
    far = solve_gcm(spec, RidgeRegression(), 1.0, 1e6)
    assert far.test_error[0] == pytest.approx(rho, rel=1e-4)          # predicts 0
    many = solve_gcm(spec, RidgeRegression(), 1e4, 1e-6)
    assert many.test_error[0] == pytest.approx(rho - spec.signal, rel=1e-2)  # best linear fit


def _gaussian_data(rng, Omega, b, rho, n):
    L = np.linalg.cholesky(Omega)
    v = rng.standard_normal((n, len(b))) @ L.T
    coef = np.linalg.solve(Omega, b)
    nu = v @ coef + np.sqrt(rho - b @ coef) * rng.standard_normal(n)
    return v, nu


def test_ridge_and_logistic_theory_match_monte_carlo():
    """GCM data sampled exactly: simulation within 3 standard errors + 3% (p = 300, 6 draws)."""
    rng = np.random.default_rng(2)
    Omega, b, rho, *_ = _rf_model(rng)
    p = len(b)
    spec = GCMSpectrum.from_covariances(Omega, b, rho)
    for channel, alpha, lam in ((RidgeRegression(), 2.0, 0.1), (LogisticClassification(), 1.5, 0.1)):
        th = solve_gcm(spec, channel, alpha, lam)
        errs = []
        for _ in range(6):
            v, nu = _gaussian_data(rng, Omega, b, rho, int(alpha * p) + 3000)
            A, At, n = v / np.sqrt(p), v[-3000:] / np.sqrt(p), int(alpha * p)
            if channel.classification:
                w = logistic_regression(A[:n], np.sign(nu[:n]), lam)
                errs.append(np.mean(np.sign(At @ w) != np.sign(nu[-3000:])))
            else:
                w = ridge(A[:n], nu[:n], lam)
                errs.append(np.mean((At @ w - nu[-3000:]) ** 2))
        sem = np.std(errs) / np.sqrt(len(errs))
        assert abs(np.mean(errs) - th.test_error[0]) <= 3 * sem + 0.03 * th.test_error[0]


def test_optimal_lambda_beats_its_neighbours():
    rng = np.random.default_rng(3)
    Omega, b, rho, *_ = _rf_model(rng)
    spec = GCMSpectrum.from_covariances(Omega, b, rho)
    best = optimal_lambda(spec, RidgeRegression(noise=0.5), [0.5, 2.0])
    for factor in (0.7, 1.4):
        other = solve_gcm(spec, RidgeRegression(noise=0.5), [0.5, 2.0], best.lam * factor)
        assert np.all(other.test_error >= best.test_error - 1e-12)
