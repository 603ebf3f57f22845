"""Rule cagnetta_simulate: deep-CNTK teachers of growing receptive field, one student, one seed."""

import pandas as pd
import torch

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.core.seeding import derive_seed
from dltheory.kernels.data import patch_sphere
from dltheory.kernels.functions import KernelSpec
from dltheory.kernels.teacher_student import Pair, grf_learning_curves


def main(smk, log) -> None:
    torch.set_num_threads(smk.threads)
    p = smk.params
    kernels = {k: KernelSpec.from_dict(v) for k, v in p.kernels.items()}
    pairs = [Pair(t, "student") for t in kernels if t != "student"]
    gen = torch.Generator().manual_seed(derive_seed(p.seed, "cagnetta", p.d))
    x = patch_sphere(max(p.sizes) + p.test_size, p.d, p.patch, gen)
    rows = [{**r, "seed": p.seed} for r in grf_learning_curves(x, p.test_size, kernels, pairs,
                                                                p.sizes, gen)]
    for r in rows:
        if r["P"] == max(p.sizes):
            log.info(f"seed={p.seed} teacher {r['teacher']}: eps(P={r['P']}) = {r['error']:.3e}")
    write_table(smk.output[0], pd.DataFrame(rows), snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
