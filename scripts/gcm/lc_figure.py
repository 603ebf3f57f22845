"""Rule figure_gcm_learning_curves: the random-feature learning curves of arXiv:2102.08127."""

from dltheory.core.artifacts import load_json, read_table
from dltheory.core.logs import run_script
from dltheory.core.plotting import save_figure
from dltheory.core.provenance import snakemake_meta
from dltheory.gcm.figures import learning_curves_figure


def main(smk, log) -> None:
    fig, table = learning_curves_figure(read_table(smk.input.points)[0],
                                        read_table(smk.input.lines)[0],
                                        load_json(smk.input.checks), smk.params.footer,
                                        smk.params.universe_label)
    save_figure(fig, smk.output.pdf, smk.output.png, table, smk.output.csv,
                meta=snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
