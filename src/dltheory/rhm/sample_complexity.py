"""Seed-averaged learning curves and the sample complexity P* of the RHM study.

``P*`` is the training-set size at which the seed-averaged test error of the final
networks falls to ``error_threshold * (1 - 1/n_c)`` (10% of the chance error by
default), read off by log-log interpolation (arXiv:2307.02129, Sec. III).  Its
interval is a bootstrap over seeds.  Runs that diverged or died are excluded and
counted; runs that hit the epoch cap are kept and counted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.fits import bootstrap_interval, crossing_loglog
from .generator import RHMSpec

__all__ = ["sensitivity_column", "summarise_curves", "sample_complexity"]


def sensitivity_column(L: int) -> str:
    """Column of the paper's ``S_{2,1}``: layer 2's sensitivity to level-1 synonyms.

    Layer 2 is the first that can be invariant to exchanging synonymous patches (one
    linear map + ReLU of a one-hot patch cannot send all m synonyms to the same
    representation); for L = 1 networks the only layer is used.
    """
    return f"S_k{min(2, L)}_l1"


def _with_spec_columns(df: pd.DataFrame) -> pd.DataFrame:
    specs = {k: RHMSpec.from_key(k) for k in df["rhm"].unique()}
    for name in ("v", "n_c", "m", "s", "L", "P_scale", "Pmax"):
        df[name] = df["rhm"].map(lambda k, n=name: getattr(specs[k], n)).astype(float if name == "Pmax" else int)
    return df


def summarise_curves(runs: pd.DataFrame) -> pd.DataFrame:
    """One row per (instance, P): mean and standard error over valid seeds.

    ``runs`` has one row per (rhm, seed, P) with ``test_error``, ``status`` and the
    ``S_k*_l*`` columns.  Output columns: ``rhm, P, P_ratio, error_mean, error_sem,
    S_mean, S_sem (of S_{2,1}), n_valid, n_epoch_cap, n_invalid`` plus the RHM parameters.
    """
    rows = []
    for (key, P), g in runs.groupby(["rhm", "P"], sort=True):
        spec = RHMSpec.from_key(key)
        valid = g[g["status"].isin(["converged", "epoch_cap"])]
        err = valid["test_error"].to_numpy(float)
        sens = valid[sensitivity_column(spec.L)].to_numpy(float)
        n = len(valid)
        rows.append({
            "rhm": key, "P": int(P), "P_ratio": P / spec.P_scale,
            "error_mean": err.mean() if n else np.nan,
            "error_sem": err.std(ddof=1) / np.sqrt(n) if n > 1 else np.nan,
            "S_mean": sens.mean() if n else np.nan,
            "S_sem": sens.std(ddof=1) / np.sqrt(n) if n > 1 else np.nan,
            "n_valid": n, "n_epoch_cap": int((valid["status"] == "epoch_cap").sum()),
            "n_invalid": int(len(g) - n),
        })
    return _with_spec_columns(pd.DataFrame(rows))


def _nanmean(matrix: np.ndarray, axis: int = 0) -> np.ndarray:
    """Mean over finite entries; ``nan`` (silently) where a column has none."""
    finite = np.isfinite(matrix)
    count = finite.sum(axis=axis)
    total = np.where(finite, matrix, 0.0).sum(axis=axis)
    return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _crossing_of_mean(matrix: np.ndarray, sizes: np.ndarray, level: float) -> float:
    curve = _nanmean(matrix, axis=0)
    ok = np.isfinite(curve)
    return crossing_loglog(sizes[ok], curve[ok], level) if ok.sum() >= 2 else np.nan


def sample_complexity(runs: pd.DataFrame, error_threshold: float,
                      rng: np.random.Generator, n_boot: int = 1000) -> pd.DataFrame:
    """``P*`` per instance, its bootstrap interval over seeds, and where ``S_{2,1}`` halves.

    Columns: ``rhm, P_star, P_star_lo, P_star_hi, eps_star, P_half_S, S_small_P`` plus
    the RHM parameters.  ``P_star`` is ``nan`` when the mean error never reaches the
    threshold and equals the smallest P when it starts below it (``censored`` says
    which: ``"above"``, ``"below"`` or ``"none"``).  ``P_half_S`` is where the seed-mean
    ``S_{2,1}`` falls to half its value at the smallest trained P.
    """
    rows = []
    for key, g in runs.groupby("rhm", sort=True):
        spec = RHMSpec.from_key(key)
        eps_star = error_threshold * (1.0 - 1.0 / spec.n_c)
        valid = g["status"].isin(["converged", "epoch_cap"])
        err = g.assign(e=g["test_error"].where(valid)).pivot(index="seed", columns="P", values="e")
        sizes = err.columns.to_numpy(float)
        matrix = err.to_numpy(float)
        p_star = _crossing_of_mean(matrix, sizes, eps_star)
        lo, hi = bootstrap_interval(lambda m: _crossing_of_mean(m, sizes, eps_star), matrix,
                                    rng, n_boot=n_boot)
        mean_curve = _nanmean(matrix, axis=0)
        censored = "above" if not np.isfinite(p_star) else (
            "below" if np.isfinite(mean_curve[0]) and mean_curve[0] <= eps_star else "none")
        sens = g.assign(S=g[sensitivity_column(spec.L)].where(valid)).pivot(
            index="seed", columns="P", values="S").to_numpy(float)
        s_small = float(_nanmean(sens[:, :1], axis=0)[0])
        rows.append({
            "rhm": key, "P_star": p_star, "P_star_lo": lo, "P_star_hi": hi,
            "eps_star": eps_star, "censored": censored,
            "P_half_S": _crossing_of_mean(sens, sizes, 0.5 * s_small), "S_small_P": s_small,
            "n_seeds": int(matrix.shape[0]),
        })
    return _with_spec_columns(pd.DataFrame(rows))
