"""Rule paccolat_compression: SVM test error at fixed P against the compression of x_perp."""

import pandas as pd
import torch

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.core.seeding import derive_seed
from dltheory.kernels.stripe import svm_compression


def main(smk, log) -> None:
    torch.set_num_threads(smk.threads)
    p = smk.params
    rows = []
    for seed in p.seeds:
        out = svm_compression(p.d, p.P, p.factors, p.test_size, p.sigma,
                              derive_seed(seed, "compression", p.d))
        rows += [{**r, "seed": seed} for r in out]
        log.info(f"seed={seed}: " + ", ".join(f"lambda={r['compress']:g} eps={r['error']:.4f}"
                                            for r in out))
    write_table(smk.output[0], pd.DataFrame(rows), snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
