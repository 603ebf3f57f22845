"""Greedy label attacks on an online linear learner: ODE, steady state, simulation.

Margiotta, Goldt, Sanguinetti, "Attacks on Online Learners: a Teacher-Student Analysis",
NeurIPS 2023, arXiv:2305.11132; synthetic experiments of the reference code
RiccardoGM/AttacksOnOnlineLearners (``SyntheticDataExperiments``, linear regression).

Model
-----
Inputs ``x ~ N(0, I_D)``; teacher ``phi*(x) = w*.x/sqrt D`` (``|w*|^2 = D``); nefarious target
``phi_dag(x) = w_dag.x/sqrt D`` with ``w_dag = -w*`` (the reference's label-flipping target);
student ``phi(x) = w.x/sqrt D``, pre-trained (``w = w*`` at the start, as in the reference).
The attacker replaces each label by ``y_dag = phi* + a (phi_dag - phi*)``, ``a in [a_min, a_max]``;
the student makes one online SGD step on the squared loss,

    w <- w + eta / sqrt D * (y_dag - phi(x)) x,             time t = steps / D.

Greedy attack (the paper's greedy strategy, batch size 1): ``a`` minimises the running cost
of the next step, ``C~ a^2 / 2 + gamma~ (D / eta) d(w_next)``, with ``d(w) = E_x[(phi -
phi_dag)^2] / 2 = |w - w_dag|^2 / (2D)`` the nefarious distance, ``C~ = C E_x[(phi_dag -
phi*)^2] = 4 C`` (the reference normalises the cost by the teacher-target error) and
future-weight prefactor ``gamma~`` (1 in the reference).  The cost is quadratic in ``a``, so

    a = clip( gamma~ Delta [(nu_dag - lambda) - eta s (nu - lambda)] / (C~ + gamma~ eta s Delta^2) ),

with ``nu = phi*(x)``, ``nu_dag = phi_dag(x)``, ``lambda = phi(x)``, ``Delta = nu_dag - nu``,
``s = |x|^2 / D`` (1 for ``D -> infinity``).  The reference minimises the same cost over a
51-point grid of ``a`` with ``d`` estimated on a buffer of 200 samples; we take the exact
minimiser and the exact ``d``.

ODE (``D -> infinity``, fixed ``eta``; ``R = w.w*/D``, ``Q = w.w/D``, ``e = y_dag - lambda``)

    dR/dt = eta E[e nu],      dQ/dt = 2 eta E[e lambda] + eta^2 E[e^2],

over ``(nu, lambda)`` Gaussian with variances ``1, Q`` and covariance ``R`` (2-D
Gauss-Hermite quadrature).  Observables: ``eps_g = E[(phi - phi*)^2]/2 = (Q - 2R + 1)/2``, the
reference's relative distance ``d_rel = |w - w*| / |w_dag - w*| = sqrt(Q - 2R + 1)/2`` and the
accuracy of the student as a classifier of the teacher's signs, ``1 - arccos(R/sqrt Q)/pi``.

Small learning rate
-------------------
As ``eta -> 0`` the SGD noise ``Q - R^2`` vanishes, ``w = R w*`` and the steady state solves
``1 - R = 2 E[a nu^2]`` with ``a = min(2 gamma~ (1 + R) nu^2 / C~, a_max)`` (:func:`small_eta_overlap`):
``R`` decreases continuously as the attack strengthens (``C`` decreases), and the accuracy,
1 for ``R > 0`` and 0 for ``R < 0``, jumps at the critical cost ``C*`` where ``R = 0`` (the
paper's discontinuous transition).  At finite ``eta`` the noise ``Q - R^2 ~ eta`` smooths the
jump over a range of ``C`` of relative width ``~ sqrt(eta)``.

Simulation
----------
:func:`simulate_full` runs the ``D``-dimensional learner.  :func:`simulate_reduced` samples the
same process of ``(R, Q)`` exactly in ``O(1)`` per step: ``nu``, ``xi`` (the component of ``x``
along the part of ``w`` orthogonal to ``w*``) and ``|x|^2 = nu^2 + xi^2 + chi^2_{D-2}`` are
all the attacker and the update need (rotational invariance).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq
from scipy.stats import chi2

__all__ = ["Attack", "greedy_action", "ode_rates", "integrate_ode", "steady_state",
           "small_eta_overlap", "critical_cost", "simulate_reduced", "simulate_full",
           "observables"]


@dataclass(frozen=True)
class Attack:
    """A greedy attacker and the learner it attacks.

    Attributes
    ----------
    C : cost weight of the action (small C: strong attack)
    eta : learning rate of the student
    gamma : prefactor of the future weight ``D / eta`` of the nefarious cost (``gamma~``)
    a_min, a_max : range of the action
    """

    C: float
    eta: float
    gamma: float = 1.0
    a_min: float = -2.0
    a_max: float = 3.0

    @property
    def C_tilde(self) -> float:
        """``C E[(phi_dag - phi*)^2] = 4 C`` for ``w_dag = -w*``."""
        return 4.0 * self.C


def _arrays(attacks):
    f = lambda name: np.array([getattr(a, name) for a in attacks], dtype=float)
    return {"Ct": 4.0 * f("C"), "eta": f("eta"), "gamma": f("gamma"), "a_min": f("a_min"),
            "a_max": f("a_max")}


def greedy_action(nu, lam, s, Ct, eta, gamma, a_min, a_max):
    """The greedy action (module docstring) for ``w_dag = -w*``; arrays broadcast."""
    delta = -2.0 * nu
    a = gamma * delta * ((-nu - lam) - eta * s * (nu - lam)) / (Ct + gamma * eta * s * delta**2)
    return np.clip(a, a_min, a_max)


_NODES: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _nodes(n: int):
    if n not in _NODES:
        x, w = np.polynomial.hermite_e.hermegauss(n)
        _NODES[n] = (x, w / w.sum())
    return _NODES[n]


def ode_rates(R, Q, par: dict, n: int = 80):
    """``(dR/dt, dQ/dt, <a>)`` for a batch; ``par`` from :func:`_arrays` (each ``[B]``).

    Expectations over ``nu = z1``, ``lambda = R z1 + sqrt(Q - R^2) z2`` by an ``n x n``
    Gauss-Hermite rule (the clipped action makes the integrand kinked; ``n = 80`` is
    accurate to ~1e-4, see the tests).
    """
    x, w = _nodes(n)
    z1, z2 = x[None, :, None], x[None, None, :]
    W = (w[:, None] * w[None, :])[None]
    R = np.asarray(R, dtype=float)[:, None, None]
    Q = np.asarray(Q, dtype=float)[:, None, None]
    col = {k: v[:, None, None] for k, v in par.items()}
    nu = z1
    lam = R * z1 + np.sqrt(np.maximum(Q - R * R, 0.0)) * z2
    a = greedy_action(nu, lam, 1.0, col["Ct"], col["eta"], col["gamma"], col["a_min"], col["a_max"])
    e = nu * (1.0 - 2.0 * a) - lam
    eta = col["eta"][:, 0, 0]
    dR = eta * np.sum(W * e * nu, axis=(1, 2))
    dQ = 2 * eta * np.sum(W * e * lam, axis=(1, 2)) + eta**2 * np.sum(W * e * e, axis=(1, 2))
    return dR, dQ, np.sum(W * a, axis=(1, 2))


def integrate_ode(attacks, times, R0=1.0, Q0=1.0, dt: float = 0.5, n: int = 80):
    """Heun integration of the ODE for a batch of attacks, recorded at ``times``.

    ``dt`` is the step in ``eta t`` (the natural time of the learner), so every ``eta``
    takes the same number of steps per relaxation time.  Returns ``R, Q, <a>`` of shape
    ``[len(times), B]``.
    """
    par = _arrays(attacks)
    B = len(attacks)
    R = np.full(B, float(R0)) if np.ndim(R0) == 0 else np.array(R0, dtype=float)
    Q = np.full(B, float(Q0)) if np.ndim(Q0) == 0 else np.array(Q0, dtype=float)
    times = np.asarray(times, dtype=float)
    out = np.empty((3, times.size, B))
    t = np.zeros(B)
    for i, target in enumerate(times):
        while np.any(t < target - 1e-12):
            h = np.minimum(dt / par["eta"], target - t)
            k1 = ode_rates(R, Q, par, n)
            k2 = ode_rates(R + h * k1[0], Q + h * k1[1], par, n)
            R, Q = R + h / 2 * (k1[0] + k2[0]), Q + h / 2 * (k1[1] + k2[1])
            t = t + h
        out[0, i], out[1, i], out[2, i] = R, Q, ode_rates(R, Q, par, n)[2]
    return out[0], out[1], out[2]


def steady_state(attacks, tau: float = 4.0, dt: float = 0.1, newton: int = 12, n: int = 80,
                 tol: float = 1e-9):
    """Fixed point ``(R, Q, <a>)`` of the ODE, reached from the pre-trained student ``R = Q = 1``.

    Heun steps of ``dt`` in ``eta t`` up to ``eta t = tau`` bring every attack of the batch
    near its fixed point; Newton iterations (finite-difference Jacobian, steps halved while
    they would make ``Q < R^2``) then solve ``dR/dt = dQ/dt = 0``.  Raises if the scaled
    rates ``d/d(eta t)`` still exceed ``tol``.
    """
    par = _arrays(attacks)
    R, Q = np.ones(len(attacks)), np.ones(len(attacks))
    h = dt / par["eta"]
    for _ in range(int(math.ceil(tau / dt))):
        k1 = ode_rates(R, Q, par, n)
        k2 = ode_rates(R + h * k1[0], Q + h * k1[1], par, n)
        R, Q = R + h / 2 * (k1[0] + k2[0]), Q + h / 2 * (k1[1] + k2[1])
    eps = 1e-6
    for _ in range(newton):
        f_R, f_Q, _ = ode_rates(R, Q, par, n)
        gR = ode_rates(R + eps, Q, par, n)
        gQ = ode_rates(R, Q + eps, par, n)
        a11, a21 = (gR[0] - f_R) / eps, (gR[1] - f_Q) / eps
        a12, a22 = (gQ[0] - f_R) / eps, (gQ[1] - f_Q) / eps
        det = a11 * a22 - a12 * a21
        dR = -(a22 * f_R - a12 * f_Q) / det
        dQ = -(-a21 * f_R + a11 * f_Q) / det
        step = np.ones_like(R)
        for _ in range(30):
            bad = (Q + step * dQ) < (R + step * dR) ** 2
            if not bad.any():
                break
            step = np.where(bad, step / 2, step)
        R, Q = R + step * dR, Q + step * dQ
    dR, dQ, a = ode_rates(R, Q, par, n)
    worst = float(np.max(np.abs(np.concatenate([dR, dQ]) / np.tile(par["eta"], 2))))
    if not np.isfinite(worst) or worst > tol:
        raise RuntimeError(f"steady state not reached: |d/d(eta t)| = {worst:.2e} > {tol}")
    return R, Q, a


def _mean_clipped(b: float, a_max: float) -> float:
    """``E[min(b nu^2, a_max) nu^2]`` for ``nu ~ N(0,1)``, ``b >= 0`` (chi-square identities)."""
    if b <= 0:
        return 0.0
    u = a_max / b
    return b * 3.0 * chi2.cdf(u, 5) + a_max * (1.0 - chi2.cdf(u, 3))


def small_eta_overlap(C: float, gamma: float = 1.0, a_max: float = 3.0) -> float:
    """Steady-state ``R`` for ``eta -> 0``: root of ``1 - R = 2 E[min(k (1+R) nu^2, a_max) nu^2]``,
    ``k = 2 gamma / C~`` (module docstring); ``Q = R^2``."""
    k = 2.0 * gamma / (4.0 * C)
    f = lambda R: (1.0 - R) - 2.0 * _mean_clipped(k * (1.0 + R), a_max)
    return float(brentq(f, -1.0, 1.0, xtol=1e-12))


def critical_cost(gamma: float = 1.0, a_max: float = 3.0) -> float:
    """``C*`` where the ``eta -> 0`` steady state has ``R = 0``: the accuracy jumps from 1 to 0."""
    f = lambda logC: small_eta_overlap(math.exp(logC), gamma, a_max)
    return float(math.exp(brentq(f, math.log(1e-4), math.log(1e4), xtol=1e-12)))


def _record_steps(times, D):
    steps = np.rint(np.asarray(times, dtype=float) * D).astype(int)
    if steps[0] != 0 or np.any(np.diff(steps) < 0):
        raise ValueError("recording times must start at 0 and increase")
    return steps


def simulate_reduced(attacks, D: int, times, seeds, chunk: int = 4096):
    """Exact simulation of ``(R, Q)`` and of the actions, ``B`` learners at once.

    Each learner starts pre-trained (``R = Q = 1``) and draws from its own stream.  Returns
    ``R, Q`` at ``times`` and the running mean of ``a`` since the previous recording,
    each ``[len(times), B]``.
    """
    par = _arrays(attacks)
    B = len(attacks)
    steps_rec = _record_steps(times, D)
    gens = [np.random.default_rng(int(s)) for s in seeds]
    R, Q = np.ones(B), np.ones(B)
    out = np.full((3, steps_rec.size, B), np.nan)
    a_sum, a_n = np.zeros(B), 0
    rec, step, total = 0, 0, int(steps_rec[-1])
    eta = par["eta"]
    while rec < steps_rec.size:
        L = max(1, min(chunk, total - step))
        nu, xi, chi = np.empty((L, B)), np.empty((L, B)), np.empty((L, B))
        for b, g in enumerate(gens):
            nu[:, b] = g.standard_normal(L)
            xi[:, b] = g.standard_normal(L)
            chi[:, b] = g.chisquare(D - 2, size=L)
        s_all = (nu * nu + xi * xi + chi) / D
        for i in range(L):
            while rec < steps_rec.size and steps_rec[rec] == step:
                out[0, rec], out[1, rec] = R, Q
                out[2, rec] = a_sum / a_n if a_n else np.nan
                a_sum, a_n = np.zeros(B), 0
                rec += 1
            if step >= total:
                break
            lam = R * nu[i] + np.sqrt(np.maximum(Q - R * R, 0.0)) * xi[i]
            a = greedy_action(nu[i], lam, s_all[i], par["Ct"], eta, par["gamma"], par["a_min"],
                              par["a_max"])
            e = nu[i] * (1.0 - 2.0 * a) - lam
            R = R + eta * e * nu[i] / D
            Q = Q + (2 * eta * e * lam + eta * eta * e * e * s_all[i]) / D
            a_sum, a_n = a_sum + a, a_n + 1
            step += 1
    return out[0], out[1], out[2]


def simulate_full(attacks, D: int, times, seeds, chunk: int = 512):
    """The ``D``-dimensional learner under greedy attacks (``O(D)`` per step); as :func:`simulate_reduced`."""
    par = _arrays(attacks)
    B = len(attacks)
    steps_rec = _record_steps(times, D)
    gens = [np.random.default_rng(int(s)) for s in seeds]
    teacher = np.empty((B, D))
    for b, g in enumerate(gens):
        v = g.standard_normal(D)
        teacher[b] = v * math.sqrt(D) / np.linalg.norm(v)
    w = teacher.copy()
    out = np.full((3, steps_rec.size, B), np.nan)
    a_sum, a_n = np.zeros(B), 0
    rec, step, total = 0, 0, int(steps_rec[-1])
    eta, sq = par["eta"], math.sqrt(D)
    while rec < steps_rec.size:
        L = max(1, min(chunk, total - step))
        X = np.empty((L, B, D))
        for b, g in enumerate(gens):
            X[:, b] = g.standard_normal((L, D))
        for i in range(L):
            while rec < steps_rec.size and steps_rec[rec] == step:
                out[0, rec] = np.sum(w * teacher, axis=1) / D
                out[1, rec] = np.sum(w * w, axis=1) / D
                out[2, rec] = a_sum / a_n if a_n else np.nan
                a_sum, a_n = np.zeros(B), 0
                rec += 1
            if step >= total:
                break
            x = X[i]
            nu = np.sum(teacher * x, axis=1) / sq
            lam = np.sum(w * x, axis=1) / sq
            s = np.sum(x * x, axis=1) / D
            a = greedy_action(nu, lam, s, par["Ct"], eta, par["gamma"], par["a_min"], par["a_max"])
            e = nu * (1.0 - 2.0 * a) - lam
            w += (eta * e / sq)[:, None] * x
            a_sum, a_n = a_sum + a, a_n + 1
            step += 1
    return out[0], out[1], out[2]


def observables(R, Q) -> dict:
    """``eps_g``, relative distance ``d_rel`` and accuracy (module docstring) from ``R, Q``."""
    R, Q = np.asarray(R, dtype=float), np.asarray(Q, dtype=float)
    gap = np.maximum(Q - 2 * R + 1, 0.0)
    rho = np.clip(R / np.sqrt(np.maximum(Q, 1e-300)), -1, 1)
    return {"eps_g": gap / 2, "d_rel": np.sqrt(gap) / 2, "accuracy": 1 - np.arccos(rho) / np.pi}
