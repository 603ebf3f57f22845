"""The spectral-bias (replica / eigenlearning) prediction of the kernel ridge regression error.

Bordelon, Canatar, Pehlevan (2020-21), Loureiro et al. (2021), Simon et al. (2021): for
a kernel with Mercer eigenvalues ``lambda_rho`` under the data density and a target with
components ``c_rho`` on the eigenfunctions, ridge regression ``(K + lambda I) a = y`` on P
points has, for large P, the test error

    kappa:  sum_rho lambda_rho / (lambda_rho + kappa) + lambda / kappa = P      (1)
    E_0   = P / (P - sum_rho (lambda_rho / (lambda_rho + kappa))^2)              (2)
    eps   = E_0 sum_rho (kappa / (lambda_rho + kappa))^2 c_rho^2                 (3)

(noiseless target).  The modes with ``lambda_rho >> kappa`` are learnt, the others not:
the "spectral bias".  Tomasini et al. 2022 (arXiv:2202.03348) test when this holds.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from scipy.optimize import brentq

__all__ = ["effective_ridge", "spectral_bias_error", "spectral_bias_curve"]


def effective_ridge(eigenvalues: np.ndarray, ridge: float, P: float) -> float:
    """The ``kappa`` of Eq. (1); needs ``P`` below the number of positive eigenvalues if ridge = 0."""
    lam = np.asarray(eigenvalues, dtype=float)
    lam = lam[lam > 0]
    if ridge <= 0 and P >= len(lam):
        raise ValueError(f"ridgeless kappa needs more than P = {P} modes, got {len(lam)}")

    def excess(log_k):
        k = np.exp(log_k)
        return np.sum(lam / (lam + k)) + ridge / k - P

    lo, hi = np.log(lam.min()) - 60.0, np.log(lam.sum() + ridge + 1.0) + 5.0
    return float(np.exp(brentq(excess, lo, hi, xtol=1e-14, rtol=1e-13)))


def spectral_bias_error(eigenvalues: np.ndarray, bias: Callable[[float], float] | np.ndarray,
                        ridge: float, P: float) -> dict:
    """Eqs. (1)-(3): ``{"kappa", "E0", "bias", "error"}`` at ridge ``lambda`` and size ``P``.

    ``bias`` is either the array of ``c_rho^2`` (aligned with ``eigenvalues``) or a function
    ``kappa -> sum_rho (kappa / (lambda_rho + kappa))^2 c_rho^2`` (e.g.
    :meth:`dltheory.kernels.laplace1d.OperatorGrid.bias`, which needs no eigenvectors).
    """
    lam = np.asarray(eigenvalues, dtype=float)
    kappa = effective_ridge(lam, ridge, P)
    learn = lam / (lam + kappa)
    e0 = P / (P - np.sum(learn**2))
    if callable(bias):
        b = bias(kappa)
    else:
        b = float(np.sum((1.0 - learn) ** 2 * np.asarray(bias, dtype=float)))
    return {"kappa": kappa, "E0": float(e0), "bias": float(b), "error": float(e0 * b)}


def spectral_bias_curve(eigenvalues, bias, ridges, sizes) -> np.ndarray:
    """``eps[ridge, size]`` of :func:`spectral_bias_error` on a grid."""
    return np.array([[spectral_bias_error(eigenvalues, bias, lam, P)["error"] for P in sizes]
                     for lam in ridges])
