"""Discrete pattern priors and their input denoising functions ``f_in``.

A rank-``r`` low-rank estimation problem has hidden rows ``xi_i in R^r`` drawn i.i.d.
from a prior ``P_xi``.  AMP needs the mean and covariance of the scalar-channel
posterior (Lesieur, Krzakala, Zdeborova, J. Stat. Mech. 073403 (2017), Eqs. (41)-(43))

    P(x | A, B) = P_xi(x) exp(B . x - x^T A x / 2) / Z(A, B),
    f_in(A, B) = E[x | A, B],     Cov(A, B) = d f_in / d B,

for an ``r x r`` matrix ``A`` and a field ``B in R^r``.  Every prior here has a finite
support ``{s_k}`` (``K`` points, weights ``pi_k``), so these are soft-max averages, exact
and vectorised over the ``N`` rows.  The priors of Goldt et al. (arXiv:2105.07416):
Hopfield (Rademacher, +-1), sparse Hopfield (Rademacher-Bernoulli, density ``rho``) and
the Tsodyks prior (``b - rho`` with ``b ~ Bernoulli(rho)``); a rank-``P`` prior is the
product of ``P`` independent copies (``2^P`` or ``3^P`` support points: fine for P <= 4).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

__all__ = ["DiscretePrior", "hopfield_prior", "sparse_hopfield_prior", "tsodyks_prior",
           "make_prior"]


@dataclass(frozen=True)
class DiscretePrior:
    """A prior on ``R^r`` with finite support.

    Attributes
    ----------
    name : label used in tables (``hopfield``, ``sparse``, ``tsodyks``)
    support : (K, r) support points ``s_k``
    weights : (K,) probabilities ``pi_k`` (sum to 1)
    rho : the scalar parameter (density) or ``nan``
    """

    name: str
    support: np.ndarray
    weights: np.ndarray
    rho: float = float("nan")

    @property
    def rank(self) -> int:
        return self.support.shape[1]

    @property
    def second_moment(self) -> np.ndarray:
        """``E[xi xi^T]`` (r x r)."""
        return (self.support * self.weights[:, None]).T @ self.support

    @property
    def mean(self) -> np.ndarray:
        return self.weights @ self.support

    @property
    def delta_c(self) -> float:
        """Spectral threshold ``Delta_c = (E xi_1^2)^2``: the trivial state-evolution fixed point
        ``M = 0`` is unstable for ``Delta < Delta_c`` (zero-mean priors)."""
        return float(self.second_moment[0, 0] ** 2)

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` i.i.d. rows, shape (n, r)."""
        return self.support[rng.choice(len(self.weights), size=n, p=self.weights)]

    def posterior(self, A: np.ndarray, B: np.ndarray):
        """Posterior weights of the support points, ``(n, K)``, for fields ``B`` (n, r)."""
        s = self.support
        logits = B @ s.T - 0.5 * np.einsum("ka,ab,kb->k", s, A, s) + np.log(self.weights)
        logits -= logits.max(axis=-1, keepdims=True)
        w = np.exp(logits)
        return w / w.sum(axis=-1, keepdims=True)

    def f_in(self, A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Posterior means ``(n, r)`` and the row-averaged posterior covariance ``(r, r)``.

        ``A`` is ``(r, r)``; ``B`` is ``(..., r)`` (any leading shape).
        """
        B = np.asarray(B, dtype=float)
        shape = B.shape
        w = self.posterior(np.asarray(A, float), B.reshape(-1, self.rank))
        mean = w @ self.support
        second = np.einsum("nk,ka,kb->ab", w, self.support, self.support) / len(w)
        cov = second - mean.T @ mean / len(w)
        return mean.reshape(shape), cov


def _product(name: str, values, probs, P: int, rho: float) -> DiscretePrior:
    values, probs = np.asarray(values, float), np.asarray(probs, float)
    idx = np.array(list(itertools.product(range(len(values)), repeat=P)))
    support = values[idx]
    weights = np.prod(probs[idx], axis=1)
    keep = weights > 0
    return DiscretePrior(name, support[keep], weights[keep] / weights[keep].sum(), rho)


def hopfield_prior(P: int = 1) -> DiscretePrior:
    """Binary (Rademacher) patterns ``xi in {-1, +1}^P``: the Hopfield model; ``Delta_c = 1``."""
    return _product("hopfield", [-1.0, 1.0], [0.5, 0.5], P, 1.0)


def sparse_hopfield_prior(rho: float, P: int = 1) -> DiscretePrior:
    """Rademacher-Bernoulli patterns: ``+-1`` with probability ``rho/2`` each, else 0; ``Delta_c = rho^2``."""
    return _product("sparse", [-1.0, 0.0, 1.0], [rho / 2, 1 - rho, rho / 2], P, rho)


def tsodyks_prior(rho: float, P: int = 1) -> DiscretePrior:
    """Tsodyks-Feigelman patterns ``b - rho``, ``b ~ Bernoulli(rho)``; ``Delta_c = rho^2 (1 - rho)^2``."""
    return _product("tsodyks", [-rho, 1 - rho], [1 - rho, rho], P, rho)


def make_prior(name: str, P: int, rho: float | None = None) -> DiscretePrior:
    """Prior by name: ``hopfield``, ``sparse`` (needs ``rho``) or ``tsodyks`` (needs ``rho``)."""
    if name == "hopfield":
        return hopfield_prior(P)
    if rho is None or not 0 < rho < 1:
        raise ValueError(f"prior {name!r} needs a density 0 < rho < 1, got {rho}")
    if name == "sparse":
        return sparse_hopfield_prior(rho, P)
    if name == "tsodyks":
        return tsodyks_prior(rho, P)
    raise ValueError(f"unknown prior {name!r} (hopfield, sparse, tsodyks)")
