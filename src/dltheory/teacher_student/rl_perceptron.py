"""The RL perceptron: policy learning from sparse rewards, its ODE and its simulation.

Patel, Lee, Sarao Mannelli, Goldt, Saxe, "The RL Perceptron: Generalisation Dynamics of
Policy Learning in High Dimensions", arXiv:2306.10404 (Phys. Rev. X 15, 021051 (2025)).

Model and conventions (those of the paper and of its notebook ``ODEs_simulations.ipynb``)
-----------------------------------------------------------------------------------------
A teacher ``w*`` and a student ``w`` in ``R^D`` with ``|w*|^2 = D``.  An episode is ``T``
decisions: input ``x_t ~ N(0, I_D)``, action ``y_t = sign(w . x_t / sqrt D)``, which is
correct iff it equals the teacher's ``sign(w* . x_t / sqrt D)``.  After the episode,

    w  <-  w + c / (T sqrt D) * sum_t y_t x_t,

with ``c = eta_1`` if the episode is rewarded and ``c = -eta_2`` if it is not (``eta_2`` is
the learning rate of the negative reward; ``eta_2 = 0``: no penalty).  An episode is
rewarded when at least ``n`` of its ``T`` decisions are correct; ``n = T`` is the sparse
rule "all decisions correct".  Time ``alpha = episodes / D``.

Order parameters ``R = w.w*/D``, ``Q = w.w/D``, ``rho = R/sqrt(Q)``; a decision is correct
with probability ``p = 1 - arccos(rho)/pi`` and ``eps = arccos(rho)/pi`` is the
generalisation error per decision.

ODE (``D -> infinity``)
-----------------------
With ``nu = w*.x/sqrt D``, ``lambda = w.x/sqrt D`` (jointly Gaussian, variances 1 and ``Q``,
covariance ``R``), ``E[y nu 1(correct)] = (1+rho)/sqrt(2 pi)``,
``E[y nu 1(wrong)] = -(1-rho)/sqrt(2 pi)`` and ``E[|lambda| 1(correct/wrong)] =
sqrt(Q)(1 +- rho)/sqrt(2 pi)``.  Conditioning on decision ``t`` leaves the other ``T-1``
independent, so with ``c(k)`` the coefficient of an episode with ``k`` correct decisions

    dR/dalpha = [a1 (1 + rho) - a0 (1 - rho)] / sqrt(2 pi)
    dQ/dalpha = 2 sqrt(Q) [a1 (1 + rho) + a0 (1 - rho)] / sqrt(2 pi) + b / T

    a1 = E[c | t correct] = sum_j B_{T-1,j}(p) c(j+1),   a0 = E[c | t wrong] = sum_j B_{T-1,j}(p) c(j),
    b  = E[c^2]           = sum_k B_{T,k}(p) c(k)^2,      B_{m,j}(p) = binom(m, j) p^j (1-p)^(m-j).

These are the paper's closed ``(R, Q)`` equations for the threshold rules; for ``n = T``
they coincide with the notebook's ``all_neg`` equations at leading order in ``1/D`` (the
notebook also keeps the ``O(1/D)`` corrections of the ``dQ`` noise term, which we drop).

Simulation
----------
:func:`simulate_full` runs the ``D``-dimensional perceptrons.  :func:`simulate_reduced`
samples the *same* stochastic process of ``(R, Q)`` exactly, in ``O(T)`` per episode: by
rotational symmetry only the components of ``x_t`` along ``w*`` and along the part of ``w``
orthogonal to it (``nu_t`` and ``xi_t``, independent standard normals, ``lambda_t = R nu_t +
sqrt(Q - R^2) xi_t``) enter the decisions, and the remaining ``D - 2`` components add
``|a|^2 chi^2_{D-2}`` to ``|sum_t a_t x_t|^2`` with ``a_t = c y_t``.  No approximation is made:
``tests/unit/teacher_student/test_rl_perceptron.py`` checks both simulators against each other.
Each replica draws from its own random streams, in chunks, so its trajectory does not depend
on what it is batched with.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.special import comb

__all__ = ["RewardRule", "rule_tables", "ode_rates", "integrate_ode", "initial_overlaps",
           "simulate_reduced", "simulate_full", "generalisation_error", "crossing_time"]

_SQRT_2PI = math.sqrt(2 * math.pi)


@dataclass(frozen=True)
class RewardRule:
    """A threshold reward rule: reward iff at least ``n`` of ``T`` decisions are correct.

    Attributes
    ----------
    T : decisions per episode
    n : correct decisions needed for the reward (``n = T``: all of them)
    eta1 : learning rate after a rewarded episode (``eta_1``)
    eta2 : learning rate of the negative reward after an unrewarded one (``eta_2``)
    """

    T: int
    n: int
    eta1: float
    eta2: float = 0.0

    def __post_init__(self) -> None:
        if int(self.T) < 1:
            raise ValueError(f"T must be >= 1, got {self.T}")
        if not 1 <= int(self.n) <= int(self.T):
            raise ValueError(f"need 1 <= n <= T, got n={self.n}, T={self.T}")
        if self.eta1 < 0 or self.eta2 < 0:
            raise ValueError(f"learning rates must be >= 0, got {self.eta1}, {self.eta2}")

    @property
    def key(self) -> str:
        """A file-name-safe identifier, e.g. ``T6_n6_eta1-1_eta2-0.2``."""
        return f"T{self.T}_n{self.n}_eta1-{self.eta1:g}_eta2-{self.eta2:g}"

    @classmethod
    def from_key(cls, key: str) -> "RewardRule":
        t, n, e1, e2 = key.split("_")
        return cls(int(t[1:]), int(n[1:]), float(e1.split("-", 1)[1]), float(e2.split("-", 1)[1]))

    def coefficients(self) -> np.ndarray:
        """``c(k)`` for ``k = 0..T`` correct decisions: ``eta1`` if ``k >= n``, else ``-eta2``."""
        k = np.arange(self.T + 1)
        return np.where(k >= self.n, float(self.eta1), -float(self.eta2))

    def label(self) -> str:
        """Short mathtext label, e.g. ``all T=6 correct, eta_2=0.2``."""
        need = f"all ${self.T}$" if self.n == self.T else f"$\\geq {self.n}$ of ${self.T}$"
        return f"{need} correct, $\\eta_2={self.eta2:g}$"


def rule_tables(rules) -> tuple[np.ndarray, np.ndarray]:
    """Batch a list of rules: ``T [B]`` and coefficient table ``c [B, T_max + 1]`` (zero-padded)."""
    T = np.array([r.T for r in rules], dtype=int)
    coef = np.zeros((len(rules), T.max() + 1))
    for b, r in enumerate(rules):
        coef[b, : r.T + 1] = r.coefficients()
    return T, coef


def _bernstein(p: np.ndarray, degree: np.ndarray, coef: np.ndarray) -> np.ndarray:
    """``sum_{j <= degree} binom(degree, j) p^j (1-p)^(degree-j) coef[:, j]`` per batch row."""
    j = np.arange(coef.shape[1])[None, :]
    deg = degree[:, None]
    valid = j <= deg
    weights = comb(deg, j) * p[:, None] ** j * (1 - p[:, None]) ** np.where(valid, deg - j, 0)
    return np.sum(np.where(valid, weights * coef, 0.0), axis=1)


def ode_rates(R: np.ndarray, Q: np.ndarray, T: np.ndarray, coef: np.ndarray):
    """Right-hand side ``(dR/dalpha, dQ/dalpha)`` of the ODE in the module docstring.

    Parameters
    ----------
    R, Q : ``[B]`` order parameters (``Q > 0``)
    T, coef : from :func:`rule_tables`
    """
    rho = np.clip(R / np.sqrt(Q), -1.0, 1.0)
    p = 1.0 - np.arccos(rho) / np.pi
    a1 = _bernstein(p, T - 1, coef[:, 1:])
    a0 = _bernstein(p, T - 1, coef[:, :-1])
    b = _bernstein(p, T, coef**2)
    dR = (a1 * (1 + rho) - a0 * (1 - rho)) / _SQRT_2PI
    dQ = 2 * np.sqrt(Q) * (a1 * (1 + rho) + a0 * (1 - rho)) / _SQRT_2PI + b / T
    return dR, dQ


def integrate_ode(R0, Q0, rules, alphas, dt: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Integrate the ODE by fourth-order Runge-Kutta with step ``dt`` for a batch of rules.

    Parameters
    ----------
    R0, Q0 : ``[B]`` initial overlaps (e.g. those of the simulated students)
    rules : ``B`` :class:`RewardRule`
    alphas : increasing recording times, starting at 0 (``alphas[0] = 0``)

    Returns ``R, Q`` of shape ``[len(alphas), B]``.  A student whose norm collapses
    (``Q -> 0``, possible for large ``eta_2``) keeps ``Q`` at a tiny floor.
    """
    T, coef = rule_tables(rules)
    R = np.array(R0, dtype=float).copy()
    Q = np.array(Q0, dtype=float).copy()
    alphas = np.asarray(alphas, dtype=float)
    out_R, out_Q = np.empty((alphas.size, R.size)), np.empty((alphas.size, R.size))
    floor = 1e-12

    def f(R, Q):
        return ode_rates(R, np.maximum(Q, floor), T, coef)

    t = 0.0
    for i, target in enumerate(alphas):
        while t < target - 1e-12:
            h = min(dt, target - t)
            k1 = f(R, Q)
            k2 = f(R + h / 2 * k1[0], Q + h / 2 * k1[1])
            k3 = f(R + h / 2 * k2[0], Q + h / 2 * k2[1])
            k4 = f(R + h * k3[0], Q + h * k3[1])
            R = R + h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0])
            Q = np.maximum(Q + h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]), floor)
            t += h
        out_R[i], out_Q[i] = R, Q
    return out_R, out_Q


