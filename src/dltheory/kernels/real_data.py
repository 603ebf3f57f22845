"""The real-data panel of Spigler, Geiger, Wyart (arXiv:1905.10843): kernel learning curves of
labels on (real or stand-in) data, and the exponent predicted from the kernel-PCA spectrum.

The paper's argument (its Sec. 5-6, and the teacher-student result it generalises): write
the target in the eigenbasis of the kernel, ``f*(x) = sum_rho c_rho phi_rho(x)``, modes
ranked by decreasing eigenvalue ``lambda_rho``.  A student trained on P points learns the
first ~P modes and misses the rest, so the test error is controlled by the power of the
target beyond rank P,

    eps(P) ~ R(P) = sum_{rho > P} c_rho^2 ~ P^-beta,    i.e. c_rho^2 ~ rho^-(1 + beta).    (*)

For a Gaussian-random-field teacher ``E c_rho^2 = lambda^T_rho ~ rho^-(alpha_T / d')``
(sphere or torus in d' dimensions), which gives back ``beta = (alpha_T - d') / d'`` of the
teacher-student formula when the student is not the bottleneck.  On data the coefficients
are estimated by kernel PCA: the eigenvectors ``v_rho`` of the Gram matrix ``K`` of N
points approximate ``phi_rho`` on the points, and ``c_rho^2 ~ (v_rho . y)^2 / N``; the
estimate is trustworthy for ranks ``rho << N`` only (the last modes of a finite Gram matrix
are not eigenfunctions), so the fit of (*) is restricted to ranks ``P <= N / 4`` or so.

Data: MNIST / CIFAR10 (binary labels from a set of positive classes) through
:mod:`dltheory.core.datasets`, or, when they are absent, a synthetic stand-in
(:class:`ManifoldStandIn`): points on a smooth m-dimensional manifold embedded in R^D,
labelled by the sign of a smooth random function on the manifold -- a classification task
with a smooth boundary, whose exponent is set by the manifold dimension m, not by D (1/m
when the labels jump inside the support; with a class gap, as between the classes of real
images, the exponent is the one measured by kernel PCA).

Both of the paper's tasks are run on nested training sets: ridgeless regression of the
labels (test MSE) and classification by a hard-margin SVM (test 0/1 error).  A smooth
kernel (Gaussian) interpolating labels that jump inside the support does not learn them:
its spectrum decays faster than any power, and the unlearnt tail of the target, amplified
by the factor E0 of :mod:`dltheory.kernels.spectral`, keeps the test MSE above 1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from ..core.fits import fit_power_law
from .functions import KernelSpec, gram
from .solvers import cholesky_jitter, svm_decision, svm_hard_margin

__all__ = ["ManifoldStandIn", "RealDataPlan", "load_pools", "draw", "prepare_images",
           "label_learning_curves", "kernel_pca_tail",
           "tail_exponent", "power_law_tail"]


@dataclass
class ManifoldStandIn:
    """Points on an m-manifold in R^D with labels ``sign(g)`` of a smooth random g on it.

    Latent points ``z`` uniform on the sphere S^m (in R^{m+1}, no boundary); embedding
    ``x = sqrt(2 / D) cos(W z + b)`` with ``W_ij ~ N(0, curvature^2)``, ``b ~ U(0, 2 pi)``
    (random Fourier features: a smooth, generically injective map, ``|x|^2 ~ 1``);
    target ``g(z) = sum_k a_k cos(omega_k . z + phi_k)`` with ``omega_k ~ N(0, frequency^2)``,
    ``a_k ~ N(0, 1)``; label ``y = sign(g(z))``.

    ``margin`` (>= 0) separates the classes by a gap, as the classes of real images are:
    points with ``|g(z)| < margin * g_rms`` are rejected, ``g_rms = |a| / sqrt(2)`` (the RMS
    of g over independent phases).  With ``margin = 0`` the labels jump across a boundary
    inside the support, and ``c_rho^2 ~ rho^-(1 + 1/m)``: ``beta = 1/m``.
    """

    W: torch.Tensor      # [D, m + 1]
    b: torch.Tensor      # [D]
    omega: torch.Tensor  # [modes, m + 1]
    phase: torch.Tensor  # [modes]
    amp: torch.Tensor    # [modes]
    margin: float = 0.0

    @classmethod
    def build(cls, latent_dim: int, ambient_dim: int, modes: int, curvature: float,
              frequency: float, gen: torch.Generator, margin: float = 0.0) -> "ManifoldStandIn":
        kw = {"generator": gen, "dtype": torch.float64}
        m1 = latent_dim + 1
        return cls(curvature * torch.randn(ambient_dim, m1, **kw),
                   2 * math.pi * torch.rand(ambient_dim, **kw),
                   frequency * torch.randn(modes, m1, **kw),
                   2 * math.pi * torch.rand(modes, **kw),
                   torch.randn(modes, **kw), float(margin))

    @property
    def latent_dim(self) -> int:
        return self.W.shape[1] - 1

    def target(self, z: torch.Tensor) -> torch.Tensor:
        """The smooth function ``g(z)`` whose sign is the label."""
        return torch.cos(z @ self.omega.T + self.phase) @ self.amp

    def sample(self, n: int, gen: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
        """``(x [n, D], y [n])`` for n fresh points (outside the margin, if any)."""
        cut = self.margin * float(self.amp.norm()) / math.sqrt(2.0)
        zs, gs, have = [], [], 0
        while have < n:  # rejection sampling in batches (the first batch is exact if margin = 0)
            z = torch.randn(n, self.latent_dim + 1, generator=gen, dtype=torch.float64)
            z = z / z.norm(dim=1, keepdim=True)
            g = self.target(z)
            keep = g.abs() >= cut
            zs.append(z[keep])
            gs.append(g[keep])
            have += int(keep.sum())
        z, g = torch.cat(zs)[:n], torch.cat(gs)[:n]
        x = math.sqrt(2.0 / self.W.shape[0]) * torch.cos(z @ self.W.T + self.b)
        return x, torch.where(g >= 0, 1.0, -1.0).to(torch.float64)


def prepare_images(train: np.ndarray, test: np.ndarray, labels_train, labels_test,
                   positive_classes) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Centre pixels on the training mean, scale so that the mean training ``|x|^2`` is 1,
    and label ``y = +1`` for the positive classes, ``-1`` otherwise."""
    mean = train.mean(axis=0)
    scale = math.sqrt(float(((train - mean) ** 2).sum(axis=1).mean()))
    pos = np.asarray(positive_classes)
    lab = lambda c: np.where(np.isin(c, pos), 1.0, -1.0)  # noqa: E731
    return (train - mean) / scale, (test - mean) / scale, lab(labels_train), lab(labels_test)


