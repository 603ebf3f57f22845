"""Paper-specific summaries of the collected records (rule ``<paper>_collect``).

Each function returns one tidy table with a ``kind`` column; claims and figures read it.

kinds
-----
``gap``        ODE vs simulation: per spec, the largest and mean relative gap of the
               seed-mean errors before the floor (:func:`.analysis.relative_gap`);
               ``gap_abs`` the same for absolute differences (DFA alignment)
``final``      asymptotic error ``eps_g*``: per ``(source, spec, seed)`` the mean over the
               spec's late window
``closed``     closed-form values (linear network: ``eps* = K eta sigma^2 / (2 (2 - K eta))``)
``dfa``        per ``(source, spec, seed)``: alignment and learning times, final values
``forget``     per ``(source, spec, seed)``: forgetting and transfer (:func:`.analysis.forgetting`)
``reuse``      per ``(source, spec, seed)``: the node re-use index (:func:`.analysis.reuse_index`)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .analysis import first_crossing, forgetting, relative_gap, reuse_index, window_means

__all__ = ["SUMMARIES", "summarise", "gap_table", "linear_closed_form", "GAP_FLOOR"]

# Relative gaps are measured while eps_g exceeds this floor (absolute): below it, the
# difference of two vanishing numbers says nothing about the ODE.
GAP_FLOOR = 1e-3


def gap_table(records: pd.DataFrame, value: str = "eps", t_min: float = 1.0,
              t_max: float = np.inf, floor: float = GAP_FLOOR,
              relative: bool = True) -> pd.DataFrame:
    """Per simulated spec: ``gap_max``, ``gap_mean`` and the time of the largest gap.

    ``relative=False`` measures ``|<sim> - <ode>|`` instead (for the alignment, which
    crosses zero).
    """
    g = relative_gap(records, value, t_min, t_max, floor if relative else -np.inf)
    if not relative:
        g["gap"] = (g["sim"] - g["ode"]).abs()
    rows = []
    for spec, s in g.groupby("spec"):
        i = s["gap"].idxmax()
        rows.append({"kind": "gap" if relative else "gap_abs", "spec": spec, "value": value,
                     "gap_max": s["gap"].max(),
                     "gap_mean": s["gap"].mean(), "t_gap_max": s.loc[i, "t"],
                     "n_times": len(s), "n_seeds": int(s["n_seeds"].min())})
    return pd.DataFrame(rows)


def _final(records: pd.DataFrame, lo, hi) -> pd.DataFrame:
    w = window_means(records, lo, hi, "eps")
    w["kind"] = "final"
    return w


def linear_closed_form(K, eta, sigma) -> np.ndarray:
    """Stationary error of a linear committee machine, first layer trained, readouts 1.

    The student computes ``(sum_k w_k).x / sqrt N``; every unit gets the same update, so
    the sum is a perceptron with learning rate ``K eta``: ``r = |e|^2/N`` obeys
    ``dr/dt = -2 K eta r + (K eta)^2 (r + sigma^2)``, whence ``eps* = r*/2 =
    K eta sigma^2 / (2 (2 - K eta))``.
    """
    K, eta, sigma = (np.asarray(x, dtype=float) for x in (K, eta, sigma))
    return K * eta * sigma**2 / (2.0 * (2.0 - K * eta))


def goldt2019_dynamics(records, history, section) -> pd.DataFrame:
    cur, fin = section["curve"], section["final"]
    gap = gap_table(records[records["panel"] == "curve"], t_max=cur["t_max"])
    final = _final(records[records["panel"] == "final"], *fin["window"])
    return pd.concat([gap, final], ignore_index=True)


def goldt2019_overparam(records, history, section) -> pd.DataFrame:
    cur = section["curve"]
    gap = gap_table(records[records["panel"] == "curve"], t_max=cur["t_max"])
    final = _final(records[records["panel"].isin(["final", "linear"])], "window_lo", "window_hi")
    lin = records[(records["panel"] == "linear")].drop_duplicates("spec")
    closed = pd.DataFrame({"kind": "closed", "spec": lin["spec"], "L": lin["L"], "K": lin["K"],
                           "eps": linear_closed_form(lin["K"], lin["eta"], lin["sigma"])})
    return pd.concat([gap, final, closed], ignore_index=True)


def refinetti2020_dfa(records, history, section) -> pd.DataFrame:
    gap = gap_table(records, t_min=0.01, t_max=section["t_max"])
    gap_align = gap_table(records[records["algorithm"] == "dfa"], "align", t_min=0.01,
                          t_max=section["t_max"], relative=False)
    rows = []
    for (source, spec, seed), g in records.groupby(["source", "spec", "seed"]):
        g = g.sort_values("t")
        t, eps, align = g["t"].to_numpy(), g["eps"].to_numpy(), g["align"].to_numpy()
        rows.append({"kind": "dfa", "source": source, "spec": spec, "seed": seed,
                     "algorithm": g["algorithm"].iloc[0], "eps_0": eps[0], "eps_end": eps[-1],
                     "align_0": align[0], "align_end": align[-1],
                     "align_max": np.nanmax(align) if np.isfinite(align).any() else np.nan,
                     "t_align": first_crossing(t, align, section["align_level"]),
                     "t_memorise": first_crossing(t, eps, 0.5 * eps[0], above=False)})
    return pd.concat([gap, gap_align, pd.DataFrame(rows)], ignore_index=True)


def _continual(records, history, section, with_reuse: bool) -> pd.DataFrame:
    ts, te = section["t_switch"], section["t_end"]
    sim_specs = records.loc[records["source"] == "sim", "spec"].unique()
    sub = records[records["spec"].isin(sim_specs)]
    # Before the switch every spec trains on the same teacher 1 from the same initial
    # weights (only the SGD samples differ), so those runs are pooled: one seed mean over
    # (spec, seed).  After the switch, the error on teacher 2 per spec.
    pre = sub[sub["t"] <= ts].assign(seed=lambda d: d["spec"] + "|" + d["seed"].astype(str),
                                     spec="task1")
    gap = pd.concat([gap_table(pre, "eps", t_max=ts),
                     gap_table(sub, "eps_2", t_min=ts + 1e-9, t_max=te)], ignore_index=True)
    fg = forgetting(records, ts, te)
    fg["kind"] = "forget"
    parts = [gap, fg]
    if with_reuse:
        rows = []
        for (source, spec, seed), g in records.groupby(["source", "spec", "seed"]):
            tag = f"{spec}|{seed}|"
            hist = history[source]
            t = hist[tag + "t"]
            i_sw = int(np.argmin(np.abs(t - ts)))
            i_end = int(np.argmin(np.abs(t - te)))
            rows.append({"kind": "reuse", "source": source, "spec": spec, "seed": seed,
                         "V": g["V"].iloc[0], "rho": g["rho"].iloc[0],
                         "reuse": reuse_index(hist[tag + "Q"], hist[tag + "V"], i_sw, i_end)})
        parts.append(pd.DataFrame(rows))
    return pd.concat(parts, ignore_index=True)


def lee2021_continual(records, history, section) -> pd.DataFrame:
    return _continual(records, history, section, with_reuse=False)


def lee2022_maslow(records, history, section) -> pd.DataFrame:
    return _continual(records, history, section, with_reuse=True)


SUMMARIES = {f.__name__: f for f in (goldt2019_dynamics, goldt2019_overparam, refinetti2020_dfa,
                                      lee2021_continual, lee2022_maslow)}


def summarise(paper: str, records: pd.DataFrame, history: dict, section: dict) -> pd.DataFrame:
    """The summary table of ``paper`` (``history``: ``{"sim": arrays, "ode": arrays}``)."""
    return SUMMARIES[paper](records, history, section)
