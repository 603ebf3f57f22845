"""From a validated config section to the jobs of each paper of the family (one plan class per paper).

The JSON schemas (``workflow/schemas/papers/<id>.schema.yaml``) check types and ranges;
the plans check what a schema cannot (grids increasing, training sets of at least two
points, a depth that exists, an interpolation peak on the grid ...) and raise
:class:`dltheory.core.config.ConfigError` naming the field, e.g.
``loureiro2021_gcm.quick.alpha_sim``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .common import grid, require, sample_sizes
from .linearisation import ACTIVATIONS

__all__ = ["RFPlan", "DeepRFPlan", "StructuredPlan", "BayesPlan", "FlatPlan"]


def _activation(s: dict, key: str, where: str) -> str:
    name = s[key]
    require(name in ACTIVATIONS, f"{where}.{key}", f"unknown activation {name!r}; known: "
            f"{sorted(ACTIVATIONS)}")
    return name


def _floats(values) -> list[float]:
    return [float(v) for v in values]


@dataclass
class RFPlan:
    """loureiro2021_gcm: random-feature learning curves (ridge and logistic)."""

    D: int
    p: int
    k: int
    student_activation: str
    teacher_activation: str
    alpha_sim: list
    alpha_theory: list
    lambdas: dict
    seeds: list
    n_test: int
    n_grid: int
    universe: dict
    section: dict = field(repr=False, default_factory=dict)

    TASKS = ("ridge", "logistic")

    @classmethod
    def from_section(cls, s: dict, where: str) -> "RFPlan":
        alpha_sim = grid(s["alpha_sim"], f"{where}.alpha_sim")
        sample_sizes(alpha_sim, s["p"], f"{where}.alpha_sim")
        lambdas = {t: _floats(grid(s["lambdas"][t], f"{where}.lambdas.{t}")) for t in cls.TASKS}
        return cls(s["D"], s["p"], s["k"], _activation(s, "student_activation", where),
                   _activation(s, "teacher_activation", where), _floats(alpha_sim),
                   _floats(grid(s["alpha_theory"], f"{where}.alpha_theory")), lambdas,
                   list(range(s["seeds"])), s["n_test"], s["n_grid"],
                   cls._universe(s["universe"], f"{where}.universe"), dict(s))

    @staticmethod
    def _universe(u: dict, where: str) -> dict:
        from .exp_real import mnist_available

        if u["mnist_dir"] is not None:
            require(mnist_available(u["mnist_dir"]), f"{where}.mnist_dir",
                    f"no MNIST train-images/labels idx files in {u['mnist_dir']!r}")
        source = "mnist" if u["mnist_dir"] is not None else "stand_in"
        N = 60000 if source == "mnist" else u["universe"]
        p = (784 if source == "mnist" else u["input_dim"]) if u["features"] == "pixels" else u["p"]
        alpha = grid(u["alpha_sim"], f"{where}.alpha_sim")
        sizes = sample_sizes(alpha, p, f"{where}.alpha_sim")
        require(max(sizes) <= N, f"{where}.alpha_sim",
                f"needs {max(sizes)} training points but the universe has {N}")
        return {**u, "source": source, "N": N, "p_features": p, "alpha_sim": _floats(alpha),
                "sizes": sizes, "alpha_theory": _floats(grid(u["alpha_theory"],
                                                             f"{where}.alpha_theory"))}

    @property
    def sizes(self) -> list[int]:
        return [int(round(a * self.p)) for a in self.alpha_sim]


@dataclass
class DeepRFPlan:
    """schroder2023_deep_rf_universality: deep random features, ridge (all depths) and logistic."""

    d: int
    width: int
    depths: list
    activation: str
    teacher_width: int
    teacher_activation: str
    ridge: dict
    logistic: dict
    gaussian_equivalent: bool
    seeds: list
    n_test: int
    n_grid: int
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, s: dict, where: str) -> "DeepRFPlan":
        depths = sorted(set(s["depths"]))
        require(depths == list(s["depths"]), f"{where}.depths", "list each depth once, increasing")
        tasks = {}
        for task in ("ridge", "logistic"):
            t = s[task]
            a = grid(t["alpha_sim"], f"{where}.{task}.alpha_sim")
            sizes = sample_sizes(a, s["d"], f"{where}.{task}.alpha_sim")
            tasks[task] = {"lam": float(t["lam"]), "alpha_sim": _floats(a), "sizes": sizes,
                           "alpha_theory": _floats(grid(t["alpha_theory"],
                                                        f"{where}.{task}.alpha_theory"))}
        require(s["logistic"]["depth"] in depths, f"{where}.logistic.depth",
                f"must be one of depths {depths}")
        tasks["logistic"]["depth"] = int(s["logistic"]["depth"])
        return cls(s["d"], s["width"], depths, _activation(s, "activation", where),
                   s["teacher_width"], _activation(s, "teacher_activation", where),
                   tasks["ridge"], tasks["logistic"], bool(s["gaussian_equivalent"]),
                   list(range(s["seeds"])), s["n_test"], s["n_grid"], dict(s))

    @property
    def widths(self) -> list[int]:
        return [self.width] * max(self.depths)


@dataclass
class StructuredPlan:
    """schroder2024_deep_structured_features: learning curves against n for several gamma."""

    d: int
    widths: list
    activation: str
    gammas: list
    teacher_width: int
    teacher_activation: str
    noise: float
    lam: float
    n_sim: list
    n_theory: list
    monte_carlo: int
    seeds: list
    n_test: int
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, s: dict, where: str) -> "StructuredPlan":
        n_sim = grid(s["n_sim"], f"{where}.n_sim")
        require(n_sim[0] >= 2 and bool(np.all(n_sim == np.round(n_sim))), f"{where}.n_sim",
                "sample sizes must be integers >= 2")
        gammas = grid(s["gammas"], f"{where}.gammas")
        require(gammas[0] >= 0, f"{where}.gammas", "exponents must be >= 0")
        return cls(s["d"], list(s["widths"]), _activation(s, "activation", where), _floats(gammas),
                   s["teacher_width"], _activation(s, "teacher_activation", where),
                   float(s["noise"]), float(s["lam"]), [int(n) for n in n_sim],
                   _floats(grid(s["n_theory"], f"{where}.n_theory")), int(s["monte_carlo"]),
                   list(range(s["seeds"])), s["n_test"], dict(s))


@dataclass
class BayesPlan:
    """cui2023_bayes_opt_deep_extensive: Bayes-optimal vs ridge, random features, kernel."""

    d: int
    widths: list
    activation: str
    noise: float
    rf_ratio: float
    kernel_ratio: float
    alpha_sim: list
    alpha_theory: list
    seeds: list
    n_test: int
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, s: dict, where: str) -> "BayesPlan":
        a = grid(s["alpha_sim"], f"{where}.alpha_sim")
        sample_sizes(a, s["d"], f"{where}.alpha_sim")
        require(s["rf_ratio"] >= 1, f"{where}.rf_ratio", "random features need p >= d")
        require(s["kernel_ratio"] >= 10 * s["rf_ratio"], f"{where}.kernel_ratio",
                "the kernel limit needs p >> d (at least 10 rf_ratio)")
        th = grid(s["alpha_theory"], f"{where}.alpha_theory")
        return cls(s["d"], list(s["widths"]), _activation(s, "activation", where),
                   float(s["noise"]), float(s["rf_ratio"]), float(s["kernel_ratio"]),
                   _floats(a), _floats(np.unique(np.concatenate([th, a]))),
                   list(range(s["seeds"])), s["n_test"], dict(s))


@dataclass
class FlatPlan:
    """pittorino2021_entropic_flat_minima: Gaussian-mixture panel (test error, local energy)."""

    d: int
    delta: float
    alpha: float
    losses: list
    lambdas: list
    lambda_theory: list
    sigmas: list
    sigma_theory: list
    sigma_star: float
    seeds: list
    n_test: int
    draws: int
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, s: dict, where: str) -> "FlatPlan":
        require(int(round(s["alpha"] * s["d"])) >= 2, f"{where}.alpha", "alpha d must be >= 2")
        sigmas = grid(s["sigmas"], f"{where}.sigmas")
        require(s["sigma_star"] in list(sigmas), f"{where}.sigma_star",
                f"must be one of sigmas {list(sigmas)}")
        require(len(set(s["losses"])) == len(s["losses"]), f"{where}.losses", "repeated loss")
        lambdas = grid(s["lambdas"], f"{where}.lambdas")
        require(lambdas.size >= 3, f"{where}.lambdas", "need at least 3 penalties")
        return cls(s["d"], float(s["delta"]), float(s["alpha"]), list(s["losses"]),
                   _floats(lambdas), _floats(np.unique(np.concatenate(
                       [grid(s["lambda_theory"], f"{where}.lambda_theory"), lambdas]))),
                   _floats(sigmas), _floats(np.unique(np.concatenate(
                       [grid(s["sigma_theory"], f"{where}.sigma_theory"), sigmas]))),
                   float(s["sigma_star"]), list(range(s["seeds"])), s["n_test"], s["draws"],
                   dict(s))
