"""Anderson-accelerated fixed-point iteration for batches of small independent systems.

Saddle-point equations near an interpolation threshold, or at vanishing penalty, contract
slowly (the damped map's Jacobian has an eigenvalue close to 1): plain damping needs
``10^4`` iterations where Anderson mixing (type II, memory ``M``) needs a few dozen.
Each row of the batch ``[B, D]`` is its own system with its own mixing coefficients and
its own safeguard: a row whose residual grows is sent back to its last point, takes a
plain damped step and forgets its history.

:func:`solve_batch` accelerates, then hands the result to
:func:`dltheory.core.fixed_point.solve`, whose damped iteration certifies convergence (and
reports it) from the accelerated point, so the diagnostics are the shared solver's.
"""

from __future__ import annotations

import numpy as np

from ..core.fixed_point import FixedPoint, solve

__all__ = ["anderson", "solve_batch"]


def anderson(F, x0: np.ndarray, memory: int = 5, beta: float = 0.5, tol: float = 1e-11,
             max_iter: int = 2000, project=None) -> tuple[np.ndarray, int]:
    """Anderson-mixed iteration of ``x -> F(x)`` for a batch ``x0 [B, D]``; returns ``(x, iterations)``.

    ``F(x_rows, rows)`` maps the iterates of the rows ``rows`` (an index array) to their
    images: only rows not yet converged (relative residual ``|F(x) - x| / (1 + |x|)``
    below ``tol``) are evaluated.  Safeguards: a non-finite ``F(x)``, or a residual more
    than twice the previous one after a mixed step, restarts the row from its previous
    point with a damped step ``beta (F(x) - x)`` (always accepted) and an empty history;
    after three restarts a row takes plain damped steps only; no coordinate moves by more than ``2 (1 + |x|)`` in one step.  ``project`` (optional) maps every new iterate into the domain of ``F``.
    """
    project = (lambda v: v) if project is None else project
    x = project(np.array(x0, dtype=float))
    B, D = x.shape
    dX = np.zeros((B, memory, D))
    dG = np.zeros((B, memory, D))
    x_prev = np.full_like(x, np.nan)
    g_prev = np.zeros_like(x)
    res_prev = np.full(B, np.inf)
    mixed = np.zeros(B, dtype=bool)   # was the last step an Anderson step (not a damped one)?
    restarts = np.zeros(B, dtype=int)  # rows restarted more than 3 times go on undamped-mixed
    rows = np.arange(B)
    it = 0
    for it in range(1, max_iter + 1):
        xr = x[rows]
        with np.errstate(over="ignore", invalid="ignore"):
            g = np.asarray(F(xr, rows), float) - xr
        res = np.max(np.abs(g), axis=1) / (1.0 + np.max(np.abs(xr), axis=1))
        res = np.where(np.isfinite(res), res, np.inf)
        keep_rows = ~(res < tol)
        if not keep_rows.any():
            break
        rows, xr, g, res = rows[keep_rows], xr[keep_rows], g[keep_rows], res[keep_rows]
        xp, gp, rp = x_prev[rows], g_prev[rows], res_prev[rows]
        have = np.isfinite(xp[:, 0])
        worse = mixed[rows] & (res > 2.0 * rp) & have
        good = ~worse & have
        hx, hg = dX[rows], dG[rows]
        hx[good] = np.roll(hx[good], -1, axis=1)
        hg[good] = np.roll(hg[good], -1, axis=1)
        hx[good, -1] = (xr - xp)[good]
        hg[good, -1] = (g - gp)[good]
        hx[worse] = 0.0
        hg[worse] = 0.0
        A = np.einsum("bkd,bld->bkl", hg, hg)
        reg = 1e-10 * (np.trace(A, axis1=1, axis2=2) + 1e-30)
        A += reg[:, None, None] * np.eye(memory)
        gamma = np.linalg.solve(A, np.einsum("bkd,bd->bk", hg, g)[..., None])[..., 0]
        restarts[rows] += worse
        gamma[restarts[rows] > 3] = 0.0     # mixing keeps failing here: plain damped steps
        step = beta * g - np.einsum("bk,bkd->bd", gamma, hx + beta * hg)
        # trust region: no coordinate moves by more than twice (1 + its size) in one step
        ratio = np.max(np.abs(step) / (1.0 + np.abs(xr)), axis=1)
        step *= np.minimum(1.0, 2.0 / np.maximum(ratio, 1e-300))[:, None]
        new = xr + step
        # restart rows that got worse from their previous point
        new[worse] = (xp + beta * gp)[worse]
        nonfinite = ~np.all(np.isfinite(new), axis=1)
        new[nonfinite] = (xr + beta * np.nan_to_num(g))[nonfinite]
        new = project(new)
        keep = ~worse
        dX[rows], dG[rows] = hx, hg
        x_prev[rows] = np.where(keep[:, None], xr, xp)
        g_prev[rows] = np.where(keep[:, None], g, gp)
        res_prev[rows] = np.where(keep, res, rp)
        mixed[rows] = keep & (np.abs(gamma).sum(axis=1) > 0)
        x[rows] = new
    return x, it


def solve_batch(F, x0: np.ndarray, damping: float = 0.5, tol: float = 1e-10,
                max_iter: int = 20_000, memory: int = 5, positive=()) -> FixedPoint:
    """Solve ``x = F(x)`` row-wise: Anderson mixing, then certification by the core damped solver.

    ``F(x_rows, rows)`` evaluates the map on the rows ``rows`` of the batch (see
    :func:`anderson`).  Columns listed in ``positive`` (variances) are mixed in log
    coordinates, ``log x -> log F(x)``, which keeps them positive and treats their scale
    evenly; the certification runs on ``F`` itself.
    """
    pos = list(positive)

    def to_log(x):
        y = np.array(x, float)
        y[:, pos] = np.log(np.maximum(y[:, pos], 1e-300))
        return y

    def from_log(y):
        x = np.array(y, float)
        x[:, pos] = np.exp(np.clip(x[:, pos], -700, 700))
        return x

    def F_log(y, rows):
        with np.errstate(divide="ignore", invalid="ignore"):
            return to_log(F(from_log(y), rows))

    y, n_acc = anderson(F_log, to_log(x0), memory=memory, beta=damping, tol=tol,
                        max_iter=min(max_iter, 1000))
    everything = np.arange(y.shape[0])
    res = solve(lambda x: F(x, everything), from_log(y), damping=damping, tol=tol,
                max_iter=max_iter)
    res.iterations += n_acc
    return res
