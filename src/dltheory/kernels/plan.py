"""From validated config sections to the jobs of the six kernel papers.

The JSON schemas check types and ranges; the plans check what a schema cannot (a
teacher named by a pair but not defined, fit ranges with fewer than two sizes, filter
sizes that do not divide the input, ...) and raise
:class:`dltheory.core.config.ConfigError` naming the full field path, e.g.
``spigler2019_kernel_learning_curves.quick.pairs[1].teacher``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..core.config import ConfigError
from .functions import KernelSpec

__all__ = ["check_sizes", "SpiglerPlan", "PaccolatPlan", "FaveroPlan", "CagnettaPlan",
           "TomasiniPlan", "PetriniPlan"]


def check_sizes(sizes, fit_min, where: str) -> list[int]:
    """Sizes strictly increasing, and at least two of them in the fit range ``P >= fit_min``."""
    sizes = [int(p) for p in sizes]
    if any(b <= a for a, b in zip(sizes, sizes[1:])):
        raise ConfigError(f"{where}.sizes: must be strictly increasing, got {sizes}")
    if sum(p >= fit_min for p in sizes) < 2:
        raise ConfigError(f"{where}.fit_min_P: {fit_min} leaves fewer than two sizes "
                          f"of {sizes} to fit")
    return sizes


def _kernel(entry: dict, where: str) -> KernelSpec:
    try:
        spec = KernelSpec.from_dict(entry)
    except TypeError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    if spec.name == "matern" and spec.nu is None:
        raise ConfigError(f"{where}.nu: a Matern kernel needs its smoothness nu")
    return spec


@dataclass
class SpiglerPlan:
    """Teacher-student pairs on spheres: one simulate job per input dimension d."""

    kernels: dict[str, KernelSpec]
    pairs: dict[int, list[tuple[str, str]]]  # d -> [(teacher, student)]
    sizes: list[int]
    seeds: list[int]
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, section: dict, where: str) -> "SpiglerPlan":
        kernels = {k: _kernel(v, f"{where}.kernels.{k}") for k, v in section["kernels"].items()}
        pairs: dict[int, list[tuple[str, str]]] = {}
        for i, pair in enumerate(section["pairs"]):
            for role in ("teacher", "student"):
                if pair[role] not in kernels:
                    raise ConfigError(f"{where}.pairs[{i}].{role}: {pair[role]!r} is not in "
                                      f"kernels ({', '.join(kernels)})")
            for d in pair["dims"]:
                pairs.setdefault(int(d), []).append((pair["teacher"], pair["student"]))
        sizes = check_sizes(section["sizes"], section["fit_min_P"], where)
        return cls(kernels, dict(sorted(pairs.items())), sizes, list(range(section["seeds"])),
                   dict(section))

    @property
    def groups(self) -> list[str]:
        return [f"d{d}" for d in self.pairs]


@dataclass
class PaccolatPlan:
    """Stripe-model SVMs: one simulate job per dimension, one compression job."""

    dims: list[int]
    sizes: list[int]
    seeds: list[int]
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, section: dict, where: str) -> "PaccolatPlan":
        sizes = check_sizes(section["sizes"], section["fit_min_P"], where)
        comp = section["compression"]
        if comp["d"] < 2:
            raise ConfigError(f"{where}.compression.d: needs d >= 2 (an irrelevant direction)")
        if sorted(comp["factors"])[0] != 1:
            raise ConfigError(f"{where}.compression.factors: must include 1 (no compression)")
        sph = section["sphere"]
        check_sizes(sph["sizes"], sph["fit_min_P"], f"{where}.sphere")
        for i, case in enumerate(sph["cases"]):
            if not 1 <= case["d_par"] <= case["d"]:
                raise ConfigError(f"{where}.sphere.cases[{i}].d_par: {case['d_par']} must be in "
                                  f"[1, d = {case['d']}]")
        if len({(c["d"], c["d_par"]) for c in sph["cases"]}) != len(sph["cases"]):
            raise ConfigError(f"{where}.sphere.cases: repeated (d, d_par)")
        reg = section["regression"]
        check_sizes(reg["sizes"], reg["fit_min_P"], f"{where}.regression")
        for i, d_par in enumerate(reg["d_pars"]):
            if not 1 <= d_par <= reg["d"]:
                raise ConfigError(f"{where}.regression.d_pars[{i}]: {d_par} must be in "
                                  f"[1, d = {reg['d']}]")
        return cls([int(d) for d in section["dims"]], sizes, list(range(section["seeds"])),
                   dict(section))

    @property
    def groups(self) -> list[str]:
        return [f"d{d}" for d in self.dims]

    @property
    def sphere_groups(self) -> list[str]:
        """One SVM job per spherical-model case: ``d{d}_par{d_par}``."""
        return [f"d{c['d']}_par{c['d_par']}" for c in self.section["sphere"]["cases"]]

    def sphere_case(self, group: str) -> tuple[int, int]:
        """``(d, d_par)`` of a :attr:`sphere_groups` entry."""
        d, d_par = group[1:].split("_par")
        return int(d), int(d_par)


@dataclass
class FaveroPlan:
    """Local/convolutional teachers of filter size t; local, conv and FC students, per d."""

    dims: list[int]
    students: dict[str, KernelSpec]
    student_dims: dict[str, list[int]]
    teachers: dict[str, KernelSpec]
    sizes: list[int]
    seeds: list[int]
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, section: dict, where: str) -> "FaveroPlan":
        t = section["teacher_filter"]
        dims = [int(d) for d in section["dims"]]
        if t > min(dims):
            raise ConfigError(f"{where}.teacher_filter: {t} exceeds d = {min(dims)}")
        students, student_dims = {}, {}
        for i, st in enumerate(section["students"]):
            kind, s = st["kind"], st.get("s")
            run_dims = [int(d) for d in st.get("dims", dims)]
            if not set(run_dims) <= set(dims):
                raise ConfigError(f"{where}.students[{i}].dims: {run_dims} not all in dims {dims}")
            if kind in ("local", "conv"):
                if s is None:
                    raise ConfigError(f"{where}.students[{i}].s: a {kind} student needs s")
                if s > min(run_dims):
                    raise ConfigError(f"{where}.students[{i}].s: {s} exceeds d = {min(run_dims)}")
                name = f"{kind}{s}"
                students[name] = KernelSpec(kind, size=s)
            else:
                name = "fc"
                students[name] = KernelSpec("laplace", sigma=float(section["fc_sigma"]))
            if name in student_dims:
                raise ConfigError(f"{where}.students[{i}]: student {name} is listed twice")
            student_dims[name] = run_dims
        teachers = {"local": KernelSpec("local", size=t), "conv": KernelSpec("conv", size=t)}
        sizes = check_sizes(section["sizes"], section["fit_min_P"], where)
        return cls(dims, students, student_dims, teachers, sizes,
                   list(range(section["seeds"])), dict(section))

    def pairs(self, d: int) -> list[tuple[str, str]]:
        """(teacher, student) at dimension d: conv students learn the conv teacher."""
        return [("conv" if name.startswith("conv") else "local", name)
                for name, run in self.student_dims.items() if d in run]

    @property
    def groups(self) -> list[str]:
        return [f"d{d}" for d in self.dims]


@dataclass
class CagnettaPlan:
    """Deep-CNTK teachers of growing receptive field, one deep-CNTK student."""

    teachers: dict[str, KernelSpec]
    student: KernelSpec
    sizes: list[int]
    seeds: list[int]
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, section: dict, where: str) -> "CagnettaPlan":
        d, s1 = section["d"], section["patch"]
        student = section["student_filters"]
        for path, filters in [(f"{where}.student_filters", student)] + [
                (f"{where}.teacher_filters[{i}]", f) for i, f in enumerate(section["teacher_filters"])]:
            if filters[0] != s1:
                raise ConfigError(f"{path}: the first filter must be the patch size {s1}")
            if d % math.prod(filters):
                raise ConfigError(f"{path}: d = {d} is not a multiple of prod(filters) = "
                                  f"{math.prod(filters)}")
        if s1 != 2:
            raise ConfigError(f"{where}.patch: the spectral theory needs patches on the circle "
                              f"(patch = 2), got {s1}")
        for i, f in enumerate(section["teacher_filters"]):
            if list(student[:len(f)]) != list(f):
                raise ConfigError(f"{where}.teacher_filters[{i}]: {f} is not a prefix of the "
                                  f"student's filters {student} (the spectral theory aligns the "
                                  "teacher's modes by the student's tree)")
        grids = list(section["spectral_grid"]) + [section["spectral_marginal_grid"]]
        if len(section["spectral_grid"]) != d // s1 or any(n % 4 for n in grids):
            raise ConfigError(f"{where}.spectral_grid: need d / patch = {d // s1} grid sizes and a "
                              f"marginal grid, all multiples of 4 (halved for the check), got "
                              f"{section['spectral_grid']}, {section['spectral_marginal_grid']}")
        teachers = {"t" + "x".join(map(str, f)): KernelSpec("hierarchical_ntk", filters=tuple(f))
                    for f in section["teacher_filters"]}
        sizes = check_sizes(section["sizes"], section["fit_min_P"], where)
        return cls(teachers, KernelSpec("hierarchical_ntk", filters=tuple(student)), sizes,
                   list(range(section["seeds"])), dict(section))

    @property
    def groups(self) -> list[str]:
        return [f"seed{s}" for s in self.seeds]

    @property
    def spectral_sizes(self) -> list[float]:
        """P values of the finite-P spectral prediction: the measured sizes and log-spaced
        points between them (``spectral_points`` in all)."""
        lo, hi, n = math.log(min(self.sizes)), math.log(max(self.sizes)), self.section["spectral_points"]
        grid = {float(round(math.exp(lo + (hi - lo) * i / (n - 1)))) for i in range(n)}
        return sorted({float(p) for p in self.sizes} | grid)


@dataclass
class TomasiniPlan:
    """Depleted stripe: one simulate job per dimension (d = 1 exact, d >= 2 Cholesky)."""

    models: dict[int, dict]
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, section: dict, where: str) -> "TomasiniPlan":
        models = {}
        for i, m in enumerate(section["models"]):
            path = f"{where}.models[{i}]"
            if m["d"] in models:
                raise ConfigError(f"{path}.d: dimension {m['d']} is listed twice")
            check_sizes(m["sizes"], m["fit_min_P"], path)
            if m["d"] >= 2 and m["test_size"] < 1:
                raise ConfigError(f"{path}.test_size: needed for d >= 2 (Monte-Carlo test set)")
            models[int(m["d"])] = dict(m)
        if 1 not in models:
            raise ConfigError(f"{where}.models: the rigorous d = 1 case must be included")
        ridges = section["ridges"]
        if any(b <= a for a, b in zip(ridges, ridges[1:])):
            raise ConfigError(f"{where}.ridges: must be increasing (ridge 0 is always added)")
        sb = section["spectral_bias"]
        if sb["max_P"] * 4 > sb["nodes"]:
            raise ConfigError(f"{where}.spectral_bias.nodes: {sb['nodes']} nodes cannot resolve "
                              f"the spectrum up to max_P = {sb['max_P']}; use >= 4 max_P")
        return cls(dict(sorted(models.items())), dict(section))

    @property
    def groups(self) -> list[str]:
        return [f"d{d}" for d in self.models]


@dataclass
class PetriniPlan:
    """Lazy (NTK) and feature (min-L1) limits, and small networks in both regimes."""

    seeds: list[int]
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, section: dict, where: str) -> "PetriniPlan":
        check_sizes(section["kernel_sizes"], section["fit_min_P"]["lazy_kernel"],
                    f"{where}.kernel")
        feature_min = section["fit_min_P"]["feature_limit"]
        if len(feature_min) != len(section["dims"]):
            raise ConfigError(f"{where}.fit_min_P.feature_limit: one value per d of dims "
                              f"{section['dims']}, got {feature_min}")
        for p_min in feature_min:
            check_sizes(section["feature_sizes"], p_min, f"{where}.feature")
        net = section["networks"]
        if section["d"] not in section["dims"]:
            raise ConfigError(f"{where}.d: the networks' d = {section['d']} must be one of dims "
                              "(they are judged against the limits at that d)")
        if max(net["sizes"]) > max(section["kernel_sizes"]):
            raise ConfigError(f"{where}.networks.sizes: must not exceed the largest kernel size")
        if net["seeds"] > section["seeds"]:
            raise ConfigError(f"{where}.networks.seeds: at most seeds = {section['seeds']}")
        if not net["alpha_feature"] < net["alpha_lazy"]:
            raise ConfigError(f"{where}.networks.alpha_feature: must be below alpha_lazy")
        return cls(list(range(section["seeds"])), dict(section))
