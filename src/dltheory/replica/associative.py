"""Storage capacity of linear associative memories (factual recall).

Giorlandino, Goldt & Maillard, "Factual recall in linear associative memories: sharp
asymptotics and mechanistic insights", arXiv:2605.10795.  Only the abstract could be
read here; the model and measurements below follow it, the algorithms are ours.

Model
-----
``p`` input embeddings ``x_mu`` and target embeddings ``y_mu`` in ``R^d`` (i.i.d.
``N(0, I_d / d)``, rows of ``X``, ``Y``).  A linear memory ``W in R^{d x d}`` stores the
association ``mu`` if the mapped input scores its own target above every other one::

    s_{mu nu} = y_nu^T W x_mu,      s_{mu mu} > s_{mu nu}  for all nu != mu          (A1)

(``p (p - 1)`` homogeneous linear constraints on the ``d^2`` entries of ``W``).  In the
*decoupled* model each input has its own i.i.d. competitors ``y_{mu nu}``
(``nu = 1..p-1``) in place of the other targets.  The capacity ``p_c(d)`` is the
largest ``p`` for which a ``W`` satisfying (A1) exists; the paper's statistical-physics
result for the decoupled model is ``p_c log p_c / d^2 -> 1/2`` as ``d -> infinity``,
with logarithmic finite-size corrections.  The Hebbian memory is ``W = sum_mu y_mu x_mu^T``.

Deciding feasibility
--------------------
(A1) is feasible iff the convex squared hinge

    L(W) = sum_{mu != nu} max(0, 1 - s_{mu mu} + s_{mu nu})^2                          (A2)

has minimum 0 (scale any strict solution until every margin is >= 1).  We minimise (A2)
by L-BFGS and stop as soon as every margin is positive (a certificate of
feasibility); a converged minimum > 0 certifies infeasibility up to the optimiser's
tolerance.  The decision is checked against an exact linear program in the tests.
Gradient: with ``r = max(0, 1 - margin)`` and ``h_mu = W x_mu``,
``dL/dh_mu = 2 sum_nu r_{mu nu} (y_nu - y_mu)``, ``dL/dW = sum_mu (dL/dh_mu) x_mu^T``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import minimize

from ..core.seeding import derive_seed, rng

__all__ = ["embeddings", "competitors", "scores", "squared_hinge", "store", "StoreResult", "critical_p",
           "hebbian_success", "hebbian_critical_p", "capacity_law", "score_statistics",
           "simulate_capacity", "summarise_capacity"]


def embeddings(p: int, d: int, rng_: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Inputs ``X`` and targets ``Y``, each (p, d) with i.i.d. ``N(0, 1/d)`` entries."""
    return rng_.standard_normal((p, d)) / np.sqrt(d), rng_.standard_normal((p, d)) / np.sqrt(d)


def competitors(p: int, d: int, rng_: np.random.Generator) -> np.ndarray:
    """Decoupled model: ``p - 1`` fresh competitors per input, (p, p - 1, d); a prefix
    ``[:p', :p' - 1]`` is the decoupled instance with ``p'`` associations."""
    return rng_.standard_normal((p, p - 1, d)) / np.sqrt(d)


def scores(W: np.ndarray, X: np.ndarray, Y: np.ndarray, Yc: np.ndarray | None = None):
    """``(correct scores (p,), competitor scores (p, p-1))`` of (A1)."""
    H = X @ W.T
    a = np.einsum("pd,pd->p", H, Y)
    if Yc is None:
        S = H @ Y.T
        off = ~np.eye(len(X), dtype=bool)
        return a, S[off].reshape(len(X), len(X) - 1)
    return a, np.matmul(H[:, None, :], Yc.transpose(0, 2, 1))[:, 0, :]


@dataclass
class StoreResult:
    """``feasible``: True (certified), False (converged with loss > 0) or None (undecided:
    iteration cap); ``W`` the last iterate; ``iterations`` of L-BFGS."""

    feasible: bool | None
    W: np.ndarray
    iterations: int
    loss: float


class _Found(Exception):
    pass


