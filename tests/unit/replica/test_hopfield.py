"""Hopfield channels: Fisher information, thresholds, scores, PCA, against Monte Carlo."""

import numpy as np
import pytest
from scipy.stats import norm

from dltheory.replica.hopfield import (effective_delta, fisher_score, noise_for_delta, pca_estimate,
                                       pca_mse_theory, symmetric_noise, threshold_for_connectivity)
from dltheory.replica.amp import matched_mse
from dltheory.replica.priors import hopfield_prior


def test_linear_channel_and_limits():
    assert effective_delta(0.3, None) == pytest.approx(0.09)
    # a very negative threshold rectifies nothing: back to the Gaussian channel
    assert effective_delta(0.5, -20.0) == pytest.approx(0.25, rel=1e-6)
    # rectification loses information: Delta grows
    assert effective_delta(0.5, threshold_for_connectivity(0.5, 0.1)) > 0.25


def test_fisher_information_monte_carlo():
    nu, f = 0.7, 0.2
    tau = threshold_for_connectivity(nu, f)
    rng = np.random.default_rng(0)
    J = np.maximum(0, nu * rng.standard_normal(2_000_000) - tau)
    assert np.mean(J > 0) == pytest.approx(f, abs=2e-3)
    S = fisher_score(J, nu, tau)
    assert np.mean(S) == pytest.approx(0, abs=5e-3)       # a score has zero mean
    assert 1 / np.mean(S**2) == pytest.approx(effective_delta(nu, tau), rel=5e-3)
    # the score is the derivative of log P_out: check on J > 0 and J = 0 at w = 0
    w = 1e-5
    assert fisher_score(np.array([0.3]), nu, tau)[0] == pytest.approx(
        (norm.logpdf(0.3 + tau, w, nu) - norm.logpdf(0.3 + tau, -w, nu)) / (2 * w), rel=1e-6)
    assert fisher_score(np.array([0.0]), nu, tau)[0] == pytest.approx(
        (norm.logcdf(tau - w, scale=nu) - norm.logcdf(tau + w, scale=nu)) / (2 * w), rel=1e-6)


def test_noise_for_delta_inverts():
    for f in (None, 0.1, 0.3):
        nu = noise_for_delta(0.37, f)
        assert effective_delta(nu, threshold_for_connectivity(nu, f)) == pytest.approx(0.37, rel=1e-10)


def test_symmetric_noise():
    G = symmetric_noise(400, np.random.default_rng(1))
    assert np.allclose(G, G.T)
    assert np.var(G[np.triu_indices(400, 1)]) == pytest.approx(1, abs=0.02)


def test_pca_follows_bbp():
    prior, delta, N = hopfield_prior(1), 0.4, 2000
    rng = np.random.default_rng(2)
    errs = []
    for _ in range(3):
        xi = prior.sample(N, rng)
        S = (xi @ xi.T / np.sqrt(N) + np.sqrt(delta) * symmetric_noise(N, rng)) / delta
        errs.append(matched_mse(xi, pca_estimate(S, prior, 1 / delta, rng)))
    assert np.mean(errs) == pytest.approx(float(pca_mse_theory(prior, delta)), abs=0.03)
    assert float(pca_mse_theory(prior, 1.3)) == 1.0
