"""Timings of the paper-specific teacher-student pieces (not a test; run by hand).

    python benchmarks/bench_teacher_student_special.py

Reports, per unit of time ``t = steps / N`` (``alpha = episodes / D`` for the RL perceptron):

* the Gaussian-mixture ODE (quasi-Monte Carlo integrals, Heun, ``dt = 0.2``) per trajectory,
  batched, at K = 8 and 16, and the online-SGD simulator per network, at N = 500;
* the exact reduced simulators of the RL perceptron and of the attacked linear learner
  against their D-dimensional versions (same law; the reduced cost does not grow with D).

All numbers are single-threaded wall times; take ratios within one run on a shared machine.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from dltheory.teacher_student import attacks, gmm, gmm_ode, rl_perceptron as rl  # noqa: E402


def _clock(fn, repeat: int = 1) -> float:
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def bench_gmm(N: int = 500, B: int = 8, t: float = 5.0) -> None:
    for K in (8, 16):
        rng = np.random.default_rng(0)
        W = rng.standard_normal((B, K, N))
        M, Q, v = gmm.overlaps(W, rng.standard_normal((B, K)))
        s2 = np.full(B, 0.1)
        pts, pe = gmm_ode.qmc_points(K, 1024), gmm_ode.qmc_points(K, 4096, seed=1)
        ode = _clock(lambda: gmm_ode.integrate(M, Q, v, s2, 1.0, 0.0, [0.0, t], 0.2, pts, pe))
        sim = _clock(lambda: gmm.simulate(K, N, s2, 1.0, 1.0, 0.0, [0.0, t], range(B), range(B)))
        print(f"GMM K={K:2d}: ODE {ode / t / B * 1e3:7.2f} ms per unit t per trajectory "
              f"(batch {B}); SGD simulator {sim / t / B * 1e3:7.2f} ms per unit t per network "
              f"(N={N}); ratio {sim / ode:.1f}")


def bench_reduced_vs_full(D: int = 500, B: int = 16) -> None:
    rules = [rl.RewardRule(6, 6, 1.0, 0.1)] * B
    alpha = 2.0
    red = _clock(lambda: rl.simulate_reduced(rules, D, [0.0, alpha], range(B), range(B)))
    full = _clock(lambda: rl.simulate_full(rules, D, [0.0, alpha], range(B), range(B)))
    print(f"RL perceptron D={D}, T=6, {B} students: reduced {red / alpha * 1e3:7.1f} ms, full "
          f"{full / alpha * 1e3:7.1f} ms per unit alpha ({full / red:.1f}x)")
    atk = [attacks.Attack(2.0, 0.2)] * B
    t = 4.0
    red = _clock(lambda: attacks.simulate_reduced(atk, D, [0.0, t], range(B)))
    full = _clock(lambda: attacks.simulate_full(atk, D, [0.0, t], range(B)))
    print(f"Attacked learner D={D}, {B} learners: reduced {red / t * 1e3:7.1f} ms, full "
          f"{full / t * 1e3:7.1f} ms per unit t ({full / red:.1f}x)")


if __name__ == "__main__":
    bench_gmm()
    bench_reduced_vs_full()
