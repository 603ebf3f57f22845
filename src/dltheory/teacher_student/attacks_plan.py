"""From a validated config section to the runs of the attacks figure, and their tables.

A section (``config/papers/margiotta2023_attacks.yaml``, one scale) gives the learning
rates ``eta``, a grid of attack costs ``log10 C`` and the costs whose dynamics panel (a)
shows.  Every (C, eta) is simulated for every seed (stream ``attack``); all learners start
pre-trained (``w = w*``).  Errors name the field, e.g. ``margiotta2023_attacks.quick.eta``.

Tables share their columns between simulation and theory (``C, eta, t, R, Q, a_mean,
eps_g, d_rel, accuracy``; ``source`` says which), so the figure overlays them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..core.config import ConfigError
from ..core.seeding import derive_seed
from .attacks import (Attack, critical_cost, integrate_ode, observables, simulate_full,
                      simulate_reduced, small_eta_overlap, steady_state)

__all__ = ["AttacksPlan", "run_simulation", "run_theory", "steady_table", "trajectory_table",
           "transitions"]


@dataclass
class AttacksPlan:
    """Costs, learning rates, seeds and times of one scale (see the module docstring)."""

    D: int
    seeds: list[int]
    etas: list[float]
    log10_C: np.ndarray
    trajectory_log10_C: list[float]
    gamma: float
    a_min: float
    a_max: float
    times: np.ndarray
    window: float
    simulator: str
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, section: dict, where: str) -> "AttacksPlan":
        g = section["log10_C"]
        if g["stop"] <= g["start"]:
            raise ConfigError(f"{where}.log10_C.stop: must exceed start ({g['start']})")
        grid = np.round(np.arange(g["start"], g["stop"] + g["step"] / 2, g["step"]), 10)
        if grid.size < 5:
            raise ConfigError(f"{where}.log10_C.step: fewer than 5 costs on the grid")
        traj = [float(x) for x in section["trajectory_log10_C"]]
        for i, x in enumerate(traj):
            if not np.any(np.isclose(grid, x, atol=1e-9)):
                raise ConfigError(f"{where}.trajectory_log10_C[{i}]: {x} is not on the log10_C grid")
        if not section["a_min"] < 0 < section["a_max"]:
            raise ConfigError(f"{where}.a_min: need a_min < 0 < a_max")
        etas = sorted(float(e) for e in section["eta"])
        t_max = section["eta_t_max"] / etas[0]
        step = float(section["record_every"])
        times = np.round(np.arange(0.0, t_max + step / 2, step), 10)
        if times.size < 10:
            raise ConfigError(f"{where}.record_every: fewer than 10 recordings up to t_max={t_max:g}")
        if step * section["D"] < 1:
            raise ConfigError(f"{where}.record_every: shorter than one step (1/D)")
        return cls(int(section["D"]), list(range(int(section["seeds"]))), etas, grid, traj,
                   float(section["gamma"]), float(section["a_min"]), float(section["a_max"]),
                   times, float(section["steady_window"]), section["simulator"], dict(section))

    def attack(self, log10_C: float, eta: float) -> Attack:
        return Attack(float(10.0**log10_C), eta, self.gamma, self.a_min, self.a_max)

    def replicas(self) -> list[tuple[float, float, int]]:
        """``(log10 C, eta, seed)`` of every simulated learner."""
        return [(c, e, s) for e in self.etas for c in self.log10_C for s in self.seeds]


def _table(keys, times, R, Q, a) -> pd.DataFrame:
    frames = []
    for b, (c, e, s) in enumerate(keys):
        obs = observables(R[:, b], Q[:, b])
        frames.append(pd.DataFrame({"log10_C": c, "C": 10.0**c, "eta": e, "seed": s, "t": times,
                                    "R": R[:, b], "Q": Q[:, b], "a_mean": a[:, b], **obs}))
    return pd.concat(frames, ignore_index=True)


def run_simulation(plan: AttacksPlan) -> tuple[pd.DataFrame, dict]:
    """Simulate every (C, eta, seed) learner in one batch; the long table and the seeds."""
    keys = plan.replicas()
    attacks = [plan.attack(c, e) for c, e, _ in keys]
    seeds = [derive_seed(s, "attack", f"{c:g}", f"{e:g}", plan.D) for c, e, s in keys]
    simulate = simulate_full if plan.simulator == "full" else simulate_reduced
    R, Q, a = simulate(attacks, plan.D, plan.times, seeds)
    return _table(keys, plan.times, R, Q, a), {f"C=1e{c:g}/eta={e:g}/seed{s}": v
                                                for (c, e, s), v in zip(keys, seeds)}


def run_theory(plan: AttacksPlan, refine: int = 4) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Steady states (ODE at every ``eta``, and the ``eta -> 0`` limit) and ODE trajectories.

    The steady-state grid is the simulated one, refined ``refine`` times within a factor 2
    of the critical cost ``C*``, where the accuracy changes fast.
    """
    c_star = critical_cost(plan.gamma, plan.a_max)
    step = plan.log10_C[1] - plan.log10_C[0]
    fine = np.arange(np.log10(c_star) - 0.3, np.log10(c_star) + 0.3 + 1e-9, step / refine)
    grid = np.unique(np.round(np.concatenate([plan.log10_C, fine]), 10))
    rows = []
    attacks = [plan.attack(c, e) for e in plan.etas for c in grid]
    R, Q, a = steady_state(attacks)
    for atk, c, r, q, aa in zip(attacks, np.tile(grid, len(plan.etas)), R, Q, a):
        rows.append({"log10_C": c, "C": atk.C, "eta": atk.eta, "R": r, "Q": q, "a_mean": aa,
                     "source": "ode", **observables(r, q)})
    for c in np.linspace(grid[0], grid[-1], 241):
        r = small_eta_overlap(10.0**c, plan.gamma, plan.a_max)
        rows.append({"log10_C": c, "C": 10.0**c, "eta": 0.0, "R": r, "Q": r * r, "a_mean": np.nan,
                     "source": "small_eta", **observables(r, r * r)})
    steady = pd.DataFrame(rows)
    steady["accuracy"] = np.where(steady["source"] == "small_eta",
                                  (steady["R"] > 0).astype(float), steady["accuracy"])
    steady["C_star"] = c_star
    keys = [(c, e, 0) for e in plan.etas for c in plan.trajectory_log10_C]
    Rt, Qt, at = integrate_ode([plan.attack(c, e) for c, e, _ in keys], plan.times, dt=0.1)
    traj = _table(keys, plan.times, Rt, Qt, at).drop(columns="seed").assign(source="ode")
    return steady, traj