def initial_overlaps(D: int, rng: np.random.Generator) -> tuple[float, float]:
    """``(R0, Q0)`` of a random student rescaled to ``|w|^2 = D`` (the reference's init).

    ``R0`` is the cosine between a uniformly random direction and the teacher:
    ``z / sqrt(z^2 + chi^2_{D-1})``; ``Q0 = 1``.
    """
    z = rng.standard_normal()
    return float(z / math.sqrt(z * z + rng.chisquare(D - 1))), 1.0


def _record_steps(alphas, D: int) -> np.ndarray:
    steps = np.rint(np.asarray(alphas, dtype=float) * D).astype(int)
    if steps.size == 0 or steps[0] != 0 or np.any(np.diff(steps) < 0):
        raise ValueError("recording times must start at 0 and increase")
    return steps


def simulate_reduced(rules, D: int, alphas, init_seeds, episode_seeds, chunk: int = 2048):
    """Exact simulation of ``(R, Q)`` for ``B`` replicas at once (module docstring).

    Parameters
    ----------
    rules : ``B`` :class:`RewardRule` (one per replica)
    D : input dimension
    alphas : recording times (``alpha = episodes / D``), starting at 0
    init_seeds, episode_seeds : one seed per replica for its initial student and episodes

    Returns ``R, Q`` of shape ``[len(alphas), B]``.
    """
    B = len(rules)
    T, coef = rule_tables(rules)
    steps_rec = _record_steps(alphas, D)
    inits = [initial_overlaps(D, np.random.default_rng(int(s))) for s in init_seeds]
    R = np.array([r for r, _ in inits])
    Q = np.array([q for _, q in inits])
    gens = [np.random.default_rng(int(s)) for s in episode_seeds]
    Tmax = int(T.max())
    # Padded decisions have nu = xi = 0, hence lambda = 0: they add nothing to the sums
    # below and count as correct (lambda >= 0, nu >= 0), which ``n_pad`` removes.
    n_pad = Tmax - T
    rows = np.arange(B)
    out_R, out_Q = np.empty((steps_rec.size, B)), np.empty((steps_rec.size, B))
    rec, step, total = 0, 0, int(steps_rec[-1])
    TD, TTDD = T * D, (T * D) ** 2
    while rec < steps_rec.size:
        L = max(1, min(chunk, total - step))
        nu = np.zeros((L, B, Tmax))
        xi = np.zeros((L, B, Tmax))
        chi = np.zeros((L, B))
        for b, g in enumerate(gens):  # each replica's own stream
            nu[:, b, : T[b]] = g.standard_normal((L, T[b]))
            xi[:, b, : T[b]] = g.standard_normal((L, T[b]))
            if D > 2:
                chi[:, b] = g.chisquare(D - 2, size=L)
        nu_pos = nu >= 0
        abs_nu = np.abs(nu)
        sum_abs_nu = abs_nu.sum(axis=2)
        for i in range(L):
            while rec < steps_rec.size and steps_rec[rec] == step:
                out_R[rec], out_Q[rec] = R, Q
                rec += 1
            if step >= total:
                break
            lam = R[:, None] * nu[i] + np.sqrt(np.maximum(Q - R * R, 0.0))[:, None] * xi[i]
            pos = lam >= 0
            correct = pos == nu_pos[i]
            c = coef[rows, correct.sum(axis=1) - n_pad]
            s_nu = 2 * np.sum(abs_nu[i], axis=1, where=correct) - sum_abs_nu[i]  # sum_t y_t nu_t
            s_xi = 2 * np.sum(xi[i], axis=1, where=pos) - xi[i].sum(axis=1)     # sum_t y_t xi_t
            s_lam = np.abs(lam).sum(axis=1)                                       # sum_t y_t lambda_t
            R = R + c * s_nu / TD
            Q = Q + 2 * c * s_lam / TD + c * c * (s_nu * s_nu + s_xi * s_xi + T * chi[i]) / TTDD
            step += 1
    return out_R, out_Q


