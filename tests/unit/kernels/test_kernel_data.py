"""Inputs and teachers: the fields' covariance is the teacher kernel (empirically), the input
distributions have their stated densities, importance weights are unbiased."""

import math

import numpy as np
import pytest
import torch
from scipy import stats

from dltheory.kernels.data import (STRIPE_INTERFACES, depleted_density, depleted_gaussian,
                                   depleted_test_points, gaussian_random_field, patch_sphere,
                                   sphere, stripe_labels, teacher_targets)
from dltheory.kernels.functions import KernelSpec, gram


def _gen(seed=0):
    return torch.Generator().manual_seed(seed)


@pytest.mark.parametrize("spec", [KernelSpec("laplace"), KernelSpec("matern", nu=1.5),
                                  KernelSpec("gaussian")], ids=lambda s: s.label)
def test_teacher_field_covariance_is_the_kernel(spec):
    x = sphere(6, 3, _gen(1))
    K = gram(spec, x, x)
    n = 40_000
    y, jitter = gaussian_random_field(K, _gen(2), n_fields=n)
    emp = y @ y.T / n
    # entries of an empirical covariance have std <= sqrt(2 / n) = 0.007; 5 sigma
    assert torch.allclose(emp, K, atol=0.035)
    assert jitter < 1e-10


def test_teacher_targets_is_one_field():
    x = sphere(50, 3, _gen(3))
    y, jitter = teacher_targets(KernelSpec("laplace"), x, _gen(4))
    y2, _ = gaussian_random_field(gram(KernelSpec("laplace"), x, x), _gen(4))
    assert y.shape == (50,) and jitter == 0.0 and torch.equal(y, y2[:, 0])


def test_singular_teacher_gets_a_small_jitter():
    x = sphere(200, 2, _gen(5))  # a Gaussian kernel on the circle: numerically singular
    _, jitter = gaussian_random_field(gram(KernelSpec("gaussian"), x, x), _gen(6))
    assert 0 < jitter < 1e-8


def test_sphere_and_patch_sphere():
    x = sphere(20_000, 4, _gen(7))
    assert torch.allclose(x.norm(dim=1), torch.ones(20_000, dtype=torch.float64))
    # uniform on S^3: E[x x^T] = I / 4 (std of each entry <= 0.5 / sqrt(n) = 0.0035)
    assert torch.allclose(x.T @ x / 20_000, torch.eye(4, dtype=torch.float64) / 4, atol=0.02)
    p = patch_sphere(100, 6, 2, _gen(8)).reshape(100, 3, 2)
    assert torch.allclose(p.norm(dim=-1), torch.ones(100, 3, dtype=torch.float64))
    with pytest.raises(ValueError):
        patch_sphere(10, 7, 2, _gen(0))


@pytest.mark.parametrize("chi", [0.0, 1.0, 2.5])
def test_depleted_gaussian_has_its_density(chi):
    x = depleted_gaussian(50_000, 3, chi, _gen(9))
    x1 = x[:, 0].numpy()
    cdf = np.vectorize(lambda t: np.sign(t) * 0.5 * stats.gamma.cdf(t * t / 2, (1 + chi) / 2) + 0.5)
    assert stats.kstest(x1, cdf).pvalue > 1e-3
    assert np.mean(x1**2) == pytest.approx(1 + chi, rel=0.03)  # E x1^2 = 1 + chi
    # x_perp is standard normal and the density integrates to one
    assert abs(float(x[:, 1:].std()) - 1) < 0.02
    grid = np.linspace(-12, 12, 200_001)
    assert np.trapezoid(depleted_density(grid, chi), grid) == pytest.approx(1.0, abs=1e-6)
    with pytest.raises(ValueError):
        depleted_gaussian(5, 2, -1.0, _gen(0))


def test_importance_weighted_test_points_are_unbiased():
    chi, width = 1.0, 0.2
    x, w = depleted_test_points(200_000, 2, chi, width, _gen(10))
    assert float(w.max()) <= 2.0 + 1e-12
    x1 = x[:, 0].numpy()
    # E_p[1{|x1| < 0.1}] computed by quadrature, estimated with the weights
    grid = np.linspace(-0.1, 0.1, 20_001)
    exact = np.trapezoid(depleted_density(grid, chi), grid)
    est = float(np.mean(w.numpy() * (np.abs(x1) < 0.1)))
    assert est == pytest.approx(exact, rel=0.05)
    assert float(np.mean(w.numpy())) == pytest.approx(1.0, abs=0.01)


def test_stripe_labels_are_balanced_and_single_interface():
    interval = stats.norm.cdf(STRIPE_INTERFACES[1]) - stats.norm.cdf(STRIPE_INTERFACES[0])
    assert interval == pytest.approx(0.5, abs=1e-5)
    x = torch.tensor([[0.0, 5.0], [2.0, 0.0], [-1.0, 1.0]], dtype=torch.float64)
    assert stripe_labels(x).tolist() == [1.0, -1.0, -1.0]
    assert stripe_labels(x, (0.5,)).tolist() == [-1.0, 1.0, -1.0]
    assert math.isclose(float(stripe_labels(torch.randn(40_000, 2, generator=_gen(11),
                                                        dtype=torch.float64)).mean()), 0.0, abs_tol=0.03)
