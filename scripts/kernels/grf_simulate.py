"""Rules spigler_simulate and favero_simulate: Gaussian-random-field teachers learned by kernel
students, every seed, one dimension d; points on the sphere S^{d-1} or in the hypercube
(``params.points``), seeds derived from the stream ``params.stream``."""

import pandas as pd
import torch

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.core.seeding import derive_seed
from dltheory.kernels.data import hypercube, sphere
from dltheory.kernels.functions import KernelSpec
from dltheory.kernels.teacher_student import Pair, grf_learning_curves

POINTS = {"sphere": sphere, "hypercube": hypercube}


def main(smk, log) -> None:
    torch.set_num_threads(smk.threads)
    p = smk.params
    kernels = {k: KernelSpec.from_dict(v) for k, v in p.kernels.items()}
    pairs = [Pair(t, s) for t, s in p.pairs]
    rows = []
    for seed in p.seeds:
        gen = torch.Generator().manual_seed(derive_seed(seed, p.stream, p.d))
        x = POINTS[p.points](max(p.sizes) + p.test_size, p.d, gen)
        rows += [{**r, "d": p.d, "seed": seed}
                 for r in grf_learning_curves(x, p.test_size, kernels, pairs, p.sizes, gen)]
        last = [r for r in rows if r["seed"] == seed and r["P"] == max(p.sizes)]
        log.info(f"d={p.d} seed={seed}, P={max(p.sizes)}: "
                 + ", ".join(f"{r['series']} {r['error']:.2e}" for r in last))
    write_table(smk.output[0], pd.DataFrame(rows), snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
