"""Rule tomasini_simulate: Laplace ridge regression on the depleted stripe, one dimension d, all seeds."""

import pandas as pd
import torch

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.core.seeding import derive_seed
from dltheory.kernels.laplace1d import graded_grid
from dltheory.kernels.stripe import depleted_curves, depleted_curves_1d


def main(smk, log) -> None:
    torch.set_num_threads(smk.threads)
    p, m = smk.params, smk.params.model
    ridges = [0.0] + list(p.ridges)
    grid = graded_grid(p.grid_nodes, p.grid_half_width, 3.0) if m["d"] == 1 else None
    rows = []
    for seed in range(m["seeds"]):
        gen = torch.Generator().manual_seed(derive_seed(seed, "depleted", m["d"]))
        if m["d"] == 1:
            out = depleted_curves_1d(p.chi, m["sizes"], ridges, p.sigma, grid, gen)
        else:
            out = depleted_curves(m["d"], p.chi, m["sizes"], ridges, p.sigma, m["test_size"],
                                  m["test_width"], gen)
        rows += [{**r, "seed": seed} for r in out]
        e0 = [r["error"] for r in out if r["ridge"] == 0 and r["P"] == max(m["sizes"])][0]
        log.info(f"d={m['d']} seed={seed}: ridgeless eps(P={max(m['sizes'])}) = {e0:.3e}")
    write_table(smk.output[0], pd.DataFrame(rows), snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
