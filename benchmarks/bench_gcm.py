"""Benchmarks of the Gaussian-covariate-model family (not a test): the replica solver and the simulations.

Solver: saddle points per second along a learning curve (ridge and logistic, alpha = n/p
on a grid) for one GCM instance, the authors' random-features example scaled down
(latent D, student p = 2D erf features, teacher k = D sign features), next to the
authors' own state-evolution code when its checkout is given (IdePHICS/GCMProject, the
folder holding ``state_evolution/``; fetched at run time, never committed):

    OPENBLAS_NUM_THREADS=1 python benchmarks/bench_gcm.py --gcmproject ~/src/GCMProject

Both are run on the same covariances and their test errors are compared point by point.

Simulations: ridge and logistic learning curves (nested training sets, several
penalties) by :func:`dltheory.gcm.learning.learning_curve`, against a plain reference:
one fresh normal-equation solve (``numpy.linalg.inv``, as in the authors' simulation
code) per ridge fit and ``scipy.optimize`` L-BFGS per logistic fit.

Every measurement is repeated and the minimum and median are reported; on a shared
machine compare ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from dltheory.gcm.channels import LogisticClassification, RidgeRegression  # noqa: E402
from dltheory.gcm.learning import learning_curve  # noqa: E402
from dltheory.gcm.linearisation import gcm_from_networks, linearise_network  # noqa: E402
from dltheory.gcm.replica import solve_gcm  # noqa: E402
from dltheory.gcm.samplers import network_forward, random_weights, readout  # noqa: E402
from dltheory.gcm.spectra import GCMSpectrum  # noqa: E402


def instance(D: int, seed: int = 0):
    """``(Psi, Phi, Omega, theta)`` of the random-features GCM, ``Phi = E[u v^T]`` (k x p)."""
    rng = np.random.default_rng(seed)
    F, Fbar = random_weights(rng, 2 * D, D), random_weights(rng, D, D)
    theta = rng.standard_normal(D)
    student = linearise_network([F], ["erf"])
    teacher = linearise_network([Fbar], ["sign"])
    Phi = teacher.M @ student.M.T                     # E[u v^T] through the latent
    return teacher.Omega, Phi, student.Omega, theta, (F, Fbar)


def timed(fn, repeats: int):
    times, out = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return out, {"min_s": min(times), "median_s": statistics.median(times)}


def bench_solver(D: int, alphas, lam: float, ref: str | None, repeats: int, ref_points: int):
    Psi, Phi, Omega, theta, _ = instance(D)
    results = {}
    for task, channel in (("ridge", RidgeRegression()), ("logistic", LogisticClassification())):
        def ours():
            spec = GCMSpectrum.from_teacher(Psi, Phi, Omega, theta)   # eigendecomposition included
            return solve_gcm(spec, channel, alphas, lam).test_error
        err, t = timed(ours, repeats)
        results[task] = {"points": len(alphas), "dltheory": t,
                         "dltheory_points_per_s": len(alphas) / t["median_s"],
                         "dltheory_test_error": err.tolist()}
        if ref:
            sys.path.insert(0, ref)
            from state_evolution.data_models.custom import Custom
            from state_evolution.experiments.learning_curve import CustomExperiment

            sub = np.asarray(alphas)[:: max(1, len(alphas) // ref_points)]
            task_name = "ridge_regression" if task == "ridge" else "logistic_regression"

            def theirs():
                model = Custom(teacher_teacher_cov=Psi, student_student_cov=Omega,
                               teacher_student_cov=Phi, teacher_weights=theta)
                exp = CustomExperiment(task=task_name, regularisation=lam, data_model=model,
                                       initialisation="uninformed", tolerance=1e-8, damping=0.5,
                                       verbose=False, max_steps=2000)
                exp.learning_curve(alphas=sub)
                return exp.get_curve()["test_error"].to_numpy()
            ref_err, t_ref = timed(theirs, max(1, repeats // 2))
            mine = solve_gcm(GCMSpectrum.from_teacher(Psi, Phi, Omega, theta), channel, sub,
                             lam).test_error
            results[task].update({
                "gcmproject": t_ref, "gcmproject_points": len(sub),
                "gcmproject_points_per_s": len(sub) / t_ref["median_s"],
                "max_abs_difference_of_test_errors": float(np.max(np.abs(ref_err - mine))),
            })
            results[task]["speedup"] = (results[task]["dltheory_points_per_s"]
                                        / results[task]["gcmproject_points_per_s"])
    return results


def plain_learning_curve(V, y, Vt, yt, ns, lams, loss):
    """Reference: every fit from scratch (normal equations by ``inv``; L-BFGS for logistic)."""
    from scipy.optimize import minimize

    p = V.shape[1]
    A, At = V / np.sqrt(p), Vt / np.sqrt(p)
    out = []
    for n in ns:
        for lam in lams:
            if loss == "ridge":
                w = np.linalg.inv(A[:n].T @ A[:n] + lam * np.eye(p)) @ A[:n].T @ y[:n]
                out.append(np.mean((At @ w - yt) ** 2))
            else:
                def f(w):
                    z = y[:n] * (A[:n] @ w)
                    s = 0.5 * (1 - np.tanh(0.5 * z))           # sigmoid(-z)
                    return (np.sum(np.logaddexp(0, -z)) + 0.5 * lam * w @ w,
                            -A[:n].T @ (y[:n] * s) + lam * w)
                w = minimize(f, np.zeros(p), jac=True, method="L-BFGS-B",
                             options={"maxiter": 10_000, "gtol": 1e-8}).x
                out.append(np.mean(np.sign(At @ w) != yt))
    return np.array(out)


def bench_simulation(D: int, alphas, lams, repeats: int):
    *_, (F, Fbar) = instance(D)
    rng = np.random.default_rng(1)
    theta = rng.standard_normal(D)
    p = F.shape[0]
    ns = [int(a * p) for a in alphas]
    c = rng.standard_normal((max(ns) + 2000, D))
    v = network_forward(c, [F], ["erf"])
    nu = readout(network_forward(c, [Fbar], ["sign"]), theta)
    V, Vt, y, yt = v[:max(ns)], v[max(ns):], nu[:max(ns)], nu[max(ns):]
    results = {}
    for loss, lab, labt in (("ridge", y, yt), ("logistic", np.sign(y), np.sign(yt))):
        ours, t = timed(lambda: learning_curve(V, lab, Vt, labt, ns, lams, loss), repeats)
        ref, t_ref = timed(lambda: plain_learning_curve(V, lab, Vt, labt, ns, lams, loss),
                           max(1, repeats // 2))
        ours_err = np.array([r["test_error"] for r in sorted(ours, key=lambda r: (r["n"], r["lam"]))])
        results[loss] = {"fits": len(ns) * len(lams), "p": p, "dltheory": t, "plain": t_ref,
                         "speedup": t_ref["median_s"] / t["median_s"],
                         "max_abs_difference_of_test_errors": float(np.max(np.abs(ours_err - ref)))}
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gcmproject", help="checkout of IdePHICS/GCMProject (holds state_evolution/)")
    parser.add_argument("--D", type=int, default=200, help="latent dimension (student p = 2D)")
    parser.add_argument("--points", type=int, default=40, help="alphas on the learning curve")
    parser.add_argument("--ref-points", type=int, default=8,
                        help="alphas given to the (slow) reference solver")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args(argv)

    alphas = np.linspace(0.1, 4.0, args.points)
    results = {"setup": {"D": args.D, "p": 2 * args.D, "k": args.D, "lambda": 0.05},
               "solver": bench_solver(args.D, alphas, 0.05, args.gcmproject, args.repeats,
                                      args.ref_points),
               "simulation": bench_simulation(args.D, [0.25, 0.5, 1.0, 2.0, 4.0], [1e-2, 1e-1],
                                              args.repeats)}
    for task, r in results["solver"].items():
        line = f"solver     {task:9s} dltheory {r['dltheory_points_per_s']:9.1f} points/s"
        if "gcmproject" in r:
            line += (f"   GCMProject {r['gcmproject_points_per_s']:8.2f} points/s   "
                     f"ratio {r['speedup']:7.1f}x   max |diff| {r['max_abs_difference_of_test_errors']:.1e}")
        print(line)
    for loss, r in results["simulation"].items():
        print(f"simulation {loss:9s} {r['fits']} fits at p={r['p']}: dltheory {r['dltheory']['median_s']:.3f} s, "
              f"plain {r['plain']['median_s']:.3f} s, ratio {r['speedup']:.1f}x, "
              f"max |diff| {r['max_abs_difference_of_test_errors']:.1e}")
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
