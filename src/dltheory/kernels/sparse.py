"""Feature learning against lazy training on a smooth target on the sphere (Petrini et al. 2022).

Petrini, Cagnetta, Vanden-Eijnden, Wyart 2022 (arXiv:2206.12314), Sec. 3-4: regression of
a constant target (their ``norm`` target, ``f*(x) = |x| = 1`` on S^{d-1}) by a one-hidden-
layer ReLU network ``f(x) = sum_j c_j relu(w_j . x)``:

* lazy limit: kernel regression with the network's NTK (:func:`ntk_constant_curve`);
* feature limit: their L1 protocol (unit ``w_j``, L1 penalty on the output weights, penalty
  -> 0) converges to the minimum-L1 interpolant over all neuron directions, a sparse
  predictor of at most P atoms; solved exactly here as a linear programme over a dense
  dictionary of directions (:func:`min_l1_curve`);
* finite networks trained by gradient flow with the alpha trick in both regimes
  (:func:`network_curves`, :mod:`.networks`).
"""

from __future__ import annotations

import math

import numpy as np
import torch
from scipy.optimize import linprog

from .data import sphere
from .functions import ntk_relu
from .networks import count_atoms, predict, train_alpha_networks
from .solvers import krr_nested

__all__ = ["fibonacci_sphere", "dictionary", "ntk_constant_curve", "min_l1_interpolant",
           "min_l1_curve", "network_curves"]


def fibonacci_sphere(n: int) -> np.ndarray:
    """``n`` nearly uniform directions on S^2 (Fibonacci lattice), ``[n, 3]``."""
    i = np.arange(n) + 0.5
    phi = np.arccos(1.0 - 2.0 * i / n)
    theta = math.pi * (1.0 + 5.0**0.5) * i
    return np.stack([np.cos(theta) * np.sin(phi), np.sin(theta) * np.sin(phi), np.cos(phi)], 1)


def dictionary(n: int, d: int, gen: torch.Generator) -> np.ndarray:
    """Neuron directions for the feature limit: a Fibonacci lattice on S^2, uniform otherwise."""
    if d == 3:
        return fibonacci_sphere(n)
    return sphere(n, d, gen).numpy()


def ntk_constant_curve(d: int, sizes: list[int], n_test: int, gen: torch.Generator) -> list[dict]:
    """Lazy limit: ridgeless NTK regression of the constant target, nested sizes, one draw."""
    Pmax = max(sizes)
    x = sphere(Pmax + n_test, d, gen)
    K = ntk_relu(x[:Pmax], x[:Pmax])
    Kt = ntk_relu(x[Pmax:], x[:Pmax])
    ones = torch.ones(Pmax + n_test, 1, dtype=torch.float64)
    mse, jitter = krr_nested(K, Kt, ones[:Pmax], ones[Pmax:], sizes)
    return [{"method": "lazy_kernel", "d": d, "P": int(P), "error": float(mse[i, 0]),
             "n_atoms": np.nan, "train_loss": 0.0, "jitter": jitter}
            for i, P in enumerate(sizes)]


def _relu_features_dot(x: np.ndarray, lam: np.ndarray, directions: np.ndarray,
                       chunk: int = 32768) -> np.ndarray:
    """``Phi^T lam`` with ``Phi[mu, j] = relu(w_j . x_mu)``, in chunks of directions."""
    out = np.empty(directions.shape[0])
    for a in range(0, directions.shape[0], chunk):
        out[a:a + chunk] = np.maximum(directions[a:a + chunk] @ x.T, 0.0) @ lam
    return out


