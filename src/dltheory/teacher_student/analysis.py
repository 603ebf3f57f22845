"""Summaries of simulation and ODE records shared by the teacher-student papers.

Every function takes the tidy records of :mod:`.experiment` (one row per
``(source, spec, seed, t)``; sources ``"sim"`` and ``"ode"``) and returns tables.
Seed statistics are over the replicates of a spec: ``mean`` and ``sem`` (standard error,
``std / sqrt(n)``, 0 for a single seed).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["seed_curves", "relative_gap", "window_means", "forgetting", "first_crossing",
           "seed_stats", "linear_fit", "reuse_index"]

VALUES = ("eps", "eps_2", "align")


def seed_stats(table: pd.DataFrame, by: list[str], value: str) -> pd.DataFrame:
    """Mean, standard error and count of ``value`` over seeds, per group ``by``."""
    g = table.groupby(by, dropna=False)[value]
    out = g.agg(mean="mean", std="std", n="count").reset_index()
    out["sem"] = (out["std"] / np.sqrt(out["n"])).where(out["n"] > 1, 0.0)
    return out.drop(columns="std")


def seed_curves(records: pd.DataFrame) -> pd.DataFrame:
    """Seed-averaged curves: one row per ``(source, spec, t)`` with ``<v>_mean``, ``<v>_sem``.

    Besides ``eps``, ``eps_2`` and ``align``, ``eps_rel = eps / eps(t=0)`` of each run
    removes the teacher-to-teacher spread of the error scale (the ODE and the simulation
    of a seed start from the same overlaps, hence the same ``eps(0)``).
    """
    labels = [c for c in records.columns if c not in ("seed", *VALUES)]
    records = records.copy()
    keys = ["source", "spec", "seed"]
    first = records.sort_values("t").groupby(keys)["eps"].transform("first")
    records["eps_rel"] = records["eps"] / first
    frames = []
    for value in (*VALUES, "eps_rel"):
        if records[value].notna().any():
            s = seed_stats(records, labels, value).rename(
                columns={"mean": f"{value}_mean", "sem": f"{value}_sem", "n": "n_seeds"})
            frames.append(s.set_index(labels))
    out = pd.concat(frames, axis=1)
    out = out.loc[:, ~out.columns.duplicated()]
    return out.reset_index().sort_values(["source", "spec", "t"]).reset_index(drop=True)


def relative_gap(records: pd.DataFrame, value: str = "eps", t_min: float = 0.0,
                 t_max: float = np.inf, floor: float = 0.0) -> pd.DataFrame:
    """``|<sim> - <ode>| / <ode>`` per ``(spec, t)``, seed means over the *same* seeds.

    Only times ``t_min <= t <= t_max`` where the ODE value exceeds ``floor`` count ("before
    eps_g reaches its floor": relative gaps of vanishing errors measure nothing).
    """
    sim = records[records["source"] == "sim"]
    if sim.empty:
        return pd.DataFrame(columns=["spec", "t", "sim", "ode", "gap", "n_seeds"])
    ode = records[(records["source"] == "ode")
                  & records.set_index(["spec", "seed"]).index.isin(
                      sim.set_index(["spec", "seed"]).index)]
    a = sim.groupby(["spec", "t"])[value].agg(sim="mean", n_seeds="count")
    b = ode.groupby(["spec", "t"])[value].agg(ode="mean")
    out = a.join(b, how="inner").reset_index()
    out = out[(out["t"] >= t_min) & (out["t"] <= t_max) & (out["ode"] > floor)].copy()
    out["gap"] = (out["sim"] - out["ode"]).abs() / out["ode"]
    return out.reset_index(drop=True)


def window_means(records: pd.DataFrame, lo, hi, value: str = "eps") -> pd.DataFrame:
    """Per ``(source, spec, seed)``: the mean of ``value`` over ``lo <= t <= hi``.

    ``lo``/``hi`` are numbers or column names (per-spec windows).
    """
    r = records
    lo_v = r[lo] if isinstance(lo, str) else lo
    hi_v = r[hi] if isinstance(hi, str) else hi
    r = r[(r["t"] >= lo_v - 1e-9) & (r["t"] <= hi_v + 1e-9)]
    labels = [c for c in records.columns if c not in ("t", *VALUES)]
    return r.groupby(labels, dropna=False)[value].mean().rename(value).reset_index()


def forgetting(records: pd.DataFrame, t_switch: float, t_end: float | None = None) -> pd.DataFrame:
    """Per ``(source, spec, seed)``: errors on teacher 1 at the switch and at the end.

    ``forgetting = eps(t_end) - eps(t_switch)`` (long-time forgetting of teacher 1) and
    ``max_forgetting = max_{t > t_switch} eps(t) - eps(t_switch)``;
    ``transfer = eps_2(0) - eps_2(t_switch)`` is what training on teacher 1 did for teacher 2.
    """
    labels = [c for c in records.columns if c not in ("t", *VALUES)]
    rows = []
    for key, g in records.groupby(labels, dropna=False):
        g = g.sort_values("t")
        t = g["t"].to_numpy()
        end = t[-1] if t_end is None else t_end
        at = lambda x, col: float(np.interp(x, t, g[col].to_numpy()))  # noqa: E731
        after = g[(g["t"] > t_switch) & (g["t"] <= end + 1e-9)]["eps"]
        rows.append({**dict(zip(labels, key)), "eps_switch": at(t_switch, "eps"),
                     "eps_end": at(end, "eps"),
                     "forgetting": at(end, "eps") - at(t_switch, "eps"),
                     "max_forgetting": float(after.max() - at(t_switch, "eps")) if len(after) else np.nan,
                     "eps2_start": at(0.0, "eps_2"), "eps2_switch": at(t_switch, "eps_2"),
                     "eps2_end": at(end, "eps_2")})
    out = pd.DataFrame(rows)
    out["transfer"] = out["eps2_start"] - out["eps2_switch"]
    return out


def first_crossing(t, y, level: float, above: bool = True) -> float:
    """First time a sampled curve reaches ``level`` (from below if ``above``, else from above),
    linearly interpolated; nan if never."""
    t, y = np.asarray(t, float), np.asarray(y, float)
    hit = y >= level if above else y <= level
    idx = np.nonzero(hit)[0]
    if idx.size == 0:
        return float("nan")
    j = idx[0]
    if j == 0:
        return float(t[0])
    y0, y1 = y[j - 1], y[j]
    frac = (level - y0) / (y1 - y0) if y1 != y0 else 1.0
    return float(t[j - 1] + frac * (t[j] - t[j - 1]))


def linear_fit(x, y) -> dict:
    """Least-squares line ``y = a + b x``: ``{"slope", "intercept", "r2"}``."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    if x.size < 2 or np.ptp(x) == 0:
        return {"slope": np.nan, "intercept": np.nan, "r2": np.nan}
    b, a = np.polyfit(x, y, 1)
    resid = y - (a + b * x)
    ss = np.sum((y - y.mean()) ** 2)
    return {"slope": float(b), "intercept": float(a),
            "r2": float(1 - resid @ resid / ss) if ss > 0 else np.nan}


def reuse_index(Q: np.ndarray, V: np.ndarray, i_switch: int, i_end: int) -> float:
    """Share of the new head's output carried by the unit that mattered most for task 1.

    A unit's weight in a head's output is ``|v_k| sqrt(Q_kk)`` (the output std it carries).
    ``k*`` maximises it for head 0 (teacher 1) at the switch; the index is ``k*``'s share of
    head 1 (teacher 2) at the end: about 0 when task 2 is learnt by another unit ("node
    activation"), large when the task-1 unit is recruited ("node re-use").
    ``Q [T, K, K]``, ``V [T, H, K]`` as recorded.
    """
    carry = lambda i, h: np.abs(V[i, h]) * np.sqrt(np.clip(np.diag(Q[i]), 0, None))  # noqa: E731
    k_star = int(np.argmax(carry(i_switch, 0)))
    new = carry(i_end, 1)
    return float(new[k_star] / new.sum()) if new.sum() > 0 else float("nan")
