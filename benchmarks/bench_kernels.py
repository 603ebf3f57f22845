"""Benchmarks of the kernel learning-curve solvers (not a test).

One learning curve of ridgeless Laplace kernel regression on the sphere S^2 (d = 3), P =
256 ... 16384 (doubling), T = 2048 test points, a smooth deterministic target: our nested
solve (:func:`dltheory.kernels.solvers.krr_nested`: one Cholesky factorisation of the largest
Gram matrix, whose leading blocks serve every smaller P) against the plain solvers a user
would write on the same matrices, one fresh solve per P: ``torch.linalg.cholesky`` +
``cholesky_solve`` (the same LAPACK as ours, no reuse), ``scipy.linalg.solve(...,
assume_a="pos")`` (Cholesky) and ``numpy.linalg.solve`` (LU).  numpy's and scipy's
OpenBLAS (scipy-openblas 0.3.31 in our environment) crashes (SIGSEGV) in its multithreaded
Cholesky at P = 16384 (with ``OPENBLAS_NUM_THREADS=1`` it completes, in 58 s), so those two
run up to ``--scipy-max-P`` / ``--numpy-max-P`` (8192).

Then the three other levers of the issue, each on the same matrices:

* ridges: one Cholesky per ridge (our ``krr_ridges``, still shared by all P) against one
  symmetric eigendecomposition shared by every ridge at a single P (the faster of
  ``numpy.linalg.eigh`` and ``torch.linalg.eigh``):
  the number of ridges at which the eigendecomposition starts to pay;
* seeds: a batch of independent draws factorised as one ``[S, P, P]`` call against a loop;
* float32: time and the relative deviation of the test MSE from float64; float32 is
  accepted where ``|mse32 / mse64 - 1| <= 1e-2`` (a curve's seed scatter is >= 5%, so this
  cannot move a fitted exponent by more than ~0.01), and the benchmark reports where it is
  not.

    OMP_WAIT_POLICY=PASSIVE python benchmarks/bench_kernels.py [--max-P 16384]

(passive OpenMP waiting keeps torch's idle threads from starving OpenBLAS's.)

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


def learning_curve(sizes, n_test, scipy_max_P, numpy_max_P):
    Pmax = max(sizes)
    x = sphere(Pmax + n_test, 3, torch.Generator().manual_seed(0))
    y = target(x)
    K = laplace(x[:Pmax], x[:Pmax])
    Kt = laplace(x[Pmax:], x[:Pmax])
    (mse, _), t_ours = timed(lambda: krr_nested(K, Kt, y[:Pmax], y[Pmax:], sizes))
    Kn, Ktn, yn = K.numpy(), Kt.numpy(), y.numpy()
    rows, t_scipy, t_numpy, t_torch = [], 0.0, 0.0, 0.0
    for i, P in enumerate(sizes):
        # plain torch: a fresh Cholesky solve per P (the same LAPACK as ours, no reuse)
        a, t = timed(lambda: torch.cholesky_solve(y[:P], torch.linalg.cholesky(K[:P, :P])))
        t_torch += t
        mse_t = float(((Kt[:, :P] @ a - y[Pmax:]) ** 2).mean())
        row = {"P": P, "mse_ours": float(mse[i, 0]), "mse_torch_plain": mse_t, "t_torch_plain": t}
        if P <= scipy_max_P:
            a, t = timed(lambda: scipy.linalg.solve(Kn[:P, :P], yn[:P], assume_a="pos",
                                                    check_finite=False))
            t_scipy += t
            row.update(t_scipy=t, mse_scipy=float(np.mean((Ktn[:, :P] @ a - yn[Pmax:]) ** 2)))
        if P <= numpy_max_P:
            a, t = timed(lambda: np.linalg.solve(Kn[:P, :P], yn[:P]))
            t_numpy += t
            row.update(t_numpy=t, mse_numpy=float(np.mean((Ktn[:, :P] @ a - yn[Pmax:]) ** 2)))
        rows.append(row)
        print(f"  P={P:6d}: mse ours {row['mse_ours']:.4e}, plain {mse_t:.4e}; plain solves: "
              f"torch {row['t_torch_plain']:.2f} s, scipy {row.get('t_scipy', np.nan):.2f} s, "
              f"numpy {row.get('t_numpy', np.nan):.2f} s", flush=True)
    rel = max(abs(r["mse_ours"] / r[k] - 1) for r in rows for k in ("mse_torch_plain", "mse_scipy")
              if k in r)
    # float32: the same curve from float32 matrices
    (mse32, jit32), t32 = timed(lambda: krr_nested(K.float(), Kt.float(), y[:Pmax].float(),
                                                   y[Pmax:].float(), sizes))
    dev32 = [abs(float(mse32[i, 0]) / float(mse[i, 0]) - 1) for i in range(len(sizes))]
    del K, Kt, Kn, Ktn
    return {"sizes": list(sizes), "t_ours": t_ours, "t_torch_plain_total": t_torch,
            "t_scipy_total_to": [scipy_max_P, t_scipy], "t_numpy_total_to": [numpy_max_P, t_numpy],
            "max_rel_mse_diff_vs_plain": rel,
            "t_float32": t32, "float32_jitter": jit32,
            "float32_rel_dev": dict(zip(map(int, sizes), dev32)), "rows": rows}


def ridges_vs_eigh(P, n_ridges=16):
    x = sphere(P, 3, torch.Generator().manual_seed(1))
    K = laplace(x, x)
    y = target(x)
    _, t_chol = timed(lambda: cholesky_jitter(K, 1e-3), repeat=2)
    (w, U), t_eigh = timed(lambda: np.linalg.eigh(K.numpy()))
    _, t_eigh_torch = timed(lambda: torch.linalg.eigh(K))
    t_eigh = min(t_eigh, t_eigh_torch)  # the faster of numpy's and torch's
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
    ap.add_argument("--scipy-max-P", type=int, default=8192,
                    help="largest P for scipy (its OpenBLAS 0.3.31 crashes in potrf at 16384 here)")
    ap.add_argument("--numpy-max-P", type=int, default=8192)
    ap.add_argument("--test", type=int, default=2048)
    ap.add_argument("--ridge-P", type=int, default=2048)
    ap.add_argument("--out", type=Path, default=None, help="write the numbers as JSON")
    args = ap.parse_args()
    sizes = [p for p in (256, 512, 1024, 2048, 4096, 8192, 16384, 32768) if p <= args.max_P]
    print(f"torch threads {torch.get_num_threads()}")
    out = {"learning_curve": learning_curve(sizes, args.test, args.scipy_max_P, args.numpy_max_P)}
    lc = out["learning_curve"]
    small = [r for r in lc["rows"] if "t_scipy" in r]
    print(f"learning curve P <= {max(sizes)}: ours {lc['t_ours']:.1f} s (float32 {lc['t_float32']:.1f} s), "
          f"plain per-P torch Cholesky {lc['t_torch_plain_total']:.1f} s; scipy per-P Cholesky up to "
          f"P = {lc['t_scipy_total_to'][0]}: {lc['t_scipy_total_to'][1]:.1f} s (torch plain on the "
          f"same sizes {sum(r['t_torch_plain'] for r in small):.1f} s); numpy LU up to P = "
          f"{lc['t_numpy_total_to'][0]}: {lc['t_numpy_total_to'][1]:.1f} s; "
          f"max |mse/mse_plain - 1| = {lc['max_rel_mse_diff_vs_plain']:.1e}")
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
