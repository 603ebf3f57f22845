"""Rule figure_goldt2019_overparam: the headline figure from the collected ODE and SGD results."""

from dltheory.core.artifacts import load_json, read_table
from dltheory.core.logs import run_script
from dltheory.core.plotting import save_figure
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.figures import overparam_figure


def main(smk, log) -> None:
    curves, summary = read_table(smk.input.curves)[0], read_table(smk.input.summary)[0]
    checks = load_json(smk.input.checks)
    fig, table = overparam_figure(curves, summary, checks, smk.params.section, smk.params.footer)
    save_figure(fig, smk.output.pdf, smk.output.png, table, smk.output.csv,
                meta=snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
