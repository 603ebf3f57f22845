"""Rule atk_simulate: the linear learner under greedy attacks, every (C, eta, seed) in one batch."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.attacks_plan import AttacksPlan, run_simulation


def main(smk, log) -> None:
    plan = AttacksPlan.from_section(smk.params.section, smk.params.where)
    log.info(f"{len(plan.replicas())} learners, D={plan.D}, t_max={plan.times[-1]:g}, "
             f"simulator={plan.simulator}")
    runs, seeds = run_simulation(plan)
    write_table(smk.output[0], runs, snakemake_meta(smk, seeds=seeds))
    last = runs[runs["t"] == runs["t"].max()].groupby(["eta", "C"])["accuracy"].mean()
    for (eta, C), acc in last.items():
        log.info(f"eta={eta:g} C={C:.3g}: final accuracy {acc:.3f} (seed mean)")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
