"""Reconstructing stored patterns from connectivity: AMP vs state evolution vs PCA.

The experiment of Goldt, Krzakala, Zdeborova, Brunel (arXiv:2105.07416): for a
Hopfield-type network (:mod:`dltheory.replica.hopfield`) with effective noise
``Delta``, reconstruct the ``P`` patterns from the synaptic matrix ``J`` and report the
MSE per pattern component against ``Delta / Delta_c``:

* AMP (:func:`dltheory.replica.amp.amp`) on the Fisher score of ``J``, uninformative start;
* its state evolution (:func:`dltheory.replica.amp.state_evolution`), the ``N -> inf``
  prediction for AMP (Bayes-optimal outside first-order transitions);
* PCA (:func:`dltheory.replica.hopfield.pca_estimate`) and its spiked-Wigner theory.

Randomness: replicate ``seed`` of model ``name`` at grid point ``k`` uses the named
streams ``patterns``, ``noise``, ``amp``, ``pca`` of :func:`dltheory.core.seeding.derive_seed`.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from ..core.seeding import derive_seed, rng
from .amp import amp, empirical_inv_delta, matched_mse, se_mse, state_evolution
from .hopfield import (connectivity, effective_delta, fisher_score, noise_for_delta, pca_estimate,
                       pca_mse_theory, threshold_for_connectivity)
from .priors import DiscretePrior, make_prior

__all__ = ["MemoryModel", "simulate_model", "theory_table", "summarise_runs"]


@dataclass(frozen=True)
class MemoryModel:
    """One attractor-network model of the figure.

    Attributes
    ----------
    name : key used in paths and tables
    prior : ``hopfield``, ``sparse`` or ``tsodyks``
    P : number of stored patterns (rank)
    rho : pattern density for the sparse and Tsodyks priors (None for hopfield)
    connectivity : fraction ``f`` of non-zero couplings after rectification; None keeps
        the linear Gaussian channel ``J = xi xi^T / sqrt(N) + nu G``
    """

    name: str
    prior: str
    P: int
    rho: float | None = None
    connectivity: float | None = None

    def make_prior(self) -> DiscretePrior:
        return make_prior(self.prior, self.P, self.rho)

    def channel(self, delta: float) -> tuple[float, float | None]:
        """``(nu, tau)`` giving effective noise ``Delta`` at this connectivity."""
        nu = noise_for_delta(delta, self.connectivity)
        return nu, threshold_for_connectivity(nu, self.connectivity)

    def as_dict(self) -> dict:
        return asdict(self)


def simulate_model(model: MemoryModel, ratios, N: int, seeds, amp_options: dict | None = None) -> pd.DataFrame:
    """AMP and PCA on fresh instances: one row per (``Delta/Delta_c``, seed).

    Columns: model, seed, ratio, Delta, nu, tau, mse_amp, mse_pca, amp_iterations,
    amp_converged, inv_delta_emp (the empirical ``1/Delta``, a check of the channel).
    """
    prior = model.make_prior()
    opts = dict(amp_options or {})
    rows = []
    for k, ratio in enumerate(ratios):
        delta = float(ratio) * prior.delta_c
        nu, tau = model.channel(delta)
        for seed in seeds:
            key = (model.name, k)
            xi = prior.sample(N, rng(derive_seed(seed, "patterns", *key)))
            J = connectivity(xi, nu, tau, rng(derive_seed(seed, "noise", *key)))
            S = fisher_score(J, nu, tau)
            inv_delta = empirical_inv_delta(S)
            res = amp(S, prior, rng(derive_seed(seed, "amp", *key)), inv_delta=inv_delta, **opts)
            xpca = pca_estimate(S, prior, inv_delta, rng(derive_seed(seed, "pca", *key)))
            rows.append({"model": model.name, "seed": seed, "ratio": float(ratio), "Delta": delta,
                         "nu": nu, "tau": np.nan if tau is None else tau,
                         "mse_amp": matched_mse(xi, res.xhat), "mse_pca": matched_mse(xi, xpca),
                         "amp_iterations": res.iterations, "amp_converged": res.converged,
                         "inv_delta_emp": inv_delta})
    return pd.DataFrame(rows)


@functools.lru_cache(maxsize=None)
def _se_curve(prior: str, P: int, rho: float | None, ratios: tuple) -> tuple:
    """``(mse, converged, iterations)`` of state evolution at each ``Delta/Delta_c`` (cached:
    models sharing a prior, e.g. the same patterns behind two channels, share the curve)."""
    pr = make_prior(prior, P, rho)
    out = []
    for ratio in ratios:
        fp = state_evolution(pr, ratio * pr.delta_c, tol=1e-10, max_iter=3_000)
        out.append((se_mse(pr, fp.x), fp.converged, fp.iterations))
    return tuple(out)


def theory_table(model: MemoryModel, ratios) -> pd.DataFrame:
    """State-evolution MSE (uninformative start) and PCA theory on a grid of ``Delta/Delta_c``.

    The state evolution depends on the prior and ``Delta`` only (output-channel
    universality).  Next to ``Delta_c`` it converges algebraically and is stopped after
    3000 steps (flagged ``se_converged = False``).  PCA theory is the rank-1
    spiked-Wigner formula and is left ``nan`` for ``P > 1`` (degenerate spikes: the
    eigenvectors mix the patterns, no closed form here).
    """
    prior = model.make_prior()
    curve = _se_curve(model.prior, model.P, model.rho, tuple(float(r) for r in ratios))
    rows = []
    for ratio, (mse, converged, iterations) in zip(ratios, curve):
        delta = float(ratio) * prior.delta_c
        nu, tau = model.channel(delta)
        rows.append({"model": model.name, "ratio": float(ratio), "Delta": delta,
                     "mse_se": mse, "se_converged": converged, "se_iterations": iterations,
                     "mse_pca_theory": float(pca_mse_theory(prior, delta)) if prior.rank == 1 else np.nan,
                     "Delta_check": effective_delta(nu, tau) / prior.delta_c})
    return pd.DataFrame(rows)


def summarise_runs(runs: pd.DataFrame, theory: pd.DataFrame) -> pd.DataFrame:
    """Seed means and standard errors per (model, ratio), with the theory at the same ratios."""
    g = runs.groupby(["model", "ratio"])
    out = g.agg(Delta=("Delta", "first"), mse_amp=("mse_amp", "mean"), mse_amp_sem=("mse_amp", "sem"),
                mse_pca=("mse_pca", "mean"), mse_pca_sem=("mse_pca", "sem"),
                n_seeds=("seed", "nunique"), amp_converged=("amp_converged", "mean")).reset_index()
    th = theory[["model", "ratio", "mse_se", "mse_pca_theory", "se_converged"]]
    out["ratio_key"] = out["ratio"].round(10)
    th = th.assign(ratio_key=th["ratio"].round(10)).drop(columns="ratio")
    return out.merge(th, on=["model", "ratio_key"], how="left").drop(columns="ratio_key")
