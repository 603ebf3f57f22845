"""Rule bayes_collect: teacher-averaged simulated errors next to the theory."""

from dltheory.core.artifacts import read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.gcm.exp_bayes import collect


def main(smk, log) -> None:
    points = collect(read_table(smk.input.sims)[0], read_table(smk.input.theory)[0])
    write_table(smk.output[0], points, snakemake_meta(smk))
    log.info(f"worst agreement {points['error_agreement'].max():.2f} (<= 1 agrees)")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
