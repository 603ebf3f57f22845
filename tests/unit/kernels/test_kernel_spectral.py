"""Spectral-bias (eigenlearning) equations: the effective ridge, limits, and the predicted error
against a Monte-Carlo of ridge regression with Gaussian features of the same spectrum."""

import numpy as np
import pytest

from dltheory.kernels.spectral import effective_ridge, spectral_bias_curve, spectral_bias_error


def _spectrum(n=2000, a=1.6, b=2.2):
    k = np.arange(1, n + 1, dtype=float)
    return k**-a, k**-b  # eigenvalues lambda_rho, target power c_rho^2


def test_effective_ridge_solves_its_equation():
    lam, _ = _spectrum()
    for ridge, P in ((0.0, 50), (1e-3, 50), (1.0, 500)):
        k = effective_ridge(lam, ridge, P)
        assert np.sum(lam / (lam + k)) + ridge / k == pytest.approx(P, rel=1e-9)
    with pytest.raises(ValueError):
        effective_ridge(lam[:10], 0.0, 10)


def test_limits():
    lam, c2 = _spectrum()
    # huge ridge: nothing is learnt, the error is the target's power
    assert spectral_bias_error(lam, c2, 1e9, 100)["error"] == pytest.approx(c2.sum(), rel=1e-5)
    # error decreases with P and the callable form equals the array form
    errs = spectral_bias_curve(lam, c2, [0.0, 1e-2], [10, 100, 1000])
    assert np.all(np.diff(errs, axis=1) < 0)

    def bias(k):
        return float(np.sum((k / (lam + k)) ** 2 * c2))
    a, b = spectral_bias_error(lam, c2, 1e-3, 64), spectral_bias_error(lam, bias, 1e-3, 64)
    assert a["error"] == pytest.approx(b["error"], rel=1e-12)


def test_prediction_matches_ridge_regression_with_gaussian_features():
    """x -> features g_rho sqrt(lambda_rho), g ~ N(0, 1): K = sum lambda g g', target
    sum c_rho g_rho. Eqs. (1)-(3) are exact for P, N -> inf; at P = 200, N = 1000 the
    finite-size corrections are O(1/P) (a few %) and 40 draws leave ~4% seed noise: 15%."""
    lam, c2 = _spectrum(1000)
    rng = np.random.default_rng(0)
    P, T, ridge = 200, 300, 1e-3
    errs = []
    for _ in range(40):
        G = rng.standard_normal((P + T, len(lam)))
        F = G * np.sqrt(lam)
        y = G @ np.sqrt(c2)
        K = F[:P] @ F[:P].T
        a = np.linalg.solve(K + ridge * np.eye(P), y[:P])
        errs.append(np.mean((F[P:] @ (F[:P].T @ a) - y[P:]) ** 2))
    pred = spectral_bias_error(lam, c2, ridge, P)["error"]
    assert np.mean(errs) == pytest.approx(pred, rel=0.15)
