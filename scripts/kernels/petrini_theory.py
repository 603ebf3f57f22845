"""Rule petrini_theory: the lazy 2d/(d-1) and feature (d+2)/(d-1) exponents on S^{d-1}, per d."""

import pandas as pd

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.kernels.tables import petrini_theory


def main(smk, log) -> None:
    table = pd.concat([petrini_theory(d) for d in smk.params.dims], ignore_index=True)
    write_table(smk.output[0], table, snakemake_meta(smk))
    for row in table.itertuples():
        log.info(f"{row.method} d={row.d}: beta = {row.beta_pred:.3f}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
