"""Learning-curve tables: seed averages and tail fits of every series of a study.

A *runs* table has one row per (series keys..., seed, P) with a test ``error``; a series
is identified by ``keys`` (e.g. ``["series", "d"]``).  :func:`summarise` gives the curves
that figures plot (mean and standard error over seeds), :func:`fit_series` the exponent
of each series on its tail with a bootstrap interval over seeds and the fit range
(:func:`dltheory.core.fits.fit_learning_curve`), and :func:`attach_prediction` the
predicted exponent and the difference.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from ..core.fits import fit_learning_curve

__all__ = ["summarise", "fit_series", "attach_prediction", "error_matrix"]


def summarise(runs: pd.DataFrame, keys: list[str], value: str = "error") -> pd.DataFrame:
    """Per series and P: ``error_mean``, ``error_sem`` (standard error over seeds), ``n_seeds``."""
    g = runs.groupby(keys + ["P"], sort=True)[value]
    out = g.agg(error_mean="mean", error_std="std", n_seeds="count").reset_index()
    out["error_sem"] = out["error_std"] / np.sqrt(out["n_seeds"])
    return out.drop(columns="error_std")


def error_matrix(group: pd.DataFrame, value: str = "error") -> tuple[np.ndarray, np.ndarray]:
    """``(sizes [n], errors [n_seeds, n])`` of one series (missing entries are nan)."""
    table = group.pivot_table(index="seed", columns="P", values=value, aggfunc="mean")
    return table.columns.to_numpy(float), table.to_numpy(float)


def fit_series(runs: pd.DataFrame, keys: list[str], rng: np.random.Generator,
               fit_min: Callable[[dict], float] | float, value: str = "error",
               n_boot: int = 1000) -> pd.DataFrame:
    """Tail fit of every series: keys + ``beta, beta_lo, beta_hi, prefactor, fit_P_min,
    fit_P_max, fit_n_sizes, n_seeds``.

    ``fit_min`` is the smallest P of the fit range, a number or a function of the series'
    key values (a dict), so that each series can start its tail where it needs to.
    """
    rows = []
    for values, group in runs.groupby(keys, sort=True):
        values = values if isinstance(values, tuple) else (values,)
        key = dict(zip(keys, values))
        sizes, errors = error_matrix(group, value)
        p_min = fit_min(key) if callable(fit_min) else fit_min
        fit = fit_learning_curve(sizes, errors, rng, P_min=p_min, n_boot=n_boot)
        rows.append({**key, **fit.as_dict()})
    return pd.DataFrame(rows)


def attach_prediction(fits: pd.DataFrame, theory: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Join the theory columns (``beta_pred`` and the rest, same keys) and ``beta - beta_pred``."""
    extra = [c for c in theory.columns if c not in fits.columns or c in keys]
    out = fits.merge(theory[extra], on=keys, how="left")
    out["beta_diff"] = out["beta"] - out["beta_pred"]
    return out
