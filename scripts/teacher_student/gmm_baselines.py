"""Rule gmm_baselines: the oracle's error and random features (theory and real features)."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.gmm_plan import GMMPlan, run_baselines


def main(smk, log) -> None:
    plan = GMMPlan.from_section(smk.params.section, smk.params.where)
    table = run_baselines(plan)
    write_table(smk.output[0], table, snakemake_meta(smk))
    for row in table[table["model"] == "random_features"].itertuples():
        log.info(f"RF p={row.p_ratio:g}N sigma2={row.sigma2:g} ({row.source}): eps_c={row.eps_c:.4f}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
