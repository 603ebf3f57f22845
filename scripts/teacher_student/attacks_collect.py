"""Rule atk_collect: steady states and dynamics over seeds, and the accuracy transitions."""

from dltheory.core.artifacts import read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.attacks_plan import steady_table, trajectory_table, transitions


def main(smk, log) -> None:
    sim = read_table(smk.input.sim)[0]
    theory = read_table(smk.input.steady)[0]
    steady = steady_table(sim, smk.params.window)
    meta = snakemake_meta(smk)
    write_table(smk.output.steady, steady, meta)
    write_table(smk.output.trajectories,
                trajectory_table(sim, read_table(smk.input.trajectories)[0],
                                 smk.params.trajectory_log10_C), meta)
    tr = transitions(steady, theory)
    write_table(smk.output.transitions, tr, meta)
    for row in tr.itertuples():
        log.info(f"{row.source} eta={row.eta:g}: C_half = {10 ** row.log10_C_half:.3f}, "
                 f"width {row.width:.3f} decades")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
