"""Power-law fits, threshold crossings, bootstrap intervals."""

import numpy as np
import pytest

from dltheory.core.fits import bootstrap_interval, crossing_loglog, fit_power_law


def test_power_law_exact_and_noisy():
    x = np.geomspace(10, 1e4, 12)
    fit = fit_power_law(x, 3.0 * x**1.5)
    assert fit.exponent == pytest.approx(1.5) and fit.prefactor == pytest.approx(3.0)
    assert fit.exponent_err == pytest.approx(0.0, abs=1e-9)
    rng = np.random.default_rng(0)
    noisy = fit_power_law(x, 2 * x * np.exp(0.1 * rng.standard_normal(x.size)))
    assert abs(noisy.exponent - 1) < 4 * noisy.exponent_err
    with pytest.raises(ValueError):
        fit_power_law([1.0], [2.0])


def test_crossing_interpolates_in_log_log():
    x = np.array([1.0, 2.0, 4.0, 8.0])
    y = 1.0 / x  # a power law: log-log interpolation is exact
    assert crossing_loglog(x, y, 1 / 3) == pytest.approx(3.0)
    assert crossing_loglog(x, y, 1.0) == 1.0  # starts at the level
    assert np.isnan(crossing_loglog(x, y, 0.01))  # never gets there
    assert crossing_loglog(x, np.array([0.5, 0.2, 0.0, 0.0]), 0.1) < 4.0  # zero error handled
    with pytest.raises(ValueError):
        crossing_loglog(x[::-1], y, 0.5)


def test_bootstrap_interval_brackets_the_mean():
    rng = np.random.default_rng(1)
    samples = rng.normal(5.0, 1.0, size=(200, 1))
    lo, hi = bootstrap_interval(lambda s: s.mean(), samples, rng, n_boot=400)
    # a 16-84% interval of the mean: about +-1 standard error around the sample mean
    assert lo < samples.mean() < hi
    assert hi - lo == pytest.approx(2 * samples.std() / np.sqrt(200), rel=0.25)


def test_learning_curve_fit_recovers_the_exponent_and_brackets_it():
    from dltheory.core.fits import fit_learning_curve

    rng = np.random.default_rng(2)
    sizes = np.geomspace(64, 4096, 7)
    # 8 seeds of a curve 3 P^-0.5 with 10% multiplicative seed noise, and a pre-asymptotic
    # bump at small P that a tail fit must ignore
    errors = 3 * sizes**-0.5 * np.exp(0.1 * rng.standard_normal((8, sizes.size)))
    errors[:, :2] *= 3.0
    fit = fit_learning_curve(sizes, errors, rng, P_min=256)
    assert fit.P_min == 256 and fit.P_max == 4096 and fit.n_sizes == 5 and fit.n_seeds == 8
    assert fit.beta == pytest.approx(0.5, abs=0.05)
    assert fit.low < fit.beta < fit.high and fit.high - fit.low < 0.1
    assert fit.prefactor == pytest.approx(3.0, rel=0.3)
    whole = fit_learning_curve(sizes, errors, rng)
    assert whole.beta > fit.beta + 0.1  # the bump steepens a fit over the whole curve
    assert fit_learning_curve(sizes, errors[:1], rng, P_min=256).low != fit.low  # nan: 1 seed
    with pytest.raises(ValueError):
        fit_learning_curve(sizes, errors, rng, P_min=5000)
