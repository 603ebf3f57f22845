"""Rule deep_rf_collect: seed-averaged simulations next to the theory; the theory curves."""

import pandas as pd

from dltheory.core.artifacts import read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.gcm.exp_deep import deep_rf_collect


def main(smk, log) -> None:
    sims = pd.concat([read_table(p)[0] for p in smk.input.sims], ignore_index=True)
    theory = pd.concat([read_table(p)[0] for p in smk.input.theory], ignore_index=True)
    points, lines = deep_rf_collect(sims, theory)
    meta = snakemake_meta(smk)
    write_table(smk.output.points, points, meta)
    write_table(smk.output.lines, lines, meta)
    log.info(f"worst test-error agreement {points['test_error_agreement'].max():.2f} (<= 1 agrees)")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
