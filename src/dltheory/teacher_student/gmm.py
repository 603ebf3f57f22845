"""XOR-like Gaussian mixture: the data model, online SGD of a two-layer net, the oracle.

Refinetti, Goldt, Krzakala, Zdeborova, "Classifying high-dimensional Gaussian mixtures:
Where kernel methods fail and neural networks succeed", ICML 2021, arXiv:2102.11742
(reference code mariaref/rfvs2lnn_GMM_online, "regime 1" of ``include/iid_Ode.py``).

Data
----
Four clusters ``alpha`` with in-plane means ``m_alpha in {+e1, -e1, +e2, -e2}`` (unit norm,
embedded in the first two of ``N`` coordinates) and equal weights; label ``y = +1`` for the
pair ``+-e1`` and ``y = -1`` for ``+-e2`` (an XOR of the two coordinates' signs, rotated by
45 degrees).  ``x = m_alpha + sigma z``, ``z ~ N(0, I_N)``: the noise (norm ``sigma sqrt N``)
dwarfs the means, and only the 2-dimensional plane of the means carries the label.
``sigma^2`` is the variance of each cluster (the reference's ``var``); SNR ``= 1/sigma^2``.

Network and SGD (the reference's conventions)
---------------------------------------------
``phi(x) = sum_k v_k g(lambda_k)``, ``lambda_k = w_k . x / sqrt N``, ``g = ReLU``, both layers
trained online on ``(y - phi)^2 / 2`` with one fresh sample per step:

    w_k <- (1 - eta kappa / N) w_k + eta / sqrt N * v_k (y - phi) g'(lambda_k) x,
    v_k <- (1 - eta kappa / N) v_k + eta / N * (y - phi) g(lambda_k),      t = steps / N,

``kappa`` a weight decay (the reference's ``reg``).  Initial weights ``w_k ~ N(0, init^2 I)``,
``v_k ~ N(0, init^2)``.

Order parameters: ``M[d, k] = w_k . e_d / sqrt N`` (overlap with the two mean directions,
the reference's ``R`` for ``mu = sqrt(N) e_d``), ``Q_kl = w_k . w_l / N``, and ``v``.
Errors are those of the population (:mod:`.gmm_ode`), exact for the network's weights.

Simulation: chunks of ``L`` steps are exact (to rounding) via the Gram matrix of the chunk,
``lambda_mu = c^mu [W_0 x_mu / sqrt N + eta sum_{nu < mu} c^{-(nu+1)} d_nu (x_nu . x_mu) / N]``
with ``c = 1 - eta kappa / N`` and ``d_nu = v_nu (y - phi) g'(lambda_nu)``; ``W`` is updated
once per chunk.  Each replica draws its init and samples from its own streams.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.integrate import quad
from scipy.stats import norm

__all__ = ["MEANS", "LABELS", "WEIGHTS", "initial_weights", "overlaps", "simulate",
           "oracle_error"]

MEANS = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]])  # in-plane means m_alpha
LABELS = np.array([1.0, 1.0, -1.0, -1.0])
WEIGHTS = np.full(4, 0.25)


def initial_weights(K: int, N: int, init: float, rng: np.random.Generator):
    """``W [K, N]`` and ``v [K]`` with i.i.d. ``N(0, init^2)`` entries."""
    return init * rng.standard_normal((K, N)), init * rng.standard_normal(K)


def overlaps(W: np.ndarray, v: np.ndarray):
    """Order parameters ``(M [.., 2, K], Q [.., K, K], v)`` of weights ``W [.., K, N]``."""
    N = W.shape[-1]
    M = np.swapaxes(W[..., :2], -1, -2) / math.sqrt(N)
    Q = W @ np.swapaxes(W, -1, -2) / N
    return M, Q, np.array(v, copy=True)


def simulate(K: int, N: int, sigma2, eta: float, init: float, kappa: float, times,
             init_seeds, sample_seeds, chunk: int = 64):
    """Online SGD of ``B`` two-layer nets at once (module docstring).

    Parameters
    ----------
    K, N : hidden units, input dimension (shared by the batch)
    sigma2 : ``[B]`` cluster variance of each replica's data
    eta, init, kappa : learning rate, initial weight scale, weight decay
    times : recording times ``t = steps / N``, starting at 0
    init_seeds, sample_seeds : one seed per replica (initial weights; data stream)

    Returns ``M [n_t, B, 2, K]``, ``Q [n_t, B, K, K]``, ``v [n_t, B, K]`` at ``times``.
    """
    sigma = np.sqrt(np.asarray(sigma2, dtype=float))
    B = sigma.size
    W = np.empty((B, K, N))
    v = np.empty((B, K))
    for b, s in enumerate(init_seeds):
        W[b], v[b] = initial_weights(K, N, init, np.random.default_rng(int(s)))
    gens = [np.random.default_rng(int(s)) for s in sample_seeds]
    steps_rec = np.rint(np.asarray(times, dtype=float) * N).astype(int)
    if steps_rec[0] != 0 or np.any(np.diff(steps_rec) < 0):
        raise ValueError("recording times must start at 0 and increase")
    out_M, out_Q = np.empty((steps_rec.size, B, 2, K)), np.empty((steps_rec.size, B, K, K))
    out_v = np.empty((steps_rec.size, B, K))
    c = 1.0 - eta * kappa / N
    sq = math.sqrt(N)
    rec, step, total = 0, 0, int(steps_rec[-1])
    while rec < steps_rec.size:
        while rec < steps_rec.size and steps_rec[rec] == step:
            out_M[rec], out_Q[rec], out_v[rec] = overlaps(W, v)
            rec += 1
        if step >= total:
            break
        L = min(chunk, total - step, int(steps_rec[rec] - step))
        X = np.empty((B, L, N))
        y = np.empty((B, L))
        for b, g in enumerate(gens):
            cl = g.integers(0, 4, size=L)
            X[b] = sigma[b] * g.standard_normal((L, N))
            X[b, :, :2] += MEANS[cl]
            y[b] = LABELS[cl]
        G = X @ np.swapaxes(X, 1, 2) / N          # [B, L, L]
        P = W @ np.swapaxes(X, 1, 2) / sq         # [B, K, L]
        Dt = np.zeros((B, K, L))                  # c^-(nu+1) d_nu
        for mu in range(L):
            lam = P[:, :, mu]
            if mu:
                lam = lam + eta * (Dt[:, :, :mu] @ G[:, :mu, mu, None])[:, :, 0]
            lam = c**mu * lam
            g_ = np.maximum(lam, 0.0)
            err = y[:, mu] - np.sum(v * g_, axis=1)
            Dt[:, :, mu] = (v * (lam > 0) * err[:, None]) * c ** -(mu + 1)
            v = c * v + (eta / N) * err[:, None] * g_
        W = c**L * (W + (eta / sq) * Dt @ X)
        step += L
    return out_M, out_Q, out_v


def oracle_error(sigma2: float) -> float:
    """Bayes-optimal classification error of the mixture.

    With equal weights the likelihood ratio of the two labels is ``cosh(x_1/sigma^2) /
    cosh(x_2/sigma^2)``: the oracle predicts ``+1`` iff ``|x_1| > |x_2|``.  Its error is
    ``P(|x_2| > |x_1|)`` in cluster ``+e1``, ``= E_{x1 ~ N(1, sigma^2)}[2 Phi(-|x_1|/sigma)]``.
    """
    s = math.sqrt(sigma2)
    f = lambda x1: norm.pdf(x1, 1.0, s) * 2.0 * norm.sf(abs(x1) / s)
    lo, hi = 1.0 - 12 * s, 1.0 + 12 * s
    pts = [0.0] if lo < 0 < hi else None
    return float(quad(f, lo, hi, points=pts, limit=200, epsabs=1e-12)[0])
