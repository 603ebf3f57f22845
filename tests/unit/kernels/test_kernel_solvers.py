"""Exact solvers: nested-Cholesky kernel ridge regression against plain numpy solves, and the
hard-margin SVM against scipy's general-purpose solver of the same dual."""

import numpy as np
import pytest
import torch
from scipy.optimize import minimize

from dltheory.kernels.functions import laplace
from dltheory.kernels.solvers import (cholesky_jitter, krr_nested, krr_ridges, svm_decision,
                                      svm_hard_margin)


def _data(n, d, seed, batch=()):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(*batch, n, d, generator=g, dtype=torch.float64)
    return x, torch.randn(*batch, n, 2, generator=g, dtype=torch.float64)


def _plain_mse(K_tr, K_te, y_tr, y_te, P, ridge):
    a = np.linalg.solve(K_tr[:P, :P] + ridge * np.eye(P), y_tr[:P])
    return ((K_te[:, :P] @ a - y_te) ** 2).mean(axis=0)


@pytest.mark.parametrize("ridge", [0.0, 1e-3, 0.5])
def test_nested_krr_matches_plain_solves(ridge):
    x, y = _data(140, 3, 0)
    K = laplace(x, x)
    sizes = [10, 40, 100]
    mse, jitter = krr_nested(K[:100, :100], K[100:, :100], y[:100], y[100:], sizes, ridge)
    assert jitter == 0.0 and mse.shape == (3, 2)
    Kn, yn = K.numpy(), y.numpy()
    for i, P in enumerate(sizes):
        ref = _plain_mse(Kn[:100, :100], Kn[100:, :100], yn[:100], yn[100:], P, ridge)
        np.testing.assert_allclose(mse[i].numpy(), ref, rtol=1e-9)


def test_krr_batches_seeds_and_ridges():
    x, y = _data(60, 2, 1, batch=(3,))
    K = laplace(x, x)
    out, jit = krr_ridges(K[:, :50, :50], K[:, 50:, :50], y[:, :50], y[:, 50:], [20, 50],
                          [0.0, 0.1])
    assert out.shape == (3, 2, 2, 2) and jit == [0.0, 0.0]
    for s in range(3):
        for r, lam in enumerate([0.0, 0.1]):
            ref = _plain_mse(K[s, :50, :50].numpy(), K[s, 50:, :50].numpy(), y[s, :50].numpy(),
                             y[s, 50:].numpy(), 20, lam)
            np.testing.assert_allclose(out[s, r, 0].numpy(), ref, rtol=1e-9)


def test_ridgeless_krr_interpolates():
    x, y = _data(30, 2, 2)
    K = laplace(x, x)
    mse, _ = krr_nested(K, K, y, y, [30])
    assert float(mse.max()) < 1e-20


def test_cholesky_jitter_only_when_needed():
    x, _ = _data(20, 2, 3)
    K = laplace(x, x)
    assert cholesky_jitter(K)[1] == 0.0
    dup = torch.cat([x, x[:1]])  # a repeated point: K is singular
    L, jitter = cholesky_jitter(laplace(dup, dup))
    assert jitter > 0 and torch.isfinite(L).all()
    with pytest.raises(torch.linalg.LinAlgError):
        cholesky_jitter(-torch.eye(3, dtype=torch.float64), max_tries=2)


def _scipy_dual(K, y):
    """min 1/2 a^T Q a - sum a, a >= 0, y.a = 0, by SLSQP: the plain reference."""
    Q = (y[:, None] * y[None, :]) * K
    P = len(y)
    res = minimize(lambda a: 0.5 * a @ Q @ a - a.sum(), np.zeros(P), jac=lambda a: Q @ a - 1,
                   bounds=[(0, None)] * P, constraints=[{"type": "eq", "fun": lambda a: y @ a,
                                                         "jac": lambda a: y}],
                   method="SLSQP", options={"ftol": 1e-14, "maxiter": 2000})
    assert res.success, res.message
    return res.x, -res.fun


def test_hard_margin_svm_matches_scipy_and_kkt():
    g = torch.Generator().manual_seed(4)
    x = torch.randn(60, 2, generator=g, dtype=torch.float64)
    y = torch.where(x[:, 0] > 0.2, 1.0, -1.0).to(torch.float64)
    K = laplace(x, x, 2.0)
    res = svm_hard_margin(K, y, block=8)
    a_ref, obj_ref = _scipy_dual(K.numpy(), y.numpy())
    assert res.objective == pytest.approx(obj_ref, rel=1e-6)
    np.testing.assert_allclose(res.alpha.numpy(), a_ref, atol=1e-4 * a_ref.max())
    # KKT: margins >= 1, equal to 1 on the support vectors, y.alpha = 0
    f = svm_decision(K, y, res)
    margins = (y * f).numpy()
    sv = res.alpha.numpy() > 0
    assert res.min_margin >= 1 - 1e-7 and margins.min() >= 1 - 1e-7
    np.testing.assert_allclose(margins[sv], 1.0, atol=1e-7)
    assert abs(float(res.alpha @ y)) < 1e-9 and res.n_sv == int(sv.sum())


def test_svm_warm_start_reaches_the_same_optimum():
    g = torch.Generator().manual_seed(5)
    x = torch.randn(200, 3, generator=g, dtype=torch.float64)
    y = torch.where(x[:, 0].abs() < 0.6, 1.0, -1.0).to(torch.float64)
    K = laplace(x, x, 3.0)
    small = svm_hard_margin(K[:100, :100], y[:100])
    cold = svm_hard_margin(K, y)
    warm = svm_hard_margin(K, y, init=small.alpha > 0)
    assert warm.objective == pytest.approx(cold.objective, rel=1e-9)
    assert torch.allclose(warm.alpha, cold.alpha, atol=1e-8 * float(cold.alpha.max()))
    with pytest.raises(ValueError):
        svm_hard_margin(K[:5, :5], torch.ones(5, dtype=torch.float64))
