"""The Random Hierarchy Model (RHM) generator.

Cagnetta, Petrini, Tomasini, Favero, Wyart, "How Deep Neural Networks Learn
Compositional Data: The Random Hierarchy Model", PRX 14, 031001 (2024),
arXiv:2307.02129, Sec. II.

Symbols of the paper
--------------------
v    vocabulary size at every level below the class
n_c  number of classes (the symbols of the top level)
m    number of synonymous productions (rules) per symbol
s    tuple size (branching factor of the tree)
L    depth; an input is a string of d = s**L visible tokens

Generative process
------------------
Each class alpha has m distinct s-tuples of level-(L-1) symbols; each of the v
symbols of every lower level has m distinct s-tuples of the level below.  Within a
level the tuples of different parents are distinct, so a tuple identifies its
parent (rules are unambiguous).  This needs ``n_c m <= v**s`` at the top and
``m <= v**(s-1)`` below.  An input is drawn by picking a class and then, for every
symbol of every level, one of its m productions.

Every input is therefore labelled by its class and
``n_choices = 1 + s + ... + s**(L-1) = (s**L - 1)/(s - 1)`` production choices, each
in ``[0, m)``: the *digits* of the input.  The number of distinct inputs is

    Pmax = n_c * m ** ((s**L - 1) / (s - 1)),

and an input is addressed exactly by the mixed-radix integer
``index = alpha * m**n_choices + sum_j digit_j * m**(n_choices - 1 - j)``.  Digits are
ordered by depth (the class's choice first, then the s choices of the level below,
...), left to right within a depth.

Functions here are pure: randomness comes in as a ``numpy.random.Generator``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

__all__ = [
    "RHMSpec",
    "RHMConfigError",
    "sample_rules",
    "sample_digits",
    "digits_to_index",
    "index_to_digits",
    "expand",
    "one_hot",
    "swap_synonyms",
]

_KEY = re.compile(r"^v(\d+)_nc(\d+)_m(\d+)_s(\d+)_L(\d+)$")
_INT64_SAFE = 2**62  # indices below this are sampled as int64 integers


class RHMConfigError(ValueError):
    """An impossible or ill-typed RHM specification; the message names the field."""


@dataclass(frozen=True)
class RHMSpec:
    """Parameters ``(v, n_c, m, s, L)`` of one Random Hierarchy Model.

    Raises
    ------
    RHMConfigError
        If a field is not a positive integer of the right size, or if the rules
        cannot be drawn (``m > v**(s-1)`` or ``n_c m > v**s``).
    """

    v: int
    n_c: int
    m: int
    s: int
    L: int

    def __post_init__(self) -> None:
        for name, low in (("v", 2), ("n_c", 2), ("m", 1), ("s", 2), ("L", 1)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
                raise RHMConfigError(f"RHM field {name!r} must be an integer, got {value!r}")
            if value < low:
                raise RHMConfigError(f"RHM field {name!r} must be >= {low}, got {value}")
        v, n_c, m, s = self.v, self.n_c, self.m, self.s
        if m > v ** (s - 1):
            raise RHMConfigError(
                f"RHM field 'm'={m} is impossible for v={v}, s={s}: each of the v symbols "
                f"needs m distinct s-tuples and no tuple may belong to two symbols, "
                f"so m <= v**(s-1) = {v ** (s - 1)}"
            )
        if n_c * m > v**s:
            raise RHMConfigError(
                f"RHM fields 'n_c'={n_c}, 'm'={m} are impossible for v={v}, s={s}: the "
                f"classes need n_c*m = {n_c * m} distinct s-tuples out of v**s = {v**s}"
            )

    @property
    def d(self) -> int:
        """Input length ``s**L``."""
        return self.s**self.L

    @property
    def n_choices(self) -> int:
        """Production choices per input, ``(s**L - 1)/(s - 1)``."""
        return (self.s**self.L - 1) // (self.s - 1)

    @property
    def Pmax(self) -> int:
        """Number of distinct inputs ``n_c m**((s**L-1)/(s-1))`` (exact Python int)."""
        return self.n_c * self.m**self.n_choices

    @property
    def P_scale(self) -> int:
        """The paper's sample-complexity scale ``n_c m**L``."""
        return self.n_c * self.m**self.L

    @property
    def key(self) -> str:
        """A path-safe identifier, e.g. ``v8_nc8_m4_s2_L2``."""
        return f"v{self.v}_nc{self.n_c}_m{self.m}_s{self.s}_L{self.L}"

    @classmethod
    def from_key(cls, key: str) -> "RHMSpec":
        """Inverse of :attr:`key`."""
        match = _KEY.match(key)
        if not match:
            raise RHMConfigError(f"not an RHM key: {key!r} (expected v<v>_nc<n_c>_m<m>_s<s>_L<L>)")
        return cls(*(int(g) for g in match.groups()))

    def as_dict(self) -> dict:
        return {"v": self.v, "n_c": self.n_c, "m": self.m, "s": self.s, "L": self.L}


