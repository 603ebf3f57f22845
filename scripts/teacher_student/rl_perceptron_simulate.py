"""Rule rlp_simulate: every (reward rule, seed) RL perceptron of the figure, in one batch."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.rl_perceptron_plan import RLPerceptronPlan, run_simulation


def main(smk, log) -> None:
    plan = RLPerceptronPlan.from_section(smk.params.section, smk.params.where)
    log.info(f"{len(plan.replicas())} replicas, D={plan.D}, alpha_max={plan.alphas[-1]:g}, "
             f"simulator={plan.simulator}")
    runs, seeds = run_simulation(plan)
    write_table(smk.output[0], runs, snakemake_meta(smk, seeds=seeds))
    last = runs[runs["alpha"] == runs["alpha"].max()].groupby("rule")["rho"].mean()
    for rule, rho in last.items():
        log.info(f"{rule}: rho(alpha_max) = {rho:.3f} (seed mean)")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
