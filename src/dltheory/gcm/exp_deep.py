"""Ridge (and logistic) regression on deep random features: deterministic equivalent vs simulation.

Two papers share this machinery:

* Schroeder, Cui, Dmitriev, Loureiro, arXiv:2302.00401 (deep random features, Figs. 1-3):
  ``x ~ N(0, I_d)``, features ``phi_L(x)`` of ``L`` frozen random ``tanh`` layers of width
  ``k``, target ``y = theta . sign(W_t x / sqrt(d)) / sqrt(k_t)``; readout trained by ridge
  (Fig. 1, 3) or logistic regression on ``sign(y)`` (Fig. 2) against ``alpha = n / d``.
* Schroeder, Dmitriev, Cui, Loureiro, arXiv:2402.13999 (deep *structured* features):
  first-layer rows ``w_i ~ N(0, C_gamma)`` with a power-law ``C_gamma = diag(j^-gamma)``,
  target ``y = theta . tanh(W_s x / sqrt(d)) / sqrt(k_s)`` (+ noise); learning curves against ``n``.

Theory: the population covariances of the features by per-neuron layer-wise
linearisation (:func:`dltheory.gcm.linearisation.linearise_network`), optionally by Monte
Carlo over fresh inputs; then the ridge risk of the deterministic equivalent
(:func:`dltheory.gcm.resolvent.ridge_risk`, Eq. (12) of arXiv:2402.13999) or, for the
logistic loss, the GCM saddle point.  "Error universality" (arXiv:2302.00401, Thm. 3.4) is
checked directly by also training on Gaussian features with the same second moments.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.linalg import cholesky

from ..core.seeding import derive_seed, rng
from .channels import LogisticClassification
from .common import points_table
from .learning import learning_curve
from .linearisation import gcm_from_networks, linearise_network
from .replica import solve_gcm
from .resolvent import ridge_risk
from .samplers import network_forward, power_law_spectrum, random_weights, readout
from .spectra import GCMSpectrum

__all__ = ["DeepInstance", "draw_instance", "features_and_target", "population_moments",
           "gaussian_equivalent_sample", "ridge_curve", "logistic_curve", "simulate_ridge",
           "simulate_logistic", "monte_carlo_moments", "deep_rf_simulate", "deep_rf_theory",
           "deep_rf_collect", "structured_simulate", "structured_theory", "structured_collect",
           "structured_spectrum"]


class DeepInstance:
    """Weights of one replicate: student layers, teacher layer, teacher readout.

    Parameters
    ----------
    seed : replicate index (streams ``student``, ``teacher``)
    d : input dimension; widths : student layer widths ``[k_1, ..., k_L]``
    teacher_width : ``k_t``; gamma : power-law exponent of the first layer's row covariance
    (0: i.i.d. weights)
    """

    def __init__(self, seed: int, d: int, widths, teacher_width: int, gamma: float = 0.0,
                 key: str = ""):
        g = rng(derive_seed(seed, "student", key))
        row = power_law_spectrum(d, gamma) if gamma else None
        self.weights = []
        prev = d
        for i, k in enumerate(widths):
            self.weights.append(random_weights(g, k, prev, row if i == 0 else None))
            prev = k
        t = rng(derive_seed(seed, "teacher", key))
        self.W_t = random_weights(t, teacher_width, d)
        self.theta = t.standard_normal(teacher_width)
        self.d = d


def draw_instance(seed, d, widths, teacher_width, gamma=0.0, key="") -> DeepInstance:
    return DeepInstance(seed, d, widths, teacher_width, gamma, key)


def features_and_target(inst: DeepInstance, x: np.ndarray, depths, activation: str,
                        teacher_activation: str):
    """Features of every requested depth and the target for inputs ``x``: ``({L: phi_L}, y)``."""
    feats, h = {}, x
    for L, W in enumerate(inst.weights, start=1):
        h = network_forward(h, [W], [activation])
        if L in depths:
            feats[L] = h
    y = readout(network_forward(x, [inst.W_t], [teacher_activation]), inst.theta)
    return feats, y


def population_moments(inst: DeepInstance, depth: int, activation: str,
                       teacher_activation: str):
    """``(Omega, b, rho)`` of depth-``depth`` features by layer-wise linearisation."""
    student = linearise_network(inst.weights[:depth], [activation] * depth)
    teacher = linearise_network([inst.W_t], [teacher_activation])
    return gcm_from_networks(student, teacher, inst.theta, np.eye(inst.d))


def monte_carlo_moments(inst: DeepInstance, depth: int, activation: str, teacher_activation: str,
                        n_mc: int, g: np.random.Generator, chunk: int = 4000):
    """``(Omega, b, rho)`` estimated from ``n_mc`` fresh inputs (second moments, no centring)."""
    k = inst.weights[depth - 1].shape[0]
    Omega, b, rho, done = np.zeros((k, k)), np.zeros(k), 0.0, 0
    while done < n_mc:
        m = min(chunk, n_mc - done)
        feats, y = features_and_target(inst, g.standard_normal((m, inst.d)), [depth], activation,
                                       teacher_activation)
        v = feats[depth]
        Omega += v.T @ v
        b += v.T @ y
        rho += float(y @ y)
        done += m
    return Omega / n_mc, b / n_mc, rho / n_mc


def gaussian_equivalent_sample(Omega, b, rho, n: int, g: np.random.Generator):
    """``n`` draws of jointly Gaussian ``(v, nu)`` with ``E vv^T = Omega``, ``E v nu = b``, ``E nu^2 = rho``."""
    L = cholesky(Omega + 1e-12 * np.trace(Omega) / len(b) * np.eye(len(b)), lower=True)
    v = g.standard_normal((n, len(b))) @ L.T
    coef = np.linalg.solve(Omega + 1e-12 * np.eye(len(b)), b)
    resid = max(rho - float(b @ coef), 0.0)
    nu = v @ coef + np.sqrt(resid) * g.standard_normal(n)
    return v, nu


def ridge_curve(Omega, b, rho, alphas_p, lam, noise: float = 0.0) -> pd.DataFrame:
    """Deterministic-equivalent ridge risk for ``alpha_p = n / k`` and the GCM penalty ``lam``.

    The simulations minimise ``|y - V w / sqrt(k)|^2 + lam |w|^2``, i.e. the risk of
    :func:`ridge_risk` with penalty ``lam / alpha_p``.
    """
    spec = GCMSpectrum.from_covariances(Omega, b, rho)
    a = np.asarray(alphas_p, float)
    test, train, kappa = ridge_risk(spec, a, lam / a, noise=noise)
    return pd.DataFrame({"alpha_p": a, "test_error": test, "train_loss": train, "kappa": kappa})


def logistic_curve(Omega, b, rho, alphas_p, lam, n_grid: int = 401) -> pd.DataFrame:
    """GCM saddle point of logistic regression on ``sign(nu)``; raises if it does not converge."""
    spec = GCMSpectrum.from_covariances(Omega, b, rho)
    sol = solve_gcm(spec, LogisticClassification(n_grid=n_grid), np.asarray(alphas_p, float), lam)
    if not sol.converged:
        raise RuntimeError(f"logistic saddle point did not converge (residual {sol.residual:.2g})")
    return pd.DataFrame({"alpha_p": sol.alpha, "test_error": sol.test_error,
                         "train_loss": sol.train_loss})


def simulate_ridge(inst: DeepInstance, depths, sizes, lam, activation, teacher_activation,
                   n_test: int, g: np.random.Generator, noise: float = 0.0,
                   gaussian: bool = False) -> pd.DataFrame:
    """Ridge learning curves of every depth on one draw of data (nested training sets).

    With ``gaussian``, also on Gaussian features with the linearised second moments
    (``features = "gaussian"`` rows), the "error universality" comparison.
    """
    n_max = max(sizes)
    x = g.standard_normal((n_max + n_test, inst.d))
    feats, y = features_and_target(inst, x, depths, activation, teacher_activation)
    y_noisy = y + np.sqrt(noise) * g.standard_normal(y.size)
    rows = []
    for L in depths:
        v = feats[L]
        for r in learning_curve(v[:n_max], y_noisy[:n_max], v[n_max:], y[n_max:], sizes, [lam],
                                "ridge"):
            rows.append({**r, "depth": L, "features": "deep"})
        if gaussian:
            Omega, b, rho = population_moments(inst, L, activation, teacher_activation)
            vg, nug = gaussian_equivalent_sample(Omega, b, rho, n_max + n_test, g)
            nug_noisy = nug + np.sqrt(noise) * g.standard_normal(nug.size)
            for r in learning_curve(vg[:n_max], nug_noisy[:n_max], vg[n_max:], nug[n_max:], sizes,
                                    [lam], "ridge"):
                rows.append({**r, "depth": L, "features": "gaussian"})
    return pd.DataFrame(rows)


def simulate_logistic(inst: DeepInstance, depth: int, sizes, lam, activation, teacher_activation,
                      n_test: int, g: np.random.Generator) -> pd.DataFrame:
    """Logistic-regression learning curve on ``sign(y)`` with depth-``depth`` features."""
    n_max = max(sizes)
    x = g.standard_normal((n_max + n_test, inst.d))
    feats, y = features_and_target(inst, x, [depth], activation, teacher_activation)
    v, lab = feats[depth], np.sign(y)
    rows = learning_curve(v[:n_max], lab[:n_max], v[n_max:], lab[n_max:], sizes, [lam],
                          "logistic")
    return pd.DataFrame(rows).assign(depth=depth, features="deep")


# --- arXiv:2302.00401 (plan: dltheory.gcm.plans.DeepRFPlan) -------------------------------

def deep_rf_simulate(plan, task: str, seed: int) -> pd.DataFrame:
    """Simulated learning curves of replicate ``seed``: ridge at every depth (and Gaussian
    features if the plan asks), or logistic at the plan's depth."""
    inst = draw_instance(seed, plan.d, plan.widths, plan.teacher_width)
    g = rng(derive_seed(seed, "sample", task))
    t = getattr(plan, task)
    if task == "ridge":
        df = simulate_ridge(inst, plan.depths, t["sizes"], t["lam"], plan.activation,
                            plan.teacher_activation, plan.n_test, g,
                            gaussian=plan.gaussian_equivalent)
    else:
        df = simulate_logistic(inst, t["depth"], t["sizes"], t["lam"], plan.activation,
                               plan.teacher_activation, plan.n_test, g)
    df["alpha"] = df["n"] / plan.d
    return df.assign(task=task, seed=seed)


