"""Samplers: spectra, mixtures, Wishart Gram matrices, network forward passes."""

import numpy as np
import pytest

from dltheory.gcm.samplers import (gaussian_inputs, gaussian_mixture, network_forward,
                                   power_law_spectrum, random_weights, readout, wishart_gram)


def test_power_law_spectrum():
    s = power_law_spectrum(100, 1.0)
    assert s.mean() == pytest.approx(1.0) and np.all(np.diff(s) < 0)
    assert s[0] / s[9] == pytest.approx(10.0)
    assert np.allclose(power_law_spectrum(5, 0.0), 1.0)


def test_inputs_and_weights_have_the_requested_covariance():
    rng = np.random.default_rng(0)
    spec = power_law_spectrum(8, 1.0)
    x = gaussian_inputs(rng, 200_000, 8, spec)
    assert np.allclose(x.var(axis=0), spec, rtol=0.02)
    W = random_weights(rng, 100_000, 8, spec)
    assert np.allclose(W.var(axis=0), spec, rtol=0.02)


def test_gaussian_mixture_statistics():
    rng = np.random.default_rng(1)
    d = 50
    mu = rng.standard_normal(d)
    mu *= np.sqrt(d) / np.linalg.norm(mu)
    x, y = gaussian_mixture(rng, 100_000, mu, 0.5)
    assert abs(y.mean()) < 0.01
    proj = (x * y[:, None]) @ mu / np.sqrt(d)     # = 1 + noise of variance Delta
    assert proj.mean() == pytest.approx(1.0, abs=0.01) and proj.var() == pytest.approx(0.5, rel=0.03)


def test_wishart_gram_moments():
    rng = np.random.default_rng(2)
    p, d = 40, 6
    grams = np.array([wishart_gram(rng, p, d) for _ in range(4000)])
    assert np.allclose(grams.mean(axis=0), p * np.eye(d), atol=0.6)
    direct = np.array([(lambda F: F.T @ F)(rng.standard_normal((p, d))) for _ in range(4000)])
    assert np.var(grams[:, 0, 1]) == pytest.approx(np.var(direct[:, 0, 1]), rel=0.1)
    with pytest.raises(ValueError):
        wishart_gram(rng, 3, 6)


def test_network_forward_and_readout():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((5, 4))
    W1, W2 = rng.standard_normal((3, 4)), rng.standard_normal((2, 3))
    h = network_forward(x, [W1, W2], ["tanh", "sign"])
    assert np.allclose(h, np.sign(np.tanh(x @ W1.T / 2) @ W2.T / np.sqrt(3)))
    assert np.allclose(readout(h, np.array([1.0, 1.0])), h.sum(axis=1) / np.sqrt(2))
