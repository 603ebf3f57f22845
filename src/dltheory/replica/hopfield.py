"""Hopfield-type connectivity matrices and the spectral (PCA) baseline of Goldt et al.

Goldt, Krzakala, Zdeborova, Brunel, "Bayesian reconstruction of memories stored in
neural networks from their connectivity", PLoS Comput Biol (2023), arXiv:2105.07416.

Model
-----
``P`` patterns ``xi_i in R^P`` (rows of ``xi``, N x P) are stored Hebbian-style and the
synapses are noisy and rectified::

    J_ij = max(0, xi_i . xi_j / sqrt(N) + nu G_ij - tau),   G symmetric, G_ij ~ N(0, 1)

``tau = None`` keeps the linear (Gaussian) channel ``J = xi xi^T / sqrt(N) + nu G``.
Reconstructing ``xi`` from ``J`` is low-rank estimation (:mod:`dltheory.replica.amp`)
through the output channel ``P_out(J | w)``; its Fisher score at ``w = 0`` is, with
``a = tau / nu`` and ``phi``, ``Phi`` the standard normal pdf and cdf,

    S(J) = (J + tau) / nu^2                       if J > 0,
    S(0) = -phi(a) / (nu Phi(a)),

and the effective noise ``Delta`` (the inverse Fisher information)

    1/Delta = [a phi(a) + 1 - Phi(a)] / nu^2 + phi(a)^2 / (nu^2 Phi(a))     (rectified)
    Delta   = nu^2                                                          (tau = None)

so every model is summarised by ``Delta / Delta_c`` (``Delta_c`` from the prior).
The threshold ``tau`` is set from the fraction ``f`` of non-zero couplings wanted,
``P(nu G > tau) = f``, i.e. ``tau = nu Phi^{-1}(1 - f)`` (the patterns' contribution to
the variance, P/N, is neglected).

PCA baseline: the top-``r`` eigenvectors of ``S``, rescaled by the overlap estimated
from the top eigenvalues with the spiked-Wigner (BBP) formulas
(:mod:`dltheory.core.rmt`).
"""

from __future__ import annotations

import numpy as np
from scipy.sparse.linalg import eigsh
from scipy.stats import norm

from .priors import DiscretePrior
from ..core.rmt import spiked_wigner_overlap

__all__ = ["symmetric_noise", "connectivity", "fisher_score", "effective_delta",
           "threshold_for_connectivity", "noise_for_delta", "pca_estimate", "pca_mse_theory"]


def symmetric_noise(N: int, rng: np.random.Generator) -> np.ndarray:
    """Symmetric ``G = (Z + Z^T) / sqrt(2)``: off-diagonal entries i.i.d. ``N(0, 1)``
    (the diagonal has variance 2; it carries no information and AMP is insensitive to it)."""
    G = rng.standard_normal((N, N))
    G += G.T
    G *= np.sqrt(0.5)
    return G


def connectivity(xi: np.ndarray, nu: float, tau: float | None, rng: np.random.Generator) -> np.ndarray:
    """``J = max(0, xi xi^T / sqrt(N) + nu G - tau)`` (or without rectification if ``tau`` is None)."""
    N = xi.shape[0]
    J = xi @ xi.T / np.sqrt(N) + nu * symmetric_noise(N, rng)
    return J if tau is None else np.maximum(0.0, J - tau)


def fisher_score(J: np.ndarray, nu: float, tau: float | None) -> np.ndarray:
    """Score ``S_ij = d/dw log P_out(J_ij | w)`` at ``w = 0`` (see the module docstring)."""
    if tau is None:
        return J / nu**2
    a = tau / nu
    s0 = -np.exp(norm.logpdf(a) - norm.logcdf(a)) / nu
    return np.where(J > 0, (J + tau) / nu**2, s0)


def effective_delta(nu: float, tau: float | None) -> float:
    """Inverse Fisher information ``Delta`` of the (rectified) Gaussian channel."""
    if tau is None:
        return float(nu**2)
    a = tau / nu
    ratio = np.exp(2 * norm.logpdf(a) - norm.logcdf(a))  # phi(a)^2 / Phi(a), stable for a -> -inf
    inv = (a * norm.pdf(a) + norm.sf(a) + ratio) / nu**2
    return float(1 / inv)


def threshold_for_connectivity(nu: float, fraction: float | None) -> float | None:
    """``tau = nu Phi^{-1}(1 - f)``: a fraction ``f`` of couplings survive; None keeps J linear."""
    if fraction is None:
        return None
    return float(nu * norm.isf(fraction))


def noise_for_delta(delta: float, fraction: float | None) -> float:
    """The noise ``nu`` whose channel (with threshold for connectivity ``f``) has effective ``Delta``.

    ``Delta`` is proportional to ``nu^2`` at fixed ``f`` (``tau / nu`` is fixed), so
    ``nu = sqrt(Delta / Delta(nu=1))``.
    """
    unit = effective_delta(1.0, threshold_for_connectivity(1.0, fraction))
    return float(np.sqrt(delta / unit))


def pca_estimate(S: np.ndarray, prior: DiscretePrior, inv_delta: float,
                 rng: np.random.Generator) -> np.ndarray:
    """Spectral estimate of ``xi`` (N x r) from the top-r eigenvectors of ``S``.

    With ``Y = S sqrt(Delta / N)`` (bulk: semicircle on [-2, 2]), a top eigenvalue
    ``lambda_1 > 2`` gives the signal-to-noise ratio ``lam = (lambda_1 + sqrt(lambda_1^2 - 4))/2``
    and the squared overlap ``m^2 = 1 - 1/lam^2``; the estimate is
    ``sqrt(rho) m sqrt(N) v`` (``rho = E xi_a^2``), which minimises the MSE given ``m``.
    Eigenvalues inside the bulk give a zero column.  ``rng`` seeds the Lanczos start vector.
    """
    N, r = S.shape[0], prior.rank
    Y = S / np.sqrt(N * inv_delta)
    vals, vecs = eigsh(Y, k=r, which="LA", v0=rng.standard_normal(N))
    order = np.argsort(vals)[::-1]
    vals, vecs = vals[order], vecs[:, order]
    lam = np.where(vals > 2, (vals + np.sqrt(np.clip(vals**2 - 4, 0, None))) / 2, 1.0)
    m = np.sqrt(spiked_wigner_overlap(lam))
    rho = np.diag(prior.second_moment)
    return vecs * (np.sqrt(rho * N) * m)[None, :]


def pca_mse_theory(prior: DiscretePrior, delta):
    """MSE per component of :func:`pca_estimate` for a rank-1 prior: ``rho (1 - m^2)`` with
    ``m^2 = (1 - Delta/rho^2)_+`` (spiked Wigner with ``lam = rho / sqrt(Delta)``), i.e.
    ``min(Delta/rho, rho)``.
    """
    rho = float(prior.second_moment[0, 0])
    lam = rho / np.sqrt(np.asarray(delta, float))
    return rho * (1 - spiked_wigner_overlap(lam))