def deep_rf_theory(plan, task: str, seed: int) -> pd.DataFrame:
    """Theory curves of replicate ``seed`` against ``alpha = n/d`` (theory grid and simulated ratios)."""
    inst = draw_instance(seed, plan.d, plan.widths, plan.teacher_width)
    t = getattr(plan, task)
    alphas = np.unique(np.concatenate([t["alpha_theory"], t["alpha_sim"]]))
    rows = []
    depths = plan.depths if task == "ridge" else [t["depth"]]
    for L in depths:
        Omega, b, rho = population_moments(inst, L, plan.activation, plan.teacher_activation)
        k = Omega.shape[0]
        if task == "ridge":
            df = ridge_curve(Omega, b, rho, alphas * plan.d / k, t["lam"])
        else:
            df = logistic_curve(Omega, b, rho, alphas * plan.d / k, t["lam"], plan.n_grid)
        rows.append(df.assign(alpha=alphas, depth=L, rho=rho))
    out = pd.concat(rows, ignore_index=True)
    out["on_sim_grid"] = np.isin(np.round(out["alpha"], 10), np.round(t["alpha_sim"], 10))
    return out.assign(task=task, seed=seed)


def deep_rf_collect(sims: pd.DataFrame, theory: pd.DataFrame):
    """``(points, lines)``: simulations (deep and Gaussian features) next to the theory, and theory curves."""
    th = theory[theory["on_sim_grid"]]
    keys = ["task", "depth", "alpha"]
    parts = []
    for feats, sub in sims.groupby("features"):
        parts.append(points_table(sub, th, keys, values=("test_error", "train_loss"))
                     .assign(features=feats))
    points = pd.concat(parts, ignore_index=True)
    lines = theory.groupby(keys)[["test_error", "train_loss"]].mean().reset_index()
    return points, lines


