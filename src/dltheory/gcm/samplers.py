"""Samplers of the synthetic models: Gaussian inputs, (deep, structured) random features, targets, mixtures.

Conventions match :mod:`dltheory.gcm.linearisation`: a layer computes
``phi_l = sigma(W_l phi_{l-1} / sqrt(k_{l-1}))`` with O(1) weight entries; targets read out
``theta . phi / sqrt(k)``.  Every function takes a ``numpy.random.Generator`` (a named seed
stream from :mod:`dltheory.core.seeding`), never global state.
"""

from __future__ import annotations

import numpy as np

from .linearisation import activation

__all__ = ["power_law_spectrum", "gaussian_inputs", "random_weights", "network_forward",
           "readout", "gaussian_mixture", "wishart_gram"]


def power_law_spectrum(d: int, exponent: float) -> np.ndarray:
    """Eigenvalues ``j^{-exponent}``, ``j = 1..d``, rescaled to mean 1 (so ``tr = d``)."""
    lam = np.arange(1, d + 1, dtype=float) ** (-float(exponent))
    return lam * d / lam.sum()


def gaussian_inputs(rng: np.random.Generator, n: int, d: int, spectrum=None) -> np.ndarray:
    """``n`` rows ``x ~ N(0, diag(spectrum))`` (identity if ``spectrum`` is None), ``[n, d]``."""
    x = rng.standard_normal((n, d))
    if spectrum is not None:
        x *= np.sqrt(np.asarray(spectrum, float))[None, :]
    return x


def random_weights(rng: np.random.Generator, k: int, k_prev: int, row_spectrum=None) -> np.ndarray:
    """``W in R^{k x k_prev}`` with i.i.d. rows ``N(0, diag(row_spectrum))`` (identity if None).

    A power-law ``row_spectrum`` gives the structured weights of arXiv:2402.13999: each
    neuron looks mostly along the leading input directions.
    """
    W = rng.standard_normal((k, k_prev))
    if row_spectrum is not None:
        W *= np.sqrt(np.asarray(row_spectrum, float))[None, :]
    return W


def network_forward(x: np.ndarray, weights, activations, dtype=np.float64) -> np.ndarray:
    """``phi_L(x)`` for rows of ``x`` (``[n, d]``), ``phi_l = sigma_l(phi_{l-1} W_l^T / sqrt(k_{l-1}))``."""
    h = np.asarray(x, dtype=dtype)
    for W, name in zip(weights, activations):
        W = np.asarray(W, dtype=dtype)
        h = activation(name)(h @ W.T / np.sqrt(W.shape[1]))
    return h


def readout(features: np.ndarray, theta: np.ndarray) -> np.ndarray:
    """``theta . phi / sqrt(k)`` for each row of ``features``."""
    return features @ theta / np.sqrt(theta.size)


def gaussian_mixture(rng: np.random.Generator, n: int, mu: np.ndarray, delta: float):
    """Balanced two-cluster mixture ``x = y mu / sqrt(d) + sqrt(delta) z``, ``y = +-1`` equiprobable.

    With ``|mu|^2 = d`` the centroids ``+-mu/sqrt(d)`` have unit norm and each coordinate
    carries noise of variance ``delta`` (Mignacco et al. 2020; Pittorino et al.,
    arXiv:2006.07897, Sec. 3).  Returns ``(x [n, d], y [n])``.
    """
    d = mu.size
    y = rng.choice(np.array([-1.0, 1.0]), size=n)
    x = y[:, None] * mu[None, :] / np.sqrt(d) + np.sqrt(delta) * rng.standard_normal((n, d))
    return x, y


def wishart_gram(rng: np.random.Generator, p: int, d: int) -> np.ndarray:
    """``F^T F`` for ``F in R^{p x d}`` with i.i.d. ``N(0, 1)`` entries, drawn without forming ``F``.

    Bartlett decomposition: ``F^T F = L L^T`` with ``L`` lower triangular,
    ``L_ii^2 ~ chi^2_{p - i}`` (``i = 0..d-1``), ``L_ij ~ N(0, 1)`` below the diagonal
    (needs ``p >= d``).
    """
    if p < d:
        raise ValueError("wishart_gram needs p >= d")
    L = np.tril(rng.standard_normal((d, d)), -1)
    L[np.diag_indices(d)] = np.sqrt(rng.chisquare(p - np.arange(d)))
    return L @ L.T
