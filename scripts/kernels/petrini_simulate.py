"""Rule petrini_simulate: one kernel limit (lazy NTK regression or minimum-L1), every seed."""

import pandas as pd
import torch

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.core.seeding import derive_seed
from dltheory.kernels.sparse import min_l1_curve, ntk_constant_curve


def main(smk, log) -> None:
    torch.set_num_threads(smk.threads)
    p = smk.params
    rows = []
    for d in p.dims:
        for seed in p.seeds:  # the same input draw as the networks of this seed (petrini_train)
            gen = torch.Generator().manual_seed(derive_seed(seed, "sphere-v2", d))
            if p.method == "lazy_kernel":
                out = ntk_constant_curve(d, p.sizes, p.test_size, gen)
            else:
                out = min_l1_curve(d, p.sizes, p.test_size, p.directions_per_P, gen)
            rows += [{**r, "seed": seed} for r in out]
    table = pd.DataFrame(rows)
    for r in table.groupby(["method", "d", "P"])["error"].mean().reset_index().itertuples():
        log.info(f"{r.method} d={r.d} P={r.P}: eps = {r.error:.3e}")
    write_table(smk.output[0], table, snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
