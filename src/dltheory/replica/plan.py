"""From validated config sections to the jobs of the replica-family papers.

The JSON schemas (``workflow/schemas/papers/<id>.schema.yaml``) check types and
ranges; the plans here check what a schema cannot (cross-field constraints) and raise
:class:`dltheory.core.config.ConfigError` naming the full field path, e.g.
``goldt2021_memories.quick.models[1].rho``.  Rules read their parameters from a plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..core.config import ConfigError
from .associative import capacity_law
from .linear_diffusion import Training, ddpm_schedule
from .memories import MemoryModel

__all__ = ["MemoriesPlan", "DiffusionPlan", "GenerativePlan", "RecallPlan"]


def _increasing(values, where: str) -> list[float]:
    values = [float(v) for v in values]
    if any(b <= a for a, b in zip(values, values[1:])):
        raise ConfigError(f"{where}: must be strictly increasing, got {values}")
    return values


@dataclass
class MemoriesPlan:
    """goldt2021_memories: models, Delta/Delta_c grids, AMP options."""

    models: dict[str, MemoryModel]
    N: int
    seeds: list[int]
    ratios: list[float]
    theory_ratios: list[float]
    amp_options: dict
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, section: dict, where: str) -> "MemoriesPlan":
        models = {}
        for i, entry in enumerate(section["models"]):
            path = f"{where}.models[{i}]"
            if entry["name"] in models:
                raise ConfigError(f"{path}.name: model {entry['name']!r} is listed twice")
            if entry["prior"] == "hopfield" and entry["rho"] is not None:
                raise ConfigError(f"{path}.rho: the hopfield prior has no density; set rho: null")
            if entry["prior"] != "hopfield" and entry["rho"] is None:
                raise ConfigError(f"{path}.rho: prior {entry['prior']!r} needs a density 0 < rho < 1")
            models[entry["name"]] = MemoryModel(**entry)
        ratios = _increasing(section["delta_ratios"], f"{where}.delta_ratios")
        fine = np.linspace(0.05, max(1.6, ratios[-1]), section["theory_points"])
        theory = sorted(set(np.round(np.concatenate([fine, ratios]), 10).tolist()))
        return cls(models, section["N"], list(range(section["seeds"])), ratios, theory,
                   {"max_iter": section["amp_max_iter"], "tol": section["amp_tol"],
                    "init_scale": section["amp_init_scale"]}, dict(section))

    @property
    def keys(self) -> list[str]:
        return list(self.models)


@dataclass
class DiffusionPlan:
    """merger2025_linear_diffusion: dimension, N/d grid, schedule, trainings."""

    d: int
    seeds: list[int]
    ratios: list[float]
    theory_ratios: list[float]
    schedule: dict
    power_law_k: float
    trainings: list[dict]
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, section: dict, where: str) -> "DiffusionPlan":
        ratios = _increasing(section["N_over_d"], f"{where}.N_over_d")
        if section["beta_min"] >= section["beta_max"]:
            raise ConfigError(f"{where}.beta_max: must exceed beta_min = {section['beta_min']}")
        sched = ddpm_schedule(section["T"], section["beta_min"], section["beta_max"])
        if np.any(sched.abar <= 0):
            raise ConfigError(f"{where}.T: the schedule underflows (abar_T = 0); lower T or beta_max")
        names = [t["name"] for t in section["trainings"]]
        for i, name in enumerate(names):
            if name in names[:i]:
                raise ConfigError(f"{where}.trainings[{i}].name: {name!r} is listed twice")
        first = section["trainings"][0]
        if first["lam"] != 0 or first["tau"] is not None:
            raise ConfigError(f"{where}.trainings[0]: must be the plain denoiser (lam: 0, tau: null)")
        if not any(r < 1 for r in ratios) or not any(r >= 4 for r in ratios):
            raise ConfigError(f"{where}.N_over_d: needs points below 1 (memorisation) and >= 4 (the d/(4N) law)")
        if any(abs(r - 1) < 1e-9 for r in ratios):
            raise ConfigError(f"{where}.N_over_d: N = d exactly is singular for the plain denoiser; leave it out")
        fine = np.geomspace(ratios[0], ratios[-1], section["theory_points"])
        theory = sorted(set(np.round(np.concatenate([fine, ratios]), 10).tolist()))
        return cls(section["d"], list(range(section["seeds"])), ratios, theory,
                   {"T": section["T"], "beta_min": section["beta_min"], "beta_max": section["beta_max"]},
                   section["power_law_k"], [dict(t) for t in section["trainings"]], dict(section))

    def training_objects(self) -> list[Training]:
        return [Training(**t) for t in self.trainings]


@dataclass
class GenerativePlan:
    """maillard2026_memorisation: dimension, sample sizes, spike strengths."""

    d: int
    seeds: list[int]
    ns: list[int]
    theory_ns: list[int]
    thetas: list[float]
    draws: int
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, section: dict, where: str) -> "GenerativePlan":
        ns = [int(n) for n in _increasing(section["n"], f"{where}.n")]
        if ns[0] != 1:
            raise ConfigError(f"{where}.n: must start at n = 1 (a single training sample: full memorisation)")
        thetas = _increasing(section["thetas"], f"{where}.thetas")
        fine = np.unique(np.round(np.geomspace(1, ns[-1], section["theory_points"])).astype(int))
        theory = sorted(set(fine.tolist()) | set(ns))
        return cls(section["d"], list(range(section["seeds"])), ns, theory, thetas,
                   section["draws"], dict(section))


@dataclass
class RecallPlan:
    """giorlandino2026_factual_recall: dimensions, models per dimension, seeds."""

    dims: list[int]
    models: dict[int, list[str]]
    seeds: list[int]
    embeddings: int
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, section: dict, where: str) -> "RecallPlan":
        dims = [int(d) for d in _increasing(section["d"], f"{where}.d")]
        extra = sorted(set(section["decoupled_d"]) - set(dims))
        if extra:
            raise ConfigError(f"{where}.decoupled_d: {extra} not in {where}.d")
        need = int(np.ceil(2.5 * capacity_law(dims[-1])))
        if section["embeddings"] < need:
            raise ConfigError(f"{where}.embeddings: {section['embeddings']} is below 2.5 p_c(d={dims[-1]}) = {need}; "
                              "the capacity search needs that many embeddings")
        models = {d: ["coupled"] + (["decoupled"] if d in section["decoupled_d"] else []) + ["hebbian"]
                  for d in dims}
        return cls(dims, models, list(range(section["seeds"])), section["embeddings"], dict(section))
