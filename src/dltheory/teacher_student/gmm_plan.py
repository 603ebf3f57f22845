"""From a validated config section to the runs of the Gaussian-mixture figure, and their tables.

A section (``config/papers/refinetti2021_gmm.yaml``, one scale) gives the network widths
``K``, the cluster variance ``sigma2`` of the learning curves (every ``K``, ``seeds`` runs),
further variances ``sigma2_scan`` (first ``K`` only, ``seeds_scan`` runs) for the error
against the signal-to-noise ratio, and the random-features sizes ``p / N``.  Seed ``r`` gives
a network of width ``K`` the same initial weights at every variance (stream ``init``) and its
own samples (stream ``samples``).  Errors name the field, e.g. ``refinetti2021_gmm.quick.K[0]``.

The ODE starts from each simulated network's own order parameters at ``t = ode_start``,
after the escape from the initial plateau (the reference's ``--t0`` option): there, all
overlaps are ``O(N^-1/2)`` and the escape is assisted by SGD noise at any finite ``N``, which
the ODE does not contain.  The ODE from ``t = 0`` is integrated too, for comparison.
Tables share their columns (``K, sigma2, seed, t, eps_g, eps_c``) between simulation and ODE.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..core.config import ConfigError
from ..core.seeding import derive_seed, rng
from . import gmm, gmm_ode, gmm_rf

__all__ = ["GMMPlan", "run_simulation", "run_ode", "run_baselines", "summarise", "finals"]


@dataclass
class GMMPlan:
    """Sizes, rates, variances, seeds and times of one scale (see the module docstring)."""

    N: int
    K: list[int]
    eta: float
    init: float
    kappa: float
    sigma2: float
    sigma2_scan: list[float]
    seeds: list[int]
    seeds_scan: list[int]
    times: np.ndarray
    ode_start: float
    dt: float
    qmc_points: int
    qmc_points_eval: int
    rf_ratios: list[float]
    rf_test: int
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, section: dict, where: str) -> "GMMPlan":
        Ks = [int(k) for k in section["K"]]
        for i, k in enumerate(Ks):
            if k < 4:
                raise ConfigError(f"{where}.K[{i}]: K={k}; a ReLU network needs K >= 4 units "
                                  "to separate the four clusters")
        if len(set(Ks)) < len(Ks):
            raise ConfigError(f"{where}.K: a width is listed twice")
        scan = [float(s) for s in section["sigma2_scan"]]
        if float(section["sigma2"]) in scan:
            raise ConfigError(f"{where}.sigma2_scan: repeats sigma2={section['sigma2']}")
        for key in ("qmc_points", "qmc_points_eval"):
            n = int(section[key])
            if n & (n - 1):
                raise ConfigError(f"{where}.{key}: {n} is not a power of 2 (Sobol points)")
        t_max, t0 = float(section["t_max"]), float(section["ode_start"])
        if not 0 <= t0 < t_max:
            raise ConfigError(f"{where}.ode_start: need 0 <= ode_start < t_max={t_max:g}")
        grid = np.geomspace(min(0.1, t_max / 100), t_max, int(section["n_records"]))
        times = np.unique(np.round(np.concatenate([[0.0, t0, t_max], grid]) * section["N"]))
        return cls(int(section["N"]), Ks, float(section["eta"]), float(section["init"]),
                   float(section["kappa"]), float(section["sigma2"]), scan,
                   list(range(int(section["seeds"]))), list(range(int(section["seeds_scan"]))),
                   times / section["N"], t0, float(section["dt"]), int(section["qmc_points"]),
                   int(section["qmc_points_eval"]), [float(r) for r in section["rf_ratios"]],
                   int(section["rf_test"]), dict(section))

    @property
    def all_sigma2(self) -> list[float]:
        return sorted([self.sigma2, *self.sigma2_scan])

    def replicas(self, K: int) -> list[tuple[float, int]]:
        """``(sigma2, seed)`` of the networks of width ``K``."""
        reps = [(self.sigma2, s) for s in self.seeds]
        if K == self.K[0]:
            reps += [(s2, s) for s2 in self.sigma2_scan for s in self.seeds_scan]
        return reps


def _long(K, reps, times, eps_g, eps_c, **extra) -> pd.DataFrame:
    frames = [pd.DataFrame({"K": K, "sigma2": s2, "seed": s, "t": times, "eps_g": eps_g[:, b],
                            "eps_c": eps_c[:, b], **extra}) for b, (s2, s) in enumerate(reps)]
    return pd.concat(frames, ignore_index=True)


def run_simulation(plan: GMMPlan, K: int):
    """Simulate every network of width ``K``; returns ``(order parameters, error table, seeds)``."""
    reps = plan.replicas(K)
    sigma2 = np.array([s2 for s2, _ in reps])
    init = [derive_seed(s, "init", K, plan.N) for _, s in reps]
    samples = [derive_seed(s, "samples", K, plan.N, f"{s2:g}") for s2, s in reps]
    M, Q, v = gmm.simulate(K, plan.N, sigma2, plan.eta, plan.init, plan.kappa, plan.times,
                           init, samples)
    pts = gmm_ode.qmc_points(K, plan.qmc_points_eval, seed=1)
    errs = np.array([gmm_ode.errors(M[i], Q[i], v[i], sigma2, pts) for i in range(len(plan.times))])
    state = {"times": plan.times, "sigma2": sigma2, "seed": np.array([s for _, s in reps]),
             "M": M, "Q": Q, "v": v}
    seeds = {f"sigma2={s2:g}/seed{s}": {"init": i, "samples": x}
             for (s2, s), i, x in zip(reps, init, samples)}
    return state, _long(K, reps, plan.times, errs[:, 0], errs[:, 1]), seeds


def run_ode(plan: GMMPlan, K: int, state: dict) -> pd.DataFrame:
    """ODE from each network's state at ``ode_start``, and (first width only) from ``t = 0`` at ``sigma2``."""
    reps = list(zip(state["sigma2"], state["seed"]))
    times = state["times"]
    pts = gmm_ode.qmc_points(K, plan.qmc_points, seed=0)
    pts_eval = gmm_ode.qmc_points(K, plan.qmc_points_eval, seed=1)
    i0 = int(np.argmin(np.abs(times - plan.ode_start)))
    later = times[i0:] - times[i0]
    eg, ec, _ = gmm_ode.integrate(state["M"][i0], state["Q"][i0], state["v"][i0], state["sigma2"],
                                  plan.eta, plan.kappa, later, plan.dt, pts, pts_eval)
    tables = [_long(K, reps, times[i0:], eg, ec, start=float(times[i0]))]
    if K != plan.K[0]:
        return tables[0]
    main = np.isclose(state["sigma2"], plan.sigma2)
    eg0, ec0, _ = gmm_ode.integrate(state["M"][0][main], state["Q"][0][main], state["v"][0][main],
                                    state["sigma2"][main], plan.eta, plan.kappa, times, plan.dt,
                                    pts, pts_eval)
    tables.append(_long(K, [r for r, m in zip(reps, main) if m], times, eg0, ec0, start=0.0))
    return pd.concat(tables, ignore_index=True)