def steady_table(sim: pd.DataFrame, window: float) -> pd.DataFrame:
    """Time average over the last ``window`` of each run, then mean and s.e. over seeds."""
    late = sim[sim["t"] >= sim["t"].max() * (1 - window)]
    per_seed = late.groupby(["log10_C", "C", "eta", "seed"])[
        ["R", "Q", "a_mean", "eps_g", "d_rel", "accuracy"]].mean()
    stats = per_seed.groupby(level=["log10_C", "C", "eta"]).agg(["mean", "sem"])
    stats.columns = [f"{a}_{b}" for a, b in stats.columns]
    return stats.reset_index().assign(source="simulation")


def trajectory_table(sim: pd.DataFrame, ode: pd.DataFrame, log10_C: list[float]) -> pd.DataFrame:
    """Seed means of the simulated dynamics at the costs of panel (a), next to the ODE."""
    keep = sim[np.isclose(sim["log10_C"].to_numpy()[:, None], np.array(log10_C)[None]).any(axis=1)]
    stats = keep.groupby(["log10_C", "C", "eta", "t"])[["R", "Q", "eps_g", "d_rel", "accuracy"]].agg(
        ["mean", "sem"])
    stats.columns = [f"{a}_{b}" for a, b in stats.columns]
    ode = ode.rename(columns={k: f"{k}_mean" for k in ("R", "Q", "eps_g", "d_rel", "accuracy")})
    return pd.concat([stats.reset_index().assign(source="simulation"),
                      ode[[c for c in ode.columns if c != "a_mean"]]], ignore_index=True)


def _crossing(log10_C, acc, level):
    """``log10 C`` where an increasing accuracy curve crosses ``level`` (linear interpolation)."""
    order = np.argsort(log10_C)
    x, y = np.asarray(log10_C)[order], np.asarray(acc)[order]
    above = np.nonzero(y >= level)[0]
    if above.size == 0 or above[0] == 0:
        return np.nan
    j = above[0]
    return float(x[j - 1] + (level - y[j - 1]) / (y[j] - y[j - 1]) * (x[j] - x[j - 1]))


def transitions(steady_sim: pd.DataFrame, steady_theory: pd.DataFrame) -> pd.DataFrame:
    """Per ``eta`` and source: ``log10 C`` at accuracy 1/2 and the width between 1/4 and 3/4."""
    rows = []
    tables = [("simulation", steady_sim.rename(columns={"accuracy_mean": "accuracy"})),
              ("ode", steady_theory[steady_theory["source"] == "ode"])]
    for source, tab in tables:
        for eta, grp in tab.groupby("eta"):
            lo, mid, hi = (_crossing(grp["log10_C"], grp["accuracy"], q) for q in (0.25, 0.5, 0.75))
            rows.append({"eta": eta, "source": source, "log10_C_half": mid, "width": hi - lo})
    c_star = float(steady_theory["C_star"].iloc[0])
    rows.append({"eta": 0.0, "source": "small_eta", "log10_C_half": np.log10(c_star), "width": 0.0})
    return pd.DataFrame(rows)
