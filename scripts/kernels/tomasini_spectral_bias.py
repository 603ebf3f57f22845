"""Rule tomasini_spectral_bias: the spectral-bias (eigenlearning) prediction in d = 1 on a grid."""

import pandas as pd

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.kernels.stripe import spectral_bias_grid_1d


def main(smk, log) -> None:
    p = smk.params
    rows = spectral_bias_grid_1d(p.chi, p.sizes, [0.0] + list(p.ridges), p.sigma, p.nodes,
                                 p.half_width)
    table = pd.DataFrame(rows)
    write_table(smk.output[0], table, snakemake_meta(smk))
    for r in table[table["ridge"] == 0].itertuples():
        log.info(f"P={r.P}: ridgeless spectral-bias eps = {r.error_sb:.3e} (kappa {r.kappa:.2e})")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
