"""Rule figure_margiotta2023_attacks: the headline figure of arXiv:2305.11132."""

from dltheory.core.artifacts import load_json, read_table
from dltheory.core.logs import run_script
from dltheory.core.plotting import save_figure
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.attacks_figure import attacks_figure


def main(smk, log) -> None:
    tables = (read_table(smk.input[k])[0] for k in ("steady", "theory", "trajectories", "transitions"))
    fig, table = attacks_figure(*tables, load_json(smk.input.checks), smk.params.footer)
    save_figure(fig, smk.output.pdf, smk.output.png, table, smk.output.csv,
                meta=snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
