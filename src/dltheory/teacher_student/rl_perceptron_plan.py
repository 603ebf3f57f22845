"""From a validated config section to the runs of the RL-perceptron figure, and their tables.

A section (``config/papers/patel2023_rlperceptron.yaml``, one scale) lists the reward
rules of panels (a, b) and the episode lengths ``T`` of the delayed-learning panels (c, d)
(sparse rule: all ``T`` decisions correct, no penalty).  Every rule is run for every seed;
seed ``r`` gives every rule the same initial student (stream ``student``), and each
(rule, seed) its own episodes (stream ``episodes``).  Errors name the field, e.g.
``patel2023_rlperceptron.quick.rules[1].n``.

Tables share their columns between simulation and ODE (``rule, T, n, eta1, eta2, seed,
alpha, R, Q, rho, eps``), so the figure overlays them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..core.config import ConfigError
from ..core.seeding import derive_seed
from .rl_perceptron import (RewardRule, crossing_time, generalisation_error, integrate_ode,
                            simulate_full, simulate_reduced)

__all__ = ["RLPerceptronPlan", "run_simulation", "run_ode", "summarise", "delay_times"]

MAX_T = 16  # the ODE enumerates binomial weights up to T; the simulator stores T per episode


@dataclass
class RLPerceptronPlan:
    """Rules, seeds and sizes of one scale (see the module docstring)."""

    D: int
    seeds: list[int]
    rules: list[RewardRule]          # panels (a, b), in config order
    delay_rules: list[RewardRule]    # panels (c, d), increasing T
    alphas: np.ndarray               # recording times
    dt: float
    rho_star: float
    simulator: str
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, section: dict, where: str) -> "RLPerceptronPlan":
        eta1 = float(section["eta1"])
        rules = []
        for i, entry in enumerate(section["rules"]):
            T, n = int(entry["T"]), int(entry["n"])
            path = f"{where}.rules[{i}]"
            if not 1 <= T <= MAX_T:
                raise ConfigError(f"{path}.T: {T} decisions per episode; need 1 <= T <= {MAX_T}")
            if not 1 <= n <= T:
                raise ConfigError(f"{path}.n: reward needs n={n} correct decisions of T={T}; "
                                  f"need 1 <= n <= T")
            rules.append(RewardRule(T, n, eta1, float(entry["eta2"])))
        delay_T = sorted(int(T) for T in section["delay_T"])
        if len(set(delay_T)) < 2:
            raise ConfigError(f"{where}.delay_T: need at least two distinct episode lengths")
        if delay_T[-1] > MAX_T:
            raise ConfigError(f"{where}.delay_T: T={delay_T[-1]} exceeds {MAX_T}")
        if len({r.key for r in rules}) < len(rules):
            raise ConfigError(f"{where}.rules: a rule is listed twice")
        step = float(section["record_every"])
        alphas = np.round(np.arange(0.0, float(section["alpha_max"]) + step / 2, step), 10)
        if alphas.size < 3:
            raise ConfigError(f"{where}.record_every: fewer than 3 recording times up to alpha_max")
        if step * int(section["D"]) < 1:
            raise ConfigError(f"{where}.record_every: shorter than one episode (1/D)")
        return cls(int(section["D"]), list(range(int(section["seeds"]))), rules,
                   [RewardRule(T, T, eta1, 0.0) for T in delay_T], alphas,
                   float(section["dt"]), float(section["rho_star"]), section["simulator"],
                   dict(section))

    @property
    def all_rules(self) -> list[RewardRule]:
        """Every distinct rule, panels (a, b) first."""
        seen: dict[str, RewardRule] = {}
        for r in self.rules + self.delay_rules:
            seen.setdefault(r.key, r)
        return list(seen.values())

    def replicas(self) -> list[tuple[RewardRule, int]]:
        return [(r, s) for r in self.all_rules for s in self.seeds]


def _long_table(replicas, alphas, R, Q) -> pd.DataFrame:
    frames = []
    for b, (rule, seed) in enumerate(replicas):
        rho = np.clip(R[:, b] / np.sqrt(Q[:, b]), -1, 1)
        frames.append(pd.DataFrame({
            "rule": rule.key, "T": rule.T, "n": rule.n, "eta1": rule.eta1, "eta2": rule.eta2,
            "seed": seed, "alpha": alphas, "R": R[:, b], "Q": Q[:, b], "rho": rho,
            "eps": generalisation_error(R[:, b], Q[:, b])}))
    return pd.concat(frames, ignore_index=True)


def run_simulation(plan: RLPerceptronPlan) -> tuple[pd.DataFrame, dict]:
    """Simulate every (rule, seed) replica in one batch; returns the long table and the seeds."""
    replicas = plan.replicas()
    rules = [r for r, _ in replicas]
    init = [derive_seed(s, "student", plan.D) for _, s in replicas]
    episodes = [derive_seed(s, "episodes", r.key, plan.D) for r, s in replicas]
    simulate = simulate_full if plan.simulator == "full" else simulate_reduced
    R, Q = simulate(rules, plan.D, plan.alphas, init, episodes)
    seeds = {f"{r.key}/seed{s}": {"student": i, "episodes": e}
             for (r, s), i, e in zip(replicas, init, episodes)}
    return _long_table(replicas, plan.alphas, R, Q), seeds


def run_ode(plan: RLPerceptronPlan, runs: pd.DataFrame) -> pd.DataFrame:
    """Integrate the ODE from every simulated replica's own initial overlaps."""
    start = runs[runs["alpha"] == 0].set_index(["rule", "seed"])
    replicas = plan.replicas()
    R0 = np.array([start.loc[(r.key, s), "R"] for r, s in replicas])
    Q0 = np.array([start.loc[(r.key, s), "Q"] for r, s in replicas])
    R, Q = integrate_ode(R0, Q0, [r for r, _ in replicas], plan.alphas, plan.dt)
    return _long_table(replicas, plan.alphas, R, Q)


