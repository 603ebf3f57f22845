"""Rule gmm_ode: the paper's ODEs from every simulated network's state (and from t = 0)."""

from dltheory.core.artifacts import load_npz, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.gmm_plan import GMMPlan, run_ode


def main(smk, log) -> None:
    plan = GMMPlan.from_section(smk.params.section, smk.params.where)
    state, _ = load_npz(smk.input[0])
    ode = run_ode(plan, smk.params.K, state)
    write_table(smk.output[0], ode, snakemake_meta(smk))
    last = ode[ode["t"] == ode["t"].max()].groupby(["start", "sigma2"])["eps_c"].mean()
    for (start, s2), eps in last.items():
        log.info(f"ODE from t={start:g}, sigma2={s2:g}: final eps_c {eps:.4f}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
