"""Rules gcm_lc_universe_theory / gcm_lc_universe_simulate: ridge on a data universe (MNIST or its
stand-in), from the empirical covariances or by subsampling."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.gcm.exp_real import run_universe
from dltheory.gcm.plans import RFPlan


def main(smk, log) -> None:
    plan = RFPlan.from_section(smk.params.section, "loureiro2021_gcm")
    df = run_universe(plan, smk.params.what)
    write_table(smk.output[0], df, snakemake_meta(smk))
    log.info(f"{smk.params.what} on the {df['source'].iloc[0]} universe: {len(df)} rows")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
