"""Rule gcm_lc_simulate: simulated learning curves of one task (ridge or logistic), every seed."""

import pandas as pd

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.gcm.exp_rf import simulate
from dltheory.gcm.plans import RFPlan


def main(smk, log) -> None:
    plan = RFPlan.from_section(smk.params.section, "loureiro2021_gcm")
    task = smk.params.task
    df = pd.concat([simulate(plan, task, seed) for seed in plan.seeds], ignore_index=True)
    write_table(smk.output[0], df, snakemake_meta(smk))
    log.info(f"{task}: {len(df)} fits, p={plan.p}, {len(plan.seeds)} seeds")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
