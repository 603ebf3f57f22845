"""Rule paccolat_regression: ridgeless Laplace regression of Gaussian random fields that depend
on the first d_par of d Gaussian coordinates, every seed (item i of arXiv:2006.09754)."""

import pandas as pd
import torch

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.core.seeding import derive_seed
from dltheory.kernels.functions import KernelSpec
from dltheory.kernels.invariants import invariant_field_curves


def main(smk, log) -> None:
    torch.set_num_threads(smk.threads)
    p = smk.params
    teacher = KernelSpec("laplace", sigma=p.teacher_sigma)
    student = KernelSpec("laplace", sigma=p.student_sigma)
    rows = []
    for seed in p.seeds:
        gen = torch.Generator().manual_seed(derive_seed(seed, "invariant_field", p.d))
        out = invariant_field_curves(p.d, p.d_pars, p.sizes, p.test_size, teacher, student, gen)
        rows += [{**r, "seed": seed} for r in out]
        log.info(f"d={p.d} seed={seed}, P={max(p.sizes)}: " + ", ".join(
            f"d_par={r['d_par']} eps={r['error']:.3e}" for r in out if r["P"] == max(p.sizes)))
    write_table(smk.output[0], pd.DataFrame(rows), snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
