"""Replica-symmetric saddle point of the Gaussian covariate model, a whole learning curve at once.

For ``ell_2``-regularised ERM on the GCM (Loureiro et al., arXiv:2102.08127, Eq. (29)) the
overlaps solve, with averages ``<.>`` over the spectrum (:class:`~dltheory.gcm.spectra.GCMSpectrum`,
eigenvalue ``omega``, teacher projection ``t``, weight ``1/p``),

    V = < omega / (lam + Vhat omega) >
    q = < (qhat omega^2 + mhat^2 omega t) / (lam + Vhat omega)^2 >
    m = < mhat t / (lam + Vhat omega) >

and the conjugates ``(Vhat, qhat, mhat)`` come from the channel (:mod:`dltheory.gcm.channels`).
The two maps are iterated by :func:`dltheory.core.fixed_point.solve` for a *batch* of
``(alpha, lam)`` points together (arrays ``[B]``): one iteration costs a few vector
operations over ``[B, K]``, so a learning curve costs about as much as one point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .anderson import solve_batch
from .channels import Channel, RidgeRegression
from .spectra import GCMSpectrum

__all__ = ["prior_overlaps", "solve_gcm", "GCMSolution", "optimal_lambda"]


def prior_overlaps(spec: GCMSpectrum, lam, vhat, qhat, mhat):
    """``(V, q, m)`` from the conjugates for an ``ell_2`` penalty ``lam |w|^2 / 2`` (arrays ``[B]``).

    Directions with ``omega = 0`` carry no signal (``t = 0``) and contribute nothing.
    """
    lam, vhat, qhat, mhat = (np.asarray(a, float)[:, None] for a in (lam, vhat, qhat, mhat))
    om, t, w = spec.omega[None, :], spec.t[None, :], spec.weights
    den = lam + vhat * om
    inv = np.divide(1.0, den, out=np.zeros(np.broadcast_shapes(den.shape, om.shape)),
                    where=den > 0)
    V = (om * inv) @ w
    q = ((qhat * om**2 + mhat**2 * om * t) * inv**2) @ w
    m = (mhat * t * inv) @ w
    return V, q, m


@dataclass
class GCMSolution:
    """Fixed point for each ``(alpha, lam)`` of the batch, and how it was reached."""

    alpha: np.ndarray
    lam: np.ndarray
    V: np.ndarray
    q: np.ndarray
    m: np.ndarray
    vhat: np.ndarray
    qhat: np.ndarray
    mhat: np.ndarray
    test_error: np.ndarray
    train_loss: np.ndarray
    converged: bool
    iterations: int
    residual: float

    def table(self) -> pd.DataFrame:
        """One row per point: ``alpha, lam, V, q, m, vhat, qhat, mhat, test_error, train_loss``."""
        cols = ("alpha", "lam", "V", "q", "m", "vhat", "qhat", "mhat", "test_error", "train_loss")
        df = pd.DataFrame({c: np.asarray(getattr(self, c), float) for c in cols})
        df["converged"] = self.converged
        return df


def _solve_square(spec: GCMSpectrum, c: float, rho_y: float, alpha, lam, iters: int = 200):
    """Closed-form saddle point of a square-loss channel (see :meth:`Channel.square_form`).

    With ``u = Vhat = alpha/(1+V)``, ``V = <omega/(lam + u omega)>`` becomes
    ``u (1 + <omega/(lam + u omega)>) = alpha``, increasing in ``u`` on ``(0, alpha]``: bisection.
    Given ``u``, ``(q, m)`` solve a linear system: ``m = c u <t/(lam + u omega)>`` and
    ``q (1 - (u^2/alpha) A) = (u^2/alpha) A (rho_y - 2 c m) + c^2 u^2 B`` with
    ``A = <omega^2/(lam + u omega)^2>``, ``B = <omega t/(lam + u omega)^2>``.
    """
    om, t, w = spec.omega[None, :], spec.t[None, :], spec.weights
    a, l = alpha[:, None], lam[:, None]
    lo, hi = np.zeros_like(a), a.copy()
    for _ in range(iters):
        u = 0.5 * (lo + hi)
        phi = u * (1.0 + ((om / (l + u * om)) @ w)[:, None]) - a
        lo, hi = np.where(phi < 0, u, lo), np.where(phi < 0, hi, u)
    u = 0.5 * (lo + hi)
    den = l + u * om
    V = (om / den) @ w
    A = (om**2 / den**2) @ w
    Bt = (om * t / den**2) @ w
    m = c * u[:, 0] * ((t / den) @ w)
    k = u[:, 0] ** 2 / alpha
    q = (k * A * (rho_y - 2 * c * m) + c**2 * u[:, 0] ** 2 * Bt) / (1.0 - k * A)
    return V, q, m


def solve_gcm(spec: GCMSpectrum, channel: Channel, alpha, lam, damping: float = 0.5,
              tol: float = 1e-9, max_iter: int = 20_000, init=None) -> GCMSolution:
    """Solve the saddle point for every pair of the broadcast arrays ``alpha = n/p`` and ``lam``.

    Parameters
    ----------
    spec : the model's spectrum
    channel : loss and label rule
    alpha, lam : sample ratio ``n/p`` and ridge penalty (broadcast to a batch ``[B]``)
    damping, tol, max_iter : passed to :func:`dltheory.core.fixed_point.solve`
    init : optional ``[B, 3]`` starting overlaps ``(V, q, m)``; default ``(1, rho/2, rho/4)``

    Returns
    -------
    GCMSolution, with ``converged`` False (and the last iterate) if any point failed.
    Square-loss channels (``channel.square_form`` not None) are solved in closed form
    (:func:`_solve_square`, ``iterations = 0``) unless ``init`` is given.
    """
    alpha, lam = (np.atleast_1d(np.asarray(a, float)) for a in np.broadcast_arrays(alpha, lam))
    alpha, lam = alpha.ravel(), lam.ravel()
    rho = spec.rho
    B = alpha.size
    square = channel.square_form(rho)
    if square is not None and init is None:
        V, q, m = _solve_square(spec, square[0], square[1], alpha, lam)
        vhat, qhat, mhat = channel.hats(alpha, V, q, m, rho)
        ok = bool(np.all(np.isfinite([V, q, m])) and np.all(q >= 0))
        return GCMSolution(alpha, lam, V, q, m, np.asarray(vhat), np.asarray(qhat),
                           np.asarray(mhat), np.asarray(channel.test_error(q, m, rho)),
                           np.asarray(channel.train_loss(V, q, m, rho)), ok, 0, 0.0)
    if init is None:
        x0 = np.tile([1.0, 0.5 * rho, 0.25 * rho], (B, 1))
    else:
        x0 = np.asarray(init, float).reshape(B, 3)

    def step(x, rows):
        V, q = np.maximum(x[:, 0], 1e-12), np.maximum(x[:, 1], 1e-12)
        bound = (1 - 1e-9) * np.sqrt(rho * q)   # Cauchy-Schwarz: m^2 <= rho q
        m = np.clip(x[:, 2], -bound, bound)
        vhat, qhat, mhat = channel.hats(alpha[rows], V, q, m, rho)
        return np.stack(prior_overlaps(spec, lam[rows], vhat, qhat, mhat), axis=1)

    res = solve_batch(step, x0, damping=damping, tol=tol, max_iter=max_iter,
                      positive=(0, 1))
    x = np.atleast_2d(res.x)
    V, q, m = x[:, 0], x[:, 1], x[:, 2]
    vhat, qhat, mhat = channel.hats(alpha, V, q, m, rho)
    return GCMSolution(alpha, lam, V, q, m, np.asarray(vhat), np.asarray(qhat),
                       np.asarray(mhat), np.asarray(channel.test_error(q, m, rho)),
                       np.asarray(channel.train_loss(V, q, m, rho)), res.converged,
                       res.iterations, res.residual)


def optimal_lambda(spec: GCMSpectrum, channel: Channel, alpha, lam_grid=None,
                   refine: int = 2, **kw) -> GCMSolution:
    """The test-error-minimising ``lam`` at each ``alpha`` (grid in ``log lam``, then local refinement).

    A grid of ``lam_grid`` (default 21 points in ``[1e-3, 1e2]``) is evaluated in one batch;
    around each minimum a finer grid spanning the two neighbours is evaluated ``refine``
    times.  For :class:`RidgeRegression` the search uses the deterministic equivalent
    (:func:`dltheory.gcm.resolvent.ridge_risk`, the same curve at a fraction of the cost).
    Returns the saddle point at the best ``lam`` for each ``alpha``.
    """
    from .resolvent import ridge_risk

    alpha = np.atleast_1d(np.asarray(alpha, float))
    grid = np.geomspace(1e-3, 1e2, 21) if lam_grid is None else np.asarray(lam_grid, float)
    lams = np.tile(grid, (alpha.size, 1))

    def errors(A, L):
        if isinstance(channel, RidgeRegression):
            test, _, _ = ridge_risk(spec, A, L / A, noise=channel.noise)
            return test + channel.test_noise
        return solve_gcm(spec, channel, A, L, **kw).test_error

    rows = np.arange(alpha.size)
    for _ in range(refine + 1):
        err = errors(np.repeat(alpha, lams.shape[1]), lams.ravel()).reshape(lams.shape)
        best = np.argmin(err, axis=1)
        lo = lams[rows, np.maximum(best - 1, 0)]
        hi = lams[rows, np.minimum(best + 1, lams.shape[1] - 1)]
        best_lam = lams[rows, best]
        lams = np.exp(np.linspace(np.log(lo), np.log(hi), 9).T)
    return solve_gcm(spec, channel, alpha, best_lam, **kw)
