"""From a validated config section to the jobs of an RHM sample-complexity study.

A section (``config/papers/cagnetta2023_rhm.yaml``, one scale) lists RHM instances
under ``models``; a list-valued field of an entry expands into all combinations,
so ``{v: 8, n_c: 8, s: 2, L: 2, m: [4, 6, 8]}`` is three instances.  Every instance
is checked (``m <= v**(s-1)``, ``n_c m <= v**s``, at least two training sizes below
the cap, a non-empty test set) and any error names the field, e.g.
``cagnetta2023_rhm.quick.models[1].m``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

from ..core.config import ConfigError
from .datasets import holdout_size, training_sizes
from .experiment import TrainConfig
from .generator import RHMConfigError, RHMSpec

__all__ = ["RHMPlan", "expand_models"]

_SPEC_FIELDS = ("v", "n_c", "m", "s", "L")


def expand_models(entries, where: str) -> list[tuple[RHMSpec, dict, str]]:
    """Expand ``models`` entries into ``(spec, per-entry overrides, field path)`` triples."""
    out = []
    for i, entry in enumerate(entries):
        path = f"{where}[{i}]"
        missing = [k for k in _SPEC_FIELDS if k not in entry]
        if missing:
            raise ConfigError(f"{path}: missing RHM field(s) {', '.join(missing)}")
        values = [entry[k] if isinstance(entry[k], list) else [entry[k]] for k in _SPEC_FIELDS]
        overrides = {k: v for k, v in entry.items() if k not in _SPEC_FIELDS}
        for combo in itertools.product(*values):
            try:
                spec = RHMSpec(*combo)
            except RHMConfigError as exc:
                fields = [k for k in _SPEC_FIELDS if repr(k) in str(exc)] or ["m"]
                raise ConfigError(f"{path}.{fields[0]}: {exc}") from None
            out.append((spec, overrides, path))
    return out


@dataclass
class RHMPlan:
    """Everything the rules need: instances, training sizes, test sizes, seeds, hyper-parameters."""

    specs: dict[str, RHMSpec]
    sizes: dict[str, list[int]]
    n_test: dict[str, int]
    train: dict[str, TrainConfig]
    seeds: list[int]
    error_threshold: float
    save_models: bool
    section: dict = field(repr=False, default_factory=dict)

    @classmethod
    def from_section(cls, section: dict, where: str) -> "RHMPlan":
        """Build and check a plan from one scale's config section (``where`` names it in errors)."""
        base = TrainConfig(
            width=section["width"], lr0=section["lr0"], batch_size=section["batch_size"],
            momentum=section["momentum"], max_epochs=section["max_epochs"],
            loss_threshold=section["loss_threshold"],
            sensitivity_probe=section["sensitivity_probe"], device=section["device"],
        )
        ratios = [2.0**x for x in section["log2_P_ratio"]]
        specs, sizes, n_test, train = {}, {}, {}, {}
        for spec, overrides, path in expand_models(section["models"], f"{where}.models"):
            if spec.key in specs:
                raise ConfigError(f"{path}: RHM instance {spec.key} is listed twice")
            ps = training_sizes(spec, ratios, section["max_train_fraction"])
            if len(ps) < 2:
                raise ConfigError(
                    f"{path}: {spec.key} has Pmax = {spec.Pmax}, so fewer than two training sizes "
                    f"2**log2_P_ratio * n_c m^L fit under max_train_fraction * Pmax; "
                    f"raise m or L, or lower log2_P_ratio"
                )
            nt = holdout_size(spec, ps[-1], section["test_size"])
            if nt < 1:
                raise ConfigError(f"{path}: no inputs left for a test set ({spec.key})")
            specs[spec.key], sizes[spec.key], n_test[spec.key] = spec, ps, nt
            train[spec.key] = replace(base, **overrides) if overrides else base
        return cls(specs, sizes, n_test, train, list(range(section["seeds"])),
                   section["error_threshold"], section["save_models"], dict(section))

    @property
    def keys(self) -> list[str]:
        return list(self.specs)
