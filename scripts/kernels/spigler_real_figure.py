"""Rule spigler_real_figure: the real-data (or stand-in) panel of arXiv:1905.10843."""

from dltheory.core.artifacts import load_json, read_table
from dltheory.core.logs import run_script
from dltheory.core.plotting import save_figure
from dltheory.core.provenance import snakemake_meta
from dltheory.kernels.figures_real import real_data_figure


def main(smk, log) -> None:
    fig, table = real_data_figure(read_table(smk.input.curves)[0], read_table(smk.input.fits)[0],
                                  read_table(smk.input.spectrum)[0], load_json(smk.input.checks),
                                  smk.params.footer)
    save_figure(fig, smk.output.pdf, smk.output.png, table, smk.output.csv,
                meta=snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