def _digit_dtype(base: int):
    """Smallest integer dtype holding digits in ``[0, base)``."""
    return np.int8 if base <= 127 else (np.int16 if base <= 32767 else np.int64)


def _decode(values: np.ndarray, base: int, width: int, dtype=np.int64) -> np.ndarray:
    """Base-``base`` digits of non-negative integers, most significant first.

    values : int64 array [N]  ->  array [N, width] of ``dtype``
    """
    out = np.empty((values.shape[0], width), dtype=dtype)
    rest = values.astype(np.int64, copy=True)
    for j in range(width - 1, -1, -1):
        rest, out[:, j] = np.divmod(rest, base)
    return out


def sample_rules(spec: RHMSpec, rng: np.random.Generator) -> list[np.ndarray]:
    """Draw the production rules of one RHM instance.

    Returns
    -------
    rules : list of L int arrays
        ``rules[0]`` has shape ``[n_c, m, s]``: the m tuples of level-(L-1) symbols
        of each class.  ``rules[t]`` for ``t = 1..L-1`` has shape ``[v, m, s]``: the
        productions of the v symbols at depth t.  Within each array all
        ``parents * m`` tuples are distinct (drawn without replacement from the
        ``v**s`` possible ones), so no tuple has two parents.
    """
    v, m, s = spec.v, spec.m, spec.s
    rules = []
    for depth in range(spec.L):
        parents = spec.n_c if depth == 0 else v
        tuples = rng.choice(v**s, size=parents * m, replace=False)
        rules.append(_decode(tuples, v, s).reshape(parents, m, s).astype(np.int32))
    return rules


def digits_to_index(spec: RHMSpec, classes: np.ndarray, digits: np.ndarray) -> np.ndarray:
    """Mixed-radix index of inputs (exact; object array of Python ints if Pmax >= 2**62).

    classes : int array [N]; digits : int array [N, n_choices]  ->  array [N]
    """
    if spec.Pmax < _INT64_SAFE:
        index = classes.astype(np.int64)
        for j in range(spec.n_choices):
            index = index * spec.m + digits[:, j]
        return index
    index = classes.astype(object)
    for j in range(spec.n_choices):
        index = index * spec.m + digits[:, j].astype(object)
    return index


