"""Channels: proximal operator, quadrature, conjugate overlaps against direct numerical integration."""

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.optimize import minimize_scalar
from scipy.special import erf, expit

from dltheory.gcm.channels import (LogisticClassification, RidgeRegression, SquareClassification,
                                   classification_error, logistic_prox, normal_grid)


def test_logistic_prox_solves_its_equation_everywhere():
    rng = np.random.default_rng(0)
    omega = rng.normal(0, 30, 20000)
    V = 10 ** rng.uniform(-3, 4, 20000)
    y = rng.choice([-1.0, 1.0], 20000)
    eta = logistic_prox(y, omega, V)
    resid = np.abs(eta - omega - V * y * expit(-y * eta)) / (1 + V + np.abs(omega))
    assert np.max(resid) < 1e-9
    # and it is the minimiser of the Moreau objective
    for i in range(5):
        f = lambda z: (z - omega[i]) ** 2 / (2 * V[i]) + np.logaddexp(0, -y[i] * z)
        assert eta[i] == pytest.approx(minimize_scalar(f, tol=1e-12).x, abs=1e-5 * (1 + V[i]))


def test_normal_grid_integrates_gaussian_moments():
    x, w = normal_grid(301)
    assert w.sum() == pytest.approx(1.0)
    assert w @ x**2 == pytest.approx(1.0, rel=1e-12)
    assert w @ x**4 == pytest.approx(3.0, rel=1e-12)
    # a steep but smooth label probability: E Phi(a xi + b) = Phi(b / sqrt(1 + a^2))
    Phi = lambda z: 0.5 * (1 + erf(z / np.sqrt(2)))
    for a in (1.0, 10.0):
        assert w @ Phi(a * x + 0.3) == pytest.approx(Phi(0.3 / np.sqrt(1 + a**2)), abs=1e-9)


def test_classification_error_known_values():
    assert classification_error(1.0, 1.0, 1.0) == pytest.approx(0.0)
    assert classification_error(1.0, 0.0, 1.0) == pytest.approx(0.5)
    assert classification_error(2.0, 1.0, 2.0) == pytest.approx(np.arccos(0.5) / np.pi)


def _direct_hats(loss, alpha, V, q, m, rho):
    """The channel integrals of the module docstring by scipy quad and a scalar minimiser."""
    vs = rho - m**2 / q
    out = np.zeros(3)
    for y in (1.0, -1.0):
        def parts(xi):
            om = np.sqrt(q) * xi
            om_s = m / np.sqrt(q) * xi
            Z = 0.5 * (1 + erf(y * om_s / np.sqrt(2 * vs)))
            dZ = y * np.exp(-om_s**2 / (2 * vs)) / np.sqrt(2 * np.pi * vs)
            eta = minimize_scalar(lambda z: (z - om) ** 2 / (2 * V) + loss(y, z), tol=1e-12).x
            f = (eta - om) / V
            h = 1e-4
            l2 = (loss(y, eta + h) - 2 * loss(y, eta) + loss(y, eta - h)) / h**2
            g = np.exp(-xi**2 / 2) / np.sqrt(2 * np.pi)
            return g * np.array([Z * l2 / (1 + V * l2), Z * f**2, dZ * f])
        for j in range(3):
            out[j] += quad(lambda xi: parts(xi)[j], -9, 9, limit=200)[0]
    return alpha * out


@pytest.mark.parametrize("V, q, m", [(0.7, 0.8, 0.5), (3.0, 2.0, 1.1)])
def test_logistic_hats_match_direct_integration(V, q, m):
    rho, alpha = 1.5, 1.3
    got = LogisticClassification(n_grid=401).hats(np.array([alpha]), np.array([V]),
                                                  np.array([q]), np.array([m]), rho)
    want = _direct_hats(lambda y, z: np.logaddexp(0, -y * z), alpha, V, q, m, rho)
    assert np.allclose(np.ravel(got), want, rtol=2e-4)


def test_square_classification_hats_match_direct_integration():
    rho, alpha, V, q, m = 1.5, 1.3, 0.7, 0.8, 0.5
    got = SquareClassification().hats(alpha, V, q, m, rho)
    want = _direct_hats(lambda y, z: 0.5 * (y - z) ** 2, alpha, V, q, m, rho)
    assert np.allclose(got, want, rtol=2e-4)


def test_ridge_hats_and_errors():
    vh, qh, mh = RidgeRegression(noise=0.2).hats(2.0, 1.0, 0.5, 0.3, 1.0)
    assert (vh, mh) == (1.0, 1.0) and qh == pytest.approx(2.0 * (1.2 + 0.5 - 0.6) / 4)
    assert RidgeRegression().test_error(0.5, 0.3, 1.0) == pytest.approx(0.9)
    assert RidgeRegression().square_form(1.0) == (1.0, 1.0)
    assert LogisticClassification().square_form(1.0) is None
