"""Rule memories_theory: state-evolution and PCA (BBP) MSE lines for every model."""

import pandas as pd

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.replica.memories import MemoryModel, theory_table


def main(smk, log) -> None:
    tables = []
    for entry in smk.params.models:
        table = theory_table(MemoryModel(**entry), smk.params.ratios)
        slow = int((~table["se_converged"]).sum())
        log.info(f"{entry['name']}: {len(table)} points, {slow} not converged to 1e-10 (next to Delta_c)")
        tables.append(table)
    write_table(smk.output[0], pd.concat(tables, ignore_index=True), snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
