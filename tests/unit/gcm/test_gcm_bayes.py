"""Bayes-optimal errors of the deep extensive-width target: limits, bounds and the ridge identity."""

import numpy as np
import pytest

from dltheory.gcm.bayes import (bayes_optimal_classification, bayes_optimal_regression,
                                deep_target_coefficients, isotropic_linear_target)
from dltheory.gcm.channels import LogisticClassification, RidgeRegression, SquareClassification
from dltheory.gcm.linearisation import ge_coefficients
from dltheory.gcm.replica import optimal_lambda, solve_gcm


def test_target_coefficients():
    assert deep_target_coefficients(["linear", "linear"]) == (pytest.approx(1.0), pytest.approx(0.0))
    _, k1, ks, s2 = ge_coefficients("tanh", 1.0)
    _, k1b, ksb, _ = ge_coefficients("tanh", s2)
    c_lin, c_noise = deep_target_coefficients(["tanh", "tanh"])
    assert c_lin == pytest.approx(k1**2 * k1b**2)
    assert c_noise == pytest.approx(ks**2 * k1b**2 + ksb**2)


def test_bayes_regression_limits_and_gaussian_formula():
    a = np.array([1e-6, 1.0, 1e6])
    err = bayes_optimal_regression(a, 0.4, 0.1)
    assert err[0] == pytest.approx(0.5, rel=1e-4) and err[-1] == pytest.approx(0.1, rel=1e-3)
    # noiseless linear target, isotropic: q = qhat/(1+qhat), qhat = alpha/(1-q) -> q = alpha for alpha < 1
    assert bayes_optimal_regression(0.4, 1.0, 0.0)[0] == pytest.approx(0.6, rel=1e-6)


def test_optimal_ridge_attains_the_bayes_error():
    c_lin, c_noise = deep_target_coefficients(["tanh2", "tanh2"])
    alphas = np.array([0.3, 1.0, 3.0])
    sol = optimal_lambda(isotropic_linear_target(200, c_lin, c_noise), RidgeRegression(), alphas)
    assert np.allclose(sol.test_error, bayes_optimal_regression(alphas, c_lin, c_noise), rtol=1e-4)


def test_bayes_classification_bounds_erm():
    c_lin, c_noise = deep_target_coefficients(["tanh2", "tanh2"])
    alphas = np.array([0.5, 2.0, 6.0])
    bo = bayes_optimal_classification(alphas, c_lin, c_noise)
    assert np.all(np.diff(bo) < 0) and np.all(bo < 0.5)
    assert bayes_optimal_classification(1e-8, c_lin, c_noise)[0] == pytest.approx(0.5, abs=1e-4)
    spec = isotropic_linear_target(200, c_lin, c_noise)
    for channel in (SquareClassification(), LogisticClassification()):
        erm = solve_gcm(spec, channel, alphas, 0.5).test_error
        assert np.all(erm >= bo - 1e-6)
    # noiseless perceptron with Gaussian prior, large alpha: error ~ 0.4417 / alpha (Engel & Van den Broeck)
    assert bayes_optimal_classification(40.0, 1.0, 0.0)[0] * 40 == pytest.approx(0.4417, rel=0.05)
