"""Rule structured_theory: deterministic-equivalent learning curves (Monte-Carlo and linearised
covariance) and feature spectra, every exponent gamma and seed."""

import pandas as pd

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.gcm.exp_deep import structured_spectrum, structured_theory
from dltheory.gcm.plans import StructuredPlan


def main(smk, log) -> None:
    plan = StructuredPlan.from_section(smk.params.section, "schroder2024_deep_structured_features")
    curves = pd.concat([structured_theory(plan, g, s) for g in plan.gammas for s in plan.seeds],
                       ignore_index=True)
    spectra = pd.concat([structured_spectrum(plan, g) for g in plan.gammas], ignore_index=True)
    meta = snakemake_meta(smk)
    write_table(smk.output.curve, curves, meta)
    write_table(smk.output.spectra, spectra, meta)
    log.info(f"gammas {plan.gammas}: {len(curves)} theory points")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
