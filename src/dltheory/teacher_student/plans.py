"""From a validated config section to the run specs of each teacher-student paper.

One function per paper (``config/papers/<id>.yaml``, one scale); each returns a
:class:`Plan` whose specs the rules hand to the simulation and ODE jobs.  Semantic errors
(a learning rate for which the linear network diverges, a similarity outside [0, 1], a
simulated width missing from the ODE grid) raise :class:`~dltheory.core.config.ConfigError`
naming the field, e.g. ``goldt2019_overparam.quick.linear.eta``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..core.config import ConfigError
from .experiment import RunSpec
from .ode import Phase

__all__ = ["Plan", "time_grid", "switch_grid", "PLANS", "build_plan"]


@dataclass
class Plan:
    """Specs of one paper plus the settings its rules need."""

    paper: str
    specs: list[RunSpec]
    seeds: list[int]
    ode: dict
    section: dict = field(repr=False, default_factory=dict)

    @property
    def simulated(self) -> list[RunSpec]:
        return [s for s in self.specs if s.simulate]

    def spec_dicts(self, simulated_only: bool = False) -> list[dict]:
        return [s.to_dict() for s in (self.simulated if simulated_only else self.specs)]


def time_grid(t_max: float, n: int, t_min: float = 0.1) -> tuple:
    """``t = 0`` plus ``n`` log-spaced times in ``[t_min, t_max]`` (rounded to 1e-3)."""
    return tuple(np.unique(np.r_[0.0, np.geomspace(t_min, t_max, n)].round(3)).tolist())


def switch_grid(t_switch: float, t_end: float, n: int) -> tuple:
    """Linear grids of ``n`` points before and after a task switch (both ends included)."""
    return tuple(np.unique(np.r_[np.linspace(0, t_switch, n),
                                 np.linspace(t_switch, t_end, n)].round(3)).tolist())


def _check_subset(sub, full, where: str) -> None:
    missing = sorted(set(sub) - set(full))
    if missing:
        raise ConfigError(f"{where}: {missing} not in the ODE grid {sorted(full)}")


def _ode(section: dict) -> dict:
    return dict(section["ode"])


def goldt2019_dynamics(section: dict, where: str) -> Plan:
    """arXiv:1906.08632: (a) eps_g(t) at K=M, two N; (b) eps_g* against K, first layer vs both."""
    M, act = section["M"], "erf"
    cur, fin = section["curve"], section["final"]
    specs = []
    times = time_grid(cur["t_max"], cur["n_times"])
    for N in cur["N"]:
        specs.append(RunSpec(
            key=f"curve_N{N}", N=N, K=cur["K"], M=M, activation=act, eta=cur["eta"],
            sigma=cur["sigma"], phases=(Phase(until=cur["t_max"]),), train_second=False,
            times=times, labels=(("panel", "curve"), ("mode", "first"))))
    _check_subset(fin["K_simulated"], fin["K"], f"{where}.final.K_simulated")
    if min(fin["K"]) < M:
        raise ConfigError(f"{where}.final.K: the informed start needs K >= M = {M}")
    ftimes = tuple(sorted(set(time_grid(fin["t_max"], fin["n_times"]))
                          | set(np.linspace(*fin["window"], 11).round(3).tolist())))
    for mode in ("first", "both"):
        for K in fin["K"]:
            specs.append(RunSpec(
                key=f"final_{mode}_K{K}", N=fin["N"], K=K, M=M, activation=act,
                eta=fin["eta"], sigma=fin["sigma"], init="informed", w_std=fin["excess_std"],
                v_init="ones" if mode == "first" else "teacher", v_std=fin["excess_std"],
                phases=(Phase(until=fin["t_max"]),), train_second=mode == "both",
                times=ftimes, simulate=K in fin["K_simulated"],
                labels=(("panel", "final"), ("mode", mode), ("L", K - M))))
    return Plan("goldt2019_dynamics", specs, list(range(section["seeds"])), _ode(section), section)


def goldt2019_overparam(section: dict, where: str) -> Plan:
    """arXiv:1901.09085: eps_g(t) for K = M + L, and eps_g* against L (erf and linear)."""
    M = section["M"]
    cur, fin, lin = section["curve"], section["final"], section["linear"]
    specs = []
    times = time_grid(cur["t_max"], cur["n_times"])
    for L in cur["L"]:
        specs.append(RunSpec(
            key=f"curve_L{L}", N=cur["N"], K=M + L, M=M, eta=cur["eta"], sigma=cur["sigma"],
            phases=(Phase(until=cur["t_max"]),), train_second=False, times=times,
            labels=(("panel", "curve"), ("L", L), ("activation", "erf"))))
    _check_subset(fin["L_simulated"], fin["L"], f"{where}.final.L_simulated")
    _check_subset([fin["eta_simulated"]], fin["eta"], f"{where}.final.eta_simulated")
    for eta in fin["eta"]:
        t_max = fin["t_max"] * max(1.0, fin["eta_simulated"] / eta)  # relaxation time ~ 1/eta
        window = tuple(w * t_max / fin["t_max"] for w in fin["window"])
        ftimes = tuple(sorted(set(time_grid(t_max, fin["n_times"]))
                              | set(np.linspace(*window, 11).round(3).tolist())))
        for L in fin["L"]:
            specs.append(RunSpec(
                key=f"final_eta{eta:g}_L{L}", N=fin["N"], K=M + L, M=M, eta=eta,
                sigma=fin["sigma"], init="informed", w_std=fin["excess_std"], v_init="ones",
                phases=(Phase(until=t_max),), train_second=False, times=ftimes,
                simulate=(eta == fin["eta_simulated"] and L in fin["L_simulated"]),
                labels=(("panel", "final"), ("L", L), ("activation", "erf"),
                        ("window_lo", window[0]), ("window_hi", window[1]))))
    _check_subset(lin["L_simulated"], lin["L"], f"{where}.linear.L_simulated")
    if (M + max(lin["L"])) * lin["eta"] >= 2:
        raise ConfigError(f"{where}.linear.eta: a linear student with K = {M + max(lin['L'])} "
                          f"units diverges unless K eta < 2")
    ltimes = tuple(sorted(set(time_grid(lin["t_max"], lin["n_times"]))
                          | set(np.linspace(*lin["window"], 11).round(3).tolist())))
    for L in lin["L"]:
        specs.append(RunSpec(
            key=f"linear_L{L}", N=lin["N"], K=M + L, M=M, activation="linear", eta=lin["eta"],
            sigma=lin["sigma"], w_std=lin["w_std"], phases=(Phase(until=lin["t_max"]),),
            train_second=False,
            times=ltimes, simulate=L in lin["L_simulated"],
            labels=(("panel", "linear"), ("L", L), ("activation", "linear"),
                    ("window_lo", lin["window"][0]), ("window_hi", lin["window"][1]))))
    return Plan("goldt2019_overparam", specs, list(range(section["seeds"])), _ode(section), section)


def refinetti2020_dfa(section: dict, where: str) -> Plan:
    """arXiv:2011.12428: eps_g(t) and cos(v, b) under DFA (and BP), from small initial weights."""
    times = time_grid(section["t_max"], section["n_times"], t_min=0.01)
    specs = []
    for algo in section["algorithms"]:
        specs.append(RunSpec(
            key=algo, N=section["N"], K=section["K"], M=section["M"], eta=section["eta"],
            sigma=section["sigma"], dfa=algo == "dfa", w_std=section["w_std"],
            v_init="normal", v_std=section["v_std"], teacher_readout="normal",
            phases=(Phase(until=section["t_max"]),), times=times,
            labels=(("algorithm", algo),)))
    return Plan("refinetti2020_dfa", specs, list(range(section["seeds"])), _ode(section), section)


def _continual_specs(section: dict, where: str, prefix: str, rhos) -> list[RunSpec]:
    ts, te = section["t_switch"], section["t_end"]
    if te <= ts:
        raise ConfigError(f"{where}.t_end: must be later than t_switch = {ts}")
    phases = (Phase(until=ts, task=0, head=0), Phase(until=te, task=1, head=1))
    times = switch_grid(ts, te, section["n_times"])
    grid = section["feature_similarity"]
    _check_subset(section["feature_similarity_simulated"], grid,
                  f"{where}.feature_similarity_simulated")
    specs = []
    for rho in rhos:
        for V in grid:
            specs.append(RunSpec(
                key=f"{prefix}V{V:g}_rho{rho:g}", N=section["N"], K=section["K"], M=section["M"],
                P=2, H=2, eta=section["eta"], w_std=section["w_std"], v_init="normal",
                v_std=section["w_std"], feature_similarity=V, readout_similarity=rho,
                phases=phases, times=times,
                simulate=rho == 1.0 and V in section["feature_similarity_simulated"],
                labels=(("V", V), ("rho", rho))))
    return specs


def lee2021_continual(section: dict, where: str) -> Plan:
    """arXiv:2107.04384: errors across a task switch; forgetting against feature and readout similarity."""
    rhos = section["readout_similarity"]
    if 1.0 not in rhos:
        raise ConfigError(f"{where}.readout_similarity: must contain 1.0 (the simulated curve)")
    if section["M"] == 1 and any(r not in (-1.0, 1.0) for r in rhos):
        raise ConfigError(f"{where}.readout_similarity: with M = 1 only +-1 is possible")
    specs = _continual_specs(section, where, "", rhos)
    return Plan("lee2021_continual", specs, list(range(section["seeds"])), _ode(section), section)


def lee2022_maslow(section: dict, where: str) -> Plan:
    """arXiv:2205.09029: forgetting against feature similarity; node re-use vs node activation."""
    if section["K"] <= section["M"]:
        raise ConfigError(f"{where}.K: node activation needs spare student units, K > M")
    specs = _continual_specs(section, where, "", [1.0])
    return Plan("lee2022_maslow", specs, list(range(section["seeds"])), _ode(section), section)


PLANS = {f.__name__: f for f in (goldt2019_dynamics, goldt2019_overparam, refinetti2020_dfa,
                                  lee2021_continual, lee2022_maslow)}


def build_plan(paper: str, section: dict, where: str) -> Plan:
    """The plan of ``paper`` from its config section; ValueErrors become ConfigErrors."""
    try:
        return PLANS[paper](section, where)
    except ValueError as exc:
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError(f"{where}: {exc}") from None
