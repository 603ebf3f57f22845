"""The Laplace kernel in one dimension: exact O(P) kernel ridge regression and its operator.

In d = 1 the Laplace kernel ``K(x, y) = exp(-|x - y| / sigma)`` is the covariance of an
Ornstein-Uhlenbeck process, so on sorted points its Gram matrix has a *tridiagonal*
inverse (the Markov property): with ``e_i = exp(-(x_{i+1} - x_i) / sigma)``,

    T_ii = 1/(1 - e_{i-1}^2) + 1/(1 - e_i^2) - 1,   T_{i,i+1} = -e_i / (1 - e_i^2),

(first and last rows keep only their one neighbour).  Kernel ridge regression
``(K + lambda I) a = y`` is then ``a = (I + lambda T)^-1 T y``, a banded solve, and the
predictor between two training points is a combination of ``exp(+-x / sigma)`` fixed by
running sums: prediction costs ``O(log P)`` per test point.  This is the rigorous
one-dimensional case of Tomasini, Sclocchi, Wyart 2022 (arXiv:2202.03348, Sec. 3),
solved here exactly at any P.

The same structure discretises the kernel's integral operator ``(T_p f)(x) = int K(x, y)
f(y) p(y) dy`` on a quadrature grid: ``A = D^1/2 K D^1/2`` with ``D = diag(w_j p(x_j))``
has the tridiagonal inverse ``D^-1/2 T D^-1/2``, which gives the spectral-bias
(eigenlearning) quantities of :mod:`.spectral` at ``O(N)`` per ridge on grids of 10^5 nodes.
"""

from __future__ import annotations

import numpy as np
from scipy.linalg import eigvalsh_tridiagonal, solve_banded

__all__ = ["precision_bands", "krr_1d", "OperatorGrid", "graded_grid"]


def precision_bands(x_sorted: np.ndarray, sigma: float) -> tuple[np.ndarray, np.ndarray]:
    """Diagonal and off-diagonal of ``K^-1`` for sorted, distinct points (see module doc)."""
    e = np.exp(-np.diff(x_sorted) / sigma)
    if np.any(e >= 1.0):
        raise ValueError("points must be distinct and sorted")
    inv = 1.0 / (1.0 - e * e)
    diag = np.ones(len(x_sorted))
    diag[:-1] += inv - 1.0
    diag[1:] += inv - 1.0
    # diag_i = 1/(1-e_{i-1}^2) + 1/(1-e_i^2) - 1 (interior); 1/(1-e^2) at the two ends
    return diag, -e * inv


def _tridiag_solve(diag, off, rhs):
    ab = np.zeros((3, len(diag)))
    ab[0, 1:] = off
    ab[1] = diag
    ab[2, :-1] = off
    return solve_banded((1, 1), ab, rhs)


def _tridiag_matvec(diag, off, v):
    out = diag * v
    out[:-1] += off * v[1:]
    out[1:] += off * v[:-1]
    return out


def krr_1d(x: np.ndarray, y: np.ndarray, x_test: np.ndarray, ridge: float,
           sigma: float = 1.0) -> np.ndarray:
    """Predictions at ``x_test`` of Laplace-kernel ridge regression on ``(x, y)`` in d = 1.

    Solves ``(K + ridge I) a = y`` exactly in ``O(P)`` and evaluates
    ``f(t) = sum_mu a_mu exp(-|t - x_mu| / sigma)`` through left/right running sums.
    ``ridge = 0`` is the interpolant.
    """
    order = np.argsort(x)
    xs, ys = x[order], y[order]
    diag, off = precision_bands(xs, sigma)
    ty = _tridiag_matvec(diag, off, ys)
    if ridge > 0:
        a = _tridiag_solve(ridge * diag + 1.0, ridge * off, ty)
    else:
        a = ty
    e = np.exp(-np.diff(xs) / sigma)
    left = _running_sum(a, e)  # sum_{mu <= i} a_mu exp(-(x_i - x_mu)/sigma)
    right = _running_sum(a[::-1], e[::-1])[::-1]  # sum_{mu >= i} ... exp(-(x_mu - x_i)/sigma)
    j = np.searchsorted(xs, x_test)  # x_test lies in (xs[j-1], xs[j])
    out = np.empty(len(x_test))
    lo = j == 0
    hi = j == len(xs)
    mid = ~(lo | hi)
    out[lo] = right[0] * np.exp(-(xs[0] - x_test[lo]) / sigma)
    out[hi] = left[-1] * np.exp(-(x_test[hi] - xs[-1]) / sigma)
    jm = j[mid]
    out[mid] = (left[jm - 1] * np.exp(-(x_test[mid] - xs[jm - 1]) / sigma)
                + right[jm] * np.exp(-(xs[jm] - x_test[mid]) / sigma))
    return out


