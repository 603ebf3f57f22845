"""Rule rlp_collect: seed means of R, Q, rho, eps and the delays alpha*, simulation and ODE."""

from dltheory.core.artifacts import read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.rl_perceptron_plan import delay_times, summarise


def main(smk, log) -> None:
    sim, ode = read_table(smk.input.sim)[0], read_table(smk.input.ode)[0]
    meta = snakemake_meta(smk)
    write_table(smk.output.curves, summarise(sim, ode), meta)
    delays = delay_times(sim, ode, smk.params.rho_star)
    write_table(smk.output.delays, delays, meta)
    for row in delays.itertuples():
        log.info(f"{row.rule} {row.source}: alpha* = {row.alpha_star:.2f} "
                 f"(+- {row.alpha_star_sem:.2f}, {row.n_missing} seeds missing)")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
