"""Stripe models: margin SVMs (Paccolat et al. 2020) and ridge regression on the depleted
stripe (Tomasini et al. 2022), one training draw per call.

Paccolat, Spigler, Wyart 2020 (arXiv:2006.09754): Gaussian inputs in R^d, label +1 inside
the stripe ``-0.3 < x_1 < 1.18549`` (two parallel interfaces, balanced classes), hard-margin
SVM with a Laplace kernel of large bandwidth; test error = fraction misclassified.

Tomasini, Sclocchi, Wyart 2022 (arXiv:2202.03348): inputs whose first coordinate has
density ``~ |x_1|^chi`` at the boundary, target ``sign(x_1)``, Laplace kernel ridge
regression; test error = mean squared error.
"""

from __future__ import annotations

import numpy as np
import torch

from .data import (depleted_density, depleted_gaussian, depleted_test_points, gaussian_points,
                   stripe_labels)
from .functions import laplace
from .laplace1d import OperatorGrid, krr_1d
from .solvers import cholesky_jitter, svm_decision, svm_hard_margin
from .spectral import spectral_bias_error

__all__ = ["svm_stripe_curve", "svm_compression", "depleted_curves_1d", "depleted_curves",
           "spectral_bias_grid_1d", "uniform_grid"]


def _svm_error(K_te_fn, y_sv_all, res, y_te, chunk=4096):
    """Misclassified fraction on the test set, evaluating the kernel on support vectors only."""
    wrong = 0
    for start in range(0, len(y_te), chunk):
        f = svm_decision(K_te_fn(start, start + chunk), y_sv_all, res)
        wrong += int((torch.sign(f) != y_te[start:start + chunk]).sum())
    return wrong / len(y_te)


def svm_stripe_curve(d: int, sizes: list[int], n_test: int, sigma: float,
                     gen: torch.Generator, compress: float = 1.0, labels=stripe_labels
                     ) -> list[dict]:
    """Hard-margin Laplace SVM learning curve on one draw of the stripe model.

    Nested training sets; the support vectors of size P seed the active set at the next
    size.  ``compress`` divides the d - 1 irrelevant coordinates (the invariants) of every
    point by that factor (Paccolat et al., item iv).  ``labels`` maps the Gaussian points
    ``[n, d]`` to +-1 (default: the stripe; the spherical model passes
    :func:`dltheory.kernels.invariants.cylinder_labels`).  Rows: ``{d, compress, P, error,
    n_sv, min_margin}``.
    """
    Pmax = max(sizes)
    x = gaussian_points(Pmax + n_test, d, gen)
    y = labels(x)
    x[:, 1:] /= compress
    xtr, ytr, xte, yte = x[:Pmax], y[:Pmax], x[Pmax:], y[Pmax:]
    K = laplace(xtr, xtr, sigma)
    rows, init = [], None
    for P in sizes:
        res = svm_hard_margin(K[:P, :P], ytr[:P], init=init)
        sv = torch.zeros(Pmax, dtype=torch.bool)
        sv[:P] = res.alpha > 0
        idx = torch.nonzero(sv).flatten()
        # decision on SV columns only: a result whose alpha is restricted to its SVs
        res_sv = type(res)(res.alpha[idx], res.b, res.n_sv, res.min_margin, res.iterations,
                           res.objective)
        err = _svm_error(lambda a, b: laplace(xte[a:b], xtr[idx], sigma), ytr[idx], res_sv,
                         yte)
        rows.append({"d": d, "compress": compress, "P": int(P), "error": err,
                     "n_sv": res.n_sv, "min_margin": res.min_margin})
        init = res.alpha > 0
    return rows


def svm_compression(d: int, P: int, factors: list[float], n_test: int, sigma: float,
                    seed_gen: int) -> list[dict]:
    """Test error at fixed P against the compression factor lambda (same draw for every lambda)."""
    rows = []
    for lam in factors:
        gen = torch.Generator().manual_seed(seed_gen)
        rows += svm_stripe_curve(d, [P], n_test, sigma, gen, compress=lam)
    return rows