def squared_hinge(W: np.ndarray, X: np.ndarray, Y: np.ndarray, YcT: np.ndarray | None = None):
    """Loss (A2), its gradient with respect to ``W`` and the smallest margin.

    ``YcT`` is the decoupled competitors transposed to (p, d, p - 1) (None: coupled).
    """
    H = X @ W.T
    a = np.einsum("pd,pd->p", H, Y)
    if YcT is None:
        S = H @ Y.T
        np.fill_diagonal(S, -np.inf)
    else:
        S = np.matmul(H[:, None, :], YcT)[:, 0, :]
    M = a[:, None] - S
    r = np.maximum(0.0, 1.0 - M)
    if YcT is None:
        np.fill_diagonal(r, 0.0)
        gH = 2 * (r @ Y - r.sum(1)[:, None] * Y)
    else:
        gH = 2 * (np.matmul(YcT, r[:, :, None])[:, :, 0] - r.sum(1)[:, None] * Y)
    return float(np.sum(r * r)), gH.T @ X, float(M.min())


def store(X: np.ndarray, Y: np.ndarray, Yc: np.ndarray | None = None, W0: np.ndarray | None = None,
          max_iter: int = 5000) -> StoreResult:
    """Search a memory ``W`` storing all ``p`` associations (coupled, or decoupled with ``Yc``)."""
    p, d = X.shape
    state = {"W": None, "n": 0}
    YcT = None if Yc is None else np.ascontiguousarray(Yc.transpose(0, 2, 1))

    def fun(w):
        state["n"] += 1
        W = w.reshape(d, d)
        loss, grad, margin = squared_hinge(W, X, Y, YcT)
        if margin > 0:
            state["W"] = W.copy()
            raise _Found
        return loss, grad.ravel()

    w0 = (Y.T @ X if W0 is None else W0).ravel()
    try:
        res = minimize(fun, w0, jac=True, method="L-BFGS-B",
                       options={"maxiter": max_iter, "gtol": 1e-12, "ftol": 1e-15, "maxcor": 20})
    except _Found:
        return StoreResult(True, state["W"], state["n"], 0.0)
    decided = res.status == 0 and res.fun > 0  # converged to a positive minimum
    return StoreResult(False if decided else None, res.x.reshape(d, d), res.nit, float(res.fun))


def capacity_law(d) -> np.ndarray:
    """``p`` solving ``p log p = d^2 / 2`` (the paper's ``d -> infinity`` capacity), by Newton's method."""
    target = 0.5 * np.asarray(d, float) ** 2
    p = np.maximum(target / np.log(np.maximum(target, 3.0)), 2.0)
    for _ in range(50):
        p = p - (p * np.log(p) - target) / (np.log(p) + 1)
    return p