def min_l1_interpolant(x: np.ndarray, y: np.ndarray, directions: np.ndarray,
                       tol: float = 1e-9, max_dense: int = 4_000_000) -> np.ndarray:
    """Coefficients ``c`` minimising ``sum |c_j|`` subject to ``sum_j c_j relu(w_j . x_mu) = y_mu``.

    A linear programme over the dictionary ``directions`` ``[n, d]`` (HiGHS dual simplex); a
    vertex solution has at most P non-zero atoms.  For a positive target (the constant) the
    optimum has ``c >= 0``: the predictor is then the support function of a zonotope
    (``relu(t) = (|t| + t)/2``), convex and 1-homogeneous, and ``sum_j c_j`` is proportional
    to its mean over the sphere.  The programme is solved over ``c >= 0`` by column
    generation: a restricted programme on the directions nearest to the data, then every
    direction of reduced cost ``1 - (Phi^T lambda)_j < -tol`` is added (the most negative
    ``2P`` per round) until none is left, so the answer is the exact optimum over the whole
    dictionary at the cost of a few products ``Phi^T lambda``.  It is accepted only if the
    final dual also satisfies ``Phi^T lambda >= -1`` (feasible for the dual of the signed
    problem, hence optimal for it); otherwise the signed programme ``c = c+ - c-`` is solved
    on the full dictionary.  Below ``max_dense`` entries of ``Phi`` the first restricted
    programme is the whole dictionary (one solve, no generation round).
    """
    n, P = directions.shape[0], x.shape[0]
    if np.all(y > 0):
        if n * P <= max_dense:
            cols = np.arange(n)
        else:  # start from the directions nearest to the data (where the atoms sit)
            k = max(1, min(n, 8 * P) // P)
            cols = np.unique(np.argsort(-(directions @ x.T), axis=0)[:k].ravel())
        while True:
            phi = np.maximum(x @ directions[cols].T, 0.0)
            res = linprog(np.ones(len(cols)), A_eq=phi, b_eq=y, bounds=(0, None),
                          method="highs-ds")
            if res.status != 0:  # restricted programme infeasible: widen it
                if len(cols) == n:
                    break
                cols = np.unique(np.concatenate([cols, np.arange(n)[::max(1, n // (4 * P))]]))
                continue
            lam = res.eqlin.marginals
            dual = _relu_features_dot(x, lam, directions)
            bad = np.nonzero(dual > 1.0 + tol)[0]
            bad = bad[~np.isin(bad, cols)]
            if len(bad) == 0:
                if dual.min() >= -1.0 - tol:
                    c = np.zeros(n)
                    c[cols] = res.x
                    return c
                break
            cols = np.union1d(cols, bad[np.argsort(-dual[bad])[:2 * P]])
    phi = np.maximum(x @ directions.T, 0.0)
    res = linprog(np.ones(2 * n), A_eq=np.hstack([phi, -phi]), b_eq=y, bounds=(0, None),
                  method="highs-ds")
    if res.status != 0:
        raise RuntimeError(f"min-L1 interpolation failed: {res.message}")
    return res.x[:n] - res.x[n:]


def min_l1_curve(d: int, sizes: list[int], n_test: int, directions_per_P: int,
                 gen: torch.Generator) -> list[dict]:
    """Feature limit: test error and atom count of the minimum-L1 interpolant, nested sizes.

    The dictionary has ``directions_per_P * P`` directions at each P (a Fibonacci lattice on
    S^2, uniform draws otherwise): its spacing stays a fixed fraction of the atoms', so the
    finite-dictionary effect is a constant factor of the error and does not bias the
    exponent.  Besides the mean squared error, ``bias`` is the test mean of ``f - 1`` and
    ``frac_below`` the fraction of test points where ``f < 1`` (the predictor undershoots
    between the training points: the programme minimises ``sum c_j``, i.e. the mean of f).
    """
    Pmax = max(sizes)
    x = sphere(Pmax + n_test, d, gen).numpy()
    rows = []
    for P in sizes:
        W = dictionary(directions_per_P * P, d, gen)
        c = min_l1_interpolant(x[:P], np.ones(P), W)
        nz = np.abs(c) > 1e-9 * np.abs(c).max()
        e = np.maximum(x[Pmax:] @ W[nz].T, 0.0) @ c[nz] - 1.0
        rows.append({"method": "feature_limit", "d": d, "P": int(P),
                     "error": float(np.mean(e**2)), "n_atoms": int(nz.sum()), "train_loss": 0.0,
                     "jitter": 0.0, "bias": float(e.mean()), "frac_below": float((e < 0).mean()),
                     "n_directions": int(W.shape[0])})
    return rows


def network_curves(d: int, sizes: list[int], seeds: list[int], regimes: dict[str, float],
                   width: int, n_test: int, max_steps: int, loss_target: float,
                   data_gen, init_gen: torch.Generator,
                   device: torch.device | str = "cpu",
                   max_dgrad: dict[str, float] | None = None) -> list[dict]:
    """Networks of every seed and size trained together, one batched flow per regime.

    ``regimes`` maps a method name (``lazy_net``, ``feature_net``) to alpha;
    ``data_gen(seed)`` returns the generator of a seed's inputs (the same draw as the
    kernel methods of that seed); the flow runs on ``device`` with the step control
    ``max_dgrad[method]`` of :func:`.networks.train_alpha_networks` (default inf).  Rows ``{method, d, seed, P,
    error, n_atoms, train_loss, flow_time, steps}``; ``train_loss`` is ``(1/2P) sum (F - y)^2``
    at the end (``loss_target`` reached, or ``max_steps`` spent).
    """
    Pmax = max(sizes)
    xs = {s: sphere(Pmax + n_test, d, data_gen(s)) for s in seeds}
    rows = []
    for method, alpha_m in regimes.items():  # separate flows: the lazy ones stop early
        reps = [(s, P) for s in seeds for P in sizes]
        x = torch.stack([xs[s][:Pmax] for s, _ in reps]).to(device)
        xt = torch.stack([xs[s][Pmax:] for s, _ in reps]).to(device)
        y = torch.ones(len(reps), Pmax, dtype=torch.float64, device=device)
        n = torch.tensor([P for _, P in reps])
        alpha = torch.full((len(reps),), float(alpha_m), dtype=torch.float64)
        res = train_alpha_networks(x, y, n, alpha, width, init_gen, max_steps, loss_target,
                                   max_dgrad=(max_dgrad or {}).get(method, math.inf))
        err = ((predict(res, alpha.to(device), xt) - 1.0) ** 2).mean(dim=1).cpu()
        for r, (s, P) in enumerate(reps):
            rows.append({"method": method, "d": d, "seed": s, "P": int(P),
                         "error": float(err[r]),
                         "n_atoms": count_atoms(res.a[r].cpu(), res.W[r].cpu(), x[r, :P].cpu()),
                         "train_loss": float(res.train_loss[r]),
                         "flow_time": float(res.time[r]), "steps": res.steps, "jitter": 0.0})
    return rows
