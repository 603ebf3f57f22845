"""Gaussian expectations by Gauss-Hermite quadrature (no external quadrature package).

``E_{z ~ N(0, 1)}[f(z)] ~= sum_i w_i f(x_i)`` with the probabilists' Hermite nodes; exact
for polynomials of degree ``2n - 1``.  Multivariate Gaussians ``N(mu, C)`` use a tensor
product of 1-D rules mapped through the Cholesky factor of ``C`` (fine up to about 4
dimensions).  Functions are vectorised: ``f`` receives arrays of nodes.
"""

from __future__ import annotations

import functools

import numpy as np

__all__ = ["hermite_nodes", "gauss_expect", "gauss_expect_nd", "hermite_coefficients"]


@functools.lru_cache(maxsize=None)
def hermite_nodes(n: int = 64) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights of the ``n``-point rule for ``N(0, 1)`` (weights sum to 1)."""
    if n < 1:
        raise ValueError(f"need n >= 1 nodes, got {n}")
    x, w = np.polynomial.hermite_e.hermegauss(n)
    x.setflags(write=False)
    w = w / w.sum()
    w.setflags(write=False)
    return x, w


def gauss_expect(f, mean=0.0, std=1.0, n: int = 64):
    """``E[f(mean + std z)]`` for ``z ~ N(0, 1)``; ``mean``, ``std`` broadcast.

    ``f`` is called once with an array whose last axis runs over the nodes; the
    result has the broadcast shape of ``mean`` and ``std`` (plus any extra leading axes
    ``f`` returns).
    """
    x, w = hermite_nodes(n)
    mean = np.asarray(mean, dtype=float)[..., None]
    std = np.asarray(std, dtype=float)[..., None]
    return np.sum(f(mean + std * x) * w, axis=-1)


def gauss_expect_nd(f, cov, mean=None, n: int = 32):
    """``E[f(u)]`` for ``u ~ N(mean, cov)`` in ``d`` dimensions (tensor-product rule).

    ``f`` receives ``d`` arrays (one per coordinate) of shape ``[n**d]`` and returns an
    array of that shape.  ``cov`` must be positive semi-definite (a tiny jitter is added
    for the Cholesky factor of singular covariances).
    """
    cov = np.atleast_2d(np.asarray(cov, dtype=float))
    d = cov.shape[0]
    mean = np.zeros(d) if mean is None else np.asarray(mean, dtype=float)
    x, w = hermite_nodes(n)
    grid = np.stack(np.meshgrid(*([x] * d), indexing="ij")).reshape(d, -1)
    weights = np.prod(np.stack(np.meshgrid(*([w] * d), indexing="ij")).reshape(d, -1), axis=0)
    chol = np.linalg.cholesky(cov + 1e-14 * np.trace(cov) * np.eye(d))
    u = mean[:, None] + chol @ grid
    return np.sum(f(*u) * weights)


def hermite_coefficients(f, degree: int, n: int = 128) -> np.ndarray:
    """Coefficients ``c_k = E[f(z) He_k(z)] / k!`` of ``f = sum_k c_k He_k`` (k <= degree).

    ``He_k`` are the probabilists' Hermite polynomials; ``mu_k = E[f He_k] = k! c_k``
    are the coefficients used in Gaussian-equivalence theorems.
    """
    x, w = hermite_nodes(n)
    fx = f(x)
    out = np.empty(degree + 1)
    for k in range(degree + 1):
        basis = np.polynomial.hermite_e.hermeval(x, [0] * k + [1])
        out[k] = np.sum(fx * basis * w) / np.prod(np.arange(1, k + 1), dtype=float)
    return out