def index_to_digits(spec: RHMSpec, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of :func:`digits_to_index` for int64 indices (``Pmax < 2**62``).

    index : int64 array [N]  ->  (classes [N], digits [N, n_choices])
    """
    if spec.Pmax >= _INT64_SAFE:
        raise OverflowError(f"Pmax = {spec.Pmax} exceeds int64; work with digits instead")
    classes, rest = np.divmod(index.astype(np.int64), spec.m**spec.n_choices)
    return classes, _decode(rest, spec.m, spec.n_choices, _digit_dtype(spec.m))


def sample_digits(
    spec: RHMSpec, n: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``n`` distinct inputs uniformly without replacement.

    For ``Pmax < 2**62`` the mixed-radix indices are drawn with
    ``Generator.choice(replace=False)`` and decoded.  Beyond int64 the digits are
    drawn directly and duplicates are rejected (first occurrences kept, in draw
    order), which is again a uniform draw without replacement.

    Returns
    -------
    classes : int64 array [n]
    digits : int8/int16 array [n, n_choices], values in [0, m)
    """
    if n < 0 or n > spec.Pmax:
        raise RHMConfigError(f"cannot draw {n} distinct inputs from Pmax = {spec.Pmax}")
    small = _digit_dtype(spec.m)
    if spec.Pmax < _INT64_SAFE:
        # Floyd's algorithm inside numpy for n << Pmax; a shuffle otherwise.
        return index_to_digits(spec, rng.choice(spec.Pmax, size=n, replace=False))
    rows = np.empty((0, spec.n_choices + 1), dtype=np.int64)
    while rows.shape[0] < n:
        need = n - rows.shape[0]
        draw = np.empty((need + need // 8 + 16, spec.n_choices + 1), dtype=np.int64)
        draw[:, 0] = rng.integers(0, spec.n_c, size=draw.shape[0])
        draw[:, 1:] = rng.integers(0, spec.m, size=(draw.shape[0], spec.n_choices))
        rows = np.concatenate([rows, draw])
        _, first = np.unique(rows, axis=0, return_index=True)
        rows = rows[np.sort(first)]
    rows = rows[:n]
    return rows[:, 0], rows[:, 1:].astype(small)


def expand(spec: RHMSpec, rules: Sequence[np.ndarray], classes: np.ndarray,
           digits: np.ndarray, depth: int | None = None) -> np.ndarray:
    """Generate the symbol strings of inputs from their class and digits.

    Parameters
    ----------
    rules : output of :func:`sample_rules`
    classes : int array [N]
    digits : int array [N, n_choices]
    depth : number of production steps to apply (default L, the visible tokens)

    Returns
    -------
    tokens : int array [N, s**depth], the symbols at that depth (values in [0, v)).
    """
    depth = spec.L if depth is None else depth
    s, m = spec.s, spec.m
    symbols = classes.astype(np.int32)[:, None]
    offset = 0
    for t in range(depth):
        width = s**t
        # rule (parent, choice) is row parent*m + choice of the flattened table
        code = symbols * m + digits[:, offset:offset + width]
        symbols = np.take(rules[t].reshape(-1, s), code, axis=0).reshape(-1, width * s)
        offset += width
    return symbols


def one_hot(tokens: np.ndarray, v: int, dtype=np.float32) -> np.ndarray:
    """One-hot encoding ``x[mu, a, i] = 1 if tokens[mu, i] == a``: [N, d] -> [N, v, d].

    Written by a single flat scatter into a zero-initialised array (no int64 one-hot
    temporary).
    """
    n, d = tokens.shape
    x = np.zeros((n, v, d), dtype=dtype)
    flat = (np.arange(n, dtype=np.int64) * (v * d))[:, None] + tokens.astype(np.int64) * d
    flat += np.arange(d, dtype=np.int64)
    x.reshape(-1)[flat.reshape(-1)] = 1
    return x


def swap_synonyms(spec: RHMSpec, digits: np.ndarray, level: int,
                  rng: np.random.Generator) -> np.ndarray:
    """Replace every level-``level`` tuple of the inputs by a different synonym.

    This is the operator ``P_l`` of the synonymic sensitivity (paper, Sec. IV):
    level 1 is the visible tokens' tuples, level L the tuple produced by the class.
    Every production choice at that level is moved to one of the other m-1 choices,
    uniformly; the choices below are kept, which expands the new symbols with
    independent uniformly random rules.

    digits : int array [N, n_choices]  ->  new array [N, n_choices]
    """
    if not 1 <= level <= spec.L:
        raise ValueError(f"level must be in 1..L={spec.L}, got {level}")
    if spec.m < 2:
        raise ValueError("synonym swaps need m >= 2")
    depth = spec.L - level
    start = (spec.s**depth - 1) // (spec.s - 1)
    stop = start + spec.s**depth
    out = digits.copy()
    shift = rng.integers(1, spec.m, size=(digits.shape[0], stop - start))
    out[:, start:stop] = (digits[:, start:stop].astype(np.int64) + shift) % spec.m
    return out
