"""Gaussian equivalence of (deep) random features: layer-wise linearisation and population covariances.

A network on Gaussian inputs ``x ~ N(0, Sigma_x)`` (``d``-dimensional),

    h_l = W_l phi_{l-1} / sqrt(k_{l-1}),   phi_l = sigma_l(h_l),   phi_0 = x,   W_l in R^{k_l x k_{l-1}},

is replaced, layer by layer, by its Gaussian equivalent (Schroeder et al., arXiv:2302.00401,
Eqs. (10)-(11); Cui et al., arXiv:2302.00375, Eq. (8)): neuron ``i`` with pre-activation
variance ``r_i = (C_l)_{ii}``, ``C_l = W_l Omega_{l-1} W_l^T / k_{l-1}``, becomes

    phi_i ~ kappa1_i h_i + kappa*_i z_i,
    kappa1_i = E[h sigma(h)] / r_i,   kappa*_i^2 = E[sigma(h)^2] - r_i kappa1_i^2,   h ~ N(0, r_i),

so the feature covariance and the covariance with the input are

    Omega_l = D1 (C_l - diag C_l) D1 + diag(E[sigma(h_i)^2]),     M_l = E[phi_l x^T] = D1 W_l M_{l-1} / sqrt(k_{l-1}),

``D1 = diag(kappa1_i)``, ``Omega_0 = M_0 = Sigma_x``.  Per-neuron coefficients (rather
than one ``r_l`` per layer) make the diagonal exact and matter for structured weights
(Schroeder et al., arXiv:2402.13999, Sec. 3).  Activations must be odd (zero mean): the
equivalence of non-centred features needs an extra rank-one term not implemented here.

Gaussian expectations use :func:`dltheory.core.quadrature.gauss_expect`; ``sign`` and
``linear`` have closed forms.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import erf

from ..core.quadrature import gauss_expect

__all__ = ["ACTIVATIONS", "activation", "ge_coefficients", "LinearisedNetwork",
           "linearise_network", "cross_covariance", "gcm_from_networks",
           "random_features_spectrum"]

ACTIVATIONS = {
    "tanh": np.tanh,
    "tanh2": lambda x: np.tanh(2.0 * x),   # tanh(2x), the activation of arXiv:2302.00375
    "erf": erf,
    "sign": np.sign,
    "linear": lambda x: x,
}


def activation(name: str):
    """The activation function called ``name`` (one of :data:`ACTIVATIONS`)."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; known: {sorted(ACTIVATIONS)}") from None


def ge_coefficients(name: str, r, n: int = 160):
    """``(kappa0, kappa1, kappa_star, second_moment)`` of ``sigma(h)``, ``h ~ N(0, r)`` (arrays like ``r``).

    ``kappa0 = E sigma``, ``kappa1 = E[h sigma] / r``, ``second_moment = E sigma^2``,
    ``kappa_star = sqrt(second_moment - kappa0^2 - r kappa1^2)``.
    """
    r = np.asarray(r, dtype=float)
    if np.any(r <= 0):
        raise ValueError("pre-activation variances must be positive")
    if name == "sign":
        k0, k1, s2 = np.zeros_like(r), np.sqrt(2.0 / (np.pi * r)), np.ones_like(r)
    elif name == "linear":
        k0, k1, s2 = np.zeros_like(r), np.ones_like(r), r.copy()
    else:
        f = activation(name)
        sd = np.sqrt(r)
        k0 = gauss_expect(f, 0.0, sd, n=n)
        k1 = gauss_expect(lambda h: h * f(h), 0.0, sd, n=n) / r
        s2 = gauss_expect(lambda h: f(h) ** 2, 0.0, sd, n=n)
    ks = np.sqrt(np.maximum(s2 - k0**2 - r * k1**2, 0.0))
    return k0, k1, ks, s2


def _odd(name: str) -> bool:
    return name in ("tanh", "tanh2", "erf", "sign", "linear")


@dataclass
class LinearisedNetwork:
    """Gaussian-equivalent second moments of a network's last layer.

    Attributes
    ----------
    Omega : ``E[phi phi^T]``, ``[k_L, k_L]``
    M : ``E[phi x^T]``, ``[k_L, d]``
    kappa1, kappa_star : per-neuron coefficients of every layer (lists of ``[k_l]``)
    """

    Omega: np.ndarray
    M: np.ndarray
    kappa1: list
    kappa_star: list

    @property
    def width(self) -> int:
        return self.Omega.shape[0]


