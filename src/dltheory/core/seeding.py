"""Explicit, named random streams.

A replicate ``r`` of an experiment needs several independent streams (the data model,
the sample drawn from it, the initialisation, the SGD noise).  Each stream's seed is
derived from the replicate and a stream name, so that changing one (say, a new
initialisation) leaves the others untouched, and every seed can be written down in
an artifact's metadata.  Nothing here touches global random state.
"""

from __future__ import annotations

import hashlib

import numpy as np

__all__ = ["derive_seed", "stream_seeds", "rng"]


def derive_seed(replicate: int, stream: str, *keys: object) -> int:
    """A 63-bit seed for ``(replicate, stream, *keys)``, stable across platforms.

    Parameters
    ----------
    replicate : the replicate index (the ``seed`` in result paths), >= 0
    stream : the stream's name, e.g. ``"rules"``, ``"sample"``, ``"init"``, ``"sgd"``
    keys : further identifiers (e.g. the training-set size P)
    """
    if int(replicate) < 0:
        raise ValueError(f"replicate must be >= 0, got {replicate}")
    label = "/".join([stream, *map(str, keys)]).encode()
    words = np.frombuffer(hashlib.sha256(label).digest()[:16], dtype=np.uint32)
    seq = np.random.SeedSequence(entropy=[int(replicate), *map(int, words)])
    high, low = (int(w) for w in seq.generate_state(2, dtype=np.uint32))
    return ((high << 32) | low) >> 1


def stream_seeds(replicate: int, *streams: str) -> dict[str, int]:
    """``{stream: derive_seed(replicate, stream)}`` for each named stream."""
    return {name: derive_seed(replicate, name) for name in streams}


def rng(seed: int) -> np.random.Generator:
    """A numpy Generator (PCG64) for an explicit seed."""
    return np.random.default_rng(int(seed))
