"""Benchmarks of the RHM family (not a test): the generator and the training step.

Generator: seconds to draw P distinct inputs without replacement and encode them one-hot
(float32, [P, v, s^L]) at v = n_c = 32, m = 8, s = 2, L = 3, P = 10^6 (1 GB of output),
next to the floor (filling a fresh 1 GB float32 array) and, when their checkouts are
given, the authors' generators, each in its own process, in the same run:

    python benchmarks/bench_rhm.py \\
        --hierarchy-learning ~/src/hierarchy-learning \\
        --theory-language-modelling ~/src/theory-language-modelling

Training: SGD steps per second at the quick grid's largest instance (v = n_c = 16,
m = 4, L = 3, H = 64, batch 128, one thread), for one network and for R replicas
trained as one batch (what rule rhm_train does).

Fresh memory is slow and erratic to touch the first time on some machines: every
measurement is repeated and the minimum and median are reported.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# Each snippet prints the seconds of one generation of P one-hot inputs.
SNIPPETS = {
    "floor (fill 1 GB float32)": """
import numpy as np, time
t = time.perf_counter(); x = np.zeros((P, v, 2**L), np.float32); x.fill(0.0)
print(time.perf_counter() - t)
""",
    "dltheory": f"""
import sys, time; sys.path.insert(0, {str(SRC)!r})
import numpy as np
from dltheory.rhm.generator import RHMSpec, expand, one_hot, sample_digits, sample_rules
spec = RHMSpec(v=v, n_c=v, m=m, s=2, L=L)
rules = sample_rules(spec, np.random.default_rng(0))
t = time.perf_counter()
classes, digits = sample_digits(spec, P, np.random.default_rng(1))
x = one_hot(expand(spec, rules, classes, digits), v)
print(time.perf_counter() - t)
""",
    "pcsl-epfl/hierarchy-learning": """
import sys, time; sys.path.insert(0, REF)
from datasets.hierarchical import RandomHierarchyModel
t = time.perf_counter()
d = RandomHierarchyModel(num_features=v, m=m, num_layers=L, num_classes=v, s=2, seed=0,
                         max_dataset_size=P, train=True, testsize=0)
print(time.perf_counter() - t)
""",
    "fracagnetta/theory-language-modelling": """
import sys, time; sys.path.insert(0, REF)
from datasets.random_hierarchy_model import RandomHierarchyModel
t = time.perf_counter()
d = RandomHierarchyModel(num_features=v, num_classes=v, num_synonyms=m, tuple_size=2,
                         num_layers=L, seed_rules=0, seed_sample=1, train_size=P, test_size=0)
print(time.perf_counter() - t)
""",
}


def time_generator(name: str, ref: str | None, repeats: int, P: int, v: int, m: int, L: int):
    header = f"P, v, m, L, REF = {P}, {v}, {m}, {L}, {ref!r}\n"
    times = []
    for _ in range(repeats + 1):  # the first run warms caches and the allocator
        out = subprocess.run([sys.executable, "-c", header + SNIPPETS[name]], capture_output=True,
                             text=True, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    times = times[1:]
    return {"min_s": min(times), "median_s": statistics.median(times), "runs": times}


def time_training(replicas: int, steps: int = 400) -> dict:
    import torch
    import torch.nn.functional as F

    sys.path.insert(0, str(SRC))
    from dltheory.rhm.cnn import HierarchicalCNN

    torch.set_num_threads(1)
    v, L, H, B, P = 16, 3, 64, 128, 4096
    model = HierarchicalCNN(v, v, 2, L, H, [torch.Generator().manual_seed(r) for r in range(replicas)])
    tokens = torch.randint(0, v, (replicas, P, 2**L))
    x = F.one_hot(tokens, v).float().transpose(2, 3)
    y = tokens[:, :, 0]
    params = list(model.parameters())
    buffers = [torch.zeros_like(p) for p in params]
    rows = torch.arange(replicas)[:, None]

    def step(i):
        idx = torch.randint(0, P, (replicas, B))
        out = model(x[rows, idx])
        loss = F.cross_entropy(out.transpose(1, 2), y[rows, idx], reduction="none").mean(1).sum()
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p, b in zip(params, buffers):
                b.mul_(0.9).add_(p.grad)
                p.sub_(1e-3 * b)

    for i in range(50):
        step(i)
    t = time.perf_counter()
    for i in range(steps):
        step(i)
    seconds = (time.perf_counter() - t) / steps
    return {"replicas": replicas, "ms_per_step": 1e3 * seconds,
            "network_steps_per_s": replicas / seconds}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hierarchy-learning", help="checkout of pcsl-epfl/hierarchy-learning")
    parser.add_argument("--theory-language-modelling",
                        help="checkout of fracagnetta/theory-language-modelling")
    parser.add_argument("--P", type=int, default=10**6)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args(argv)

    refs = {"floor (fill 1 GB float32)": None, "dltheory": None,
            "pcsl-epfl/hierarchy-learning": args.hierarchy_learning,
            "fracagnetta/theory-language-modelling": args.theory_language_modelling}
    results = {"generator": {}, "training": []}
    for name, ref in refs.items():
        if name.startswith(("pcsl", "frac")) and not ref:
            continue
        results["generator"][name] = time_generator(name, ref, args.repeats, args.P, 32, 8, 3)
        r = results["generator"][name]
        print(f"generator  {name:40s} min {r['min_s']:.3f} s  median {r['median_s']:.3f} s")
    ours = results["generator"]["dltheory"]["median_s"]
    for name, r in results["generator"].items():
        r["ratio_to_dltheory"] = r["median_s"] / ours
    for replicas in (1, 4):
        r = time_training(replicas)
        results["training"].append(r)
        print(f"training   R={replicas}: {r['ms_per_step']:.2f} ms/step, "
              f"{r['network_steps_per_s']:.0f} network-steps/s")
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
