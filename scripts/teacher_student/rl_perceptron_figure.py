"""Rule figure_patel2023_rlperceptron: the headline figure of arXiv:2306.10404."""

from dltheory.core.artifacts import load_json, read_table
from dltheory.core.logs import run_script
from dltheory.core.plotting import save_figure
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.rl_perceptron_figure import rl_figure


def main(smk, log) -> None:
    p = smk.params
    fig, table = rl_figure(read_table(smk.input.curves)[0], read_table(smk.input.delays)[0],
                           p.rules, p.delay_rules, load_json(smk.input.checks), p.rho_star,
                           p.footer)
    save_figure(fig, smk.output.pdf, smk.output.png, table, smk.output.csv,
                meta=snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
