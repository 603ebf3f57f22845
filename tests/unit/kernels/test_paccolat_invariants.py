"""Spherical / cylinder model and invariant-field regression (Paccolat et al. 2020, items i and iii):
labels, balanced classes, the d_par-independent exponent, field regression against a dense solve."""

import math

import numpy as np
import pytest
import torch

from dltheory.kernels.exponents import invariant_regression_beta, svm_stripe_beta
from dltheory.kernels.functions import KernelSpec
from dltheory.kernels.invariants import cylinder_labels, invariant_field_curves, median_radius
from dltheory.kernels.stripe import svm_stripe_curve
from dltheory.kernels.tables import paccolat_regression_theory, paccolat_sphere_theory


def _gen(seed):
    return torch.Generator().manual_seed(seed)


def test_median_radius_known_values_and_balance():
    assert median_radius(2) == pytest.approx(math.sqrt(2 * math.log(2)), rel=1e-12)
    assert median_radius(1) == pytest.approx(0.6744897501960817, rel=1e-9)  # |N(0,1)| median
    x = torch.randn(200_000, 5, generator=_gen(0), dtype=torch.float64)
    for d_par in (1, 2, 3, 5):
        frac = float((cylinder_labels(x, d_par) > 0).double().mean())
        assert abs(frac - 0.5) < 0.005  # 5 sigma of a binomial at n = 2e5 is 0.0056


def test_cylinder_labels_depend_on_x_par_only():
    x = torch.randn(1000, 4, generator=_gen(1), dtype=torch.float64)
    y = cylinder_labels(x, 2)
    x2 = x.clone()
    x2[:, 2:] = torch.randn(1000, 2, generator=_gen(2), dtype=torch.float64) * 10
    assert torch.equal(y, cylinder_labels(x2, 2))
    # rotation inside the x_par plane leaves the labels unchanged
    c, s = math.cos(0.7), math.sin(0.7)
    x3 = x.clone()
    x3[:, 0], x3[:, 1] = c * x[:, 0] - s * x[:, 1], s * x[:, 0] + c * x[:, 1]
    assert torch.equal(y, cylinder_labels(x3, 2))
    assert torch.equal(cylinder_labels(x, 1, radius=0.5), torch.where(x[:, 0].abs() > 0.5, 1.0, -1.0).double())
    with pytest.raises(ValueError):
        cylinder_labels(x, 5)


def test_invariant_regression_beta_uses_the_full_dimension():
    for d in (2, 3, 5, 8):
        for d_par in range(1, d + 1):
            assert invariant_regression_beta(1.0, 1.0, d, d_par) == pytest.approx(1.0 / d)
    # student-limited for a very smooth teacher: 2 (d + a_S) / d
    assert invariant_regression_beta(math.inf, 1.0, 4, 1) == pytest.approx(2 * 5 / 4)
    with pytest.raises(ValueError):
        invariant_regression_beta(1.0, 1.0, 3, 4)
    t = paccolat_regression_theory(3, [1, 3], KernelSpec("laplace"), KernelSpec("laplace"))
    assert t["beta_pred"].tolist() == pytest.approx([1 / 3, 1 / 3])
    assert t["beta_if_invariant"].tolist() == pytest.approx([1.0, 1 / 3])
    s = paccolat_sphere_theory([(2, 2), (3, 3), (5, 2)])
    assert s["beta_pred"].tolist() == pytest.approx([svm_stripe_beta(d) for d in (2, 3, 5)])


def test_svm_sphere_learns_at_hard_margin():
    rows = svm_stripe_curve(2, [64, 256, 1024], 4000, 10.0, _gen(3),
                            labels=lambda x: cylinder_labels(x, 2))
    assert all(r["min_margin"] >= 1 - 1e-7 for r in rows)
    errs = [r["error"] for r in rows]
    assert errs[-1] < errs[0] and errs[-1] < 0.05


def test_invariant_field_curves_match_a_dense_solve():
    P, T, d = 120, 200, 3
    teacher, student = KernelSpec("laplace", sigma=1.0), KernelSpec("laplace", sigma=2.0)
    rows = invariant_field_curves(d, [1, 3], [40, P], T, teacher, student, _gen(5))
    assert [(r["d_par"], r["P"]) for r in rows] == [(1, 40), (1, P), (3, 40), (3, P)]
    # redo the draw with the same generator order: inputs, then one field per d_par
    g = _gen(5)
    x = torch.randn(P + T, d, generator=g, dtype=torch.float64).numpy()

    def lap(a, b, s):
        return np.exp(-np.linalg.norm(a[:, None] - b[None], axis=-1) / s)

    for j, d_par in enumerate([1, 3]):
        K_t = lap(x[:, :d_par], x[:, :d_par], 1.0)
        z = torch.randn(P + T, 1, generator=g, dtype=torch.float64).numpy()
        y = (np.linalg.cholesky(K_t) @ z)[:, 0]
        for n, row in zip([40, P], rows[2 * j: 2 * j + 2]):
            a = np.linalg.solve(lap(x[:n], x[:n], 2.0), y[:n])
            f = lap(x[P:], x[:n], 2.0) @ a
            assert row["error"] == pytest.approx(np.mean((f - y[P:]) ** 2), rel=1e-6)


def test_invariant_field_error_decreases_and_is_normalised():
    rows = invariant_field_curves(2, [1, 2], [32, 512], 1000, KernelSpec("laplace"),
                                  KernelSpec("laplace"), _gen(6))
    for d_par in (1, 2):
        e = [r["error"] for r in rows if r["d_par"] == d_par]
        assert e[1] < e[0] < 1.5  # unit-variance field: the zero predictor scores ~1
