"""Gaussian equivalence: known coefficients, population covariances vs Monte Carlo."""

import numpy as np
import pytest

from dltheory.gcm.linearisation import (gcm_from_networks, ge_coefficients, linearise_network,
                                        random_features_spectrum)
from dltheory.gcm.samplers import network_forward, random_weights, readout
from dltheory.gcm.spectra import GCMSpectrum


def test_known_coefficients():
    # values used by the authors' code (GCMProject, single_layer_hmm.py) at r = 1
    _, k1, ks, _ = ge_coefficients("tanh", 1.0)
    assert (k1, ks) == (pytest.approx(0.605706, abs=1e-6), pytest.approx(0.165576, abs=1e-6))
    _, k1, ks, _ = ge_coefficients("erf", 1.0)
    assert k1 == pytest.approx(2 / np.sqrt(3 * np.pi)) and ks == pytest.approx(0.200364, abs=1e-6)
    k0, k1, ks, s2 = ge_coefficients("sign", np.array([1.0, 4.0]))
    assert np.allclose(k1, np.sqrt(2 / (np.pi * np.array([1.0, 4.0])))) and np.allclose(s2, 1)
    _, k1, ks, s2 = ge_coefficients("linear", 2.0)
    assert (k1, ks, s2) == (1.0, 0.0, 2.0)
    with pytest.raises(ValueError):
        ge_coefficients("tanh", 0.0)


def test_two_layer_covariances_match_monte_carlo():
    rng = np.random.default_rng(0)
    d, k1, k2, kt, N = 60, 120, 100, 50, 40_000
    Ws = [random_weights(rng, k1, d), random_weights(rng, k2, k1)]
    Wt, theta = random_weights(rng, kt, d), rng.standard_normal(kt)
    student = linearise_network(Ws, ["tanh", "tanh"])
    teacher = linearise_network([Wt], ["sign"])
    Omega, b, rho = gcm_from_networks(student, teacher, theta, np.eye(d))
    x = rng.standard_normal((N, d))
    v = network_forward(x, Ws, ["tanh", "tanh"])
    y = readout(network_forward(x, [Wt], ["sign"]), theta)
    Om_mc, b_mc = v.T @ v / N, v.T @ y / N
    assert np.allclose(np.diag(Omega), np.diag(Om_mc), rtol=0.03)          # diagonal exact
    off = ~np.eye(k2, dtype=bool)
    # off-diagonal: linearisation error O(1/d) per entry plus Monte-Carlo noise 1/sqrt(N)
    assert np.max(np.abs(Omega[off] - Om_mc[off])) < 3 / d + 5 / np.sqrt(N)
    # |b - b_mc|^2 against its Monte-Carlo variance: ~1 if the linearised b is right
    mc_var = np.sum(np.var(v * y[:, None], axis=0)) / N
    assert np.sum((b - b_mc) ** 2) / mc_var < 2.0
    assert rho == pytest.approx(np.mean(y**2), rel=0.03)


def test_random_features_spectrum_equals_full_eigendecomposition():
    rng = np.random.default_rng(1)
    p, d = 150, 60
    F = rng.standard_normal((p, d))
    c = rng.standard_normal(d) / np.sqrt(d)
    k1, ks = 0.6, 0.3
    Omega = k1**2 * F @ F.T / d + ks**2 * np.eye(p)
    full = GCMSpectrum.from_covariances(Omega, k1 * F @ c / np.sqrt(d), 1.0)
    small = random_features_spectrum(F.T @ F, p, k1, ks, c, 1.0)
    for f in (lambda w: 1 / (0.1 + w), lambda w: w / (0.3 + w) ** 2):
        assert np.sum(small.weights * f(small.omega)) == pytest.approx(np.sum(full.weights * f(full.omega)))
        assert np.sum(small.weights * small.t * f(small.omega)) == pytest.approx(
            np.sum(full.weights * full.t * f(full.omega)))


def test_non_odd_activations_are_refused():
    with pytest.raises(ValueError):
        linearise_network([np.ones((2, 2))], ["relu"])