def _running_sum(a: np.ndarray, e: np.ndarray) -> np.ndarray:
    """``s_0 = a_0``, ``s_i = a_i + e_{i-1} s_{i-1}``: a linear recurrence, vectorised.

    Uses ``s_i = c_i sum_{mu<=i} a_mu / c_mu`` with ``c_i = prod_{k<i} e_k``, restarted on
    blocks so that ``1/c`` never overflows (``c`` is a product of numbers in (0, 1)).
    """
    n = len(a)
    s = np.empty(n)
    log_e = np.log(e)
    start, carry = 0, 0.0
    while start < n:
        # grow the block while the cumulative log-product stays above -600
        cum = np.concatenate([[0.0], np.cumsum(log_e[start:])])
        stop = start + int(np.searchsorted(-cum, 600.0, side="right"))
        stop = max(stop, start + 1)
        logc = cum[: stop - start]
        c = np.exp(logc)
        s[start:stop] = c * (carry + np.cumsum(a[start:stop] / c))
        if stop < n:  # next block restarts c at 1: s_stop = a_stop + e_{stop-1} s_{stop-1}
            carry = s[stop - 1] * e[stop - 1]
        start = stop
    return s


def graded_grid(n: int, half_width: float, power: float) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and trapezoid weights on ``[-half_width, half_width]``, refined at 0.

    ``x = half_width * sign(u) |u|^power`` for ``u`` uniform in ``[-1, 1]`` (``n`` nodes, 0
    excluded): spacing ``~ |x|^(1 - 1/power)``, fine where a depleted density vanishes.
    """
    u = (np.arange(n) + 0.5) / n * 2.0 - 1.0
    x = half_width * np.sign(u) * np.abs(u) ** power
    w = np.gradient(x)
    return x, w


class OperatorGrid:
    """The integral operator of the 1-d Laplace kernel under a density, on a quadrature grid.

    ``A = D^1/2 K D^1/2`` (``D = diag(w p)``) approximates ``T_p``; its eigenvalues are the
    kernel's Mercer eigenvalues ``lambda_rho`` under ``p``, and for a target ``f`` the
    vector ``b = D^1/2 f`` has ``|b|^2 = int f^2 p`` and components ``c_rho`` on the
    eigenfunctions.  Only tridiagonal algebra is used (``A^-1 = D^-1/2 T D^-1/2``).
    """

    def __init__(self, x: np.ndarray, weights: np.ndarray, density: np.ndarray,
                 target: np.ndarray, sigma: float = 1.0):
        order = np.argsort(x)
        self.x = x[order]
        dw = (weights * density)[order]
        keep = dw > 0
        self.x, dw = self.x[keep], dw[keep]
        diag, off = precision_bands(self.x, sigma)
        s = 1.0 / np.sqrt(dw)
        self.inv_diag = diag * s * s  # A^-1 = S T S, S = D^-1/2
        self.inv_off = off * s[:-1] * s[1:]
        self.b = np.sqrt(dw) * target[order][keep]

    def eigenvalues(self) -> np.ndarray:
        """Mercer eigenvalues ``lambda_rho`` (descending), from the tridiagonal ``A^-1``."""
        mu = eigvalsh_tridiagonal(self.inv_diag, self.inv_off)
        return np.sort(1.0 / mu)[::-1]

    def bias(self, kappa: float) -> float:
        """``sum_rho (kappa / (lambda_rho + kappa))^2 c_rho^2 = kappa^2 |(A + kappa)^-1 b|^2``.

        ``(A + kappa)^-1 = (I + kappa A^-1)^-1 A^-1``: one tridiagonal solve.
        """
        ainv_b = _tridiag_matvec(self.inv_diag, self.inv_off, self.b)
        v = _tridiag_solve(1.0 + kappa * self.inv_diag, kappa * self.inv_off, ainv_b)
        return float(kappa * kappa * v @ v)
