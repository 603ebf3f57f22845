"""Classifying a two-cluster Gaussian mixture: ERM saddle point, Bayes optimum, and local energy (flatness).

Data (Pittorino et al., arXiv:2006.07897, Sec. 3; Mignacco et al., ICML 2020):
``x = y mu / sqrt(d) + sqrt(Delta) z``, ``y = +-1`` balanced, ``|mu|^2 = d``; classifier
``sign(w . x / sqrt(d))``; ERM ``min_w sum_mu ell(y_mu w . x_mu / sqrt(d)) + lam |w|^2 / 2``
with a margin loss ``ell`` (square ``(1 - h)^2 / 2`` or logistic ``log(1 + e^{-h})``).

With ``m = w . mu / d``, ``q = |w|^2 / d`` and ``n = alpha d`` samples, a training margin's
cavity field is ``omega = m + sqrt(Delta q) xi`` and the fitted margin is the proximal
point ``eta(omega) = argmin_h (h - omega)^2 / (2 Delta V) + ell(h)``.  The fixed point
(replica symmetric; the Gaussian-covariate equations of :mod:`dltheory.gcm.replica` with
``Omega = Delta I`` plus the mean direction) reads, with ``f = (eta - omega) / (Delta V)``,

    V = 1 / (lam + Vhat),   q = (mhat^2 + qhat) / (lam + Vhat)^2,   m = mhat / (lam + Vhat),
    mhat = alpha E f,   qhat = alpha Delta E f^2,   Vhat = alpha Delta E[ ell'' / (1 + Delta V ell'') ].

Test error ``H(m / sqrt(Delta q))`` (``H`` the Gaussian tail).  As ``lam -> inf`` every margin
loss gives ``w ~ sum_mu y_mu x_mu``, which is Bayes optimal for this mixture, with error
``H(1 / sqrt(Delta (1 + Delta / alpha)))`` (:func:`bayes_optimal_error`).

*Local energy* (the flatness measure of the paper): the mean rise of the training error
(fraction of misclassified training points) when every weight is multiplied by
``1 + sigma eps``, ``eps ~ N(0, 1)``.  It is norm independent.  The perturbation adds to
each training margin a Gaussian of variance ``sigma^2 Delta q``, so

    delta_E(sigma) = E_xi H( eta / (sigma sqrt(Delta q)) ) - E_train.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import erfc, expit

from .anderson import solve_batch
from .channels import logistic_prox, normal_grid

__all__ = ["LOSSES", "GMMSolution", "solve_gmm", "bayes_optimal_error", "gaussian_tail",
           "local_energy_theory", "local_energy", "train_error"]

LOSSES = ("square", "logistic")


def gaussian_tail(x):
    """``H(x) = P(z > x)`` for ``z ~ N(0, 1)``."""
    return 0.5 * erfc(np.asarray(x, float) / np.sqrt(2.0))


def bayes_optimal_error(alpha, delta):
    """Bayes-optimal test error ``H(1 / sqrt(Delta (1 + Delta / alpha)))`` of the balanced mixture with a Gaussian prior on ``mu``."""
    alpha = np.asarray(alpha, float)
    return gaussian_tail(1.0 / np.sqrt(delta * (1.0 + delta / alpha)))


def _prox(loss: str, omega, vch):
    if loss == "square":
        return (omega + vch) / (1.0 + vch)
    if loss == "logistic":
        return logistic_prox(1.0, omega, vch)
    raise ValueError(f"unknown loss {loss!r}; known: {LOSSES}")


def _second_derivative(loss: str, eta):
    if loss == "square":
        return np.ones_like(eta)
    s = expit(eta)
    return s * (1 - s)


def _ell_prime_at_zero(loss: str) -> float:
    return -1.0 if loss == "square" else -0.5


@dataclass
class GMMSolution:
    """Saddle point for each ``(alpha, lam)`` of the batch."""

    loss: str
    delta: float
    alpha: np.ndarray
    lam: np.ndarray
    V: np.ndarray
    q: np.ndarray
    m: np.ndarray
    converged: bool
    iterations: int

    @property
    def test_error(self):
        return gaussian_tail(self.m / np.sqrt(self.delta * self.q))

    def margins(self, xi):
        """Fitted training margins ``eta`` at standard-normal nodes ``xi``, ``[B, len(xi)]``."""
        omega = self.m[:, None] + np.sqrt(self.delta * self.q)[:, None] * np.asarray(xi)[None, :]
        return _prox(self.loss, omega, (self.delta * self.V)[:, None])

    @property
    def train_error(self):
        """Fraction of misclassified training points: ``eta(omega) < 0`` iff ``omega < V_ch ell'(0)``."""
        omega0 = self.delta * self.V * _ell_prime_at_zero(self.loss)
        return 1.0 - gaussian_tail((omega0 - self.m) / np.sqrt(self.delta * self.q))

    def table(self) -> pd.DataFrame:
        return pd.DataFrame({"loss": self.loss, "alpha": self.alpha, "lam": self.lam, "V": self.V,
                             "q": self.q, "m": self.m, "test_error": self.test_error,
                             "train_error": self.train_error, "converged": self.converged})


