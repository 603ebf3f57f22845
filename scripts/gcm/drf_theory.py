"""Rule deep_rf_theory: deterministic equivalent (ridge) or GCM saddle point (logistic) for every seed."""

import pandas as pd

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.gcm.exp_deep import deep_rf_theory
from dltheory.gcm.plans import DeepRFPlan


def main(smk, log) -> None:
    plan = DeepRFPlan.from_section(smk.params.section, "schroder2023_deep_rf_universality")
    task = smk.params.task
    df = pd.concat([deep_rf_theory(plan, task, seed) for seed in plan.seeds], ignore_index=True)
    write_table(smk.output[0], df, snakemake_meta(smk))
    log.info(f"{task}: {len(df)} theory points")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
