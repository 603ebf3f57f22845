"""Rule recall_collect: seed means of p* log p* / d^2 per (model, d), and the pooled score statistics."""

import pandas as pd

from dltheory.core.artifacts import read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.replica.associative import summarise_capacity


def main(smk, log) -> None:
    runs = pd.concat([read_table(path)[0] for path in smk.input.runs], ignore_index=True)
    scores = pd.concat([read_table(path)[0] for path in smk.input.scores], ignore_index=True)
    meta = snakemake_meta(smk)
    summary = summarise_capacity(runs)
    write_table(smk.output.runs, runs, meta)
    write_table(smk.output.summary, summary, meta)
    write_table(smk.output.scores, scores, meta)
    log.info(f"{len(runs)} capacity searches, {len(scores)} association scores")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
