"""Rule structured_simulate: ridge learning curves on deep structured features, every exponent gamma and seed."""

import pandas as pd

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.gcm.exp_deep import structured_simulate
from dltheory.gcm.plans import StructuredPlan


def main(smk, log) -> None:
    plan = StructuredPlan.from_section(smk.params.section, "schroder2024_deep_structured_features")
    df = pd.concat([structured_simulate(plan, g, s) for g in plan.gammas for s in plan.seeds],
                   ignore_index=True)
    write_table(smk.output[0], df, snakemake_meta(smk))
    log.info(f"gammas {plan.gammas}: {len(df)} fits, {len(plan.seeds)} seeds each")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
