"""Fits shared by every paper: power laws, threshold crossings, bootstrap intervals."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["PowerLaw", "fit_power_law", "crossing_loglog", "bootstrap_interval",
           "LearningCurveFit", "fit_learning_curve"]


@dataclass(frozen=True)
class PowerLaw:
    """``y = prefactor * x**exponent``, fitted by least squares in log-log.

    ``exponent_err`` is the standard error of the slope (``nan`` with 2 points).
    """

    exponent: float
    prefactor: float
    exponent_err: float
    n_points: int

    def __call__(self, x):
        return self.prefactor * np.asarray(x, dtype=float) ** self.exponent


def fit_power_law(x, y) -> PowerLaw:
    """Least-squares line through ``(log x, log y)``.

    Parameters
    ----------
    x, y : positive arrays of equal length, at least 2 finite points

    Returns
    -------
    PowerLaw with slope, prefactor and slope standard error
    ``sqrt(sum r^2 / (n-2) / sum (log x - mean)^2)``.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y) & (x > 0) & (y > 0)
    lx, ly = np.log(x[ok]), np.log(y[ok])
    n = lx.size
    if n < 2 or np.ptp(lx) == 0:
        raise ValueError(f"a power-law fit needs 2+ distinct positive x values, got {n}")
    slope, intercept = np.polyfit(lx, ly, 1)
    if n > 2:
        resid = ly - (slope * lx + intercept)
        err = float(np.sqrt(resid @ resid / (n - 2) / np.sum((lx - lx.mean()) ** 2)))
    else:
        err = float("nan")
    return PowerLaw(float(slope), float(np.exp(intercept)), err, n)


def crossing_loglog(x, y, level: float) -> float:
    """First ``x`` where a decreasing curve ``y(x)`` falls to ``level``.

    Interpolates linearly in ``(log x, log y)`` between the last point above ``level``
    and the next one (points must be sorted by ``x``).  Returns ``nan`` if the curve
    never reaches ``level`` (all above) and ``x[0]`` if it starts at or below it:
    callers must treat the latter as "below the measured range".
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.size == 0:
        return float("nan")
    if np.any(np.diff(x) <= 0):
        raise ValueError("x must be strictly increasing")
    below = np.nonzero(y <= level)[0]
    if below.size == 0:
        return float("nan")
    j = below[0]
    if j == 0:
        return float(x[0])
    x0, x1, y0, y1 = x[j - 1], x[j], y[j - 1], y[j]
    floor = 1e-12  # a test error of exactly 0 is log-interpolated as a tiny value
    ly0, ly1, lv = np.log(max(y0, floor)), np.log(max(y1, floor)), np.log(max(level, floor))
    t = (ly0 - lv) / (ly0 - ly1)
    return float(np.exp(np.log(x0) + t * (np.log(x1) - np.log(x0))))


def bootstrap_interval(statistic, samples: np.ndarray, rng: np.random.Generator,
                       n_boot: int = 1000, quantiles=(0.16, 0.84)) -> tuple[float, float]:
    """Percentile interval of ``statistic(resampled rows)`` over bootstrap resamples.

    ``samples`` has one row per independent replicate (e.g. seeds); rows are drawn
    with replacement.  Non-finite statistics are dropped; returns ``(nan, nan)`` if
    none is finite.
    """
    samples = np.asarray(samples)
    n = samples.shape[0]
    values = np.array([statistic(samples[rng.integers(0, n, n)]) for _ in range(n_boot)])
    values = values[np.isfinite(values)]
    if values.size == 0:
        return float("nan"), float("nan")
    lo, hi = np.quantile(values, quantiles)
    return float(lo), float(hi)


@dataclass(frozen=True)
class LearningCurveFit:
    """Exponent ``beta`` of a learning curve ``error ~ P^-beta`` fitted on its tail.

    ``beta`` is minus the least-squares slope of ``log(mean over seeds of the error)``
    against ``log P`` over the fit range ``[P_min, P_max]`` (``n_sizes`` sizes);
    ``low, high`` the bootstrap interval of ``beta`` over seeds (rows resampled with
    replacement), ``prefactor`` the fitted ``A`` of ``A P^-beta``.
    """

    beta: float
    low: float
    high: float
    prefactor: float
    P_min: float
    P_max: float
    n_sizes: int
    n_seeds: int

    def as_dict(self) -> dict:
        return {"beta": self.beta, "beta_lo": self.low, "beta_hi": self.high,
                "prefactor": self.prefactor, "fit_P_min": self.P_min, "fit_P_max": self.P_max,
                "fit_n_sizes": self.n_sizes, "n_seeds": self.n_seeds}


def fit_learning_curve(sizes, errors, rng: np.random.Generator, P_min: float | None = None,
                       P_max: float | None = None, n_boot: int = 1000,
                       quantiles=(0.16, 0.84)) -> LearningCurveFit:
    """Fit ``error ~ A P^-beta`` to the seed-averaged tail of a learning curve.

    Parameters
    ----------
    sizes : training-set sizes P, increasing, ``[n]``
    errors : test errors ``[n_seeds, n]`` (non-finite entries are ignored in the means)
    rng : generator of the bootstrap resamples
    P_min, P_max : fit range (inclusive); default the whole curve.  At least two sizes
        must fall inside it.
    n_boot, quantiles : bootstrap resamples of the seeds and the interval's quantiles

    Returns a :class:`LearningCurveFit`; its fit range is what the caller writes next to
    the exponent (CSV, figure).
    """
    sizes = np.asarray(sizes, dtype=float)
    errors = np.atleast_2d(np.asarray(errors, dtype=float))
    if errors.shape[1] != sizes.size:
        raise ValueError(f"errors has {errors.shape[1]} columns for {sizes.size} sizes")
    lo = -np.inf if P_min is None else P_min
    hi = np.inf if P_max is None else P_max
    window = (sizes >= lo * (1 - 1e-9)) & (sizes <= hi * (1 + 1e-9))
    if window.sum() < 2:
        raise ValueError(f"fewer than two sizes in the fit range [{lo}, {hi}]")
    xs, block = sizes[window], errors[:, window]

    def slope(rows: np.ndarray) -> float:
        finite = np.isfinite(rows)
        mean = np.where(finite, rows, 0).sum(0) / np.maximum(finite.sum(0), 1)
        ok = (finite.sum(0) > 0) & (mean > 0)
        if ok.sum() < 2:
            return float("nan")
        return -fit_power_law(xs[ok], mean[ok]).exponent

    beta = slope(block)
    finite = np.isfinite(block)
    mean = np.where(finite, block, 0).sum(0) / np.maximum(finite.sum(0), 1)
    ok = mean > 0
    prefactor = fit_power_law(xs[ok], mean[ok]).prefactor if ok.sum() >= 2 else float("nan")
    if block.shape[0] > 1:
        b_lo, b_hi = bootstrap_interval(slope, block, rng, n_boot=n_boot, quantiles=quantiles)
    else:
        b_lo = b_hi = float("nan")
    return LearningCurveFit(float(beta), b_lo, b_hi, float(prefactor), float(xs[0]),
                            float(xs[-1]), int(xs.size), int(block.shape[0]))
