"""The GCM spectrum: built from covariances, consistent with the paper's (Psi, Phi, Omega, theta), compressible."""

import numpy as np
import pytest

from dltheory.gcm.spectra import GCMSpectrum


def _model(rng, p=60, k=40):
    A = rng.standard_normal((p + k, p + k)) / np.sqrt(p + k)
    C = A @ A.T + 0.1 * np.eye(p + k)          # joint covariance of (u, v)
    Psi, Phi, Omega = C[:k, :k], C[:k, k:], C[k:, k:]
    return Psi, Phi, Omega, rng.standard_normal(k)


def test_from_teacher_matches_direct_overlaps():
    rng = np.random.default_rng(0)
    Psi, Phi, Omega, theta = _model(rng)
    spec = GCMSpectrum.from_teacher(Psi, Phi, Omega, theta)
    k, p = theta.size, Omega.shape[0]
    b = Phi.T @ theta / np.sqrt(k)
    assert spec.rho == pytest.approx(theta @ Psi @ theta / k)
    # <t> = |b|^2 and <t / omega> = b^T Omega^-1 b
    assert np.sum(spec.weights * spec.t) == pytest.approx(b @ b)
    assert spec.signal == pytest.approx(b @ np.linalg.solve(Omega, b))
    assert spec.signal <= spec.rho + 1e-12          # Cauchy-Schwarz
    assert spec.p == p and np.isclose(spec.weights.sum(), 1)


def test_compress_keeps_spectral_averages():
    rng = np.random.default_rng(1)
    Psi, Phi, Omega, theta = _model(rng, p=400, k=50)
    spec = GCMSpectrum.from_teacher(Psi, Phi, Omega, theta)
    small = spec.compress(60)
    assert small.omega.size <= 60
    for f in (lambda w: w, lambda w: 1 / (1 + w), lambda w: w**2):
        assert np.sum(small.weights * f(small.omega)) == pytest.approx(
            np.sum(spec.weights * f(spec.omega)), rel=2e-2)
    assert np.sum(small.weights * small.t) == pytest.approx(np.sum(spec.weights * spec.t))


def test_invalid_spectra_are_rejected():
    with pytest.raises(ValueError):
        GCMSpectrum(np.array([1.0, -1.0]), np.ones(2), np.full(2, 0.5), 1.0, 2)
    with pytest.raises(ValueError):
        GCMSpectrum(np.ones(2), np.ones(2), np.ones(2), 1.0, 2)     # weights sum to 2
    with pytest.raises(ValueError):
        GCMSpectrum(np.ones(2), np.ones(2), np.full(2, 0.5), 0.0, 2)
