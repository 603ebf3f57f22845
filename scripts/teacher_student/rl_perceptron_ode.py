"""Rule rlp_ode: the paper's (R, Q) ODEs from every simulated student's initial overlaps."""

from dltheory.core.artifacts import read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.rl_perceptron_plan import RLPerceptronPlan, run_ode


def main(smk, log) -> None:
    plan = RLPerceptronPlan.from_section(smk.params.section, smk.params.where)
    ode = run_ode(plan, read_table(smk.input[0])[0])
    write_table(smk.output[0], ode, snakemake_meta(smk))
    last = ode[ode["alpha"] == ode["alpha"].max()].groupby("rule")["rho"].mean()
    for rule, rho in last.items():
        log.info(f"{rule}: ODE rho(alpha_max) = {rho:.3f}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
