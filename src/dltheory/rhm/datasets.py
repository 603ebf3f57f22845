"""Data sets of an RHM sample-complexity study: training sizes, pools, test sets, integrity.

One replicate (seed) fixes the rules and the sample through separate named streams
(``rules``, ``sample``).  Training sets of increasing size are nested prefixes of one
random pool; the test set is disjoint from the pool.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..core.seeding import derive_seed, rng
from .generator import RHMSpec, digits_to_index, sample_digits, sample_rules

__all__ = ["training_sizes", "holdout_size", "rules_for_replicate", "draw_dataset", "rules_of",
           "dataset_violations"]


def training_sizes(spec: RHMSpec, ratios: Sequence[float], max_train_fraction: float) -> list[int]:
    """Training-set sizes ``P = round(ratio * n_c m^L)``, capped at ``max_train_fraction * Pmax``.

    Sizes above the cap are dropped (not clipped), duplicates removed, sorted.
    """
    cap = max_train_fraction * spec.Pmax
    sizes = {int(round(r * spec.P_scale)) for r in ratios}
    return sorted(p for p in sizes if 1 <= p <= cap)


def holdout_size(spec: RHMSpec, n_pool: int, requested: int) -> int:
    """``min(requested, Pmax - n_pool)``: the test set never overlaps the training pool."""
    return int(min(requested, spec.Pmax - n_pool))


def rules_for_replicate(spec: RHMSpec, replicate: int) -> list[np.ndarray]:
    """The production rules of replicate ``replicate`` (its ``rules`` stream)."""
    return sample_rules(spec, rng(derive_seed(replicate, "rules")))


def draw_dataset(spec: RHMSpec, n_pool: int, n_test: int, replicate: int) -> tuple[dict, dict]:
    """Rules, a training pool and a disjoint test set for one replicate.

    Returns
    -------
    arrays : ``rules_<t>`` for t < L, ``pool_classes``, ``pool_digits``,
             ``test_classes``, ``test_digits``
    seeds : the seeds of the ``rules`` and ``sample`` streams
    """
    seeds = {"rules": derive_seed(replicate, "rules"), "sample": derive_seed(replicate, "sample")}
    rules = rules_for_replicate(spec, replicate)
    classes, digits = sample_digits(spec, n_pool + n_test, rng(seeds["sample"]))
    arrays = {f"rules_{t}": r for t, r in enumerate(rules)}
    arrays.update(pool_classes=classes[:n_pool], pool_digits=digits[:n_pool],
                  test_classes=classes[n_pool:], test_digits=digits[n_pool:])
    return arrays, seeds


def rules_of(arrays: dict, spec: RHMSpec) -> list[np.ndarray]:
    """The list of rule arrays stored by :func:`draw_dataset`."""
    return [arrays[f"rules_{t}"] for t in range(spec.L)]


def dataset_violations(spec: RHMSpec, arrays: dict) -> list[str]:
    """Defects of a stored data set (should be empty): overlap, duplicates, ambiguous rules."""
    problems = []
    for t, r in enumerate(rules_of(arrays, spec)):
        flat = r.reshape(-1, spec.s)
        if np.unique(flat, axis=0).shape[0] != flat.shape[0]:
            problems.append(f"rules_{t}: a tuple belongs to two parents or repeats")
        if flat.min() < 0 or flat.max() >= spec.v:
            problems.append(f"rules_{t}: symbol outside [0, v)")
    pool = digits_to_index(spec, arrays["pool_classes"], arrays["pool_digits"])
    test = digits_to_index(spec, arrays["test_classes"], arrays["test_digits"])
    if len(set(pool.tolist())) != len(pool):
        problems.append("training pool has repeated inputs")
    if len(set(test.tolist())) != len(test):
        problems.append("test set has repeated inputs")
    if set(pool.tolist()) & set(test.tolist()):
        problems.append("training pool and test set overlap")
    return problems