def run_baselines(plan: GMMPlan, n_oracle: int = 41) -> pd.DataFrame:
    """Oracle error on a grid of ``sigma2``; random features (Gaussian equivalence, and real
    features for the smallest ``p / N``) at every simulated ``sigma2``."""
    rows = []
    lo, hi = min(plan.all_sigma2), max(plan.all_sigma2)
    for s2 in np.geomspace(lo / 1.5, hi * 1.5, n_oracle):
        rows.append({"model": "oracle", "sigma2": s2, "p_ratio": np.nan,
                     "eps_c": gmm.oracle_error(s2), "source": "theory"})
    for j, ratio in enumerate(plan.rf_ratios):
        p = int(round(ratio * plan.N))
        F = gmm_rf.projection(plan.N, p, rng(derive_seed(0, "projection", p, plan.N)))
        for s2 in plan.all_sigma2:
            ge = gmm_rf.ge_error(F, s2)
            rows.append({"model": "random_features", "sigma2": s2, "p_ratio": ratio,
                         "eps_c": ge["eps_c"], "eps_g": ge["eps_g"], "source": "theory"})
            if j == 0:
                real = gmm_rf.feature_error(F, s2, ge["w"], ge["mu_bar"], plan.rf_test,
                                            rng(derive_seed(0, "rf_test", p, f"{s2:g}")))
                rows.append({"model": "random_features", "sigma2": s2, "p_ratio": ratio,
                             "eps_c": real["eps_c"], "eps_c_sem": real["eps_c_sem"],
                             "eps_g": real["eps_g"], "source": "simulation"})
    return pd.DataFrame(rows)


def summarise(sim: pd.DataFrame, ode: pd.DataFrame) -> pd.DataFrame:
    """Seed means and standard errors of ``eps_g, eps_c`` per ``(K, sigma2, t)`` and source."""
    parts = [("simulation", sim), ("ode", ode[ode["start"] > 0]), ("ode_from_zero", ode[ode["start"] == 0])]
    out = []
    for source, tab in parts:
        g = tab.groupby(["K", "sigma2", "t"])
        stats = g[["eps_g", "eps_c"]].agg(["mean", "sem"])
        stats.columns = [f"{a}_{b}" for a, b in stats.columns]
        out.append(stats.reset_index().assign(source=source, n_seeds=g.size().to_numpy()))
    return pd.concat(out, ignore_index=True)


def finals(curves: pd.DataFrame, baselines: pd.DataFrame) -> pd.DataFrame:
    """Errors at the last time, per ``(K, sigma2)``, with the oracle and random features beside."""
    last = curves[curves["t"] == curves["t"].max()]
    wide = last.pivot_table(index=["K", "sigma2"], columns="source",
                            values=["eps_c_mean", "eps_c_sem", "eps_g_mean"])
    wide.columns = [f"{a}:{b}" for a, b in wide.columns]
    wide = wide.reset_index()
    wide["oracle"] = [gmm.oracle_error(s2) for s2 in wide["sigma2"]]
    rf = baselines[baselines["model"] == "random_features"]
    for (ratio, source), grp in rf.groupby(["p_ratio", "source"]):
        col = f"rf_p{ratio:g}N:{source}"
        wide[col] = wide["sigma2"].map(dict(zip(grp["sigma2"], grp["eps_c"])))
    return wide
