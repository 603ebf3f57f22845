"""Pieces shared by the five papers' experiments: grids, config checks, seed-averaging, agreement."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.config import ConfigError

__all__ = ["grid", "require", "seed_average", "agreement", "sample_sizes", "points_table"]


def grid(spec, where: str) -> np.ndarray:
    """A grid from config: a list of values, or ``{min, max, num, log}`` (log-spaced if ``log``)."""
    if isinstance(spec, dict):
        lo, hi, num = spec["min"], spec["max"], spec["num"]
        require(0 < lo < hi if spec.get("log", False) else lo < hi, f"{where}",
                f"needs min < max (and min > 0 on a log grid), got {lo}, {hi}")
        return np.geomspace(lo, hi, num) if spec.get("log", False) else np.linspace(lo, hi, num)
    values = np.asarray(spec, float)
    require(values.ndim == 1 and values.size >= 1, where, "needs at least one value")
    require(bool(np.all(np.diff(values) > 0)), where, f"values must increase, got {list(values)}")
    return values


def require(ok: bool, where: str, message: str) -> None:
    """Raise :class:`ConfigError` naming the field ``where`` unless ``ok``."""
    if not ok:
        raise ConfigError(f"{where}: {message}")


def sample_sizes(ratios, scale: int, where: str) -> list[int]:
    """``round(ratio * scale)`` for each ratio; each must be at least 2 and all distinct."""
    ns = [int(round(r * scale)) for r in ratios]
    require(min(ns) >= 2, where, f"smallest training set has {min(ns)} samples; raise the ratio")
    require(len(set(ns)) == len(ns), where, f"ratios give repeated sample sizes {ns}")
    return ns


def seed_average(df: pd.DataFrame, keys: list[str], value: str = "test_error") -> pd.DataFrame:
    """Mean, standard error of the mean and count of ``value`` over seeds, per ``keys``."""
    g = df.groupby(keys)[value]
    out = g.agg(mean="mean", std="std", count="count").reset_index()
    out["sem"] = out["std"].fillna(0.0) / np.sqrt(out["count"])
    return out.drop(columns="std")


def agreement(sim_mean, sim_sem, theory, rel_tol: float, n_sem: float = 2.0) -> np.ndarray:
    """``|sim - theory| / (n_sem * sem + rel_tol * |theory|)``: at most 1 where they agree.

    The allowance adds the seed noise of the simulated mean (``n_sem`` standard errors)
    and a relative finite-size bias of the asymptotic theory (``rel_tol``).
    """
    sim_mean, sim_sem, theory = (np.asarray(a, float) for a in (sim_mean, sim_sem, theory))
    return np.abs(sim_mean - theory) / (n_sem * sim_sem + rel_tol * np.abs(theory))


def points_table(sims: pd.DataFrame, theory: pd.DataFrame, keys: list[str],
                 values=("test_error",), rel_tol: float = 0.05, n_sem: float = 2.0) -> pd.DataFrame:
    """Seed-averaged simulations next to the seed-averaged theory at the same ``keys``.

    For each value ``v``: columns ``v`` (simulated mean), ``v_sem``, ``v_theory`` and
    ``v_agreement`` (:func:`agreement`; at most 1 where they agree).  ``theory`` must hold
    a row for every simulated key (matched exactly after rounding floats to 10 digits).
    """
    def rounded(df):
        df = df.copy()
        for k in keys:
            if pd.api.types.is_float_dtype(df[k]):
                df[k] = df[k].round(10)
        return df

    sims, theory = rounded(sims), rounded(theory)
    out = None
    for v in values:
        s = seed_average(sims, keys, v).rename(columns={"mean": v, "sem": f"{v}_sem",
                                                        "count": "seeds"})
        t = theory.groupby(keys)[v].mean().rename(f"{v}_theory").reset_index()
        s = s.merge(t, on=keys, how="left")
        if s[f"{v}_theory"].isna().any():
            raise ValueError(f"theory lacks some simulated points for {v}")
        s[f"{v}_agreement"] = agreement(s[v], s[f"{v}_sem"], s[f"{v}_theory"], rel_tol, n_sem)
        out = s if out is None else out.merge(s.drop(columns="seeds"), on=keys)
    return out
