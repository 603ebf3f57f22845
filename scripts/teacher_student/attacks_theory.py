"""Rule atk_theory: ODE fixed points, the eta -> 0 steady state and ODE trajectories."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.attacks_plan import AttacksPlan, run_theory


def main(smk, log) -> None:
    plan = AttacksPlan.from_section(smk.params.section, smk.params.where)
    steady, trajectories = run_theory(plan)
    meta = snakemake_meta(smk)
    write_table(smk.output.steady, steady, meta)
    write_table(smk.output.trajectories, trajectories, meta)
    log.info(f"critical cost C* = {steady['C_star'].iloc[0]:.4f} (eta -> 0); "
             f"{(steady['source'] == 'ode').sum()} ODE fixed points")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
