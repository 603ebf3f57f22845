"""Random-matrix formulas shared by the theory families: Marchenko-Pastur and BBP.

Conventions
-----------
Sample covariance ``Sigma_hat = X^T X / n`` of ``n`` samples in ``d`` dimensions with
population covariance ``sigma^2 I``; aspect ratio ``c = d / n`` (the inverse of the
sample complexity ``gamma = n / d`` of the generative-model papers, and ``p / n`` in the
Gaussian-covariate-model papers).  Its eigenvalue distribution tends to the
Marchenko-Pastur law (written for ``sigma^2 = 1``; ``sigma^2`` rescales ``x``)

    mu_c(dx) = (1 - 1/c)_+ delta_0(dx) + sqrt((b - x)(x - a)) / (2 pi c x) 1_[a, b](x) dx,
    a, b = (1 -+ sqrt(c))^2,

with Stieltjes transform ``g(z) = int mu_c(dx) / (x - z)``, the root of
``c sigma^2 z g^2 + (z - sigma^2 (1 - c)) g + 1 = 0`` with ``Im g > 0`` for ``Im z > 0``.

Spiked Wigner (BBP for symmetric matrices): ``Y = (lam / N) u u^T + W / sqrt(N)`` with
``|u|^2 = N`` and ``W`` a GOE matrix (off-diagonal variance 1): for ``lam > 1`` the top
eigenvalue tends to ``lam + 1/lam`` and its eigenvector's squared overlap with ``u/|u|``
to ``1 - 1/lam^2``; for ``lam <= 1`` to ``2`` and ``0``.

Spiked covariance (Baik-Ben Arous-Peche 2005, Paul 2007): population ``I + theta v v^T``
(``|v| = 1``), ``c = d / n``: for ``theta > sqrt(c)`` the top sample eigenvalue tends to
``(1 + theta)(1 + c / theta)`` and the squared overlap of its eigenvector with ``v`` to
``(1 - c / theta^2) / (1 + c / theta)``; below, to ``(1 + sqrt(c))^2`` and ``0``.
"""

from __future__ import annotations

import functools

import numpy as np

__all__ = [
    "mp_edges", "mp_density", "mp_stieltjes", "mp_expect", "gauss_chebyshev_u",
    "spiked_wigner_top_eigenvalue", "spiked_wigner_overlap",
    "spiked_covariance_top_eigenvalue", "spiked_covariance_overlap",
    "spiked_covariance_threshold",
]


def mp_edges(c: float, sigma2: float = 1.0) -> tuple[float, float]:
    """Edges ``sigma^2 (1 -+ sqrt c)^2`` of the Marchenko-Pastur bulk, ``c = d/n``."""
    if c <= 0:
        raise ValueError(f"aspect ratio c = d/n must be > 0, got {c}")
    return sigma2 * (1 - np.sqrt(c)) ** 2, sigma2 * (1 + np.sqrt(c)) ** 2


def mp_density(x, c: float, sigma2: float = 1.0):
    """Density of the continuous part of the law at ``x`` (the atom at 0 for ``c > 1`` excluded).

    ``rho(x) = sqrt((b - x)(x - a)) / (2 pi sigma^2 c x)`` on ``[a, b]``.
    """
    a, b = mp_edges(c, sigma2)
    x = np.asarray(x, dtype=float)
    inside = (x > a) & (x < b)
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = np.sqrt(np.clip((b - x) * (x - a), 0, None)) / (2 * np.pi * sigma2 * c * x)
    return np.where(inside, rho, 0.0)


def mp_stieltjes(z, c: float, sigma2: float = 1.0):
    """``g(z) = (1/d) tr (Sigma_hat - z)^{-1}`` in the limit (``Im g > 0`` when ``Im z > 0``).

    Root of ``c sigma^2 z g^2 + (z - sigma^2 (1 - c)) g + 1 = 0`` on the physical branch.
    """
    z = np.asarray(z, complex)
    a, bq = c * sigma2 * z, z - sigma2 * (1 - c)
    disc = np.sqrt(bq**2 - 4 * a)
    g1, g2 = (-bq + disc) / (2 * a), (-bq - disc) / (2 * a)
    # physical branch: Im g has the sign of Im z (and g ~ -1/z at infinity)
    side = np.sign(np.imag(z) + 1e-300)
    return np.where(np.imag(g1) * side > np.imag(g2) * side, g1, g2)


@functools.lru_cache(maxsize=None)
def gauss_chebyshev_u(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Chebyshev rule of the second kind: int_{-1}^{1} g(t) sqrt(1-t^2) dt ~ sum w g(t)."""
    k = np.arange(1, n + 1)
    theta = k * np.pi / (n + 1)
    t, w = np.cos(theta), np.pi / (n + 1) * np.sin(theta) ** 2
    t.setflags(write=False)
    w.setflags(write=False)
    return t, w


def mp_expect(f, c: float, n: int = 400, sigma2: float = 1.0) -> float:
    """``int f(x) mu(dx)`` for population ``sigma^2 I``, the atom ``(1 - 1/c) f(0)`` included if ``c > 1``.

    The bulk integral is a Gauss-Chebyshev rule (second kind) in ``x = m + h t`` with
    ``m, h`` the centre and half-width of ``[a, b]``: the square-root edges are
    integrated exactly, so smooth ``f`` converges exponentially in ``n``.  ``f`` is
    called with an array of nodes.
    """
    a, b = mp_edges(c)
    t, w = gauss_chebyshev_u(n)
    m, h = (a + b) / 2, (b - a) / 2
    x = m + h * t
    bulk = float(np.sum(w * np.asarray(f(sigma2 * x), dtype=float) / x) * h * h / (2 * np.pi * c))
    atom = max(0.0, 1 - 1 / c)
    return bulk + (atom * float(np.asarray(f(np.zeros(1)), dtype=float)[0]) if atom > 0 else 0.0)


def spiked_wigner_top_eigenvalue(lam):
    """Limit of the top eigenvalue of ``(lam/N) u u^T + W/sqrt(N)``: ``lam + 1/lam`` above ``lam = 1``, else 2."""
    lam = np.asarray(lam, dtype=float)
    with np.errstate(divide="ignore"):
        return np.where(lam > 1, lam + 1 / lam, 2.0)


def spiked_wigner_overlap(lam):
    """Limit of the squared overlap ``(v . u/|u|)^2`` of the top eigenvector: ``(1 - 1/lam^2)_+``."""
    lam = np.asarray(lam, dtype=float)
    with np.errstate(divide="ignore"):
        return np.where(lam > 1, 1 - 1 / lam**2, 0.0)


def spiked_covariance_threshold(theta: float) -> float:
    """Sample complexity ``gamma_c = n/d = 1/theta^2`` above which the spike ``theta`` is detected."""
    return 1.0 / theta**2


def spiked_covariance_top_eigenvalue(theta, c):
    """Limit of the top eigenvalue of ``Sigma_hat`` for population ``I + theta v v^T`` at ``c = d/n``."""
    theta, c = np.broadcast_arrays(np.asarray(theta, float), np.asarray(c, float))
    above = theta > np.sqrt(c)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(above, (1 + theta) * (1 + c / theta), (1 + np.sqrt(c)) ** 2)


def spiked_covariance_overlap(theta, c):
    """Limit of ``(v_hat . v)^2`` for the top eigenvector: ``(1 - c/theta^2) / (1 + c/theta)`` above threshold."""
    theta, c = np.broadcast_arrays(np.asarray(theta, float), np.asarray(c, float))
    above = theta > np.sqrt(c)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(above, (1 - c / theta**2) / (1 + c / theta), 0.0)
