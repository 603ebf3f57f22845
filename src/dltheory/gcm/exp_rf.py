"""Learning curves on random features, Gaussian covariate model vs simulation (Loureiro et al., arXiv:2102.08127).

The synthetic setting of the paper's Sec. 3 (and of its code's ``how_to`` example): a latent
``c ~ N(0, I_D)``; teacher features ``u = sigma_t(Fbar c / sqrt(D)) in R^k``; student features
``v = sigma_s(F c / sqrt(D)) in R^p``; teacher field ``nu = theta . u / sqrt(k)``,
``theta ~ N(0, I_k)``.  Ridge regression learns ``y = nu`` (test mean squared error), logistic
regression learns ``y = sign(nu)`` (test classification error), both with penalty
``lam |w|^2 / 2`` on ``w . v / sqrt(p)``, against ``alpha = n / p``.

Theory: the covariances ``(Psi, Phi, Omega)`` by Gaussian equivalence
(:mod:`dltheory.gcm.linearisation`) for *the same* ``F, Fbar, theta`` as the simulation of
that seed, then the saddle point (:func:`dltheory.gcm.replica.solve_gcm`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.seeding import derive_seed, rng
from .channels import LogisticClassification, RidgeRegression
from .learning import learning_curve
from .common import points_table
from .linearisation import gcm_from_networks, linearise_network
from .plans import RFPlan
from .replica import solve_gcm
from .samplers import network_forward, random_weights, readout
from .spectra import GCMSpectrum

__all__ = ["RFInstance", "draw_instance", "simulate", "spectrum", "theory", "collect"]


@dataclass
class RFInstance:
    F: np.ndarray        # student projection [p, D]
    Fbar: np.ndarray     # teacher projection [k, D]
    theta: np.ndarray    # teacher readout [k]


def draw_instance(plan: RFPlan, seed: int) -> RFInstance:
    """The random projections and teacher of replicate ``seed`` (streams ``features``, ``teacher``)."""
    g = rng(derive_seed(seed, "features"))
    F, Fbar = random_weights(g, plan.p, plan.D), random_weights(g, plan.k, plan.D)
    theta = rng(derive_seed(seed, "teacher")).standard_normal(plan.k)
    return RFInstance(F, Fbar, theta)


def _data(plan: RFPlan, inst: RFInstance, n: int, g: np.random.Generator):
    c = g.standard_normal((n, plan.D))
    v = network_forward(c, [inst.F], [plan.student_activation])
    nu = readout(network_forward(c, [inst.Fbar], [plan.teacher_activation]), inst.theta)
    return v, nu


def simulate(plan: RFPlan, task: str, seed: int) -> pd.DataFrame:
    """Simulated learning curve of ``task`` for replicate ``seed`` (stream ``sample``)."""
    inst = draw_instance(plan, seed)
    g = rng(derive_seed(seed, "sample", task))
    v, nu = _data(plan, inst, max(plan.sizes), g)
    vt, nut = _data(plan, inst, plan.n_test, g)
    if task == "ridge":
        rows = learning_curve(v, nu, vt, nut, plan.sizes, plan.lambdas[task], "ridge")
    else:
        rows = learning_curve(v, np.sign(nu), vt, np.sign(nut), plan.sizes, plan.lambdas[task],
                              "logistic")
    df = pd.DataFrame(rows)
    df["alpha"] = df["n"] / plan.p
    return df.assign(task=task, seed=seed)


def spectrum(plan: RFPlan, seed: int) -> GCMSpectrum:
    """GCM spectrum of replicate ``seed`` by Gaussian equivalence (latent covariance ``I_D``)."""
    inst = draw_instance(plan, seed)
    student = linearise_network([inst.F], [plan.student_activation])
    teacher = linearise_network([inst.Fbar], [plan.teacher_activation])
    Omega, b, rho = gcm_from_networks(student, teacher, inst.theta, np.eye(plan.D))
    return GCMSpectrum.from_covariances(Omega, b, rho)


def theory(plan: RFPlan, task: str, seed: int) -> pd.DataFrame:
    """Saddle-point learning curve of ``task`` for replicate ``seed`` on the theory grid and the simulated ratios."""
    spec = spectrum(plan, seed)
    channel = RidgeRegression() if task == "ridge" else LogisticClassification(n_grid=plan.n_grid)
    grid_ = np.asarray(plan.alpha_theory)
    if task == "ridge":   # closed form: afford a 4x finer grid to resolve the peak at n = p
        grid_ = np.linspace(grid_.min(), grid_.max(), 4 * grid_.size)
    alphas = np.unique(np.concatenate([grid_, plan.alpha_sim]))
    A, L = np.meshgrid(alphas, plan.lambdas[task], indexing="ij")
    sol = solve_gcm(spec, channel, A.ravel(), L.ravel())
    if not sol.converged:
        raise RuntimeError(f"saddle point of {task}, seed {seed} did not converge "
                           f"(residual {sol.residual:.2g})")
    df = sol.table()
    df["on_sim_grid"] = np.isin(np.round(df["alpha"], 12), np.round(plan.alpha_sim, 12))
    return df.assign(task=task, seed=seed, rho=spec.rho)


def collect(sims: pd.DataFrame, theory_df: pd.DataFrame):
    """``(points, lines)``: seed-averaged simulations with the theory at the same ``(task, lam, alpha)``,
    and the seed-averaged theory curves."""
    keys = ["task", "lam", "alpha"]
    points = points_table(sims, theory_df[theory_df["on_sim_grid"]], keys,
                          values=("test_error", "train_loss"))
    lines = (theory_df.groupby(keys)[["test_error", "train_loss", "q", "m", "V"]].mean()
             .reset_index())
    return points, lines
