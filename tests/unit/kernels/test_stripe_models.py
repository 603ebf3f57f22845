"""Stripe models: SVM learning curves reach the hard margin; depleted-stripe ridge regression
against dense solves; the d = 1 exact path against the d-dimensional one; spectral-bias grid."""

import numpy as np
import pytest
import torch

from dltheory.kernels.data import depleted_density, depleted_gaussian
from dltheory.kernels.stripe import (depleted_curves, depleted_curves_1d, spectral_bias_grid_1d,
                                     svm_compression, svm_stripe_curve, uniform_grid)


def _gen(seed):
    return torch.Generator().manual_seed(seed)


def test_svm_stripe_curve_hard_margin_and_learning():
    rows = svm_stripe_curve(2, [32, 128, 512], 4000, 10.0, _gen(0))
    assert [r["P"] for r in rows] == [32, 128, 512]
    assert all(r["min_margin"] >= 1 - 1e-7 and r["n_sv"] <= r["P"] for r in rows)
    errs = [r["error"] for r in rows]
    assert errs[-1] < errs[0] and errs[-1] < 0.1  # it learns the stripe


def test_svm_compression_same_draw():
    rows = svm_compression(3, 64, [1.0, 2.0], 500, 10.0, seed_gen=3)
    assert [r["compress"] for r in rows] == [1.0, 2.0] and all(r["P"] == 64 for r in rows)


def test_depleted_curves_match_dense_ridge_regression():
    chi, sigma = 1.0, 1.0
    rows = depleted_curves(2, chi, [20, 60], [0.0, 0.1], sigma, 300, 0.3, _gen(4))
    # redo the same draw by hand (same generator order as the function)
    g = _gen(4)
    from dltheory.kernels.data import depleted_test_points
    x = depleted_gaussian(60, 2, chi, g).numpy()
    xt, wt = depleted_test_points(300, 2, chi, 0.3, g)
    xt, wt = xt.numpy(), wt.numpy()

    def K(a, b):
        return np.exp(-np.linalg.norm(a[:, None] - b[None], axis=-1) / sigma)
    for r in rows:
        P, lam = r["P"], r["ridge"]
        coef = np.linalg.solve(K(x[:P], x[:P]) + lam * np.eye(P), np.sign(x[:P, 0]))
        err = np.mean(wt * (K(xt, x[:P]) @ coef - np.sign(xt[:, 0])) ** 2)
        assert r["error"] == pytest.approx(err, rel=1e-8)


def test_depleted_1d_exact_error_by_quadrature():
    chi = 1.0
    grid = uniform_grid(20_000, 8.0)
    rows = depleted_curves_1d(chi, [16, 64], [0.0, 0.01], 1.0, grid, _gen(5))
    x = depleted_gaussian(64, 1, chi, _gen(5))[:, 0].numpy()
    nodes, w = grid
    for r in rows:
        P = r["P"]
        K = np.exp(-np.abs(x[:P, None] - x[None, :P]))
        a = np.linalg.solve(K + r["ridge"] * np.eye(P), np.sign(x[:P]))
        f = np.exp(-np.abs(nodes[:, None] - x[None, :P])) @ a
        ref = np.sum(w * depleted_density(nodes, chi) * (f - np.sign(nodes)) ** 2)
        assert r["error"] == pytest.approx(ref, rel=1e-8)
    ridgeless = [r["error"] for r in rows if r["ridge"] == 0.0]
    assert ridgeless[1] < ridgeless[0]


def test_spectral_bias_grid_decreases_with_P_and_ridge_helps_nothing_at_zero():
    rows = spectral_bias_grid_1d(1.0, [16, 64, 256], [0.0, 1.0], 1.0, 4000, 8.0)
    e0 = [r["error_sb"] for r in rows if r["ridge"] == 0.0]
    e1 = [r["error_sb"] for r in rows if r["ridge"] == 1.0]
    assert np.all(np.diff(e0) < 0) and np.all(np.array(e1) > np.array(e0))
    assert all(r["kappa"] > 0 for r in rows)
