"""Rule paccolat_sphere: hard-margin SVM learning curves on the spherical / cylinder model
(label from |x_par|, first d_par of d Gaussian coordinates), one case (d, d_par)."""

import pandas as pd
import torch

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.core.seeding import derive_seed
from dltheory.kernels.invariants import cylinder_labels
from dltheory.kernels.stripe import svm_stripe_curve


def main(smk, log) -> None:
    torch.set_num_threads(smk.threads)
    p = smk.params
    rows = []
    for seed in p.seeds:
        gen = torch.Generator().manual_seed(derive_seed(seed, "sphere", p.d, p.d_par))
        curve = svm_stripe_curve(p.d, p.sizes, p.test_size, p.sigma, gen,
                                 labels=lambda x: cylinder_labels(x, p.d_par))
        rows += [{**r, "d_par": p.d_par, "seed": seed} for r in curve]
        log.info(f"d={p.d} d_par={p.d_par} seed={seed}: " + ", ".join(
            f"P={r['P']} eps={r['error']:.4f} n_sv={r['n_sv']}" for r in curve[-2:]))
    write_table(smk.output[0], pd.DataFrame(rows), snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