def critical_p(X: np.ndarray, Y: np.ndarray, Yc: np.ndarray | None = None, p0: int | None = None):
    """Largest ``p`` whose prefix ``X[:p], Y[:p]`` (and ``Yc[:p, :p-1]``) is storable.

    Storability of prefixes is monotone (a longer prefix adds constraints), so a
    geometric bracket from ``p0`` and a bisection find it exactly.  Undecided solves count
    as failures.  Returns ``(p_star, W at p_star, undecided solves, solves)``.
    """
    d = X.shape[1]
    undecided = 0
    cache: dict[int, StoreResult] = {}

    def ok(p: int) -> bool:
        nonlocal undecided
        if p not in cache:
            warm = max((q for q in cache if q < p and cache[q].feasible), default=None)
            cache[p] = store(X[:p], Y[:p], None if Yc is None else Yc[:p, :p - 1],
                             W0=cache[warm].W if warm else None)
            undecided += cache[p].feasible is None
        return bool(cache[p].feasible)

    p_max = len(X)
    p = int(min(max(p0 or 0.7 * capacity_law(d) * 2, 3), p_max))
    lo, hi = 1, None
    while hi is None:
        if ok(p):
            lo = p
            if p == p_max:
                raise ValueError(f"p_max = {p_max} is storable: draw more embeddings")
            p = min(int(np.ceil(p * 1.25)), p_max)
        else:
            hi = p
            while lo < 2 and p > 2:  # bracket from below too
                p = max(2, p // 2)
                if ok(p):
                    lo = p
                else:
                    hi = p
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if ok(mid):
            lo = mid
        else:
            hi = mid
    return lo, (cache[lo].W if lo in cache else None), undecided, len(cache)


def hebbian_success(X: np.ndarray, Y: np.ndarray) -> bool:
    """Does ``W = sum_mu y_mu x_mu^T`` store every association of (A1)?"""
    S = (X @ X.T) @ (Y @ Y.T)  # s_{mu nu} = sum_k (x_mu . x_k)(y_k . y_nu)
    diag = np.diag(S).copy()
    np.fill_diagonal(S, -np.inf)
    return bool(np.all(diag > S.max(axis=1)))


def hebbian_critical_p(X: np.ndarray, Y: np.ndarray) -> int:
    """Largest prefix ``p`` stored by the Hebbian rule, by bisection (success is taken as
    monotone in ``p``, true in distribution but not sample by sample)."""
    lo, hi = 1, len(X) + 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if hebbian_success(X[:mid], Y[:mid]):
            lo = mid
        else:
            hi = mid
    return lo


def score_statistics(W: np.ndarray, X: np.ndarray, Y: np.ndarray) -> pd.DataFrame:
    """Per association: correct score, largest competitor score and competitors' spread,
    and the gap ``delta = (s_mumu - max_nu s_munu) / std_nu(s_munu)``."""
    a, S = scores(W, X, Y)
    sd = S.std(axis=1)
    return pd.DataFrame({"correct": a / sd, "competitor_max": S.max(axis=1) / sd,
                         "delta": (a - S.max(axis=1)) / sd})


def simulate_capacity(d: int, seeds, models: list[str], n_embed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Critical ``p`` per seed for each model (``coupled``, ``decoupled``, ``hebbian``), and
    the score statistics of the optimal (coupled, at its ``p*``) and Hebbian memories at the
    same ``p``.  Streams ``embeddings`` and ``competitors``."""
    rows, stats = [], []
    for seed in seeds:
        X, Y = embeddings(n_embed, d, rng(derive_seed(seed, "embeddings", d)))
        for model in models:
            undecided, solves, W = 0, 0, None
            if model == "hebbian":
                p_star = hebbian_critical_p(X, Y)
            elif model == "coupled":
                p_star, W, undecided, solves = critical_p(X, Y)
            elif model == "decoupled":
                Yc = competitors(n_embed, d, rng(derive_seed(seed, "competitors", d)))
                p_star, _, undecided, solves = critical_p(X, Y, Yc)
            else:
                raise ValueError(f"unknown model {model!r} (coupled, decoupled, hebbian)")
            rows.append({"d": d, "seed": seed, "model": model, "p_star": p_star,
                         "c": p_star * np.log(p_star) / d**2, "undecided": undecided, "solves": solves})
            if model == "coupled" and W is not None:
                Xp, Yp = X[:p_star], Y[:p_star]
                for name, Wm in (("optimal", W), ("hebbian", Yp.T @ Xp)):
                    st = score_statistics(Wm, Xp, Yp).assign(d=d, seed=seed, p=p_star, memory=name)
                    stats.append(st)
    return pd.DataFrame(rows), (pd.concat(stats, ignore_index=True) if stats else pd.DataFrame())


def summarise_capacity(runs: pd.DataFrame) -> pd.DataFrame:
    """Mean and standard error of ``c = p* log p* / d^2`` (and of ``p*``) per (model, d),
    with the asymptotic law ``p_c(d)``."""
    g = runs.groupby(["model", "d"])
    out = g.agg(c=("c", "mean"), c_sem=("c", "sem"), p_star=("p_star", "mean"),
                p_star_sem=("p_star", "sem"), n_seeds=("seed", "nunique"),
                undecided=("undecided", "sum"), solves=("solves", "sum")).reset_index()
    out["p_law"] = capacity_law(out["d"])
    return out
