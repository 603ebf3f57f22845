"""Rule memories_collect: seed means per model and Delta/Delta_c, joined with the theory."""

import pandas as pd

from dltheory.core.artifacts import read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.replica.memories import summarise_runs


def main(smk, log) -> None:
    runs = pd.concat([read_table(path)[0] for path in smk.input.runs], ignore_index=True)
    summary = summarise_runs(runs, read_table(smk.input.theory)[0])
    meta = snakemake_meta(smk)
    write_table(smk.output.runs, runs, meta)
    write_table(smk.output.summary, summary, meta)
    log.info(f"{len(runs)} runs, {len(summary)} points")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
