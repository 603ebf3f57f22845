"""Benchmarks of the replica family (not a test): theory solvers and simulations.

State evolution (goldt2021): points per second along the MSE-vs-Delta curve (61 points,
Delta/Delta_c in [0.05, 1.6], Hopfield prior) for our Gauss-Hermite + damped fixed-point
solver, against a plain reference written here for the comparison: every step's
Gaussian average by adaptive ``scipy.integrate.quad`` (P = 1) or ``dblquad`` (P = 2,
per step only: a whole curve takes too long), the approach of the authors' se_*.py.

AMP (goldt2021): seconds per network (N = 1000, rectified synapses) for our AMP, and,
given a checkout of sgoldt/reconstructing_memories, for the authors' ``amp.xx`` on the
same score matrices (their Cython mean-field priors are not needed and are stubbed).

Capacity search (giorlandino2026): seconds to decide whether p associations can be
stored (d = 16, p around capacity) by our L-BFGS squared-hinge search against the exact
HiGHS linear program (scipy.optimize.linprog).

Linear diffusion theory (merger2025): theory points per second, vectorised over N/d
against one Marchenko-Pastur integral at a time.

    OPENBLAS_NUM_THREADS=1 python benchmarks/bench_replica.py [--reconstructing-memories DIR]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
import types
from pathlib import Path

import numpy as np
from scipy import integrate
from scipy.optimize import linprog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dltheory.replica.amp import amp, empirical_inv_delta, matched_mse, se_mse, se_step, state_evolution  # noqa: E402
from dltheory.replica.associative import embeddings, store  # noqa: E402
from dltheory.replica.hopfield import connectivity, fisher_score, noise_for_delta, threshold_for_connectivity  # noqa: E402
from dltheory.replica.linear_diffusion import KL_DIRECTIONS, Training, ddpm_schedule, mp_kl, theory_kl  # noqa: E402
from dltheory.replica.priors import hopfield_prior  # noqa: E402


def _timed(fn, repeat=3):
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times), out


def plain_se_p1(delta, tol=1e-10, max_iter=3000):
    """Reference: m <- int Dz tanh(m/Delta + sqrt(m/Delta) z) by adaptive quadrature each step."""
    m = 1e-4
    for _ in range(max_iter):
        x = m / delta
        new = integrate.quad(lambda z: np.exp(-z * z / 2) / np.sqrt(2 * np.pi) * np.tanh(x + np.sqrt(x) * z),
                             -10, 10)[0]
        if abs(new - m) <= tol * (1 + abs(new)):
            return 1 - new
        m = new
    return 1 - m


def plain_se_step_p2(M, delta):
    """Reference: one rank-2 state-evolution step with dblquad for each of the 3 entries of M."""
    prior = hopfield_prior(2)
    X = M / delta
    vals, vecs = np.linalg.eigh(X)
    root = (vecs * np.sqrt(np.clip(vals, 0, None))) @ vecs.T
    out = np.zeros((2, 2))
    for a, b in ((0, 0), (0, 1), (1, 1)):
        def f(z2, z1):
            g = np.exp(-(z1 * z1 + z2 * z2) / 2) / (2 * np.pi)
            total = 0.0
            for s, w in zip(prior.support, prior.weights):
                B = X @ s + root @ np.array([z1, z2])
                mean, _ = prior.f_in(X, B[None, :])
                total += w * mean[0, a] * s[b]
            return g * total
        out[a, b] = out[b, a] = integrate.dblquad(f, -6, 6, -6, 6, epsabs=1e-8)[0]
    return out


def bench_state_evolution():
    ratios = np.linspace(0.05, 1.6, 61)
    p1 = hopfield_prior(1)
    t_ours, _, ours = _timed(lambda: [se_mse(p1, state_evolution(p1, r).x) for r in ratios], repeat=2)
    t_ref, _, ref = _timed(lambda: [plain_se_p1(r) for r in ratios], repeat=1)
    print(f"state evolution P=1, 61 points: ours {len(ratios) / t_ours:8.1f} points/s, "
          f"quad reference {len(ratios) / t_ref:6.2f} points/s -> {t_ref / t_ours:.0f}x; "
          f"max |dMSE| {np.max(np.abs(np.array(ours) - np.array(ref))):.1e}")
    p2, M = hopfield_prior(2), np.array([[0.4, 0.05], [0.05, 0.3]])
    t_ours, _, a = _timed(lambda: se_step(M, p2, 0.5), repeat=5)
    t_ref, _, b = _timed(lambda: plain_se_step_p2(M, 0.5), repeat=1)
    print(f"state evolution P=2, one step: ours {t_ours * 1e3:.2f} ms, dblquad reference {t_ref:.1f} s "
          f"-> {t_ref / t_ours:.0f}x; max |dM| {np.max(np.abs(a - b)):.1e}")


def _networks(P, N=1000, ratio=0.5, n=3):
    prior, rng = hopfield_prior(P), np.random.default_rng(0)
    out = []
    for _ in range(n):
        delta = ratio * prior.delta_c
        nu = noise_for_delta(delta, 0.1)
        tau = threshold_for_connectivity(nu, 0.1)
        xi = prior.sample(N, rng)
        out.append((xi, fisher_score(connectivity(xi, nu, tau, rng), nu, tau)))
    return prior, out


def bench_amp(checkout: str | None):
    for P in (1, 2):
        prior, nets = _networks(P)
        rng = np.random.default_rng(1)
        t = time.perf_counter()
        mses = [matched_mse(xi, amp(S, prior, rng, inv_delta=empirical_inv_delta(S)).xhat) for xi, S in nets]
        ours = (time.perf_counter() - t) / len(nets)
        line = f"AMP N=1000 P={P}: ours {ours:.3f} s/network (MSE {np.mean(mses):.3f})"
        if checkout:
            sys.modules.setdefault("cpriors", types.ModuleType("cpriors"))  # only the mean-field priors need it
            sys.path.insert(0, checkout)
            import amp as ref_amp  # noqa: PLC0415  (the authors' module)
            import priors as ref_priors  # noqa: PLC0415
            np.random.seed(0)
            t = time.perf_counter()
            ref = [ref_amp.xx(S, P, ref_priors.f_in_hopfield, no_damping=False, t_min=10, t_max=300, X0=xi,
                              verbose=False, diff_converge=1e-6, logfile=io.StringIO())[3] for xi, S in nets]
            theirs = (time.perf_counter() - t) / len(nets)
            line += (f"; authors' amp.xx {theirs:.3f} s/network (MSE {np.mean(ref) / P:.3f}) "
                     f"-> {theirs / ours:.1f}x")
        print(line)


def _lp(X, Y):
    p, d = X.shape
    rows = [((Y[mu][None] - np.delete(Y, mu, 0))[:, :, None] * X[mu][None, None]).reshape(p - 1, d * d)
            for mu in range(p)]
    A = np.concatenate(rows)
    return linprog(np.zeros(d * d), A_ub=-A, b_ub=-np.ones(len(A)), bounds=(None, None), method="highs").status == 0


def bench_capacity():
    d, rng = 16, np.random.default_rng(2)
    cases = [embeddings(p, d, rng) for p in (55, 60, 65, 70)]
    t = time.perf_counter()
    ours = [store(X, Y).feasible for X, Y in cases]
    t_ours = (time.perf_counter() - t) / len(cases)
    t = time.perf_counter()
    ref = [_lp(X, Y) for X, Y in cases]
    t_ref = (time.perf_counter() - t) / len(cases)
    print(f"capacity decision d=16, p=55..70: ours {t_ours:.3f} s, HiGHS LP {t_ref:.2f} s -> "
          f"{t_ref / t_ours:.0f}x; verdicts agree: {ours == ref} ({ours})")


def bench_diffusion_theory():
    sched, ratios = ddpm_schedule(), np.geomspace(0.25, 32, 40)
    trainings = [Training("plain"), Training("ridge", lam=0.1), Training("early", tau=1.0)]
    t_vec, _, _ = _timed(lambda: theory_kl(ratios, trainings, sched), repeat=3)
    t_one, _, _ = _timed(lambda: [mp_kl(1 / r, sched, k, t.lam, t.tau) for t in trainings for r in ratios
                                  for k in KL_DIRECTIONS], repeat=1)
    n = len(ratios) * len(trainings)
    print(f"linear-diffusion theory: vectorised {n / t_vec:.0f} points/s, one integral at a time "
          f"{n / t_one:.0f} points/s -> {t_one / t_vec:.0f}x")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reconstructing-memories", help="checkout of sgoldt/reconstructing_memories")
    args = parser.parse_args(argv)
    bench_state_evolution()
    bench_amp(args.reconstructing_memories)
    bench_capacity()
    bench_diffusion_theory()
    return 0


if __name__ == "__main__":
    sys.exit(main())
