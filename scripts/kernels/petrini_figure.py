"""Rule figure_sparse_features: feature learning against lazy training (arXiv:2206.12314)."""

import pandas as pd

from dltheory.core.artifacts import load_json, read_table
from dltheory.core.logs import run_script
from dltheory.core.plotting import save_figure
from dltheory.core.provenance import snakemake_meta
from dltheory.kernels.figures_sparse import petrini_figure


def main(smk, log) -> None:
    runs = pd.concat([read_table(f)[0] for f in smk.input.runs], ignore_index=True)
    fig, table = petrini_figure(read_table(smk.input.curves)[0], read_table(smk.input.fits)[0],
                                runs, load_json(smk.input.checks), smk.params.footer)
    save_figure(fig, smk.output.pdf, smk.output.png, table, smk.output.csv,
                meta=snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
