"""Memorisation, convergence and latent recovery of a linear generative model.

Maillard & Goldt, "Memorisation, convergence and generalisation in generative
models", arXiv:2605.21402.  Only the abstract and public summaries could be read
here; the model and the three order parameters below follow them, and the formulas
are ours (stated, derived from standard random-matrix results).

Data: ``n`` samples ``x_mu ~ N(0, Sigma)`` in ``d`` dimensions, ``Sigma = I + theta v v^T``
(one latent factor of strength ``theta``; ``v = e_1`` without loss of generality), load
``gamma = n / d``.  The linear generative model samples ``xhat = Sigma_hat^{1/2} z``,
``z ~ N(0, I_d)``, ``Sigma_hat = X^T X / n``.

Order parameters
----------------
memorisation ``m = E_z max_mu |cos(xhat(z), x_mu)|`` (nearest training sample; 1 means
    the sample reproduces a training point, up to sign), compared with the same
    statistic ``m_fresh`` for fresh samples of the true distribution (the level of a
    model that does not memorise at all);
convergence ``q = E_z[xhat_1 . xhat_2] / (E|xhat_1|^2 E|xhat_2|^2)^{1/2}`` for two models
    trained on disjoint data sets and driven by the same seed ``z``, i.e.
    ``q = tr(Sigma_hat_1^{1/2} Sigma_hat_2^{1/2}) / (tr Sigma_hat_1 tr Sigma_hat_2)^{1/2}``
    (the seed average done exactly);
latent recovery ``Q = (v . vhat_1)^2``, ``vhat_1`` the top eigenvector of ``Sigma_hat``.

Theory (``d -> infinity`` at fixed ``gamma``; ``c = 1/gamma``)
--------------------------------------------------------------
(G1) ``q = (int sqrt(s) mu_c(ds))^2``: the two sample covariances are asymptotically
     free with Marchenko-Pastur spectra, and a finite-rank spike moves the normalised
     traces by O(1/d) only -- so ``q`` cannot see the latent factor.
(G2) ``Q = (1 - c/theta^2) / (1 + c/theta)`` for ``gamma > 1/theta^2``, else 0 (BBP).
(G3) ``m``: for ``n << d``, ``xhat`` is a Gaussian combination of the training points,
     ``cos(xhat, x_mu) -> g_mu / |g|`` with ``g ~ N(0, I_n)``, so
     ``m_0(n) = E max_mu |g_mu| / E|g|`` (radius and direction of ``g`` independent).
     At finite ``gamma`` the cosines grow by the factor ``sqrt(n E[cos^2])`` with
     ``n E[cos^2] = 1 + (n + 1) tr Sigma^2 / (tr Sigma)^2`` (a direct second-moment
     computation); ``m = m_0(n) sqrt(1 + (n + 1) tr Sigma^2 / (tr Sigma)^2)``.  This
     neglects the O(d^{-1/2}) correlations between the cosines: an approximation, tested
     against simulation.  For fresh samples the cosines are ~ N(0, tr Sigma^2 / (tr Sigma)^2)
     and ``m_fresh = E max_mu |g_mu| (tr Sigma^2)^{1/2} / tr Sigma``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import gammaln
from scipy.stats import norm

from ..core.seeding import derive_seed, rng
from ..core.rmt import mp_expect, spiked_covariance_overlap

__all__ = ["sample_spiked", "sqrt_psd", "order_parameters", "q_theory", "Q_theory", "m_theory",
           "simulate_generative", "theory_generative", "summarise_generative"]


def sample_spiked(n: int, d: int, theta: float, rng_: np.random.Generator) -> np.ndarray:
    """``n`` samples of ``N(0, I + theta e_1 e_1^T)``, shape (n, d)."""
    X = rng_.standard_normal((n, d))
    X[:, 0] *= np.sqrt(1 + theta)
    return X


def sqrt_psd(S: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(S^{1/2}, eigenvalues, eigenvectors)`` of a symmetric PSD matrix (negative rounding clipped)."""
    vals, vecs = np.linalg.eigh(S)
    vals = np.clip(vals, 0, None)
    return (vecs * np.sqrt(vals)) @ vecs.T, vals, vecs


def _nearest_cos(samples: np.ndarray, X: np.ndarray) -> float:
    """Mean over ``samples`` of the largest ``|cos|`` with a row of ``X``."""
    cos = (samples @ X.T) / np.linalg.norm(samples, axis=1)[:, None] / np.linalg.norm(X, axis=1)[None, :]
    return float(np.mean(np.max(np.abs(cos), axis=1)))


