"""Rule flat_theory: replica saddle point and local energy of one loss on the penalty and sigma grids."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.gcm.exp_flat import run_theory
from dltheory.gcm.plans import FlatPlan


def main(smk, log) -> None:
    plan = FlatPlan.from_section(smk.params.section, "pittorino2021_entropic_flat_minima")
    df = run_theory(plan, smk.params.loss)
    write_table(smk.output[0], df, snakemake_meta(smk))
    log.info(f"{smk.params.loss}: {df['lam'].nunique()} penalties x {df['sigma'].nunique()} sigmas")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
