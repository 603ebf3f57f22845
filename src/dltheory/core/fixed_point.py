"""Damped fixed-point iteration with convergence diagnostics.

Replica-symmetric saddle-point equations, state evolution and self-consistent
resolvent equations all have the form ``x = F(x)``.  :func:`solve` iterates

    x_{t+1} = (1 - damping) x_t + damping F(x_t)

until ``max |x_{t+1} - x_t| <= tol (1 + max |x_t|)``, and reports whether it converged,
how many iterations it took and the residual history, instead of returning a value
silently.  A NaN or infinite iterate stops the iteration and is reported as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["FixedPoint", "FixedPointError", "solve"]


class FixedPointError(RuntimeError):
    """Raised by :func:`solve` with ``strict=True`` when the iteration does not converge."""


@dataclass
class FixedPoint:
    """Outcome of :func:`solve`.

    Attributes
    ----------
    x : the last iterate (same structure as the initial point: float or array)
    converged : whether the tolerance was met
    iterations : number of applications of ``F``
    residual : final ``max |x_{t+1} - x_t|``
    history : residual after every iteration
    reason : ``"tolerance"``, ``"max_iter"`` or ``"non-finite"``
    """

    x: np.ndarray
    converged: bool
    iterations: int
    residual: float
    reason: str
    history: list = field(default_factory=list, repr=False)


def solve(F, x0, damping: float = 0.5, tol: float = 1e-10, max_iter: int = 10_000,
          strict: bool = False) -> FixedPoint:
    """Iterate ``x -> (1 - damping) x + damping F(x)`` from ``x0``.

    Parameters
    ----------
    F : callable mapping an array (shape of ``x0``) to an array of the same shape
    x0 : initial point (float or array; a batch of independent problems is fine)
    damping : in (0, 1]; 1 is the undamped iteration
    tol : relative tolerance on the step size
    max_iter : iteration cap
    strict : raise :class:`FixedPointError` instead of returning an unconverged result
    """
    if not 0 < damping <= 1:
        raise ValueError(f"damping must be in (0, 1], got {damping}")
    x = np.array(x0, dtype=float)
    history: list[float] = []
    reason = "max_iter"
    for it in range(1, max_iter + 1):
        with np.errstate(over="ignore", invalid="ignore"):  # reported below as non-finite
            new = (1 - damping) * x + damping * np.asarray(F(x), dtype=float)
        if not np.all(np.isfinite(new)):
            reason = "non-finite"
            history.append(float("nan"))
            x = new
            break
        step = float(np.max(np.abs(new - x))) if new.size else 0.0
        history.append(step)
        x = new
        if step <= tol * (1 + float(np.max(np.abs(x))) if x.size else 1):
            reason = "tolerance"
            break
    result = FixedPoint(x if x.ndim else float(x), reason == "tolerance", it,
                        history[-1] if history else 0.0, reason, history)
    if strict and not result.converged:
        raise FixedPointError(f"fixed point not reached: {reason} after {it} iterations, "
                              f"last step {result.residual:.3g}")
    return result
