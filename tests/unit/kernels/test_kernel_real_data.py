"""The kernel-PCA estimate of beta (Spigler et al. 2019), the stand-in, the real-data plan."""

import math

import numpy as np
import pytest
import torch

from dltheory.core.config import ConfigError
from dltheory.kernels.functions import KernelSpec, gram
from dltheory.kernels.real_data import (ManifoldStandIn, RealDataPlan, draw, kernel_pca_tail,
                                        label_learning_curves, load_pools, power_law_tail,
                                        prepare_images, tail_exponent)
from dltheory.kernels.solvers import svm_decision, svm_hard_margin


@pytest.mark.parametrize("a", [1.5, 2.0, 3.0])
def test_tail_exponent_of_an_exact_power_law(a):
    # c_rho^2 = rho^-a: R(P) = sum_{rho>P} rho^-a = P^(1-a) / (a-1) (1 + O(1/P)), beta = a - 1
    # (4 10^6 ranks: the truncated remainder is < 1% of R(256) even for a = 1.5)
    c2 = np.arange(1, 4_000_001, dtype=float) ** -a
    R = power_law_tail(c2)
    assert R[0] == pytest.approx(np.sum(c2))
    assert R[3] == pytest.approx(R[0] - 1 - 2**-a - 3**-a)
    fit = tail_exponent(R, 32, 256)
    assert fit["beta"] == pytest.approx(a - 1, rel=0.02)