def linearise_network(weights, activations, sigma_x=None, d: int | None = None) -> LinearisedNetwork:
    """Layer-wise linearisation of ``x -> phi_L(x)`` (see the module docstring).

    Parameters
    ----------
    weights : list of ``W_l`` (``k_l x k_{l-1}``, entries O(1)); an empty list is the identity map
    activations : list of activation names, one per layer (odd functions)
    sigma_x : input covariance ``[d, d]`` (default identity; then ``d`` must be given if no layer)
    """
    if len(weights) != len(activations):
        raise ValueError("need one activation per layer")
    if sigma_x is None:
        d = weights[0].shape[1] if weights else d
        if d is None:
            raise ValueError("give d or sigma_x for a network without layers")
        sigma_x = np.eye(d)
    Omega = np.asarray(sigma_x, float)
    M = Omega.copy()
    k1s, kss = [], []
    for W, name in zip(weights, activations):
        if not _odd(name):
            raise ValueError(f"activation {name!r} is not odd; only centred features are supported")
        W = np.asarray(W, float)
        k_prev = W.shape[1]
        C = W @ Omega @ W.T / k_prev
        r = np.diag(C).copy()
        _, k1, ks, s2 = ge_coefficients(name, r)
        Omega = (k1[:, None] * k1[None, :]) * C
        np.fill_diagonal(Omega, s2)
        M = k1[:, None] * (W @ M) / np.sqrt(k_prev)
        k1s.append(k1)
        kss.append(ks)
    return LinearisedNetwork(0.5 * (Omega + Omega.T), M, k1s, kss)


def cross_covariance(a: LinearisedNetwork, b: LinearisedNetwork, sigma_x) -> np.ndarray:
    """``E[phi_a phi_b^T]`` of two networks with independent weights on the same input.

    Only the parts linear in ``x`` correlate: ``M_a Sigma_x^{-1} M_b^T``.
    """
    return a.M @ np.linalg.solve(np.asarray(sigma_x, float), b.M.T)


def gcm_from_networks(student: LinearisedNetwork, teacher: LinearisedNetwork, theta, sigma_x):
    """``(Omega, b, rho)`` of the GCM for features ``phi_student`` and target ``theta . phi_teacher / sqrt(k_t)``."""
    theta = np.asarray(theta, float)
    kt = theta.size
    b = cross_covariance(student, teacher, sigma_x) @ theta / np.sqrt(kt)
    rho = float(theta @ teacher.Omega @ theta / kt)
    return student.Omega, b, rho


def random_features_spectrum(gram: np.ndarray, p: int, kappa1: float, kappa_star: float,
                             c: np.ndarray, rho: float, sigma_x=None):
    """GCM spectrum of random features ``phi = sigma(F x / sqrt(d))``, ``F in R^{p x d}``, from ``F^T F``.

    Gaussian equivalence with one coefficient pair (``kappa1``, ``kappa*``) for all neurons
    (isotropic input, ``Sigma_x = I``): ``Omega = kappa1^2 F F^T / d + kappa*^2 I_p``.  Its
    eigenvectors are the left singular vectors of ``F`` (eigenvalues ``kappa1^2 s_j / d +
    kappa*^2``, ``s_j`` those of ``F^T F``) and ``p - d`` directions at ``kappa*^2``.  A target
    whose linear part is ``E[x y] = c`` has ``b = kappa1 F c / sqrt(d)``, so
    ``t_j = p kappa1^2 s_j (v_j . c)^2 / d`` on the first group and 0 on the rest.
    Needs only the ``d x d`` Gram matrix, so ``p`` may be huge (the kernel limit).
    """
    from .spectra import GCMSpectrum

    d = gram.shape[0]
    if p < d:
        raise ValueError("random_features_spectrum assumes p >= d")
    s, Vv = np.linalg.eigh(0.5 * (gram + gram.T))
    s = np.clip(s, 0.0, None)
    omega = kappa1**2 * s / d + kappa_star**2
    t = p * kappa1**2 * s * (Vv.T @ np.asarray(c, float)) ** 2 / d
    weights = np.full(d, 1.0 / p)
    if p > d:
        omega = np.append(omega, kappa_star**2)
        t = np.append(t, 0.0)
        weights = np.append(weights, (p - d) / p)
    return GCMSpectrum(omega, t, weights, rho, p)
