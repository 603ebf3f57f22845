"""Rule bayes_theory: Bayes-optimal, ridge, random-feature, kernel and classification curves."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.core.seeding import derive_seed, rng
from dltheory.gcm.exp_bayes import run_theory
from dltheory.gcm.plans import BayesPlan


def main(smk, log) -> None:
    plan = BayesPlan.from_section(smk.params.section, "cui2023_bayes_opt_deep_extensive")
    df = run_theory(plan, rng(derive_seed(0, "theory_features")))
    write_table(smk.output[0], df, snakemake_meta(smk))
    for method, sub in df.groupby("method"):
        log.info(f"{method}: error {sub['error'].iloc[0]:.4f} -> {sub['error'].iloc[-1]:.4f}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
