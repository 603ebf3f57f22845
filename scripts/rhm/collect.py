"""Rule rhm_collect: seed-averaged learning curves and the sample complexity P* per instance."""

import pandas as pd

from dltheory.core.artifacts import read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.core.seeding import rng
from dltheory.rhm.sample_complexity import sample_complexity, summarise_curves


def main(smk, log) -> None:
    runs = pd.concat([read_table(path)[0] for path in smk.input.runs], ignore_index=True)
    corr = read_table(smk.input.correlations)[0]
    sc = sample_complexity(runs, smk.params.error_threshold, rng(smk.params.bootstrap_seed))
    pc = corr.groupby("rhm")["P_c_patch"].agg(P_c="mean", P_c_std="std").reset_index()
    sc = sc.merge(pc, on="rhm", how="left")
    meta = snakemake_meta(smk)
    write_table(smk.output.runs, runs, meta)
    write_table(smk.output.curves, summarise_curves(runs), meta)
    write_table(smk.output.sample_complexity, sc, meta)
    for row in sc.itertuples():
        log.info(f"{row.rhm}: P*/(n_c m^L) = {row.P_star / row.P_scale:.2f}, "
                 f"P_c/(n_c m^L) = {row.P_c / row.P_scale:.2f}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