def solve_gmm(loss: str, alpha, lam, delta: float, damping: float = 0.5, tol: float = 1e-10,
              max_iter: int = 20_000, n_grid: int = 801) -> GMMSolution:
    """Solve the saddle point (module docstring) for the broadcast arrays ``alpha``, ``lam``."""
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; known: {LOSSES}")
    alpha, lam = (np.atleast_1d(a).astype(float).ravel() for a in np.broadcast_arrays(alpha, lam))
    xi, wq = normal_grid(n_grid, 10.0)

    def hats(V, q, m, a):
        vch = (delta * V)[:, None]
        omega = m[:, None] + np.sqrt(delta * q)[:, None] * xi[None, :]
        eta = _prox(loss, omega, vch)
        f = (eta - omega) / vch
        l2 = _second_derivative(loss, eta)
        return (a * delta * ((l2 / (1 + vch * l2)) @ wq), a * delta * ((f**2) @ wq),
                a * (f @ wq))

    def step(x, rows):
        V, q, m = np.maximum(x[:, 0], 1e-12), np.maximum(x[:, 1], 1e-12), x[:, 2]
        vhat, qhat, mhat = hats(V, q, m, alpha[rows])
        den = lam[rows] + vhat
        return np.stack([1.0 / den, (mhat**2 + qhat) / den**2, mhat / den], axis=1)

    x0 = np.tile([1.0, 1.0, 0.5], (alpha.size, 1))
    res = solve_batch(step, x0, damping=damping, tol=tol, max_iter=max_iter,
                      positive=(0, 1))
    x = np.atleast_2d(res.x)
    return GMMSolution(loss, float(delta), alpha, lam, x[:, 0], x[:, 1], x[:, 2],
                       res.converged, res.iterations)


def local_energy_theory(sol: GMMSolution, sigmas, n_grid: int = 2000) -> np.ndarray:
    """Replica prediction of the local energy ``delta_E(sigma)``, ``[B, len(sigmas)]``.

    ``delta_E = E_xi[ H(eta / s) - 1(eta < 0) ]``, ``s = sigma sqrt(Delta q)``.  The integrand
    jumps where ``eta = 0`` (at ``xi_0 = (V_ch ell'(0) - m) / sqrt(Delta q)``); a midpoint rule
    whose cells have an edge at ``xi_0`` integrates it to ``O(h^2)``.
    """
    sigmas = np.asarray(sigmas, float)
    scale = np.sqrt(sol.delta * sol.q)
    xi0 = (sol.delta * sol.V * _ell_prime_at_zero(sol.loss) - sol.m) / scale     # [B]
    h = 20.0 / n_grid
    offsets = (np.arange(n_grid) - n_grid // 2 + 0.5) * h
    # cell edges at xi0 + j h; the grid is shifted by whole cells to stay centred near 0
    xi = (xi0 - h * np.round(xi0 / h))[:, None] + offsets[None, :]               # [B, G]
    w = np.exp(-0.5 * xi**2)
    w /= w.sum(axis=1, keepdims=True)
    omega = sol.m[:, None] + scale[:, None] * xi
    eta = _prox(sol.loss, omega, (sol.delta * sol.V)[:, None])
    step = (xi < xi0[:, None]).astype(float)                  # eta < 0 exactly left of xi_0
    s = scale[:, None, None] * sigmas[None, :, None]
    integrand = gaussian_tail(eta[:, None, :] / s) - step[:, None, :]
    return np.einsum("bsg,bg->bs", integrand, w)


def train_error(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    """Fraction of rows with ``y (x . w) <= 0`` (the scale ``1/sqrt(d)`` does not matter)."""
    return float(np.mean(y * (X @ w) <= 0))


def local_energy(X: np.ndarray, y: np.ndarray, w: np.ndarray, sigmas, rng: np.random.Generator,
                 draws: int = 64) -> np.ndarray:
    """Measured local energy: mean training-error rise under ``w -> w (1 + sigma eps)``, per ``sigma``."""
    base = train_error(X, y, w)
    Xy = X * y[:, None]
    margin = Xy @ w
    out = []
    for s in np.asarray(sigmas, float):
        eps = rng.standard_normal((draws, w.size))
        noisy = margin[None, :] + s * ((eps * w[None, :]) @ Xy.T)   # [draws, n]
        out.append(float(np.mean(noisy <= 0)) - base)
    return np.array(out)
