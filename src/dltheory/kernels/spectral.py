"""The spectral-bias (replica / eigenlearning) prediction of the kernel ridge regression error.

Bordelon, Canatar, Pehlevan (2020-21), Loureiro et al. (2021), Simon et al. (2021): for
a kernel with Mercer eigenvalues ``lambda_rho`` under the data density and a target with
components ``c_rho`` on the eigenfunctions, ridge regression ``(K + lambda I) a = y`` on P
points has, for large P, the test error

    kappa:  sum_rho lambda_rho / (lambda_rho + kappa) + lambda / kappa = P      (1)
    E_0   = P / (P - sum_rho (lambda_rho / (lambda_rho + kappa))^2)              (2)
    eps   = E_0 sum_rho (kappa / (lambda_rho + kappa))^2 c_rho^2                 (3)

(noiseless target).  An eigenvalue shared by ``m_rho`` modes (``multiplicity``) counts
``m_rho`` times in every sum, its ``c_rho^2`` being the power of each one of those modes.
The modes with ``lambda_rho >> kappa`` are learnt, the others not:
the "spectral bias".  Tomasini et al. 2022 (arXiv:2202.03348) test when this holds.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from scipy.optimize import brentq

__all__ = ["effective_ridge", "spectral_bias_error", "spectral_bias_curve"]


def _weights(lam: np.ndarray, multiplicity) -> np.ndarray:
    if multiplicity is None:
        return np.ones_like(lam)
    m = np.asarray(multiplicity, dtype=float)
    if m.shape != lam.shape:
        raise ValueError(f"multiplicity has shape {m.shape}, eigenvalues {lam.shape}")
    return m


def effective_ridge(eigenvalues: np.ndarray, ridge: float, P: float,
                    multiplicity: np.ndarray | None = None) -> float:
    """The ``kappa`` of Eq. (1); needs ``P`` below the number of positive eigenvalues if ridge = 0.

    ``multiplicity`` (optional, aligned with ``eigenvalues``): modes sharing each eigenvalue.
    """
    lam = np.asarray(eigenvalues, dtype=float)
    m = _weights(lam, multiplicity)
    m, lam = m[lam > 0], lam[lam > 0]
    if ridge <= 0 and P >= m.sum():
        raise ValueError(f"ridgeless kappa needs more than P = {P} modes, got {m.sum():g}")

    def excess(log_k):
        k = np.exp(log_k)
        return np.sum(m * lam / (lam + k)) + ridge / k - P

    lo, hi = np.log(lam.min()) - 60.0, np.log(np.sum(m * lam) + ridge + 1.0) + 5.0
    return float(np.exp(brentq(excess, lo, hi, xtol=1e-14, rtol=1e-13)))


def spectral_bias_error(eigenvalues: np.ndarray, bias: Callable[[float], float] | np.ndarray,
                        ridge: float, P: float, multiplicity: np.ndarray | None = None) -> dict:
    """Eqs. (1)-(3): ``{"kappa", "E0", "bias", "error"}`` at ridge ``lambda`` and size ``P``.

    ``bias`` is either the array of ``c_rho^2`` (aligned with ``eigenvalues``) or a function
    ``kappa -> sum_rho (kappa / (lambda_rho + kappa))^2 c_rho^2`` (e.g.
    :meth:`dltheory.kernels.laplace1d.OperatorGrid.bias`, which needs no eigenvectors).
    With ``multiplicity``, ``bias[rho]`` is the power of each of the ``m_rho`` modes (a
    callable ``bias`` must then include the multiplicities itself).
    """
    lam = np.asarray(eigenvalues, dtype=float)
    m = _weights(lam, multiplicity)
    kappa = effective_ridge(lam, ridge, P, multiplicity)
    learn = lam / (lam + kappa)
    e0 = P / (P - np.sum(m * learn**2))
    if callable(bias):
        b = bias(kappa)
    else:
        b = float(np.sum(m * (1.0 - learn) ** 2 * np.asarray(bias, dtype=float)))
    return {"kappa": kappa, "E0": float(e0), "bias": float(b), "error": float(e0 * b)}


def spectral_bias_curve(eigenvalues, bias, ridges, sizes) -> np.ndarray:
    """``eps[ridge, size]`` of :func:`spectral_bias_error` on a grid."""
    return np.array([[spectral_bias_error(eigenvalues, bias, lam, P)["error"] for P in sizes]
                     for lam in ridges])
