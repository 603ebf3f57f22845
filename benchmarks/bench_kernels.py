"""Benchmarks of the kernel learning-curve solvers (not a test).

One learning curve of ridgeless Laplace kernel regression on the sphere S^2 (d = 3), P =
256 ... 16384 (doubling), T = 2048 test points, a smooth deterministic target: our nested
solve (:func:`dltheory.kernels.solvers.krr_nested`: one Cholesky factorisation of the largest
Gram matrix, whose leading blocks serve every smaller P) against the plain solvers a user
would write on the same matrices, one fresh solve per P:
``scipy.linalg.solve(..., assume_a="pos")`` (Cholesky) and ``numpy.linalg.solve`` (LU).

Then the three other levers of the issue, each on the same matrices:

* ridges: one Cholesky per ridge (our ``krr_ridges``, still shared by all P) against one
  symmetric eigendecomposition shared by every ridge at a single P (``numpy.linalg.eigh``):
  the number of ridges at which the eigendecomposition starts to pay;
* seeds: a batch of independent draws factorised as one ``[S, P, P]`` call against a loop;
* float32: time and the relative deviation of the test MSE from float64; float32 is
  accepted where ``|mse32 / mse64 - 1| <= 1e-2`` (a curve's seed scatter is >= 5%, so this
  cannot move a fitted exponent by more than ~0.01), and the benchmark reports where it is
  not.

    OMP_NUM_THREADS=2 python benchmarks/bench_kernels.py [--max-P 16384] [--numpy-max-P 8192]

P = 16384 needs about 6 GB (the Gram matrix, its factor, one working copy). On a shared
machine compare ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.linalg
import torch

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from dltheory.kernels.data import sphere  # noqa: E402
from dltheory.kernels.functions import laplace  # noqa: E402
from dltheory.kernels.solvers import cholesky_jitter, krr_nested  # noqa: E402


def target(x: torch.Tensor) -> torch.Tensor:
    """A smooth function on the sphere, ``[n, 1]``."""
    return (x[:, :1] * x[:, 1:2] + torch.cos(3 * x[:, 2:3])).to(x.dtype)


def timed(fn, repeat: int = 1):
    """``(result, min seconds)`` over ``repeat`` calls."""
    best, out = np.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return out, best


def learning_curve(sizes, n_test, numpy_max_P):
    Pmax = max(sizes)
    x = sphere(Pmax + n_test, 3, torch.Generator().manual_seed(0))
    y = target(x)
    K = laplace(x[:Pmax], x[:Pmax])
    Kt = laplace(x[Pmax:], x[:Pmax])
    (mse, _), t_ours = timed(lambda: krr_nested(K, Kt, y[:Pmax], y[Pmax:], sizes))
    Kn, Ktn, yn = K.numpy(), Kt.numpy(), y.numpy()
    rows, t_scipy, t_numpy = [], 0.0, 0.0
    for i, P in enumerate(sizes):
        a, t = timed(lambda: scipy.linalg.solve(Kn[:P, :P], yn[:P], assume_a="pos",
                                                check_finite=False))
        t_scipy += t
        mse_s = float(np.mean((Ktn[:, :P] @ a - yn[Pmax:]) ** 2))
        row = {"P": P, "mse_ours": float(mse[i, 0]), "mse_scipy": mse_s, "t_scipy": t}
        if P <= numpy_max_P:
            a, t = timed(lambda: np.linalg.solve(Kn[:P, :P], yn[:P]))
            t_numpy += t
            row.update(t_numpy=t, mse_numpy=float(np.mean((Ktn[:, :P] @ a - yn[Pmax:]) ** 2)))
        rows.append(row)
        print(f"  P={P:6d}: mse ours {row['mse_ours']:.4e}, scipy {mse_s:.4e}, scipy solve {t:.2f} s",
              flush=True)
    rel = max(abs(r["mse_ours"] / r["mse_scipy"] - 1) for r in rows)
    # float32: the same curve from float32 matrices
    (mse32, jit32), t32 = timed(lambda: krr_nested(K.float(), Kt.float(), y[:Pmax].float(),
                                                   y[Pmax:].float(), sizes))
    dev32 = [abs(float(mse32[i, 0]) / float(mse[i, 0]) - 1) for i in range(len(sizes))]
    del K, Kt, Kn, Ktn
    return {"sizes": list(sizes), "t_ours": t_ours, "t_scipy_total": t_scipy,
            "t_numpy_total_to": [numpy_max_P, t_numpy], "max_rel_mse_diff_vs_scipy": rel,
            "t_float32": t32, "float32_jitter": jit32,
            "float32_rel_dev": dict(zip(map(int, sizes), dev32)), "rows": rows}


def ridges_vs_eigh(P, n_ridges=16):
    x = sphere(P, 3, torch.Generator().manual_seed(1))
    K = laplace(x, x)
    y = target(x)
    _, t_chol = timed(lambda: cholesky_jitter(K, 1e-3), repeat=2)
    (w, U), t_eigh = timed(lambda: np.linalg.eigh(K.numpy()))
    ridges = np.geomspace(1e-4, 1.0, n_ridges)
    # the eigendecomposition answers every ridge in O(P^2): check one against Cholesky
    coef_e = U @ ((U.T @ y.numpy()) / (w[:, None] + ridges[3]))
    L, _ = cholesky_jitter(K, float(ridges[3]))
    coef_c = torch.cholesky_solve(y, L).numpy()
    agree = float(np.abs(coef_e - coef_c).max() / np.abs(coef_c).max())
    return {"P": P, "t_cholesky": t_chol, "t_eigh": t_eigh,
            "break_even_ridges": t_eigh / t_chol, "eigh_vs_cholesky_rel": agree}


def batched_seeds(P, seeds):
    x = torch.stack([sphere(P, 3, torch.Generator().manual_seed(10 + s)) for s in range(seeds)])
    K = laplace(x, x)
    _, t_batch = timed(lambda: torch.linalg.cholesky(K), repeat=3)
    _, t_loop = timed(lambda: [torch.linalg.cholesky(K[s]) for s in range(seeds)], repeat=3)
    return {"P": P, "seeds": seeds, "t_batched": t_batch, "t_loop": t_loop}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-P", type=int, default=16384)
    ap.add_argument("--numpy-max-P", type=int, default=8192)
    ap.add_argument("--test", type=int, default=2048)
    ap.add_argument("--ridge-P", type=int, default=2048)
    ap.add_argument("--out", type=Path, default=None, help="write the numbers as JSON")
    args = ap.parse_args()
    sizes = [p for p in (256, 512, 1024, 2048, 4096, 8192, 16384, 32768) if p <= args.max_P]
    print(f"torch threads {torch.get_num_threads()}")
    out = {"learning_curve": learning_curve(sizes, args.test, args.numpy_max_P)}
    lc = out["learning_curve"]
    print(f"learning curve P <= {max(sizes)}: ours {lc['t_ours']:.1f} s (float32 {lc['t_float32']:.1f} s), "
          f"scipy per-P Cholesky {lc['t_scipy_total']:.1f} s; numpy LU up to P = "
          f"{lc['t_numpy_total_to'][0]}: {lc['t_numpy_total_to'][1]:.1f} s; "
          f"max |mse/mse_scipy - 1| = {lc['max_rel_mse_diff_vs_scipy']:.1e}")
    print("float32 relative MSE deviation: " + ", ".join(
        f"P={p}: {v:.1e}" for p, v in lc["float32_rel_dev"].items()))
    out["ridges"] = ridges_vs_eigh(args.ridge_P)
    r = out["ridges"]
    print(f"P={r['P']}: Cholesky {r['t_cholesky']:.2f} s, eigh {r['t_eigh']:.2f} s: eigh pays "
          f"beyond {r['break_even_ridges']:.0f} ridges (agreement {r['eigh_vs_cholesky_rel']:.1e})")
    out["seeds"] = batched_seeds(1024, 8)
    s = out["seeds"]
    print(f"{s['seeds']} seeds at P={s['P']}: batched {s['t_batched']:.2f} s, loop {s['t_loop']:.2f} s")
    if args.out:
        args.out.write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