# --- arXiv:2402.13999 (plan: dltheory.gcm.plans.StructuredPlan) ----------------------------

def structured_simulate(plan, gamma: float, seed: int) -> pd.DataFrame:
    """Ridge learning curve against ``n`` on structured deep features with exponent ``gamma``.

    Replicate ``seed`` uses the same Gaussian draws for every ``gamma`` (only the first-layer
    row covariance changes), so the curves of different exponents differ by the structure only.
    """
    inst = draw_instance(seed, plan.d, plan.widths, plan.teacher_width, gamma)
    L = len(plan.widths)
    df = simulate_ridge(inst, [L], plan.n_sim, plan.lam, plan.activation, plan.teacher_activation,
                        plan.n_test, rng(derive_seed(seed, "sample")), noise=plan.noise)
    return df.assign(gamma=gamma, seed=seed)


def structured_theory(plan, gamma: float, seed: int) -> pd.DataFrame:
    """Deterministic-equivalent learning curve of replicate ``seed``.

    ``test_error_lin``: with the layer-wise linearised covariance; ``test_error_mc``: with
    the covariance estimated from ``plan.monte_carlo`` fresh inputs (the authors' protocol:
    their code estimates the population covariance empirically).  ``test_error`` and
    ``train_loss`` are the Monte-Carlo ones when available, else the linearised ones.
    """
    inst = draw_instance(seed, plan.d, plan.widths, plan.teacher_width, gamma)
    L, k = len(plan.widths), plan.widths[-1]
    ns = np.unique(np.concatenate([plan.n_theory, plan.n_sim]).astype(float))
    lin = ridge_curve(*population_moments(inst, L, plan.activation, plan.teacher_activation),
                      ns / k, plan.lam, noise=plan.noise)
    df = pd.DataFrame({"n": ns, "test_error_lin": lin["test_error"],
                       "test_error": lin["test_error"], "train_loss": lin["train_loss"]})
    if plan.monte_carlo:
        g = rng(derive_seed(seed, "monte_carlo"))
        mc = ridge_curve(*monte_carlo_moments(inst, L, plan.activation, plan.teacher_activation,
                                              plan.monte_carlo, g), ns / k, plan.lam,
                         noise=plan.noise)
        df["test_error_mc"] = mc["test_error"]
        df["test_error"] = mc["test_error"]
        df["train_loss"] = mc["train_loss"]
    df["on_sim_grid"] = np.isin(ns, plan.n_sim)
    return df.assign(gamma=gamma, seed=seed)


