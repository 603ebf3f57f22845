"""The Gaussian covariate model (GCM) reduced to the scalars its saddle point needs.

Model (Loureiro et al., arXiv:2102.08127, Sec. 2): a teacher field ``nu`` and student
features ``v in R^p`` are jointly Gaussian with

    E[nu^2] = rho,    E[v v^T] = Omega (p x p),    E[v nu] = b (p),

labels depend on ``nu`` (``y = nu + noise`` or ``y = sign(nu)``), and the student predicts
from ``lambda = w . v / sqrt(p)``.  With the overlaps

    q = w^T Omega w / p,    m = w . b / sqrt(p)

the pair ``(nu, lambda)`` is ``N(0, [[rho, m], [m, q]])``.  In the paper's notation
``nu = theta . u / sqrt(k)``, ``Psi = E[u u^T]``, ``Phi = E[u v^T]``, so ``rho = theta^T Psi
theta / k`` and ``b = Phi^T theta / sqrt(k)``.

The saddle-point equations (Eq. (29) of the paper, in our normalisation) see the model
only through the eigenvalues ``omega_i`` of ``Omega`` and the teacher projections
``t_i = p (u_i . b)^2`` on its eigenvectors ``u_i``, each eigen-direction carrying a weight
``1/p``.  :class:`GCMSpectrum` holds exactly these, and may be *compressed* (eigenvalues
binned, weights summed): the equations are averages over the spectrum, so a few hundred
atoms describe a spectrum of any size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["GCMSpectrum"]


@dataclass(frozen=True)
class GCMSpectrum:
    """Spectral description of one GCM instance.

    Attributes
    ----------
    omega : eigenvalues of ``Omega``, shape ``[K]`` (``K = p`` unless compressed)
    t : teacher projections ``t_i = p (u_i . b)^2`` (per-atom means when compressed), ``[K]``
    weights : weight of each atom (``1/p`` each for a full spectrum); they sum to 1
    rho : teacher variance ``E[nu^2]``
    p : number of student features (only used to report ``n = alpha p``)
    """

    omega: np.ndarray
    t: np.ndarray
    weights: np.ndarray
    rho: float
    p: int

    def __post_init__(self) -> None:
        omega = np.asarray(self.omega, dtype=float)
        t = np.asarray(self.t, dtype=float)
        weights = np.asarray(self.weights, dtype=float)
        if not (omega.shape == t.shape == weights.shape) or omega.ndim != 1:
            raise ValueError("omega, t and weights must be 1-d arrays of one length")
        if np.any(omega < -1e-10 * max(1.0, float(np.max(np.abs(omega), initial=1.0)))):
            raise ValueError("Omega must be positive semi-definite")
        if np.any(weights < 0) or not np.isclose(weights.sum(), 1.0):
            raise ValueError("weights must be non-negative and sum to 1")
        if self.rho <= 0:
            raise ValueError(f"rho must be positive, got {self.rho}")
        object.__setattr__(self, "omega", np.clip(omega, 0.0, None))
        object.__setattr__(self, "t", np.clip(t, 0.0, None))
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "rho", float(self.rho))

    @classmethod
    def from_covariances(cls, Omega: np.ndarray, b: np.ndarray, rho: float) -> "GCMSpectrum":
        """From ``Omega`` (p x p), the cross-covariance ``b = E[v nu]`` (p) and ``rho = E[nu^2]``."""
        Omega = np.asarray(Omega, dtype=float)
        p = Omega.shape[0]
        omega, U = np.linalg.eigh(0.5 * (Omega + Omega.T))
        t = p * (U.T @ np.asarray(b, dtype=float)) ** 2
        return cls(omega, t, np.full(p, 1.0 / p), rho, p)

    @classmethod
    def from_teacher(cls, Psi, Phi, Omega, theta) -> "GCMSpectrum":
        """From the paper's ``(Psi, Phi, Omega, theta)``: ``Psi`` k x k, ``Phi = E[u v^T]`` k x p.

        The teacher field is ``nu = theta . u / sqrt(k)``.
        """
        theta = np.asarray(theta, dtype=float)
        k = theta.shape[0]
        b = np.asarray(Phi, dtype=float).T @ theta / np.sqrt(k)
        rho = float(theta @ np.asarray(Psi, dtype=float) @ theta / k)
        return cls.from_covariances(Omega, b, rho)

    @property
    def signal(self) -> float:
        """``b^T Omega^+ b``: the part of ``rho`` a linear student can reach (``<= rho``)."""
        ok = self.omega > 1e-12 * max(float(self.omega.max(initial=0.0)), 1e-300)
        return float(np.sum(self.weights[ok] * self.t[ok] / self.omega[ok]))

    def compress(self, n_bins: int = 400) -> "GCMSpectrum":
        """Bin the eigenvalues into at most ``n_bins`` atoms (log-spaced; exact zeros kept apart).

        Within a bin the eigenvalue is the weighted mean and ``t`` the weighted mean of ``t``;
        the equations are linear in ``t`` so its bin mean is exact for a narrow bin.
        """
        if self.omega.size <= n_bins:
            return self
        pos = self.omega > 0
        lo, hi = self.omega[pos].min(), self.omega[pos].max()
        edges = np.geomspace(lo, hi * (1 + 1e-12), n_bins)
        idx = np.where(pos, np.searchsorted(edges, self.omega, side="right"), 0)
        w = np.bincount(idx, self.weights, minlength=n_bins + 1)
        keep = w > 0
        om = np.bincount(idx, self.weights * self.omega, minlength=n_bins + 1)[keep] / w[keep]
        t = np.bincount(idx, self.weights * self.t, minlength=n_bins + 1)[keep] / w[keep]
        return GCMSpectrum(om, t, w[keep] / w[keep].sum(), self.rho, self.p)
