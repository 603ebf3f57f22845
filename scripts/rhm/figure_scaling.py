"""Rule figure_rhm_scaling: the headline figure of arXiv:2307.02129 from our runs and theory."""

from dltheory.core.artifacts import load_json, read_table
from dltheory.core.logs import run_script
from dltheory.core.plotting import save_figure
from dltheory.core.provenance import snakemake_meta
from dltheory.rhm.figures import scaling_figure


def main(smk, log) -> None:
    fig, table = scaling_figure(read_table(smk.input.curves)[0],
                                read_table(smk.input.sample_complexity)[0],
                                load_json(smk.input.checks), smk.params.footer)
    save_figure(fig, smk.output.pdf, smk.output.png, table, smk.output.csv,
                meta=snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
