"""Bayes-optimal learning of a deep random network of extensive width (Cui, Krzakala, Zdeborova, arXiv:2302.00375).

Target (Eq. (2)): ``y = a . sigma(W_L ... sigma(W_1 x / sqrt(d)) ... / sqrt(k_{L-1})) / sqrt(k_L) + sqrt(Delta) z``
with i.i.d. standard Gaussian weights, ``x ~ N(0, Sigma)``, and widths ``k_l`` proportional to ``d``.
With ``n = alpha d`` samples only the part of ``y`` linear in ``x`` can be learnt; the
rest acts as noise.  Layer by layer (:mod:`dltheory.gcm.linearisation`) the target is
equivalent to

    y = sqrt(c_lin) beta . x / sqrt(d) + sqrt(c_noise + Delta) xi,   beta ~ N(0, I_d),

with ``c_lin = prod_l kappa1_l^2`` and ``c_noise = sum_l kappa*_l^2 prod_{l' > l} kappa1_{l'}^2``
(pre-activation variances ``r_1 = tr Sigma / d``, ``r_{l+1} = E sigma(h_l)^2``).  The
Bayes-optimal error is then that of Gaussian linear regression (Eqs. (12)-(14)):

    q = < qhat s^2 / (1 + qhat s) >,    qhat = alpha c_lin / (Delta + c_noise + c_lin (rho_0 - q)),
    eps_BO = c_lin (rho_0 - q) + c_noise,

``<.>`` over the eigenvalues ``s`` of ``Sigma``, ``rho_0 = <s>``.  Its classification
counterpart (Eq. (15), labels ``sign(y)``) is the probit perceptron with the same
effective noise.  Optimally regularised ridge regression attains ``eps_BO`` (Sec. 4).
"""

from __future__ import annotations

import numpy as np
from scipy.special import erfcx

from ..core.fixed_point import solve
from .channels import normal_grid
from .linearisation import ge_coefficients
from .spectra import GCMSpectrum

__all__ = ["deep_target_coefficients", "bayes_optimal_regression",
           "bayes_optimal_classification", "isotropic_linear_target"]


def deep_target_coefficients(activations, r1: float = 1.0) -> tuple[float, float]:
    """``(c_lin, c_noise)`` of a deep random target with the given layer activations.

    ``r1 = tr Sigma / d`` is the first pre-activation variance; unit-variance weights.
    """
    r = float(r1)
    c_lin, c_noise = 1.0, 0.0
    for name in activations:
        _, k1, ks, s2 = (float(v) for v in ge_coefficients(name, r))
        c_noise = c_noise * k1**2 + ks**2
        c_lin *= k1**2
        r = s2
    return c_lin, c_noise


def bayes_optimal_regression(alpha, c_lin: float, c_noise: float, delta: float = 0.0,
                             sigma_spectrum=None) -> np.ndarray:
    """Bayes-optimal test error ``eps_BO(alpha)`` (noiseless test labels), array like ``alpha``."""
    alpha = np.atleast_1d(np.asarray(alpha, float))
    s = np.ones(1) if sigma_spectrum is None else np.asarray(sigma_spectrum, float)
    rho0 = s.mean()

    def F(q):
        qhat = alpha * c_lin / (delta + c_noise + c_lin * (rho0 - q))
        return np.mean(qhat[:, None] * s[None, :] ** 2 / (1 + qhat[:, None] * s[None, :]), axis=1)

    q = solve(F, np.zeros_like(alpha), damping=0.5, tol=1e-13, strict=True).x
    return c_lin * (rho0 - np.atleast_1d(q)) + c_noise


def _probit_information(u):
    """``sum_y phi(u)^2 / H(-y u)`` with ``phi`` the normal density and ``H`` the Gaussian tail, stably."""
    u = np.asarray(u, float)
    # phi(u)^2 / H(v) = exp(-u^2/2) / (pi erfcx(v / sqrt 2)) * exp(-(u^2 - v^2)/2), here v = +-u
    return (np.exp(-0.5 * u**2) / np.pi) * (1.0 / erfcx(u / np.sqrt(2)) + 1.0 / erfcx(-u / np.sqrt(2)))


def bayes_optimal_classification(alpha, c_lin: float, c_noise: float, delta: float = 0.0,
                                 n_grid: int = 2001) -> np.ndarray:
    """Bayes-optimal classification error for labels ``sign(y)`` (isotropic ``Sigma``).

    Probit perceptron with Gaussian prior: ``q = qhat / (1 + qhat)``,
    ``qhat = alpha c_lin E_xi[ I(omega / sqrt(V)) ] / V``, ``omega = sqrt(c_lin q) xi``,
    ``V = rho - c_lin q``, ``rho = c_lin + c_noise + delta``, ``I`` = :func:`_probit_information`;
    error ``arccos(sqrt(c_lin q / rho)) / pi``.
    """
    alpha = np.atleast_1d(np.asarray(alpha, float))
    rho = c_lin + c_noise + delta
    xi, w = normal_grid(n_grid, 12.0)

    def F(q):
        q = np.clip(q, 0.0, 1.0 - 1e-12)
        V = rho - c_lin * q
        u = np.sqrt(c_lin * q)[:, None] * xi[None, :] / np.sqrt(V)[:, None]
        qhat = alpha * c_lin * (_probit_information(u) @ w) / V
        return qhat / (1 + qhat)

    q = np.atleast_1d(solve(F, np.full_like(alpha, 1e-6), damping=0.5, tol=1e-12, strict=True).x)
    return np.arccos(np.sqrt(np.clip(c_lin * q / rho, 0, 1))) / np.pi


def isotropic_linear_target(d: int, c_lin: float, c_noise: float,
                            sigma_spectrum=None) -> GCMSpectrum:
    """Teacher-averaged GCM of ridge regression on ``x`` for the equivalent target above.

    ``Omega = Sigma`` (eigenvalues ``s``), ``E[(u_i . b)^2] = c_lin s_i^2 / d`` so ``t_i = c_lin s_i^2``,
    ``rho = c_lin <s> + c_noise`` (label noise is passed to the channel, not here).
    """
    s = np.ones(d) if sigma_spectrum is None else np.asarray(sigma_spectrum, float)
    return GCMSpectrum(s, c_lin * s**2, np.full(s.size, 1.0 / s.size),
                       c_lin * s.mean() + c_noise, s.size)
