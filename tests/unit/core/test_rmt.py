"""Marchenko-Pastur and BBP formulas: exact moments, closed forms, Monte Carlo."""

import numpy as np
import pytest

from dltheory.core.rmt import (mp_density, mp_edges, mp_expect, spiked_covariance_overlap,
                                      spiked_covariance_threshold, spiked_covariance_top_eigenvalue,
                                      spiked_wigner_overlap, spiked_wigner_top_eigenvalue)


@pytest.mark.parametrize("c", [0.1, 0.5, 0.9, 1.5, 4.0])
def test_mp_moments(c):
    # int 1 = 1, int x = 1, int x^2 = 1 + c, int x^3 = 1 + 3c + c^2 (atom included for c > 1)
    assert mp_expect(lambda x: np.ones_like(x), c) == pytest.approx(1, abs=1e-10)
    assert mp_expect(lambda x: x, c) == pytest.approx(1, abs=1e-10)
    assert mp_expect(lambda x: x**2, c) == pytest.approx(1 + c, abs=1e-10)
    assert mp_expect(lambda x: x**3, c) == pytest.approx(1 + 3 * c + c**2, abs=1e-10)


@pytest.mark.parametrize("c", [0.1, 0.3, 0.7])
def test_mp_log_closed_form(c):
    # int log x dmu_c = -1 - (1 - c)/c log(1 - c) for c < 1
    exact = -1 - (1 - c) / c * np.log(1 - c)
    assert mp_expect(np.log, c) == pytest.approx(exact, abs=1e-8)


def test_mp_density_normalisation_and_edges():
    c = 0.25
    a, b = mp_edges(c)
    assert (a, b) == pytest.approx(((1 - 0.5) ** 2, 1.5**2))
    x = np.linspace(a, b, 200_001)
    assert np.trapezoid(mp_density(x, c), x) == pytest.approx(1, abs=1e-3)
    assert mp_density(np.array([a - 0.1, b + 0.1]), c).tolist() == [0, 0]
    # c > 1: the continuous part carries mass 1/c
    x = np.linspace(*mp_edges(2.0), 200_001)
    assert np.trapezoid(mp_density(x, 2.0), x) == pytest.approx(0.5, abs=1e-3)


def test_mp_expect_matches_wishart_monte_carlo():
    rng = np.random.default_rng(0)
    d, n = 400, 800
    vals = np.concatenate([np.linalg.eigvalsh((X.T @ X) / n) for X in rng.standard_normal((5, n, d))])
    assert np.mean(np.sqrt(vals)) == pytest.approx(mp_expect(np.sqrt, d / n), abs=3e-3)


def test_spiked_wigner_formulas_and_monte_carlo():
    assert spiked_wigner_top_eigenvalue(0.5) == 2.0 and spiked_wigner_overlap(0.8) == 0.0
    assert spiked_wigner_top_eigenvalue(2.0) == pytest.approx(2.5)
    assert spiked_wigner_overlap(2.0) == pytest.approx(0.75)
    rng = np.random.default_rng(1)
    N, lam = 1500, 2.0
    u = rng.choice([-1.0, 1.0], N)
    G = rng.standard_normal((N, N))
    W = (G + G.T) / np.sqrt(2)
    vals, vecs = np.linalg.eigh(lam / N * np.outer(u, u) + W / np.sqrt(N))
    assert vals[-1] == pytest.approx(2.5, abs=0.05)
    assert (vecs[:, -1] @ u) ** 2 / N == pytest.approx(0.75, abs=0.05)


def test_spiked_covariance_formulas_and_monte_carlo():
    theta = 2.0
    assert spiked_covariance_threshold(theta) == 0.25
    assert spiked_covariance_overlap(theta, 4.5) == 0.0  # c > theta^2
    assert spiked_covariance_top_eigenvalue(theta, 0.5) == pytest.approx(3 * 1.25)
    assert spiked_covariance_overlap(theta, 0.5) == pytest.approx((1 - 0.125) / 1.25)
    rng = np.random.default_rng(2)
    d, n = 400, 800
    tops, overlaps = [], []
    for _ in range(4):  # the top eigenvalue fluctuates by ~(1 + theta) (2/n)^{1/2} ~ 5% per draw
        X = rng.standard_normal((n, d))
        X[:, 0] *= np.sqrt(1 + theta)
        vals, vecs = np.linalg.eigh(X.T @ X / n)
        tops.append(vals[-1])
        overlaps.append(vecs[0, -1] ** 2)
    assert np.mean(tops) == pytest.approx(spiked_covariance_top_eigenvalue(theta, 0.5), rel=0.03)
    assert np.mean(overlaps) == pytest.approx(spiked_covariance_overlap(theta, 0.5), abs=0.04)