def test_kernel_pca_tail_recovers_planted_coefficients():
    # K = V diag(lam) V^T with known eigenvectors, y = sqrt(N) V c: R(P) = sum_{rho>P} c_rho^2
    N = 300
    g = torch.Generator().manual_seed(0)
    V, _ = torch.linalg.qr(torch.randn(N, N, generator=g, dtype=torch.float64))
    rank = torch.arange(1, N + 1, dtype=torch.float64)
    lam = rank**-1.5
    c = rank**-1.0
    K = N * (V * lam) @ V.T
    lam_hat, R = kernel_pca_tail(K, math.sqrt(N) * V @ c)
    assert np.allclose(lam_hat, lam.numpy(), rtol=1e-8)
    assert np.allclose(R, power_law_tail(c.numpy() ** 2)[:N], rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize("teacher, beta", [(KernelSpec("laplace"), 1.0),
                                           (KernelSpec("matern", nu=1.5), 3.0)])
def test_teacher_student_on_the_circle_gives_the_formula(teacher, beta):
    """Closed form: a regular grid on the circle (d' = 1), where every isotropic kernel is
    circulant and shares the Fourier eigenvectors.  For a Gaussian-random-field teacher,
    E c_rho^2 = lambda^T_rho ~ rho^-alpha_T with alpha_T = d' + 1 (Laplace) or d' + 3
    (Matern-3/2), so beta = (alpha_T - d') / d' = 1 or 3.  The expectation over teachers is
    exact with y = L (columns of the Cholesky factor of K_T: mean_j (v.L_j)^2 = v.K_T.v / N)."""
    N = 1024
    t = 2 * math.pi * torch.arange(N, dtype=torch.float64) / N
    x = torch.stack([torch.cos(t), torch.sin(t)], dim=1)
    L = torch.linalg.cholesky(gram(teacher, x, x) + 1e-12 * torch.eye(N, dtype=torch.float64))
    _, R = kernel_pca_tail(gram(KernelSpec("laplace"), x, x), L)
    # ranks 16-128: Fourier modes k <= 64 << N / 2 (10% covers the pre-asymptotic corrections)
    assert tail_exponent(R, 16, 128)["beta"] == pytest.approx(beta, rel=0.10)


def test_stand_in_points_and_labels():
    si = ManifoldStandIn.build(3, 30, 16, 0.5, 2.0, torch.Generator().manual_seed(1))
    x, y = si.sample(2000, torch.Generator().manual_seed(2))
    assert x.shape == (2000, 30) and set(y.unique().tolist()) == {-1.0, 1.0}
    assert (x * x).sum(1).mean().item() == pytest.approx(1.0, abs=0.1)
    assert abs(y.mean().item()) < 0.5  # both classes well represented
    x2, _ = si.sample(2000, torch.Generator().manual_seed(2))
    assert torch.equal(x, x2)
    # the labels are a function on the manifold: rank of the latent map is m + 1 = 4 << D
    s = torch.linalg.svdvals(x - x.mean(0))
    assert s[10] / s[0] < s[3] / s[0]


def test_prepare_images_centres_scales_and_labels():
    rng = np.random.default_rng(0)
    tr, te = rng.uniform(0, 255, (50, 12)), rng.uniform(0, 255, (20, 12))
    xtr, xte, ytr, yte = prepare_images(tr, te, np.arange(50) % 10, np.arange(20) % 10, [0, 2, 4])
    assert np.allclose(xtr.mean(0), 0) and (xtr**2).sum(1).mean() == pytest.approx(1.0)
    assert np.allclose(xte, (te - tr.mean(0)) / np.sqrt(((tr - tr.mean(0))**2).sum(1).mean()))
    assert ytr[:5].tolist() == [1, -1, 1, -1, 1] and yte[9] == -1


def test_label_learning_curves_interpolate_and_match_a_direct_solve():
    g = torch.Generator().manual_seed(0)
    x, y = torch.randn(80, 3, generator=g, dtype=torch.float64), torch.randn(80, generator=g,
                                                                             dtype=torch.float64)
    y = torch.sign(y)
    spec = KernelSpec("laplace")
    rows = label_learning_curves(x[:60], y[:60], x[:60], y[:60], {"laplace": spec}, [30, 60])
    # interpolation at P = Pmax; the hard-margin SVM separates its own training set
    assert rows[1]["error"] < 1e-12 and rows[1]["class_error"] == 0
    rows = label_learning_curves(x[:60], y[:60], x[60:], y[60:], {"laplace": spec}, [30, 60])
    coef = torch.linalg.solve(gram(spec, x[:30], x[:30]), y[:30])
    pred = gram(spec, x[60:], x[:30]) @ coef
    assert rows[0]["error"] == pytest.approx(float(((pred - y[60:]) ** 2).mean()), rel=1e-9)
    # classification: the SVM of the first 30 points, solved from scratch (no warm start)
    svm = svm_hard_margin(gram(spec, x[:30], x[:30]), y[:30])
    f = svm_decision(gram(spec, x[60:], x[:30]), y[:30], svm)
    assert rows[0]["class_error"] == pytest.approx(float((torch.sign(f) != y[60:]).double().mean()))
    assert rows[0]["n_sv"] == svm.n_sv


def test_stand_in_margin_separates_the_classes():
    si = ManifoldStandIn.build(3, 30, 16, 0.5, 2.0, torch.Generator().manual_seed(1), margin=0.5)
    gen = torch.Generator().manual_seed(3)
    z = torch.randn(4000, 4, generator=gen, dtype=torch.float64)
    g = si.target(z / z.norm(dim=1, keepdim=True))
    rms = float(si.amp.norm()) / math.sqrt(2)
    assert g.std().item() == pytest.approx(rms, rel=0.5)  # the RMS used for the cut is g's scale
    x, y = si.sample(1500, torch.Generator().manual_seed(2))
    assert x.shape == (1500, 30) and set(y.unique().tolist()) == {-1.0, 1.0}
    # margin 0 is the plain stand-in (the same draws); with a margin the nearest points of
    # opposite classes are further apart than those of the same class, on average
    flat = ManifoldStandIn(si.W, si.b, si.omega, si.phase, si.amp, 0.0)
    x0, y0 = flat.sample(1500, torch.Generator().manual_seed(2))
    x0b, _ = ManifoldStandIn.build(3, 30, 16, 0.5, 2.0, torch.Generator().manual_seed(1)).sample(
        1500, torch.Generator().manual_seed(2))
    assert torch.equal(x0, x0b)

    def gap(x, y):
        d = torch.cdist(x, x)
        d.fill_diagonal_(float("inf"))
        other = torch.where(y[:, None] != y[None, :], d, float("inf")).min(1).values
        return other.min().item()
    assert gap(x, y) > 3 * gap(x0, y0)


SECTION = {"data_dir": None, "dataset": "mnist", "positive_classes": [0, 2, 4, 6, 8],
           "stand_in": {"latent_dim": 2, "ambient_dim": 10, "modes": 4, "curvature": 0.5,
                        "frequency": 2.0, "margin": 0.3, "seed": 1},
           "kernels": {"laplace": {"name": "laplace", "sigma": 1.0}},
           "sizes": [16, 32, 64], "fit_min_P": 32, "test_size": 8, "seeds": 2,
           "pca_points": 64, "pca_fit": [2, 16], "seed_stream": "test"}


def test_real_data_plan_stand_in_and_errors(tmp_path):
    plan = RealDataPlan.from_section(SECTION, "s.quick.real_data")
    assert plan.source == "stand_in" and plan.seeds == [0, 1]
    x_tr, y_tr, x_te, _ = draw(load_pools(plan), 64, 8, torch.Generator().manual_seed(0))
    assert x_tr.shape == (64, 10) and x_te.shape == (8, 10) and y_tr.shape == (64,)
    with pytest.raises(ConfigError, match=r"s.quick.real_data.data_dir: no mnist"):
        RealDataPlan.from_section({**SECTION, "data_dir": str(tmp_path)}, "s.quick.real_data")
    with pytest.raises(ConfigError, match=r"s.quick.real_data.pca_fit: the largest fitted rank"):
        RealDataPlan.from_section({**SECTION, "pca_fit": [2, 32]}, "s.quick.real_data")


def test_real_data_draws_subsets_of_the_splits():
    pools = {"x_train": np.arange(40.0).reshape(20, 2), "y_train": np.arange(20.0),
             "x_test": -np.arange(20.0).reshape(10, 2), "y_test": -np.arange(10.0)}
    x_tr, y_tr, x_te, y_te = draw(pools, 12, 5, torch.Generator().manual_seed(0))
    assert len(set(y_tr.tolist())) == 12 and torch.equal(x_tr[:, 0], 2 * y_tr)
    assert torch.equal(x_te[:, 0], 2 * y_te) and (y_te <= 0).all()
    with pytest.raises(ValueError):
        draw(pools, 21, 5, torch.Generator().manual_seed(0))
