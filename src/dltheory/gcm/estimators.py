"""Empirical risk minimisers for the simulations: ridge and logistic regression.

Both minimise ``sum_mu ell(y_mu, a_mu . w) + lam |w|^2 / 2`` over ``w in R^p`` for a design
``A`` (``[n, p]``, rows already scaled, e.g. ``v / sqrt(p)``), the normalisation of the
Gaussian covariate model (Loureiro et al., arXiv:2102.08127, Eq. (2)).  Whichever of
``n`` and ``p`` is smaller sets the size of the linear algebra (representer form
``w = A^T c`` when ``n < p``).
"""

from __future__ import annotations

import numpy as np
from scipy.linalg import cho_factor, cho_solve
from scipy.special import expit

__all__ = ["ridge", "ridge_path", "logistic_regression", "logistic_objective"]


def ridge(A: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    """``argmin |y - A w|^2 / 2 + lam |w|^2 / 2 = (A^T A + lam)^{-1} A^T y`` (``lam > 0``)."""
    n, p = A.shape
    if n >= p:
        return cho_solve(cho_factor(A.T @ A + lam * np.eye(p)), A.T @ y)
    return A.T @ cho_solve(cho_factor(A @ A.T + lam * np.eye(n)), y)


def ridge_path(A: np.ndarray, y: np.ndarray, lams) -> np.ndarray:
    """Ridge solutions for several penalties from one eigendecomposition, ``[len(lams), p]``."""
    lams = np.atleast_1d(np.asarray(lams, float))
    n, p = A.shape
    if n >= p:
        ev, U = np.linalg.eigh(A.T @ A)
        rhs = U.T @ (A.T @ y)
        return (rhs[None, :] / (ev[None, :] + lams[:, None])) @ U.T
    ev, U = np.linalg.eigh(A @ A.T)
    rhs = U.T @ y
    return ((rhs[None, :] / (ev[None, :] + lams[:, None])) @ U.T) @ A


def logistic_objective(A, y, w, lam):
    """``sum log(1 + exp(-y A w)) + lam |w|^2 / 2``."""
    return float(np.sum(np.logaddexp(0.0, -y * (A @ w))) + 0.5 * lam * w @ w)


def logistic_regression(A: np.ndarray, y: np.ndarray, lam: float, tol: float = 1e-10,
                        max_iter: int = 100, w0: np.ndarray | None = None) -> np.ndarray:
    """``argmin sum log(1 + exp(-y_mu a_mu . w)) + lam |w|^2 / 2`` by damped Newton (``lam > 0``).

    Strictly convex, so Newton with backtracking converges globally; stops when half the
    Newton decrement ``-g . step`` falls below ``tol`` (relative to the objective). When ``n < p`` the iteration
    runs on the representer coefficients ``c`` (``w = A^T c``, which the minimiser
    satisfies), otherwise on ``w``, where ``w0`` (e.g. the solution on fewer rows)
    warm-starts it.  Raises ``RuntimeError`` if ``max_iter`` is reached.
    """
    n, p = A.shape
    dual = n < p
    K = A @ A.T if dual else None
    c = np.zeros(n) if dual else None
    w = np.zeros(p) if (dual or w0 is None) else np.array(w0, float)
    obj = logistic_objective(A, y, w, lam)
    for _ in range(max_iter):
        z = y * (A @ w)
        s = expit(-z)                     # -dl/dz
        d2 = s * (1 - s)
        g = -(A.T @ (y * s)) + lam * w
        if dual:
            # Newton step in function space: (D K + lam) dc = y s - lam c
            step_c = np.linalg.solve(d2[:, None] * K + lam * np.eye(n), y * s - lam * c)
            step = A.T @ step_c
        else:
            H = (A.T * d2) @ A + lam * np.eye(p)
            step = -cho_solve(cho_factor(H), g)
        if -(g @ step) / 2 <= tol * max(1.0, abs(obj)):     # Newton decrement: converged
            return w
        t = 1.0
        while True:
            new_w = w + t * step
            new = logistic_objective(A, y, new_w, lam)
            if new <= obj + 1e-12 * abs(obj) or t < 1e-8:
                break
            t *= 0.5
        w, obj = new_w, new
        if dual:
            c = c + t * step_c
    raise RuntimeError(f"logistic regression did not converge in {max_iter} Newton steps")
