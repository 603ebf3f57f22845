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


def min_l1_interpolant(x: np.ndarray, y: np.ndarray, directions: np.ndarray) -> np.ndarray:
    """Coefficients ``c`` minimising ``sum |c_j|`` subject to ``sum_j c_j relu(w_j . x_mu) = y_mu``.

    A linear programme (HiGHS dual simplex) in ``c = c+ - c-``; a vertex solution has at
    most P non-zero atoms.
    """
    phi = np.maximum(x @ directions.T, 0.0)
    n = directions.shape[0]
    res = linprog(np.ones(2 * n), A_eq=np.hstack([phi, -phi]), b_eq=y, bounds=(0, None),
                  method="highs-ds")
    if res.status != 0:
        raise RuntimeError(f"min-L1 interpolation failed: {res.message}")
    return res.x[:n] - res.x[n:]


def min_l1_curve(d: int, sizes: list[int], n_test: int, n_directions: int,
                 gen: torch.Generator) -> list[dict]:
    """Feature limit: test error and atom count of the minimum-L1 interpolant, nested sizes."""
    Pmax = max(sizes)
    x = sphere(Pmax + n_test, d, gen).numpy()
    W = dictionary(n_directions, d, gen)
    test_features = np.maximum(x[Pmax:] @ W.T, 0.0)
    rows = []
    for P in sizes:
        c = min_l1_interpolant(x[:P], np.ones(P), W)
        err = float(np.mean((test_features @ c - 1.0) ** 2))
        n_atoms = int((np.abs(c) > 1e-9 * np.abs(c).max()).sum())
        rows.append({"method": "feature_limit", "d": d, "P": int(P), "error": err,
                     "n_atoms": n_atoms, "train_loss": 0.0, "jitter": 0.0})
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