def order_parameters(X1: np.ndarray, X2: np.ndarray, z: np.ndarray, fresh: np.ndarray) -> dict:
    """``m`` (model 1, seeds ``z`` of shape (K, d)), ``m_fresh`` (true samples ``fresh``,
    shape (K, d), against the same training set), ``q`` and ``Q`` (mean of both models)."""
    (R1, _, U1), (R2, _, U2) = (sqrt_psd(X.T @ X / len(X)) for X in (X1, X2))
    q = float(np.trace(R1 @ R2) / np.sqrt(np.trace(R1 @ R1) * np.trace(R2 @ R2)))
    Q = 0.5 * float(U1[0, -1] ** 2 + U2[0, -1] ** 2)
    return {"m": _nearest_cos(z @ R1, X1), "m_fresh": _nearest_cos(fresh, X1), "q": q, "Q": Q}


def q_theory(gamma) -> np.ndarray:
    """(G1) ``(int sqrt(s) dmu_{1/gamma})^2``."""
    return np.array([mp_expect(np.sqrt, 1 / g) ** 2 for g in np.atleast_1d(gamma)])


def Q_theory(gamma, theta: float) -> np.ndarray:
    """(G2) BBP squared overlap at ``c = 1/gamma``."""
    return spiked_covariance_overlap(theta, 1 / np.asarray(gamma, float))


def _expected_max_abs(n: int) -> float:
    """``E max_{mu <= n} |g_mu|`` for i.i.d. standard normals: ``int_0^inf 1 - (2 Phi(x) - 1)^n dx``."""
    x = np.linspace(1e-9, 12, 6001)
    tail = 1 - np.exp(n * np.log1p(-2 * norm.sf(x)))
    return float(np.trapezoid(tail, x))


def m_theory(n: int, d: int, theta: float) -> tuple[float, float]:
    """(G3) ``(m, m_fresh)`` for the linear generative model trained on ``n`` samples."""
    norm_mean = np.sqrt(2) * np.exp(gammaln((n + 1) / 2) - gammaln(n / 2))
    tr1, tr2 = d + theta, d - 1 + (1 + theta) ** 2
    top = _expected_max_abs(n)
    return float(top / norm_mean * np.sqrt(1 + (n + 1) * tr2 / tr1**2)), float(top * np.sqrt(tr2) / tr1)


def simulate_generative(d: int, ns, thetas, seeds, n_draws: int) -> pd.DataFrame:
    """One row per (theta, n, seed): ``m, m_fresh, q, Q``.  Streams ``data1``, ``data2``,
    ``seed`` (z) and ``fresh`` (true samples for ``m_fresh``)."""
    rows = []
    for theta in thetas:
        for n in ns:
            for seed in seeds:
                key = (float(theta), int(n))
                X1 = sample_spiked(n, d, theta, rng(derive_seed(seed, "data1", *key)))
                X2 = sample_spiked(n, d, theta, rng(derive_seed(seed, "data2", *key)))
                z = rng(derive_seed(seed, "seed", *key)).standard_normal((n_draws, d))
                fresh = sample_spiked(n_draws, d, theta, rng(derive_seed(seed, "fresh", *key)))
                rows.append({"theta": float(theta), "n": int(n), "d": d, "gamma": n / d, "seed": seed,
                             **order_parameters(X1, X2, z, fresh)})
    return pd.DataFrame(rows)


def theory_generative(d: int, ns, thetas) -> pd.DataFrame:
    """Theory of ``m, m_fresh, q, Q`` at the given ``n`` (``gamma = n/d``) for every ``theta``."""
    rows = []
    for theta in thetas:
        for n in ns:
            g = n / d
            m, m_fresh = m_theory(int(n), d, theta)
            rows.append({"theta": float(theta), "n": int(n), "gamma": g, "m": m, "m_fresh": m_fresh,
                         "q": float(q_theory(g)[0]), "Q": float(Q_theory(g, theta))})
    return pd.DataFrame(rows)


def summarise_generative(runs: pd.DataFrame, theory: pd.DataFrame) -> pd.DataFrame:
    """Seed means and standard errors of ``m, m_fresh, q, Q`` per (theta, n), with the theory."""
    cols = ["m", "m_fresh", "q", "Q"]
    g = runs.groupby(["theta", "n"])
    out = g[cols].mean().join(g[cols].sem().add_suffix("_sem"))
    out = out.join(g.agg(gamma=("gamma", "first"), d=("d", "first"), n_seeds=("seed", "nunique"))).reset_index()
    th = theory.rename(columns={c: f"theory_{c}" for c in cols}).drop(columns="gamma")
    return out.merge(th, on=["theta", "n"], how="left")
