"""Marchenko-Pastur law and spiked-matrix (BBP) formulas.

Conventions
-----------
Sample covariance ``Sigma_hat = X^T X / n`` of ``n`` samples in ``d`` dimensions with
identity population covariance; aspect ratio ``c = d / n`` (the inverse of the
sample complexity ``gamma = n / d`` used by the generative-model papers).  Its
eigenvalue distribution tends to the Marchenko-Pastur law

    mu_c(dx) = (1 - 1/c)_+ delta_0(dx) + sqrt((b - x)(x - a)) / (2 pi c x) 1_[a, b](x) dx,
    a, b = (1 -+ sqrt(c))^2.

Spiked Wigner (BBP for symmetric matrices): ``Y = (lam / N) u u^T + W / sqrt(N)`` with
``|u|^2 = N`` and ``W`` a GOE matrix (off-diagonal variance 1): for ``lam > 1`` the top
eigenvalue tends to ``lam + 1/lam`` and its eigenvector's squared overlap with ``u/|u|``
to ``1 - 1/lam^2``; for ``lam <= 1`` to ``2`` and ``0``.

Spiked covariance (Baik-Ben Arous-Peche 2005, Paul 2007): population ``I + theta v v^T``
(``|v| = 1``), ``c = d / n``: for ``theta > sqrt(c)`` the top sample eigenvalue tends to
``(1 + theta)(1 + c / theta)`` and the squared overlap of its eigenvector with ``v`` to
``(1 - c / theta^2) / (1 + c / theta)``; below, to ``(1 + sqrt(c))^2`` and ``0``.

(This is the random-matrix part of issue 5 needed by the replica family; the GCM
family keeps its own resolvent machinery in ``dltheory.gcm``.)
"""

from __future__ import annotations

import functools

import numpy as np

__all__ = [
    "mp_edges", "mp_density", "mp_expect",
    "spiked_wigner_top_eigenvalue", "spiked_wigner_overlap",
    "spiked_covariance_top_eigenvalue", "spiked_covariance_overlap",
    "spiked_covariance_threshold",
]


def mp_edges(c: float) -> tuple[float, float]:
    """Edges ``((1 - sqrt c)^2, (1 + sqrt c)^2)`` of the Marchenko-Pastur bulk, ``c = d/n``."""
    if c <= 0:
        raise ValueError(f"aspect ratio c = d/n must be > 0, got {c}")
    return (1 - np.sqrt(c)) ** 2, (1 + np.sqrt(c)) ** 2


def mp_density(x, c: float):
    """Density of the continuous part of ``mu_c`` at ``x`` (the atom at 0 for ``c > 1`` excluded)."""
    a, b = mp_edges(c)
    x = np.asarray(x, dtype=float)
    inside = (x > a) & (x < b)
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = np.sqrt(np.clip((b - x) * (x - a), 0, None)) / (2 * np.pi * c * x)
    return np.where(inside, rho, 0.0)


@functools.lru_cache(maxsize=None)
def _chebyshev_u(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Chebyshev rule of the second kind: int_{-1}^{1} g(t) sqrt(1-t^2) dt ~ sum w g(t)."""
    k = np.arange(1, n + 1)
    theta = k * np.pi / (n + 1)
    t, w = np.cos(theta), np.pi / (n + 1) * np.sin(theta) ** 2
    t.setflags(write=False)
    w.setflags(write=False)
    return t, w


def mp_expect(f, c: float, n: int = 400) -> float:
    """``int f(x) mu_c(dx)``, the atom ``(1 - 1/c) f(0)`` included when ``c > 1``.

    The bulk integral is a Gauss-Chebyshev rule (second kind) in ``x = m + h t`` with
    ``m, h`` the centre and half-width of ``[a, b]``: the square-root edges are
    integrated exactly, so smooth ``f`` converges exponentially in ``n``.  ``f`` is
    called with an array of nodes.
    """
    a, b = mp_edges(c)
    t, w = _chebyshev_u(n)
    m, h = (a + b) / 2, (b - a) / 2
    x = m + h * t
    bulk = float(np.sum(w * np.asarray(f(x), dtype=float) / x) * h * h / (2 * np.pi * c))
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
