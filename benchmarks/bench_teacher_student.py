"""Benchmark of the teacher-student ODE engine and online-SGD simulator against sgoldt/nn2pp.

    python benchmarks/bench_teacher_student.py [--nn2pp DIR] [--out results.json]

``DIR`` is a checkout of https://github.com/sgoldt/nn2pp (the C++ code of Goldt et al.,
NeurIPS 2019); it is compiled here, at run time, into a temporary directory
(``g++ -O3 -std=c++11 ... -larmadillo``; Debian: ``apt-get install libarmadillo-dev``) and
never copied into this repository.  Reported, all in one run on one machine:

* time per unit of t (``t = steps/N``) of the ODE at K = M = 2 and K = 6, M = 4: the C++
  integrator (Euler, dt = 0.01) and ours, per trajectory, for one trajectory and for a batch
  of many (seeds, widths, learning rates are integrated as one array), with the same Euler
  scheme and with our defaults (RK4, dt = 0.1; adaptive Dormand-Prince), each with its error
  against a fine reference;
* the agreement of our ODE with the C++ one from the C++'s own initial conditions;
* time per unit of t of online SGD at N = 500 and 10^4: the C++ simulator (one network)
  and ours (one replica, and replicas batched), per replica.

All computations single-threaded (BLAS threads set to 1).  The machine may be shared:
compare ratios measured in the same run, not absolute times across runs.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from dltheory.teacher_student.ode import ODE, Hyper, ODEState, Phase, integrate  # noqa: E402
from dltheory.teacher_student.simulate import Network, simulate  # noqa: E402

SIZES = ((2, 2), (6, 4))


def best_of(fn, repeat: int) -> float:
    """Smallest wall time of ``repeat`` calls (the least disturbed by other processes)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


# --- the reference C++ ------------------------------------------------------------------

def build_nn2pp(src: Path, work: Path) -> dict:
    exes = {}
    for name in ("scmpp_ode", "nn2pp"):
        exe = work / f"{name}.exe"
        cmd = ["g++", "-O3", "-std=c++11", "-I", str(src), str(src / f"{name}.cpp"), "-o",
               str(exe), "-larmadillo"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"could not build {name}: {proc.stderr[-2000:]}")
        exes[name] = exe
    return exes


