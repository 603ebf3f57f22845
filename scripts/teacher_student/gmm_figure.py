"""Rule figure_refinetti2021_gmm: the headline figure of arXiv:2102.11742."""

from dltheory.core.artifacts import load_json, read_table
from dltheory.core.logs import run_script
from dltheory.core.plotting import save_figure
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.gmm_figure import gmm_figure


def main(smk, log) -> None:
    p = smk.params
    fig, table = gmm_figure(read_table(smk.input.curves)[0], read_table(smk.input.finals)[0],
                            read_table(smk.input.baselines)[0], p.sigma2, p.ode_start,
                            load_json(smk.input.checks), p.footer)
    save_figure(fig, smk.output.pdf, smk.output.png, table, smk.output.csv,
                meta=snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