def label_learning_curves(x_tr: torch.Tensor, y_tr: torch.Tensor, x_te: torch.Tensor,
                          y_te: torch.Tensor, kernels: dict[str, KernelSpec], sizes) -> list[dict]:
    """Ridgeless kernel regression and hard-margin SVM classification of the labels on nested
    training sets (the first P points), the paper's two tasks.

    Returns rows ``{kernel, P, error, class_error, jitter, n_sv}``: ``error`` is the test mean
    squared error ``mean (f_P(x) - y)^2`` of the interpolant (regression), ``class_error`` the
    fraction of test points misclassified by the hard-margin SVM
    (:func:`dltheory.kernels.solvers.svm_hard_margin`, warm-started from the support vectors
    of the previous size), ``n_sv`` its number of support vectors.
    """
    Pmax = max(sizes)
    rows = []
    for name, spec in kernels.items():
        K_tr = gram(spec, x_tr[:Pmax], x_tr[:Pmax])
        L, jitter = cholesky_jitter(K_tr)
        K_te = gram(spec, x_te, x_tr[:Pmax])
        init = None
        for P in sizes:
            coef = torch.cholesky_solve(y_tr[:P, None], L[:P, :P])[:, 0]
            pred = K_te[:, :P] @ coef
            svm = svm_hard_margin(K_tr[:P, :P], y_tr[:P], init=init)
            init = svm.alpha > 0
            f = svm_decision(K_te[:, :P], y_tr[:P], svm)
            rows.append({"kernel": name, "P": int(P),
                         "error": float(((pred - y_te) ** 2).mean()),
                         "class_error": float((torch.sign(f) != y_te).double().mean()),
                         "jitter": jitter, "n_sv": int(svm.n_sv)})
    return rows


def kernel_pca_tail(K: torch.Tensor, y: torch.Tensor) -> tuple[np.ndarray, np.ndarray]:
    """Kernel PCA of the Gram matrix ``K [N, N]`` and the target's power beyond each rank.

    Returns ``(lam, R)``: ``lam[rho]`` the eigenvalues of ``K / N`` in decreasing order
    (estimates of the Mercer eigenvalues), and ``R[P] = (1/N) sum_{rho > P} (v_rho . y)^2``
    for ``P = 0 .. N - 1`` (the left side of (*) in the module docstring, with unit
    eigenvectors ``v_rho``), so ``R[0] = |y|^2 / N``.  ``y`` may be ``[N]`` or ``[N, k]``
    (k targets: their powers are averaged).
    """
    N = K.shape[-1]
    lam, V = torch.linalg.eigh(K / N)
    lam, V = lam.flip(0), V.flip(1)
    Y = y[:, None] if y.dim() == 1 else y
    c2 = ((V.T @ Y) ** 2).mean(dim=1) / N
    return lam.numpy(), power_law_tail(c2.numpy())[:N]