def run_cpp(exe: Path, args: list[str], work: Path) -> float:
    """Wall time of one run of a C++ tool (its output files go to ``work``)."""
    t0 = time.perf_counter()
    subprocess.run([str(exe), *args], cwd=work, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def cpp_ode_trajectory(exe: Path, work: Path, K: int, M: int, lr: float, steps: float):
    """Run the C++ ODE (non-quiet) and read back ``t, eps`` and its initial Q, R, A, v."""
    for old in work.glob("scmpp_ode_*.dat"):
        old.unlink()
    subprocess.run([str(exe), "--K", str(K), "--M", str(M), "--lr", str(lr), "--steps",
                    str(steps), "--dt", "0.01"], cwd=work, stdout=subprocess.DEVNULL, check=True)
    data = np.loadtxt(next(work.glob("scmpp_ode_*.dat")), delimiter=",", comments="#")
    row = data[0, 6:]
    Q = np.zeros((K, K))
    iu = np.triu_indices(K)
    Q[iu] = row[: len(iu[0])]
    Q = Q + np.triu(Q, 1).T
    off = len(iu[0])
    R = row[off: off + K * M].reshape(K, M)
    A = row[off + K * M: off + K * M + M]
    v = row[off + K * M + M:]
    return data[:, 0], data[:, 1], Q, R, A, v


# --- ours -------------------------------------------------------------------------------

def random_state(K: int, M: int, B: int, N: int = 500, seed: int = 0) -> ODEState:
    rng = np.random.default_rng(seed)
    W, Wt = rng.standard_normal((B, K, N)), rng.standard_normal((B, M, N))
    return ODEState(np.einsum("bkn,bln->klb", W, W) / N, np.einsum("bkn,bmn->kmb", W, Wt) / N,
                    np.einsum("bkn,bln->klb", Wt, Wt) / N, np.ones((1, K, B)), np.ones((1, M, B)))


def ode_timing(K, M, B, T, method, dt, repeat):
    st = random_state(K, M, B)
    ode = ODE("erf", Hyper(eta=0.5, eta_v=0.0).broadcast(B))
    run = lambda: integrate(ode, st, [Phase(until=T)], [0.0, T], dt=dt, method=method)  # noqa: E731
    return best_of(run, repeat) / T / B * 1e3  # ms per unit t per trajectory


def ode_error(K, M, T, method, dt, B=8):
    st = random_state(K, M, B, seed=1)
    ode = ODE("erf", Hyper(eta=0.5, eta_v=0.0).broadcast(B))
    times = np.linspace(0, T, 21)
    ref = integrate(ode, st, [Phase(until=T)], times, dt=0.002, method="rk4")["eps"]
    out = integrate(ode, st, [Phase(until=T)], times, dt=dt, method=method)["eps"]
    return float(np.max(np.abs(out - ref) / ref))


def sim_timing(K, M, N, R, T, repeat):
    rng = np.random.default_rng(0)
    net = Network(rng.standard_normal((R, K, N)), np.ones((R, 1, K)),
                  rng.standard_normal((R, M, N)), np.ones((R, 1, M)))
    hp = Hyper(eta=0.5, eta_v=0.0)

    def run():
        simulate(net, hp, [Phase(until=T)], [0.0, T], [np.random.default_rng(r) for r in range(R)])

    return best_of(run, repeat) / T / R * 1e3  # ms per unit t per replica


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nn2pp", type=Path, help="checkout of sgoldt/nn2pp (built at run time)")
    ap.add_argument("--batch", type=int, default=1024, help="trajectories per ODE batch")
    ap.add_argument("--replicas", type=int, default=16, help="replicas per SGD batch")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    ap.add_argument("--out", type=Path, help="write the numbers as JSON")
    args = ap.parse_args()
    results = {"ode": {}, "sim": {}, "check": {}}
    work = Path(tempfile.mkdtemp(prefix="bench_ts_"))
    exes = {}
    try:
        if args.nn2pp:
            exes = build_nn2pp(args.nn2pp.resolve(), work)
            t, eps_cpp, Q, R, A, v = cpp_ode_trajectory(exes["scmpp_ode"], work, 2, 2, 0.5, 50)
            st = ODEState(Q[..., None], R[..., None], np.eye(2)[..., None], v[None, :, None],
                          A[None, :, None])
            ode = ODE("erf", Hyper(eta=0.5, eta_v=0.0).broadcast(1))
            ours = integrate(ode, st, [Phase(until=t[-1])], t, dt=0.01, method="euler")
            dev = np.abs(ours["eps"][:, 0, 0] - eps_cpp) / eps_cpp
            results["check"] = {"max_rel_dev_vs_cpp": float(dev.max()), "times": int(t.size),
                                "t_max": float(t[-1])}
            print(f"our Euler ODE vs the C++ ODE from its own initial conditions (K=M=2, "
                  f"eta=0.5, t<={t[-1]:g}): max relative eps_g deviation {dev.max():.2e} "
                  f"(C++ prints 6 significant digits)")
        for K, M in SIZES:
            T_cpp = 2000.0 if K == 2 else 200.0
            row = {}
            if exes:
                base = best_of(lambda: run_cpp(exes["scmpp_ode"], ["--K", str(K), "--M", str(M),
                               "--lr", "0.5", "--steps", "0.1", "--quiet"], work), args.repeat)
                full = best_of(lambda: run_cpp(exes["scmpp_ode"], ["--K", str(K), "--M", str(M),
                               "--lr", "0.5", "--steps", str(T_cpp), "--quiet"], work), args.repeat)
                row["cpp_euler_dt0.01"] = (full - base) / T_cpp * 1e3
            T1 = 20.0 if K == 2 else 5.0
            row["ours_euler_dt0.01_B1"] = ode_timing(K, M, 1, T1, "euler", 0.01, args.repeat)
            row[f"ours_euler_dt0.01_B{args.batch}"] = ode_timing(K, M, args.batch, T1 / 4, "euler",
                                                                  0.01, args.repeat)
            row[f"ours_rk4_dt0.1_B{args.batch}"] = ode_timing(K, M, args.batch, T1, "rk4", 0.1,
                                                               args.repeat)
            row[f"ours_dopri5_B{args.batch}"] = ode_timing(K, M, args.batch, 4 * T1, "dopri5", 0.1,
                                                            args.repeat)
            row["error_euler_dt0.01"] = ode_error(K, M, 20.0, "euler", 0.01)
            row["error_rk4_dt0.1"] = ode_error(K, M, 20.0, "rk4", 0.1)
            row["error_dopri5"] = ode_error(K, M, 20.0, "dopri5", 0.1)
            results["ode"][f"K{K}_M{M}"] = row
        for K, M in SIZES:
            for N in (500, 10_000):
                row = {}
                T = 2.0 if N == 500 else 0.2
                if exes:
                    base = best_of(lambda: run_cpp(exes["nn2pp"], ["--N", str(N), "--K", str(K), "--M",
                                   str(M), "--lr", "0.5", "--steps", "0.01", "--quiet"], work), args.repeat)
                    full = best_of(lambda: run_cpp(exes["nn2pp"], ["--N", str(N), "--K", str(K), "--M",
                                   str(M), "--lr", "0.5", "--steps", str(5 * T), "--quiet"], work),
                                   args.repeat)
                    row["cpp_R1"] = (full - base) / (5 * T) * 1e3
                row["ours_R1"] = sim_timing(K, M, N, 1, T, args.repeat)
                row[f"ours_R{args.replicas}"] = sim_timing(K, M, N, args.replicas, T / 2, args.repeat)
                results["sim"][f"K{K}_M{M}_N{N}"] = row
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\nODE, ms per unit t per trajectory (error: max relative eps_g error, t <= 20):")
    for key, row in results["ode"].items():
        print(f"  {key}: " + ", ".join(f"{k} {v:.3g}" for k, v in row.items()))
        cpp = row.get("cpp_euler_dt0.01")
        if cpp:
            for k, v in row.items():
                if k.startswith("ours"):
                    print(f"      C++ / {k} = {cpp / v:.2f}")
    print("\nonline SGD, ms per unit t per replica:")
    for key, row in results["sim"].items():
        print(f"  {key}: " + ", ".join(f"{k} {v:.3g}" for k, v in row.items()))
        cpp = row.get("cpp_R1")
        if cpp:
            for k, v in row.items():
                if k.startswith("ours"):
                    print(f"      C++ / {k} = {cpp / v:.2f}")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
