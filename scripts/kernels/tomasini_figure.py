"""Rule figure_spectral_bias: ridge crossover and spectral bias on the depleted stripe (arXiv:2202.03348)."""

from dltheory.core.artifacts import load_json, read_table
from dltheory.core.logs import run_script
from dltheory.core.plotting import save_figure
from dltheory.core.provenance import snakemake_meta
from dltheory.kernels.figures_stripe import tomasini_figure


def main(smk, log) -> None:
    tables = [read_table(smk.input[k])[0]
              for k in ("curves", "spectral_bias", "fits", "crossover", "theory")]
    fig, table = tomasini_figure(*tables, load_json(smk.input.checks), smk.params.footer)
    save_figure(fig, smk.output.pdf, smk.output.png, table, smk.output.csv,
                meta=snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