def uniform_grid(n: int, half_width: float) -> tuple[np.ndarray, np.ndarray]:
    """``n`` midpoints of a uniform grid on ``[-half_width, half_width]`` and their weights."""
    h = 2.0 * half_width / n
    x = -half_width + (np.arange(n) + 0.5) * h
    return x, np.full(n, h)


def depleted_curves_1d(chi: float, sizes: list[int], ridges: list[float], sigma: float,
                       grid: tuple[np.ndarray, np.ndarray], gen: torch.Generator) -> list[dict]:
    """Exact d = 1 Laplace ridge regression of ``sign(x)`` on one draw, all sizes and ridges.

    The test error ``int p(x) (f(x) - sign x)^2 dx`` is a quadrature on ``grid`` (nodes,
    weights), so it carries no test-sampling noise.  Rows ``{d, P, ridge, error}``.
    """
    x = depleted_gaussian(max(sizes), 1, chi, gen)[:, 0].numpy()
    nodes, weights = grid
    w = weights * depleted_density(nodes, chi)
    target = np.sign(nodes)
    rows = []
    for P in sizes:
        for lam in ridges:
            f = krr_1d(x[:P], np.sign(x[:P]), nodes, float(lam), sigma)
            rows.append({"d": 1, "P": int(P), "ridge": float(lam),
                         "error": float(np.sum(w * (f - target) ** 2))})
    return rows


def depleted_curves(d: int, chi: float, sizes: list[int], ridges: list[float], sigma: float,
                    n_test: int, test_width: float, gen: torch.Generator) -> list[dict]:
    """Laplace ridge regression of ``sign(x_1)`` in d dimensions on one draw.

    One Cholesky factorisation per ridge, shared by all nested sizes; importance-sampled
    test points (:func:`dltheory.kernels.data.depleted_test_points`).  Rows
    ``{d, P, ridge, error, jitter}``.
    """
    Pmax = max(sizes)
    x = depleted_gaussian(Pmax, d, chi, gen)
    y = torch.sign(x[:, 0])[:, None]
    xt, wt = depleted_test_points(n_test, d, chi, test_width, gen)
    yt = torch.sign(xt[:, 0])[:, None]
    K = laplace(x, x, sigma)
    Kt = laplace(xt, x, sigma)
    rows = []
    for lam in ridges:
        L, jitter = cholesky_jitter(K, float(lam))
        for P in sizes:
            coef = torch.cholesky_solve(y[:P], L[:P, :P])
            err = float((wt[:, None] * (Kt[:, :P] @ coef - yt) ** 2).mean())
            rows.append({"d": d, "P": int(P), "ridge": float(lam), "error": err,
                         "jitter": jitter})
    return rows


def spectral_bias_grid_1d(chi: float, sizes: list[int], ridges: list[float], sigma: float,
                          n_nodes: int, half_width: float) -> list[dict]:
    """The spectral-bias prediction (Eqs. 1-3 of :mod:`.spectral`) in d = 1 on a grid.

    Mercer eigenvalues and target components of the Laplace kernel under the depleted
    density from a quadrature discretisation of its integral operator with ``n_nodes``
    nodes (:class:`dltheory.kernels.laplace1d.OperatorGrid`).  Rows ``{d, P, ridge,
    error_sb, kappa}``.
    """
    nodes, weights = uniform_grid(n_nodes, half_width)
    op = OperatorGrid(nodes, weights, depleted_density(nodes, chi), np.sign(nodes), sigma)
    eig = op.eigenvalues()
    rows = []
    for lam in ridges:
        for P in sizes:
            out = spectral_bias_error(eig, op.bias, float(lam), P)
            rows.append({"d": 1, "P": int(P), "ridge": float(lam), "error_sb": out["error"],
                         "kappa": out["kappa"]})
    return rows
