"""Random features on the XOR-like Gaussian mixture: the lazy baseline of arXiv:2102.11742.

Features ``z_i = relu(f_i . x / sqrt D)``, ``i = 1..p``, with random projections ``f_i`` of
norm ``sqrt D`` (the reference's ``get_projection``), and a linear readout trained online to
convergence, i.e. the population least-squares readout ``w = Sigma^-1 E[y (z - E z)]``.  As in
the reference's ``RF_analytical_error.py`` the features are replaced by Gaussians with the
same cluster means and covariances (Gaussian equivalence):

* cluster ``alpha``: ``u_i = f_i . x / sqrt D ~ N(mu_i, sigma^2)`` with ``mu_i = f_i . m_alpha /
  sqrt D``; ``E[relu u] = sigma (r Phi(r) + phi(r))``, ``E[relu u^2] = sigma^2 ((r^2 + 1) Phi(r) +
  r phi(r))``, ``r = mu / sigma``;
* covariances: exact variances on the diagonal, ``kappa_1i kappa_1j sigma^2 f_i . f_j / D`` off it,
  ``kappa_1 = E[relu'(u)] = Phi(r)``;

and the classification error of the readout follows from the Gaussian local field of each
cluster, ``P(y f <= 0) = Phi(-y M_alpha / sqrt V_alpha)``.  :func:`feature_error` measures the
same readout on real (non-Gaussian) features of fresh samples.

With ``p`` proportional to ``D`` the features can represent linear functions of ``x`` and only
a vanishing fraction (``~ p / D^2``) of the quadratic ones the XOR needs, so the error tends to
1/2 as ``D`` grows at fixed ``p / D``: kernel methods fail where the small network succeeds.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.stats import norm

from .gmm import LABELS, MEANS, WEIGHTS

__all__ = ["projection", "gaussian_equivalent_moments", "readout", "ge_error", "feature_error"]


def projection(D: int, p: int, rng: np.random.Generator) -> np.ndarray:
    """``F [D, p]``: i.i.d. Gaussian columns rescaled to norm ``sqrt D``."""
    F = rng.standard_normal((D, p))
    return F * (math.sqrt(D) / np.linalg.norm(F, axis=0))


def gaussian_equivalent_moments(F: np.ndarray, sigma2: float):
    """Cluster means ``mu [4, p]`` and covariances ``C [4, p, p]`` of the features (module doc)."""
    D, p = F.shape
    s = math.sqrt(sigma2)
    r = (MEANS @ F[:2]) / math.sqrt(D) / s                 # [4, p]
    Phi, phi = norm.cdf(r), norm.pdf(r)
    mu = s * (r * Phi + phi)
    var = sigma2 * ((r * r + 1) * Phi + r * phi) - mu * mu
    omega = F.T @ F / D
    C = sigma2 * Phi[:, :, None] * omega[None] * Phi[:, None, :]
    idx = np.arange(p)
    C[:, idx, idx] = var
    return mu, C


def readout(mu: np.ndarray, C: np.ndarray, ridge: float = 1e-8):
    """Population least-squares readout ``w`` and the feature mean ``mu_bar``."""
    mu_bar = WEIGHTS @ mu
    dev = mu - mu_bar
    Sigma = np.einsum("a,aij->ij", WEIGHTS, C) + np.einsum("a,ai,aj->ij", WEIGHTS, dev, dev)
    target = (WEIGHTS * LABELS) @ mu
    Sigma[np.diag_indices_from(Sigma)] += ridge * np.trace(Sigma) / Sigma.shape[0]
    return np.linalg.solve(Sigma, target), mu_bar


def ge_error(F: np.ndarray, sigma2: float) -> dict:
    """Gaussian-equivalent classification and mean-squared errors of the trained RF."""
    mu, C = gaussian_equivalent_moments(F, sigma2)
    w, mu_bar = readout(mu, C)
    M = (mu - mu_bar) @ w
    V = np.einsum("i,aij,j->a", w, C, w)
    eps_c = float(WEIGHTS @ norm.cdf(-LABELS * M / np.sqrt(V)))
    eps_g = float(0.5 * WEIGHTS @ ((LABELS - M) ** 2 + V))
    return {"eps_c": eps_c, "eps_g": eps_g, "w": w, "mu_bar": mu_bar}


def feature_error(F: np.ndarray, sigma2: float, w: np.ndarray, mu_bar: np.ndarray, n: int,
                  rng: np.random.Generator, batch: int = 2000) -> dict:
    """Errors of the readout ``w`` on the real features of ``n`` fresh samples (balanced)."""
    D = F.shape[0]
    s = math.sqrt(sigma2)
    wrong, sq, done = 0.0, 0.0, 0
    while done < n:
        m = min(batch, n - done)
        cl = np.arange(done, done + m) % 4
        X = s * rng.standard_normal((m, D))
        X[:, :2] += MEANS[cl]
        f = (np.maximum(X @ F / math.sqrt(D), 0.0) - mu_bar) @ w
        wrong += np.sum(LABELS[cl] * f <= 0)
        sq += np.sum((LABELS[cl] - f) ** 2)
        done += m
    return {"eps_c": wrong / n, "eps_g": 0.5 * sq / n, "eps_c_sem": math.sqrt(wrong / n * (1 - wrong / n) / n)}
