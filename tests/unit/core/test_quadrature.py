"""Gauss-Hermite expectations against closed forms and Monte Carlo."""

import math

import numpy as np
import pytest
from scipy.special import erf

from dltheory.core.quadrature import gauss_expect, gauss_expect_nd, hermite_coefficients


def test_moments_and_broadcasting():
    assert gauss_expect(lambda z: z**4) == pytest.approx(3.0)
    assert gauss_expect(lambda z: z**2, mean=1.0, std=2.0) == pytest.approx(5.0)
    out = gauss_expect(lambda z: z, mean=np.array([0.0, 1.0, -2.0]))
    assert np.allclose(out, [0.0, 1.0, -2.0])
    # E[erf(a z / sqrt 2)^2] has a closed form: (2/pi) arcsin(a^2 / (1 + a^2))
    a = 1.7
    assert gauss_expect(lambda z: erf(a * z / np.sqrt(2)) ** 2, n=128) == pytest.approx(
        2 / np.pi * np.arcsin(a**2 / (1 + a**2)), abs=1e-6)


def test_correlated_2d_expectation_matches_closed_form_and_monte_carlo():
    # E[erf(u/sqrt2) erf(v/sqrt2)] = (2/pi) arcsin(C12 / sqrt((1+C11)(1+C22)))  (Saad-Solla I2)
    C = np.array([[1.3, 0.4], [0.4, 0.8]])
    g = lambda x: erf(x / np.sqrt(2))
    exact = 2 / np.pi * np.arcsin(C[0, 1] / np.sqrt((1 + C[0, 0]) * (1 + C[1, 1])))
    assert gauss_expect_nd(lambda u, v: g(u) * g(v), C, n=48) == pytest.approx(exact, abs=1e-6)
    u = np.random.default_rng(0).multivariate_normal([0, 0], C, size=400_000)
    assert np.mean(g(u[:, 0]) * g(u[:, 1])) == pytest.approx(exact, abs=3e-3)


def test_hermite_coefficients_of_relu():
    c = hermite_coefficients(lambda z: np.maximum(z, 0), degree=3, n=200)
    # ReLU = 1/sqrt(2 pi) + z/2 + He_2/(2 sqrt(2 pi)) + 0 He_3 + ...
    assert c[0] == pytest.approx(1 / math.sqrt(2 * math.pi), abs=1e-3)
    assert c[1] == pytest.approx(0.5, abs=1e-3)
    assert c[2] == pytest.approx(1 / (2 * math.sqrt(2 * math.pi)), abs=2e-3)
    assert abs(c[3]) < 2e-3