def tail_exponent(R: np.ndarray, P_min: int, P_max: int, n_points: int = 24) -> dict:
    """``beta`` of ``R(P) ~ P^-beta`` by a least-squares line in log-log over ranks
    ``P in [P_min, P_max]`` (``n_points`` log-spaced integer ranks, so every decade weighs
    the same); returns ``{"beta", "beta_err", "prefactor", "P_min", "P_max"}``."""
    if not 1 <= P_min < P_max < len(R):
        raise ValueError(f"rank range [{P_min}, {P_max}] outside 1..{len(R) - 1}")
    ranks = np.unique(np.round(np.geomspace(P_min, P_max, n_points)).astype(int))
    fit = fit_power_law(ranks, R[ranks])
    return {"beta": -fit.exponent, "beta_err": fit.exponent_err, "prefactor": fit.prefactor,
            "P_min": int(P_min), "P_max": int(P_max)}


def power_law_tail(c2: np.ndarray) -> np.ndarray:
    """``R[P] = sum_{rho > P} c2[rho]`` (ranks from 1: ``c2[0]`` is rank 1) for ``P = 0..len``."""
    c2 = np.asarray(c2, dtype=float)
    return np.concatenate([np.cumsum(c2[::-1])[::-1], [0.0]])


@dataclass
class RealDataPlan:
    """The ``real_data`` section of the Spigler config, validated; which data will be used."""

    kernels: dict[str, KernelSpec]
    sizes: list[int]
    seeds: list[int]
    source: str  # "mnist" | "cifar10" | "stand_in"
    section: dict

    @classmethod
    def from_section(cls, section: dict, where: str) -> "RealDataPlan":
        from ..core.config import ConfigError
        from ..core.datasets import dataset_available
        from .plan import check_sizes

        sizes = check_sizes(section["sizes"], section["fit_min_P"], where)
        kernels = {k: KernelSpec.from_dict(v) for k, v in section["kernels"].items()}
        lo, hi = section["pca_fit"]
        if not 1 <= lo < hi:
            raise ConfigError(f"{where}.pca_fit: needs 1 <= min < max, got {[lo, hi]}")
        if 4 * hi > section["pca_points"]:
            raise ConfigError(f"{where}.pca_fit: the largest fitted rank {hi} must be <= "
                              f"pca_points / 4 = {section['pca_points'] // 4} (the last modes of "
                              f"a finite Gram matrix are not eigenfunctions)")
        directory, name = section["data_dir"], section["dataset"]
        if directory is not None:
            if not (dataset_available(name, directory, "train")
                    and dataset_available(name, directory, "test")):
                raise ConfigError(f"{where}.data_dir: no {name} train and test files under "
                                  f"{directory!r} (set it to null for the synthetic stand-in)")
            source = name
        else:
            source = "stand_in"
        return cls(kernels, sizes, list(range(section["seeds"])), source, dict(section))


def load_pools(plan: RealDataPlan) -> dict:
    """The data every draw samples from: ``{"x_train", "y_train", "x_test", "y_test"}``
    (numpy) for real data, or ``{"stand_in": ManifoldStandIn}``."""
    s = plan.section
    if plan.source == "stand_in":
        st = s["stand_in"]
        gen = torch.Generator().manual_seed(int(st["seed"]))
        return {"stand_in": ManifoldStandIn.build(st["latent_dim"], st["ambient_dim"], st["modes"],
                                                  st["curvature"], st["frequency"], gen,
                                                  st["margin"])}
    from ..core.datasets import load_dataset

    xtr, ctr = load_dataset(plan.source, s["data_dir"], "train")
    xte, cte = load_dataset(plan.source, s["data_dir"], "test")
    xtr, xte, ytr, yte = prepare_images(xtr, xte, ctr, cte, s["positive_classes"])
    return {"x_train": xtr, "y_train": ytr, "x_test": xte, "y_test": yte}


def draw(pools: dict, n_train: int, n_test: int, gen: torch.Generator):
    """``(x_tr, y_tr, x_te, y_te)`` torch float64: fresh stand-in points, or random subsets
    (without replacement) of the training and test splits of real data."""
    if "stand_in" in pools:
        x, y = pools["stand_in"].sample(n_train + n_test, gen)
        return x[:n_train], y[:n_train], x[n_train:], y[n_train:]
    out = []
    for split, n in (("train", n_train), ("test", n_test)):
        X, Y = pools[f"x_{split}"], pools[f"y_{split}"]
        if n > len(X):
            raise ValueError(f"asked for {n} {split} points, the data set has {len(X)}")
        idx = torch.randperm(len(X), generator=gen)[:n].numpy()
        out += [torch.as_tensor(X[idx], dtype=torch.float64),
                torch.as_tensor(Y[idx], dtype=torch.float64)]
    return tuple(out)
