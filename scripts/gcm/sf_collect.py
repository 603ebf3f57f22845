"""Rule structured_collect: seed-averaged simulations next to the deterministic equivalent."""

from dltheory.core.artifacts import read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.gcm.exp_deep import structured_collect


def main(smk, log) -> None:
    points, lines = structured_collect(read_table(smk.input.sims)[0],
                                       read_table(smk.input.theory)[0])
    meta = snakemake_meta(smk)
    write_table(smk.output.points, points, meta)
    write_table(smk.output.lines, lines, meta)
    log.info(f"worst test-error agreement {points['test_error_agreement'].max():.2f} (<= 1 agrees)")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
