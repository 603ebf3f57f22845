"""Linear diffusion models: closed-form denoisers, the distribution they sample, and its KL.

Merger & Goldt, "Generalization Dynamics of Linear Diffusion Models", arXiv:2505.24769.
The paper's text could not be read here; the model below is built from its abstract
and the authors' public slides (DDPM schedule and sampler), and every equation used is
stated.  Data ``x ~ N(0, Sigma)`` in ``d`` dimensions, ``N`` training samples,
empirical second moment ``Sigma_hat = X^T X / N``.

Forward process (DDPM, Ho et al. 2020), ``t = 1..T``::

    beta_t = beta_min + (beta_max - beta_min) t / T,   alpha_t = 1 - beta_t,
    abar_t = prod_{s <= t} alpha_s,   x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps.

Linear noise predictor ``eps_theta(x, t) = W_t x`` trained on the DDPM loss averaged
exactly over the noise, with ridge ``lam |W_t|_F^2``::

    W_t* = sqrt(1 - abar_t) (abar_t Sigma_hat + (1 - abar_t + lam) I)^{-1}          (D1)

and, for early stopping, gradient flow on the same loss from ``W_t = 0`` for a time
``tau``: in the eigenbasis of ``Sigma_hat`` (eigenvalue ``s``), with
``a_t(s) = abar_t s + 1 - abar_t + lam``,

    w_t(s; tau) = sqrt(1 - abar_t) / a_t(s) * (1 - exp(-2 a_t(s) tau)).           (D2)

DDPM sampler (Ho et al. Alg. 2) ``u_{t-1} = (u_t - beta_t / sqrt(1 - abar_t) eps_theta(u_t, t))
/ sqrt(alpha_t) + sqrt(beta_t) z`` (``z = 0`` at ``t = 1``), ``u_T ~ N(0, I)``.  The
sampler is linear, so it outputs ``N(0, C)`` with ``C = U diag(v_0(s)) U^T`` and

    g_t(s) = (1 - beta_t w_t(s) / sqrt(1 - abar_t)) / sqrt(alpha_t),
    v_{t-1}(s) = g_t(s)^2 v_t(s) + beta_t [t > 1],   v_T = 1.                        (D3)

Divergences between the learnt ``N(0, C)`` and the target ``N(0, Sigma)``::

    D(learnt || target) = 1/2 [tr(Sigma^{-1} C) - d - log det(Sigma^{-1} C)]
    D(target || learnt) = 1/2 [tr(C^{-1} Sigma) - d + log det(Sigma^{-1} C)]

For isotropic data (``Sigma = I``) they are ``d int kappa(v_0(s)) mu_c(ds)`` with
``kappa(v) = (v - 1 - log v)/2`` resp. ``(1/v - 1 + log v)/2`` and ``mu_c`` the
Marchenko-Pastur law at ``c = d/N`` (atom at ``s = 0`` when ``N < d``).  With an exact
sampler (``v_0(s) = s``) both grow as ``c / 4`` per dimension for ``N >> d`` whatever
``Sigma`` is: ``Sigma^{-1} Sigma_hat`` has the spectrum of a white Wishart matrix.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.seeding import derive_seed, rng
from ..core.rmt import gauss_chebyshev_u as _cheb
from ..core.rmt import mp_edges, mp_expect

__all__ = ["Schedule", "ddpm_schedule", "learnt_variance", "population_spectrum",
           "sample_data", "learnt_covariance_kl", "mp_kl", "optimum_kl", "KL_DIRECTIONS",
           "Training", "simulate_kl", "theory_kl", "summarise_kl", "COLLAPSE"]

KL_DIRECTIONS = ("learnt_target", "target_learnt")
COLLAPSE = 1e-12  # a learnt variance below this is a collapsed direction (KL = inf)


@dataclass(frozen=True)
class Schedule:
    """DDPM noise schedule: arrays of length T indexed by ``t - 1``."""

    beta: np.ndarray
    alpha: np.ndarray
    abar: np.ndarray

    @property
    def T(self) -> int:
        return len(self.beta)


def ddpm_schedule(T: int = 1000, beta_min: float = 1e-4, beta_max: float = 1e-2) -> Schedule:
    """``beta_t = beta_min + (beta_max - beta_min) t / T`` for ``t = 1..T`` (the authors' schedule)."""
    t = np.arange(1, T + 1)
    beta = beta_min + (beta_max - beta_min) * t / T
    alpha = 1 - beta
    return Schedule(beta, alpha, np.cumprod(alpha))


def learnt_variance(s, schedule: Schedule, lam: float = 0.0, tau: float | None = None) -> np.ndarray:
    """Variance ``v_0(s)`` of the sampler's output along an eigenvector of ``Sigma_hat`` with
    eigenvalue ``s`` (Eqs. D1-D3); ``tau`` (gradient-flow time, Eq. D2) or None (trained to convergence).
    """
    s = np.asarray(s, dtype=float)
    v = np.ones_like(s)
    sb = schedule
    for k in range(sb.T - 1, -1, -1):  # t = T..1
        a = sb.abar[k] * s + 1 - sb.abar[k] + lam
        ratio = 1.0 / a  # beta_t w_t / sqrt(1 - abar_t) = beta_t / a_t  (trained to convergence)
        if tau is not None:
            ratio = ratio * -np.expm1(-2 * a * tau)
        g = (1 - sb.beta[k] * ratio) / np.sqrt(sb.alpha[k])
        v = g * g * v + (sb.beta[k] if k > 0 else 0.0)
    return v


def population_spectrum(d: int, kind: str, k: float = 1.0) -> np.ndarray:
    """Eigenvalues of ``Sigma`` (mean 1, so ``tr Sigma = d``): ``isotropic`` (all 1) or
    ``power`` (``lambda_nu ~ nu^-k``, nu = 1..d)."""
    if kind == "isotropic":
        return np.ones(d)
    if kind == "power":
        lam = np.arange(1, d + 1, dtype=float) ** (-float(k))
        return lam * d / lam.sum()
    raise ValueError(f"unknown spectrum {kind!r} (isotropic, power)")


def sample_data(N: int, spectrum: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``N`` samples of ``N(0, diag(spectrum))`` (the population eigenbasis is the standard one)."""
    return rng.standard_normal((N, len(spectrum))) * np.sqrt(spectrum)[None, :]


def learnt_covariance_kl(X: np.ndarray, spectrum: np.ndarray, schedule: Schedule,
                         lam: float = 0.0, tau: float | None = None) -> dict:
    """Train (closed form) on ``X``, and return both divergences of the learnt Gaussian to the target.

    Returns ``{"learnt_target": ..., "target_learnt": ..., "min_variance": ...}``
    (divergences in nats, not divided by d; ``inf`` if ``C`` is singular).
    """
    N, d = X.shape
    s, U = np.linalg.eigh(X.T @ X / N)
    s = np.clip(s, 0, None)
    v = learnt_variance(s, schedule, lam, tau)
    inv_sig = 1 / spectrum
    # tr(Sigma^-1 C) = sum_k v_k u_k^T Sigma^-1 u_k ;  tr(C^-1 Sigma) = sum_k u_k^T Sigma u_k / v_k
    q_inv = (U * U * inv_sig[:, None]).sum(0)
    q = (U * U * spectrum[:, None]).sum(0)
    vmin = float(v.min())
    if vmin < COLLAPSE:
        return {"learnt_target": np.inf, "target_learnt": np.inf, "min_variance": vmin}
    with np.errstate(divide="ignore"):
        logdet = float(np.sum(np.log(v)) + np.sum(np.log(inv_sig)))
        forward = 0.5 * (float(np.sum(q / v)) - d + logdet) if vmin > 0 else np.inf
    reverse = 0.5 * (float(np.sum(v * q_inv)) - d - logdet) if vmin > 0 else np.inf
    return {"learnt_target": reverse, "target_learnt": forward, "min_variance": vmin}


def _kappa(v, direction: str):
    v = np.asarray(v, float)
    if direction == "learnt_target":
        return 0.5 * (v - 1 - np.log(v))
    if direction == "target_learnt":
        return 0.5 * (1 / v - 1 + np.log(v))
    raise ValueError(f"unknown KL direction {direction!r} {KL_DIRECTIONS}")


def mp_kl(c: float, schedule: Schedule, direction: str, lam: float = 0.0, tau: float | None = None,
          n: int = 400) -> float:
    """Isotropic-data theory: ``lim KL / d = int kappa(v_0(s)) mu_c(ds)``, ``c = d / N``.

    ``inf`` when the sampler collapses the null space of ``Sigma_hat`` (``N < d``, no
    ridge, no early stopping: ``v_0(0) = 0``).
    """
    if c > 1 and learnt_variance(np.zeros(1), schedule, lam, tau)[0] < COLLAPSE:
        return float("inf")
    with np.errstate(divide="ignore", invalid="ignore"):
        return mp_expect(lambda s: _kappa(learnt_variance(s, schedule, lam, tau), direction), c, n)


def optimum_kl(spectrum: np.ndarray, schedule: Schedule, direction: str, lam: float = 0.0,
               tau: float | None = None) -> float:
    """``N -> infinity`` limit of KL / d: the sampler trained on the population covariance.

    Non-zero only through the time discretisation (and ``lam``, ``tau``):
    ``mean_i kappa(v_0(lambda_i) / lambda_i)``.
    """
    v = learnt_variance(spectrum, schedule, lam, tau)
    return float(np.mean(_kappa(v / spectrum, direction)))


@dataclass(frozen=True)
class Training:
    """How the linear denoiser is trained: ridge ``lam`` and gradient-flow time ``tau``
    (None: to convergence).  ``name`` keys tables and plots."""

    name: str
    lam: float = 0.0
    tau: float | None = None


def simulate_kl(d: int, ratios, spectra: dict[str, np.ndarray], trainings: list[Training],
                schedule: Schedule, seeds, which: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """Draw ``N = ratio * d`` samples, train every denoiser in closed form, measure both KLs.

    One row per (spectrum, training, ratio, seed) with ``kl_learnt_target``,
    ``kl_target_learnt`` (per dimension), the optimum ``N -> inf`` values and the
    learnt covariance's smallest variance.  ``which`` limits the trainings run per
    spectrum (default: all).  Seed stream ``data`` keyed by spectrum and N.
    """
    rows = []
    for sname, spectrum in spectra.items():
        todo = [t for t in trainings if which is None or t.name in which.get(sname, [])]
        optimum = {(t.name, k): optimum_kl(spectrum, schedule, k, t.lam, t.tau)
                   for t in todo for k in KL_DIRECTIONS}
        for ratio in ratios:
            N = max(1, int(round(ratio * d)))
            for seed in seeds:
                X = sample_data(N, spectrum, rng(derive_seed(seed, "data", sname, N)))
                for t in todo:
                    kl = learnt_covariance_kl(X, spectrum, schedule, t.lam, t.tau)
                    rows.append({"spectrum": sname, "training": t.name, "ratio": float(ratio), "N": N,
                                 "d": d, "seed": seed, "min_variance": kl["min_variance"],
                                 **{f"kl_{k}": kl[k] / d for k in KL_DIRECTIONS},
                                 **{f"opt_{k}": optimum[(t.name, k)] for k in KL_DIRECTIONS}})
    return pd.DataFrame(rows)


def theory_kl(ratios, trainings: list[Training], schedule: Schedule, n: int = 400) -> pd.DataFrame:
    """Marchenko-Pastur theory of KL / d for isotropic data on a grid of ``N/d``, both directions.

    Same integrals as :func:`mp_kl`, with the sampler's recursion (D3) run once per
    training on the quadrature nodes of every ``N/d`` together.
    """
    ratios = [float(r) for r in ratios]
    t_nodes, w_nodes = _cheb(n)
    nodes, weights, atoms = [], [], []
    for r in ratios:
        a, b = mp_edges(1 / r)
        m, h = (a + b) / 2, (b - a) / 2
        x = m + h * t_nodes
        nodes.append(x)
        weights.append(w_nodes / x * h * h / (2 * np.pi / r))
        atoms.append(max(0.0, 1 - r))
    nodes, weights = np.array(nodes), np.array(weights)
    ones = np.ones(1)
    rows = []
    for t in trainings:
        v = learnt_variance(np.concatenate([nodes.ravel(), [0.0]]), schedule, t.lam, t.tau)
        v_bulk, v0 = v[:-1].reshape(nodes.shape), v[-1]
        for i, r in enumerate(ratios):
            row = {"training": t.name, "ratio": r}
            for k in KL_DIRECTIONS:
                if atoms[i] > 0 and v0 < COLLAPSE:
                    row[f"kl_{k}"] = float("inf")
                else:
                    atom = atoms[i] * float(_kappa(v0, k)) if atoms[i] > 0 else 0.0
                    row[f"kl_{k}"] = float(np.sum(weights[i] * _kappa(v_bulk[i], k))) + atom
                row[f"opt_{k}"] = optimum_kl(ones, schedule, k, t.lam, t.tau)
            rows.append(row)
    return pd.DataFrame(rows)


def summarise_kl(runs: pd.DataFrame, theory: pd.DataFrame) -> pd.DataFrame:
    """Seed means and standard errors of KL / d and of the excess over the optimum, per
    (spectrum, training, N/d), with the isotropic theory at the same N/d.

    A point where any seed's learnt covariance collapsed (``min_variance < COLLAPSE``)
    has infinite mean KL and ``collapsed`` = fraction of collapsed seeds.
    """
    df = runs.copy()
    for k in KL_DIRECTIONS:
        df[f"excess_{k}"] = df[f"kl_{k}"] - df[f"opt_{k}"]
    df["collapsed"] = (df["min_variance"] < COLLAPSE).astype(float)
    cols = [f"{p}_{k}" for k in KL_DIRECTIONS for p in ("kl", "excess")]
    g = df.groupby(["spectrum", "training", "ratio"])
    with np.errstate(invalid="ignore"):
        out = g[cols].mean().join(g[cols].sem().add_suffix("_sem"))
    out = out.join(g.agg(N=("N", "first"), d=("d", "first"), n_seeds=("seed", "nunique"),
                         collapsed=("collapsed", "mean"))).reset_index()
    th = theory.rename(columns={f"kl_{k}": f"theory_kl_{k}" for k in KL_DIRECTIONS})
    th = th.rename(columns={f"opt_{k}": f"theory_opt_{k}" for k in KL_DIRECTIONS})
    out["key"] = out["ratio"].round(10)
    th = th.assign(key=th["ratio"].round(10)).drop(columns="ratio")
    return out.merge(th, on=["training", "key"], how="left").drop(columns="key")
