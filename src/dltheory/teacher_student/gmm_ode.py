"""ODEs of a two-layer ReLU net learning the XOR-like Gaussian mixture online (arXiv:2102.11742).

Data, network, SGD and order parameters are those of :mod:`.gmm`.  Given the cluster
``alpha`` the in-plane input ``x_par = m_alpha + sigma u`` (``u ~ N(0, I_2)``) and the local
fields ``lambda = M^T x_par + sigma xi``, ``xi ~ N(0, Q_perp)``, ``Q_perp = Q - M^T M`` (the
Gram matrix of the weights' components orthogonal to the plane of the means), so with
``e = y - sum_k v_k g(lambda_k)`` and ``d_k = v_k e g'(lambda_k)`` the ODEs of the reference's
``include/iid_Ode.py`` (``dR``, ``dQ``, ``dv`` there; ``R = M`` for ``mu = sqrt(N) e_d``) read

    dM_dk/dt = eta E[d_k x_par,d] - eta kappa M_dk
    dQ_kl/dt = eta E[d_k lambda_l + d_l lambda_k] + eta^2 sigma^2 E[d_k d_l] - 2 eta kappa Q_kl
    dv_k/dt  = eta E[e g(lambda_k)] - eta kappa v_k

with ``E`` the average over the mixture.  ReLU gives no closed form for these Gaussian
integrals with non-zero means (the reference uses Monte Carlo with 10^4 fresh samples per
step).  Here they are computed by randomised quasi-Monte Carlo: one scrambled Sobol set of
``M`` points in ``K + 2`` dimensions, mapped to ``(u, xi)`` by the inverse normal CDF and the
Cholesky factor of ``Q_perp``, and kept fixed along the integration, so that the vector
field is a smooth deterministic function of the order parameters; 2048 points give the
rates to ~1% (``tests/unit/teacher_student/test_gmm.py``).  Integration: Heun's method.

The population errors ``eps_g = E[e^2]/2`` and ``eps_c = P(y phi <= 0)`` use the same
expectation with their own (larger) point set, for ODE states and simulated networks alike.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtri
from scipy.stats import qmc

from .gmm import LABELS, MEANS, WEIGHTS

__all__ = ["qmc_points", "expectations", "rates", "errors", "integrate"]


def qmc_points(K: int, n: int, seed: int = 0) -> np.ndarray:
    """``[n, K + 2]`` standard normal scrambled-Sobol points (``n`` a power of 2)."""
    if n & (n - 1):
        raise ValueError(f"the number of QMC points must be a power of 2, got {n}")
    u = qmc.Sobol(K + 2, scramble=True, seed=seed).random(n)
    return ndtri(np.clip(u, 1e-15, 1 - 1e-15))


def _perp_factor(M, Q):
    """Lower-triangular ``L`` with ``L L^T = Q - M^T M`` (batched); eigen-clipped if not PD."""
    Qp = Q - np.swapaxes(M, -1, -2) @ M
    K = Q.shape[-1]
    jitter = 1e-12 * (1.0 + np.trace(Q, axis1=-2, axis2=-1))[:, None, None] * np.eye(K)
    try:
        return np.linalg.cholesky(Qp + jitter)
    except np.linalg.LinAlgError:
        ev, vec = np.linalg.eigh(Qp)
        return vec * np.sqrt(np.clip(ev, 0.0, None))[:, None, :]


def expectations(M, Q, v, sigma2, pts):
    """Fields and averaged integrands on the point set.

    Parameters
    ----------
    M : ``[B, 2, K]``; Q : ``[B, K, K]``; v : ``[B, K]``; sigma2 : ``[B]``
    pts : ``[n, K + 2]`` from :func:`qmc_points`

    Returns a dict of ``A = E[d x_par] [B, K, 2]``, ``Bm = E[d lambda^T] [B, K, K]``,
    ``C = E[d d^T] [B, K, K]``, ``Dv = E[e g] [B, K]``, ``eps_g [B]``, ``eps_c [B]``.
    """
    B, _, K = M.shape
    n = pts.shape[0]
    s = np.sqrt(np.asarray(sigma2, dtype=float))[:, None, None]
    xpar = MEANS[None, :, None, :] + s[..., None] * pts[None, None, :, :2]   # [B, 4, n, 2]
    xpar = xpar.reshape(B, 4 * n, 2)
    xi = pts[:, 2:] @ np.swapaxes(_perp_factor(M, Q), 1, 2)               # [B, n, K]
    lam = xpar @ M + s * np.tile(xi, (1, 4, 1))                           # [B, 4n, K]
    g = np.maximum(lam, 0.0)
    gp = (lam > 0).astype(float)
    phi = (g @ v[:, :, None])[..., 0]                                     # [B, 4n]
    y = np.repeat(LABELS, n)[None]
    e = y - phi
    w = np.repeat(WEIGHTS, n) / n
    ew = e * w
    dT = np.swapaxes(gp * ew[..., None], 1, 2) * v[:, :, None]            # d_k w  [B, K, 4n]
    return {
        "A": dT @ xpar,
        "Bm": dT @ lam,
        "C": (np.swapaxes(gp * (e * ew)[..., None], 1, 2) @ gp) * v[:, :, None] * v[:, None, :],
        "Dv": (np.swapaxes(g, 1, 2) @ ew[..., None])[..., 0],
        "eps_g": 0.5 * np.sum(e * ew, axis=1),
        "eps_c": np.sum((y * phi <= 0) * w, axis=1),
    }


def rates(M, Q, v, sigma2, eta, kappa, pts):
    """``(dM/dt, dQ/dt, dv/dt)`` of the module docstring."""
    ex = expectations(M, Q, v, sigma2, pts)
    s2 = np.asarray(sigma2, dtype=float)[:, None, None]
    dM = eta * np.swapaxes(ex["A"], 1, 2) - eta * kappa * M
    dQ = eta * (ex["Bm"] + np.swapaxes(ex["Bm"], 1, 2)) + eta**2 * s2 * ex["C"] - 2 * eta * kappa * Q
    dv = eta * ex["Dv"] - eta * kappa * v
    return dM, dQ, dv


def errors(M, Q, v, sigma2, pts) -> tuple[np.ndarray, np.ndarray]:
    """Population ``(eps_g, eps_c)`` of networks with these order parameters (``[B]`` each)."""
    ex = expectations(M, Q, v, sigma2, pts)
    return ex["eps_g"], ex["eps_c"]


def integrate(M0, Q0, v0, sigma2, eta: float, kappa: float, times, dt: float, pts, pts_eval):
    """Heun integration from ``(M0, Q0, v0)``; errors at ``times`` on ``pts_eval``.

    Returns ``eps_g, eps_c [n_t, B]`` and the final state ``(M, Q, v)``.
    """
    M, Q, v = (np.array(a, dtype=float) for a in (M0, Q0, v0))
    times = np.asarray(times, dtype=float)
    out = np.empty((2, times.size, M.shape[0]))
    t = 0.0
    for i, target in enumerate(times):
        while t < target - 1e-12:
            h = min(dt, target - t)
            k1 = rates(M, Q, v, sigma2, eta, kappa, pts)
            k2 = rates(M + h * k1[0], Q + h * k1[1], v + h * k1[2], sigma2, eta, kappa, pts)
            M = M + h / 2 * (k1[0] + k2[0])
            Q = Q + h / 2 * (k1[1] + k2[1])
            v = v + h / 2 * (k1[2] + k2[2])
            t += h
        out[0, i], out[1, i] = errors(M, Q, v, sigma2, pts_eval)
    return out[0], out[1], (M, Q, v)
