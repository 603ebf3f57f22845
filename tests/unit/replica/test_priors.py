"""Discrete priors: moments, thresholds, and f_in against closed forms."""

import numpy as np
import pytest

from dltheory.replica.priors import hopfield_prior, make_prior, sparse_hopfield_prior, tsodyks_prior


def test_moments_and_thresholds():
    assert hopfield_prior(2).second_moment == pytest.approx(np.eye(2))
    assert hopfield_prior(1).delta_c == 1.0
    assert sparse_hopfield_prior(0.3).delta_c == pytest.approx(0.09)
    t = tsodyks_prior(0.1)
    assert t.mean == pytest.approx([0.0])
    assert t.delta_c == pytest.approx((0.1 * 0.9) ** 2)
    assert len(hopfield_prior(3).support) == 8 and len(sparse_hopfield_prior(0.2, 2).support) == 9


def test_f_in_rademacher_is_tanh():
    prior = hopfield_prior(1)
    B = np.linspace(-3, 3, 13)[:, None]
    mean, cov = prior.f_in(np.array([[0.7]]), B)  # A is irrelevant for +-1 spins
    assert mean[:, 0] == pytest.approx(np.tanh(B[:, 0]))
    assert cov[0, 0] == pytest.approx(np.mean(1 - np.tanh(B[:, 0]) ** 2))


def test_f_in_factorises_for_diagonal_A():
    prior = hopfield_prior(2)
    rng = np.random.default_rng(0)
    B = rng.standard_normal((50, 2))
    mean, cov = prior.f_in(np.diag([0.3, 1.2]), B)
    assert mean == pytest.approx(np.tanh(B))
    assert cov[0, 1] == pytest.approx(0, abs=1e-12)  # independent components
    assert cov[0, 0] == pytest.approx(np.mean(1 - np.tanh(B[:, 0]) ** 2))


def test_f_in_sparse_closed_form():
    rho, prior = 0.2, sparse_hopfield_prior(0.2)
    A, B = 0.8, np.array([[0.5], [-1.5]])
    w = rho / 2 * np.exp(-A / 2)
    expected = w * 2 * np.sinh(B[:, 0]) / (1 - rho + w * 2 * np.cosh(B[:, 0]))
    assert prior.f_in(np.array([[A]]), B)[0][:, 0] == pytest.approx(expected)


def test_sampling_and_errors():
    x = tsodyks_prior(0.3).sample(20_000, np.random.default_rng(1))
    assert x.mean() == pytest.approx(0, abs=0.01) and x.var() == pytest.approx(0.21, abs=0.01)
    with pytest.raises(ValueError, match="needs a density"):
        make_prior("sparse", 1)
    with pytest.raises(ValueError, match="unknown prior"):
        make_prior("gauss", 1, 0.5)
