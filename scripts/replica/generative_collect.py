"""Rule generative_collect: seed means of m, q, Q per (theta, n), joined with the theory."""

from dltheory.core.artifacts import read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.replica.generative import summarise_generative


def main(smk, log) -> None:
    summary = summarise_generative(read_table(smk.input.runs)[0], read_table(smk.input.theory)[0])
    write_table(smk.output[0], summary, snakemake_meta(smk))
    log.info(f"{len(summary)} points")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
