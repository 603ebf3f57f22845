"""Learning curves on a finite data "universe" from its empirical covariances (Loureiro et al., arXiv:2102.08127, Sec. 4).

The real-data protocol of the paper (its ``real_data/mnist_scattering.ipynb``): take a data
set of ``N`` points as the universe, map it to features ``V`` (``N x p``), and regard the
labels ``y`` as a linear teacher on the universe.  The Gaussian covariate model then needs
only ``Omega = V^T V / N``, ``b = V^T y / N`` and ``rho = |y|^2 / N``; ridge regression is
trained on ``n`` points drawn from the universe without replacement and tested on the whole
universe.  The claim: the Gaussian theory predicts the learning curve of non-Gaussian data.

Data: MNIST (even vs odd digits, pixels centred and divided by their global standard
deviation, as the authors do) read from the idx files a user supplies, or a synthetic
stand-in with the same structure when MNIST is absent (the default here: no download is
possible): "images" ``x = tanh(A c / sqrt(D))`` of a low-dimensional latent ``c`` (a hidden
manifold), labels ``sign(theta . c)``.  Feature maps: the pixels themselves or random
features ``erf(F x / sqrt(d))``.  The paper's scattering transform (kymatio) is not
implemented.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.datasets import MNIST_FILES, load_mnist, mnist_available
from ..core.seeding import derive_seed, rng
from .channels import RidgeRegression
from .learning import learning_curve
from .replica import solve_gcm
from .samplers import network_forward, random_weights
from .spectra import GCMSpectrum

__all__ = ["MNIST_FILES", "mnist_available", "load_mnist", "preprocess", "stand_in_universe",
           "universe", "universe_theory", "universe_simulate", "run_universe"]


def preprocess(images: np.ndarray, digits: np.ndarray):
    """Centre every pixel, divide by the global standard deviation; ``y = +1`` for even digits."""
    x = images - images.mean(axis=0)
    return x / x.std(), np.where(digits % 2 == 0, 1.0, -1.0)


def stand_in_universe(g: np.random.Generator, N: int, D: int, d: int):
    """Synthetic stand-in: ``x = tanh(A c / sqrt(D))`` (``d`` "pixels" on a ``D``-dim manifold),
    ``y = sign(theta . c)``, preprocessed like MNIST."""
    c = g.standard_normal((N, D))
    A = g.standard_normal((d, D))
    theta = g.standard_normal(D)
    x = np.tanh(c @ A.T / np.sqrt(D))
    y = np.sign(c @ theta)
    x = x - x.mean(axis=0)
    return x / x.std(), y


def universe(spec: dict, mnist_dir=None) -> tuple[np.ndarray, np.ndarray, str]:
    """Features ``V`` and labels ``y`` of the universe described by ``spec`` (a config section).

    Keys: ``universe`` (N, for the stand-in), ``latent`` (D), ``input_dim`` (d),
    ``features`` (``pixels`` or ``random_features``), ``p``, ``activation``.  Returns
    ``(V, y, source)`` with ``source`` ``"mnist"`` or ``"stand_in"``.
    """
    if mnist_available(mnist_dir):
        x, y = preprocess(*load_mnist(mnist_dir))
        source = "mnist"
    else:
        x, y = stand_in_universe(rng(derive_seed(0, "universe")), spec["universe"],
                                 spec["latent"], spec["input_dim"])
        source = "stand_in"
    if spec["features"] == "pixels":
        return x, y, source
    F = random_weights(rng(derive_seed(0, "universe_features")), spec["p"], x.shape[1])
    return network_forward(x, [F], [spec["activation"]]), y, source


def universe_theory(V: np.ndarray, y: np.ndarray, alphas, lam: float) -> pd.DataFrame:
    """Ridge learning curve (test mean squared error on the universe) from the empirical covariances."""
    N, p = V.shape
    spec = GCMSpectrum.from_covariances(V.T @ V / N, V.T @ y / N, float(y @ y / N))
    sol = solve_gcm(spec, RidgeRegression(), np.asarray(alphas, float), lam)
    return sol.table().assign(task="universe")


def universe_simulate(V: np.ndarray, y: np.ndarray, sizes, lam: float, seeds) -> pd.DataFrame:
    """Ridge on ``n`` points drawn without replacement (nested), tested on the whole universe."""
    p = V.shape[1]
    rows = []
    for seed in seeds:
        order = rng(derive_seed(seed, "universe_sample")).permutation(len(y))
        Vs, ys = V[order], y[order]
        for r in learning_curve(Vs, ys, V, y, sizes, [lam], "ridge"):
            rows.append({**r, "alpha": r["n"] / p, "seed": seed, "task": "universe"})
    return pd.DataFrame(rows)


def run_universe(plan, what: str) -> pd.DataFrame:
    """The universe panel of an :class:`~dltheory.gcm.plans.RFPlan`: ``what`` is ``theory`` or ``simulate``."""
    u = plan.universe
    V, y, source = universe(u, u["mnist_dir"])
    if what == "theory":
        alphas = np.unique(np.concatenate([u["alpha_theory"], u["alpha_sim"]]))
        df = universe_theory(V, y, alphas, u["lam"])
        df["on_sim_grid"] = np.isin(np.round(df["alpha"], 10), np.round(u["alpha_sim"], 10))
    else:
        df = universe_simulate(V, y, u["sizes"], u["lam"], plan.seeds)
    return df.assign(source=source)
