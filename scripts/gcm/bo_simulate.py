"""Rule bayes_simulate: ridge, random features and classification on fresh teachers, optimal penalties."""

from dltheory.core.artifacts import read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.gcm.exp_bayes import run_simulations
from dltheory.gcm.plans import BayesPlan


def main(smk, log) -> None:
    plan = BayesPlan.from_section(smk.params.section, "cui2023_bayes_opt_deep_extensive")
    df = run_simulations(plan, read_table(smk.input.theory)[0])
    write_table(smk.output[0], df, snakemake_meta(smk))
    log.info(f"{len(plan.seeds)} teachers, target variances "
             f"{df['target_variance'].min():.3f}..{df['target_variance'].max():.3f}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
