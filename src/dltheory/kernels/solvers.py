"""Kernel ridge regression and the hard-margin support-vector machine, solved exactly.

All solves are float64 Cholesky factorisations, batched over leading dimensions (seeds).
The structure of a learning curve is used: training sets are *nested* (the first P
points of one draw), and the Cholesky factor of a leading principal block is the leading
block of the factor, so one factorisation of the largest Gram matrix gives the whole
curve (``O(Pmax^3)`` once, then ``O(P^2)`` per size); several targets share it as extra
right-hand sides.  A ridge changes the diagonal, so each ridge costs one factorisation
(still shared across all P) -- on CPU this beats one eigendecomposition as long as there
are fewer than ~8 ridges (measured at P = 2048 on 2 cores: the symmetric eigensolver cost 8
Cholesky factorisations; ``benchmarks/bench_kernels.py``).  With doubling sizes the
reuse across P saves little (the smaller factorisations add 1/7); it pays on finely
spaced sizes.

Conventions
-----------
Kernel ridge regression solves ``(K + lambda I) a = y`` and predicts ``f(x) = sum_mu a_mu
K(x, x_mu)`` (the ridge is added to the Gram matrix, as in Tomasini et al. 2022 and the
authors' teacher-student code); ``lambda = 0`` is the ridgeless (interpolating) limit.
A Cholesky factorisation that fails (a numerically singular Gram matrix) is retried with a
jitter ``10^k * 1e-13 * mean(diag K)`` added to the diagonal; the jitter is returned so that
callers can record it -- it acts as a tiny ridge.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

__all__ = ["cholesky_jitter", "krr_nested", "krr_ridges", "SVMResult", "svm_hard_margin",
           "svm_decision"]


def cholesky_jitter(K: torch.Tensor, ridge: float = 0.0, rel_jitter: float = 1e-13,
                    max_tries: int = 8) -> tuple[torch.Tensor, float]:
    """Lower Cholesky factor of ``K + (ridge + jitter) I`` and the jitter that was needed.

    Tries ``jitter = 0`` first, then ``rel_jitter * mean(diag K) * 10^k`` for ``k = 0..``.
    Raises ``torch.linalg.LinAlgError`` if even the largest jitter fails.
    """
    scale = float(K.diagonal(dim1=-2, dim2=-1).mean())
    jitter = 0.0
    for k in range(max_tries + 1):
        # the shift goes onto the diagonal of one copy (no identity matrix: at P = 16k an
        # n x n identity alone is 2 GB)
        A = K.clone()
        if ridge + jitter:
            A.diagonal(dim1=-2, dim2=-1).add_(ridge + jitter)
        L, info = torch.linalg.cholesky_ex(A)
        del A
        if not bool((info != 0).any()):
            return L, jitter
        jitter = rel_jitter * scale * 10.0**k
    raise torch.linalg.LinAlgError(f"Cholesky failed even with jitter {jitter:g}")


def _mse_on_nested(L, K_te, y_tr, y_te, sizes):
    """Test MSE of the interpolants on the first P points, for each P, from one factor L."""
    out = []
    for P in sizes:
        Lp = L[..., :P, :P]
        coef = torch.cholesky_solve(y_tr[..., :P, :], Lp)
        pred = K_te[..., :, :P] @ coef
        out.append(((pred - y_te) ** 2).mean(dim=-2))
    return torch.stack(out, dim=-2)  # [..., n_sizes, k]


def krr_nested(K_tr: torch.Tensor, K_te: torch.Tensor, y_tr: torch.Tensor, y_te: torch.Tensor,
               sizes, ridge: float = 0.0) -> tuple[torch.Tensor, float]:
    """Test mean squared error of kernel (ridge) regression on nested training sets.

    Parameters
    ----------
    K_tr : ``[..., Pmax, Pmax]`` student Gram matrix on the training points
    K_te : ``[..., T, Pmax]`` student kernel between test and training points
    y_tr, y_te : ``[..., Pmax, k]`` and ``[..., T, k]`` targets (k targets share the solve)
    sizes : increasing training-set sizes ``P <= Pmax``; size P uses the first P points
    ridge : lambda in ``(K + lambda I) a = y``

    Returns
    -------
    ``(mse [..., len(sizes), k], jitter)``: ``mse = mean_test (f_P(x) - y(x))^2``.
    """
    Pmax = max(sizes)
    L, jitter = cholesky_jitter(K_tr[..., :Pmax, :Pmax], ridge)
    return _mse_on_nested(L, K_te, y_tr, y_te, sizes), jitter


def krr_ridges(K_tr, K_te, y_tr, y_te, sizes, ridges) -> tuple[torch.Tensor, list[float]]:
    """:func:`krr_nested` for each ridge: ``mse [..., len(ridges), len(sizes), k]``, jitters."""
    out, jitters = [], []
    for lam in ridges:
        mse, jit = krr_nested(K_tr, K_te, y_tr, y_te, sizes, float(lam))
        out.append(mse)
        jitters.append(jit)
    return torch.stack(out, dim=-3), jitters


@dataclass
class SVMResult:
    """A hard-margin SVM: ``f(x) = sum_i alpha_i y_i K(x, x_i) + b``.

    ``alpha`` has one entry per training point (zero off the support vectors);
    ``n_sv`` support vectors; ``min_margin`` = min_i y_i f(x_i) (1 at the optimum);
    ``iterations`` factorisations used; ``objective`` the dual objective.
    """

    alpha: torch.Tensor
    b: float
    n_sv: int
    min_margin: float
    iterations: int
    objective: float


def _solve_on(Kff, yf):
    """Minimiser of the dual on a free set: ``[Q 0; y^T 0] -> (alpha_F, b)``.

    With ``Q = D K D`` (``D = diag y``), the stationarity ``Q a + b y = 1`` and ``y.a = 0``
    give ``a = D K^-1 (y - b 1) ... ``: with ``u = K^-1 y`` and ``v = K^-1 1``,
    ``b = (1.u) / (1.v)`` and ``alpha = y * (u - b v)``.
    """
    L, _ = cholesky_jitter(Kff)
    rhs = torch.stack([yf, torch.ones_like(yf)], dim=-1)
    uv = torch.cholesky_solve(rhs, L)
    u, v = uv[:, 0], uv[:, 1]
    b = float(u.sum() / v.sum())
    return yf * (u - b * v), b


def svm_hard_margin(K: torch.Tensor, y: torch.Tensor, tol: float = 1e-8, block: int = 256,
                    max_iter: int = 10_000, init: torch.Tensor | None = None) -> SVMResult:
    """Hard-margin kernel SVM with bias, solved exactly by a block active-set method.

    Dual: minimise ``1/2 a^T Q a - sum a`` with ``Q_ij = y_i y_j K_ij``, ``a >= 0``, ``y.a = 0``;
    primal ``f(x) = sum_i a_i y_i K(x, x_i) + b`` with margins ``y_i f(x_i) >= 1`` (Vapnik).
    A Lawson-Hanson-type method: the free set F holds the support vectors and ``a_F`` is the
    optimum of the equality-constrained problem on F (one Cholesky solve).  Each outer step
    adds the (at most ``block``) points that violate their margin most; from the current
    point, a ratio test moves towards the new optimum while keeping ``a >= 0``, and points
    whose coefficient reaches zero leave F.  If a block addition makes no progress, the
    single most violating point is added, for which the optimum on ``F + {j}`` has
    ``a_j > 0``: the dual objective decreases at every step, so the method terminates at the
    exact optimum up to round-off (KKT: every margin ``>= 1 - tol``).

    ``K`` must be positive definite (true for distinct points and a strictly PD kernel such
    as Laplace), so that the data are separable and the hard margin exists.  A soft margin
    with squared hinge loss and constant C is the same problem with ``K + I / C``.  ``init``
    is an optional boolean mask guessing the support vectors (those of a smaller nested
    training set), which saves most outer steps along a learning curve.  Cost:
    ``O(P n_sv)`` per outer step plus ``O(n_sv^3)`` per factorisation.
    """
    P = K.shape[-1]
    y = y.to(K.dtype)
    pos, neg = torch.nonzero(y > 0).flatten(), torch.nonzero(y < 0).flatten()
    if len(pos) == 0 or len(neg) == 0:
        raise ValueError("an SVM needs both classes in the training set")
    alpha = torch.zeros(P, dtype=K.dtype, device=K.device)
    free = torch.zeros(P, dtype=torch.bool, device=K.device)
    start = torch.stack([pos[0], neg[0]])
    a0, b = _solve_on(K[start][:, start], y[start])
    alpha[start], free[start] = a0, True
    iterations = 1
    pending = None
    if init is not None:
        guess = torch.zeros(P, dtype=torch.bool, device=K.device)
        guess[: min(P, len(init))] = init[:P].to(K.device)
        pending = torch.nonzero(guess & ~free).flatten()

    for _ in range(max_iter):
        if pending is not None and len(pending):
            candidates, pending = [pending], None
        else:
            margins = y * (K[:, free] @ (alpha[free] * y[free]) + b)
            margins[free] = float("inf")
            n_viol = int((margins < 1.0 - tol).sum())
            if n_viol == 0:
                break
            worst = torch.argsort(margins)
            candidates = [worst[: min(n_viol, block)], worst[:1]]
        for add in candidates:
            idx = torch.cat([torch.nonzero(free).flatten(), add])
            # fast path: drop every point whose coefficient turns negative and re-solve; the
            # result is accepted only if the dual objective (1/2 sum a at an equality-
            # constrained optimum) increased, so the method cannot cycle
            trial = idx
            for _ in range(32):
                target, b_new = _solve_on(K[trial][:, trial], y[trial])
                iterations += 1
                if bool((target >= 0).all()):
                    break
                keep = target > 0
                if not ((y[trial][keep] > 0).any() and (y[trial][keep] < 0).any()):
                    break
                trial = trial[keep]
            if bool((target >= 0).all()) and float(target.sum()) > float(alpha.sum()) * (1 + 1e-12):
                idx = trial
            else:  # safe path (Lawson-Hanson): ratio tests from the current feasible point
                base = alpha[idx].clone()  # zero on the added points
                while True:
                    target, b_new = _solve_on(K[idx][:, idx], y[idx])
                    iterations += 1
                    if bool((target >= 0).all()):
                        break
                    at_zero = (base <= 0) & (target < 0)
                    if bool(at_zero.any()):  # would leave at once: drop them and re-solve
                        idx, base = idx[~at_zero], base[~at_zero]
                        continue
                    neg_t = target < 0
                    step = float((base[neg_t] / (base[neg_t] - target[neg_t])).min())
                    base = base + step * (target - base)
                    keep = base > 1e-15 * float(base.max())
                    idx, base = idx[keep], base[keep]
            improved = float(target.sum()) > float(alpha.sum()) * (1 + 1e-12)
            alpha.zero_()
            alpha[idx] = target
            free.zero_()
            free[idx] = True
            b = b_new
            if improved:
                break
        else:
            raise RuntimeError("SVM active set made no progress (is the Gram matrix singular?)")
    else:
        raise RuntimeError(f"SVM did not converge in {max_iter} outer steps")
    sv = free
    ay = alpha * y
    margins = y * (K[:, sv] @ ay[sv] + b)
    objective = float(alpha.sum() - 0.5 * ay[sv] @ (K[sv][:, sv] @ ay[sv]))
    return SVMResult(alpha, float(b), int(sv.sum()), float(margins.min()), iterations, objective)


def svm_decision(K_te: torch.Tensor, y: torch.Tensor, result: SVMResult) -> torch.Tensor:
    """``f(x) = sum_i alpha_i y_i K(x, x_i) + b`` for test rows ``K_te [T, P]``."""
    sv = result.alpha > 0
    return K_te[:, sv] @ (result.alpha[sv] * y.to(K_te.dtype)[sv]) + result.b
