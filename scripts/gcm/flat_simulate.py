"""Rule flat_simulate: ERM on Gaussian mixtures for one loss: test error and local energy, every seed."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.gcm.exp_flat import run_simulations
from dltheory.gcm.plans import FlatPlan


def main(smk, log) -> None:
    plan = FlatPlan.from_section(smk.params.section, "pittorino2021_entropic_flat_minima")
    df = run_simulations(plan, smk.params.loss)
    write_table(smk.output[0], df, snakemake_meta(smk))
    log.info(f"{smk.params.loss}: {len(df)} rows, d={plan.d}, {len(plan.seeds)} seeds")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