def simulate_full(rules, D: int, alphas, init_seeds, episode_seeds, chunk: int = 256):
    """The ``D``-dimensional RL perceptron, ``B`` replicas at once (slow: ``O(T D)`` per episode).

    Same arguments and return value as :func:`simulate_reduced`; teacher and student are
    drawn from each replica's init stream and rescaled to norm ``sqrt D``.
    """
    B = len(rules)
    T, coef = rule_tables(rules)
    steps_rec = _record_steps(alphas, D)
    teachers, students = np.empty((B, D)), np.empty((B, D))
    for b, s in enumerate(init_seeds):
        g = np.random.default_rng(int(s))
        for arr in (teachers, students):
            v = g.standard_normal(D)
            arr[b] = v * math.sqrt(D) / np.linalg.norm(v)
    gens = [np.random.default_rng(int(s)) for s in episode_seeds]
    Tmax = int(T.max())
    mask = np.arange(Tmax)[None, :] < T[:, None]
    rows = np.arange(B)
    out_R, out_Q = np.empty((steps_rec.size, B)), np.empty((steps_rec.size, B))
    rec, step, total = 0, 0, int(steps_rec[-1])
    sq = math.sqrt(D)
    while rec < steps_rec.size:
        L = max(1, min(chunk, total - step))
        X = np.zeros((L, B, Tmax, D))
        for b, g in enumerate(gens):
            X[:, b, : T[b]] = g.standard_normal((L, T[b], D))
        for i in range(L):
            while rec < steps_rec.size and steps_rec[rec] == step:
                out_R[rec] = np.sum(students * teachers, axis=1) / D
                out_Q[rec] = np.sum(students * students, axis=1) / D
                rec += 1
            if step >= total:
                break
            nu = np.einsum("btd,bd->bt", X[i], teachers) / sq
            lam = np.einsum("btd,bd->bt", X[i], students) / sq
            y = np.where(lam >= 0, 1.0, -1.0)
            correct = ((y > 0) == (nu >= 0)) & mask
            c = coef[rows, correct.sum(axis=1)]
            students += (c / (T * sq))[:, None] * np.einsum("bt,btd->bd", y * mask, X[i])
            step += 1
    return out_R, out_Q


def generalisation_error(R, Q) -> np.ndarray:
    """Per-decision error ``eps = arccos(R / sqrt Q) / pi``."""
    rho = np.clip(np.asarray(R) / np.sqrt(np.asarray(Q)), -1.0, 1.0)
    return np.arccos(rho) / np.pi


def crossing_time(alphas, rho, level: float) -> float:
    """First ``alpha`` where ``rho`` reaches ``level`` (linear interpolation); ``nan`` if never."""
    alphas = np.asarray(alphas, dtype=float)
    rho = np.asarray(rho, dtype=float)
    above = np.nonzero(rho >= level)[0]
    if above.size == 0:
        return float("nan")
    j = above[0]
    if j == 0:
        return float(alphas[0])
    a0, a1, r0, r1 = alphas[j - 1], alphas[j], rho[j - 1], rho[j]
    return float(a0 + (level - r0) / (r1 - r0) * (a1 - a0))
