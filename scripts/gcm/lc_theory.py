"""Rule gcm_lc_theory: Gaussian-covariate-model saddle point of one task for every seed's covariances."""

import pandas as pd

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.gcm.exp_rf import theory
from dltheory.gcm.plans import RFPlan


def main(smk, log) -> None:
    plan = RFPlan.from_section(smk.params.section, "loureiro2021_gcm")
    task = smk.params.task
    df = pd.concat([theory(plan, task, seed) for seed in plan.seeds], ignore_index=True)
    write_table(smk.output[0], df, snakemake_meta(smk))
    log.info(f"{task}: {len(df)} saddle points, all converged")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