def summarise(sim: pd.DataFrame, ode: pd.DataFrame) -> pd.DataFrame:
    """Seed mean and standard error of ``R, Q, rho, eps`` per rule and time, for both sources."""
    out = []
    for source, table in (("simulation", sim), ("ode", ode)):
        g = table.groupby(["rule", "T", "n", "eta1", "eta2", "alpha"])
        stats = g[["R", "Q", "rho", "eps"]].agg(["mean", "sem"])
        stats.columns = [f"{a}_{b}" for a, b in stats.columns]
        out.append(stats.reset_index().assign(source=source, n_seeds=g.size().to_numpy()))
    return pd.concat(out, ignore_index=True)


def delay_times(sim: pd.DataFrame, ode: pd.DataFrame, level: float) -> pd.DataFrame:
    """Per rule and source: the time ``alpha*`` at which ``rho`` first reaches ``level``.

    Measured per seed (linear interpolation between recordings), then mean and standard
    error over seeds; ``n_missing`` counts seeds that never reached ``level``.
    """
    rows = []
    for source, table in (("simulation", sim), ("ode", ode)):
        for (rule, T, n, eta2), grp in table.groupby(["rule", "T", "n", "eta2"]):
            times = np.array([crossing_time(s["alpha"], s["rho"], level)
                              for _, s in grp.sort_values("alpha").groupby("seed")])
            ok = times[np.isfinite(times)]
            rows.append({"rule": rule, "T": T, "n": n, "eta2": eta2, "source": source,
                         "alpha_star": ok.mean() if ok.size else np.nan,
                         "alpha_star_sem": ok.std(ddof=1) / np.sqrt(ok.size) if ok.size > 1 else np.nan,
                         "n_missing": int(times.size - ok.size), "level": level})
    return pd.DataFrame(rows)
