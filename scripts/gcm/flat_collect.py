"""Rule flat_collect: seed-averaged simulations next to the replica theory."""

import pandas as pd

from dltheory.core.artifacts import read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.gcm.exp_flat import collect


def main(smk, log) -> None:
    sims = pd.concat([read_table(p)[0] for p in smk.input.sims], ignore_index=True)
    theory = pd.concat([read_table(p)[0] for p in smk.input.theory], ignore_index=True)
    meta = snakemake_meta(smk)
    points = collect(sims, theory)
    write_table(smk.output.points, points, meta)
    write_table(smk.output.theory, theory, meta)
    log.info(f"worst agreement: test {points['test_error_agreement'].max():.2f}, "
             f"local energy {points['local_energy_agreement'].max():.2f}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
