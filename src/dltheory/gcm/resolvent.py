"""Deterministic equivalents of sample-covariance resolvents, and the ridge risk.

Sample covariance ``S = (1/n) sum_mu v_mu v_mu^T`` of ``n`` Gaussian vectors with population
covariance ``Omega`` (``p x p``, ``alpha = n / p``).  Its resolvent has the deterministic
equivalent (Bach 2023; Schroeder et al., arXiv:2302.00401, Thm. 3.3; arXiv:2402.13999,
Eq. (9), there written with ``m = 1/kappa``)

    lam (S + lam)^{-1}  ~  kappa (Omega + kappa)^{-1},
    kappa = lam + (kappa / alpha) < omega / (omega + kappa) >,                 (1)

``<.>`` the average over the eigenvalues ``omega`` of ``Omega``.  For ridge regression
``w = argmin (1/n) sum (y - w . v)^2 + lam |w|^2`` on labels with ``E[y^2] = rho_y``,
``E[v y] = b``, the test risk on the training-label distribution is (Bach 2023, Prop. 5;
Schroeder et al. 2024, Eq. (12))

    E_test = [ rho_y - < t (omega + 2 kappa) / (omega + kappa)^2 > ] / (1 - df2 / n),   (2)
    df2 / n = (1 / alpha) < omega^2 / (omega + kappa)^2 >,

with ``t = p (u . b)^2`` as in :class:`~dltheory.gcm.spectra.GCMSpectrum`, and the training
risk is ``(lam / kappa)^2 E_test``.  This is the same learning curve as the replica
saddle point of :func:`dltheory.gcm.replica.solve_gcm` for the square loss with penalty
``lam_gcm = alpha lam``, found by a different route (a unit test checks they agree).

For ``Omega = sigma^2 I``, (1) is the Marchenko-Pastur law of :mod:`dltheory.core.rmt`
(with ``c = 1/alpha``; a unit test checks that they agree).
"""

from __future__ import annotations

import numpy as np

from .spectra import GCMSpectrum

__all__ = ["effective_regularisation", "ridge_risk", "resolvent_trace", "spectral_density"]


def effective_regularisation(spec: GCMSpectrum, alpha, lam, iters: int = 200) -> np.ndarray:
    """``kappa`` of Eq. (1) for broadcast arrays ``alpha = n/p > 0`` and ``lam >= 0``.

    ``kappa (1 - lam / kappa - <omega/(omega+kappa)>/alpha) = 0`` and the bracket is
    increasing in ``kappa``, so bisection in ``log kappa`` finds the unique root
    (``kappa = 0`` when ``lam = 0`` and ``alpha`` exceeds the rank fraction of ``Omega``).
    """
    alpha, lam = np.broadcast_arrays(np.asarray(alpha, float), np.asarray(lam, float))
    shape = alpha.shape
    alpha, lam = alpha.ravel()[:, None], lam.ravel()[:, None]
    om, w = spec.omega[None, :], spec.weights

    def g(k):  # increasing in k
        return 1.0 - lam / k - ((om / (om + k)) @ w)[:, None] / alpha

    top = float(spec.omega.max(initial=0.0)) + 1.0
    lo = np.full_like(lam, 1e-300)
    hi = np.maximum(lam, 0.0) + top / np.minimum(alpha, 1.0) + 1.0
    for _ in range(iters):
        mid = np.maximum(np.sqrt(lo * hi), 1e-300)
        up = g(mid) > 0
        hi = np.where(up, mid, hi)
        lo = np.where(up, lo, mid)
    kappa = np.sqrt(lo * hi)
    kappa = np.where(hi <= 1e-250, 0.0, kappa)
    return kappa.reshape(shape)


def ridge_risk(spec: GCMSpectrum, alpha, lam, noise: float = 0.0, clean: bool = True):
    """Deterministic-equivalent ridge test (and training) risk, Eq. (2).

    Parameters
    ----------
    spec : spectrum of ``Omega`` with teacher projections; ``spec.rho = E[nu^2]``
    alpha, lam : ``n / p`` and the ridge penalty of ``(1/n) sum (y - w.v)^2 + lam |w|^2``
    noise : variance of independent label noise, ``y = nu + noise``
    clean : report the test error on noiseless labels (subtract ``noise``)

    Returns
    -------
    (test, train, kappa) arrays of the broadcast shape.
    """
    alpha, lam = np.broadcast_arrays(np.asarray(alpha, float), np.asarray(lam, float))
    kappa = effective_regularisation(spec, alpha, lam)
    k = kappa.ravel()[:, None]
    om, t, w = spec.omega[None, :], spec.t[None, :], spec.weights
    with np.errstate(divide="ignore", invalid="ignore"):
        explained = np.where(om + k > 0, t * (om + 2 * k) / (om + k) ** 2, 0.0) @ w
        df2 = np.where(om + k > 0, om**2 / (om + k) ** 2, 0.0) @ w
    df2 = df2.reshape(alpha.shape) / alpha
    test = (spec.rho + noise - explained.reshape(alpha.shape)) / (1.0 - df2)
    with np.errstate(divide="ignore", invalid="ignore"):
        train = np.where(kappa > 0, (lam / kappa) ** 2, 0.0) * test
    return test - (noise if clean else 0.0), train, kappa


def resolvent_trace(spec: GCMSpectrum, alpha, z, iters: int = 2000, damping: float = 0.5):
    """``(1/p) tr (S - z)^{-1}`` for complex ``z`` off the positive axis (array ``[Z]``).

    Continuation of Eq. (1) to ``lam = -z``: ``kappa = -z + (kappa/alpha) <omega/(omega+kappa)>``,
    iterated with damping; then ``(1/p) tr (S - z)^{-1} ~ (kappa / (-z)) <1 / (omega + kappa)>``.
    """
    z = np.atleast_1d(np.asarray(z, complex))[:, None]
    om, w = spec.omega[None, :].astype(complex), spec.weights
    kappa = -z + 1.0 + 0j
    for _ in range(iters):
        new = -z + (kappa / alpha) * ((om / (om + kappa)) @ w)[:, None]
        if np.max(np.abs(new - kappa)) < 1e-13 * (1 + np.max(np.abs(kappa))):
            kappa = new
            break
        kappa = (1 - damping) * kappa + damping * new
    return ((kappa / (-z)) * ((1.0 / (om + kappa)) @ w)[:, None]).ravel()


def spectral_density(spec: GCMSpectrum, alpha, x, eta: float = 1e-6):
    """Eigenvalue density of ``S`` at real ``x`` (``Im tr(S - x - i eta)^{-1} / (p pi)``)."""
    x = np.asarray(x, float)
    return np.imag(resolvent_trace(spec, alpha, x + 1j * eta)) / np.pi