def structured_spectrum(plan, gamma: float, seed: int = 0) -> pd.DataFrame:
    """Eigenvalues of the linearised feature covariance of replicate ``seed``, decreasing."""
    inst = draw_instance(seed, plan.d, plan.widths, plan.teacher_width, gamma)
    Omega, _, _ = population_moments(inst, len(plan.widths), plan.activation,
                                     plan.teacher_activation)
    ev = np.sort(np.linalg.eigvalsh(Omega))[::-1]
    return pd.DataFrame({"gamma": gamma, "rank": np.arange(1, ev.size + 1), "eigenvalue": ev})


def structured_collect(sims: pd.DataFrame, theory: pd.DataFrame):
    """``(points, lines)`` per ``(gamma, n)``; points also carry the linearised theory."""
    keys = ["gamma", "n"]
    th = theory[theory["on_sim_grid"]]
    sims = sims.assign(n=sims["n"].astype(float))
    points = points_table(sims, th, keys, values=("test_error", "train_loss"))
    lin = th.groupby(keys)["test_error_lin"].mean().rename("test_error_lin").reset_index()
    points = points.merge(lin, on=keys)
    cols = [c for c in ("test_error", "train_loss", "test_error_lin", "test_error_mc")
            if c in theory]
    lines = theory.groupby(keys)[cols].mean().reset_index()
    return points, lines
