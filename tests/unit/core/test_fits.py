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
