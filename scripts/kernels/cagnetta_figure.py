"""Rule figure_deep_cntk: deep-CNTK teacher-student curves of arXiv:2208.01003."""

from dltheory.claims.cagnetta2022_wide_cnn import GRID_TOL
from dltheory.core.artifacts import load_json, read_table
from dltheory.core.logs import run_script
from dltheory.core.plotting import save_figure
from dltheory.core.provenance import snakemake_meta
from dltheory.kernels.figures import cagnetta_figure


def main(smk, log) -> None:
    fig, table = cagnetta_figure(read_table(smk.input.curves)[0], read_table(smk.input.fits)[0],
                                load_json(smk.input.checks), smk.params.footer,
                                read_table(smk.input.spectral)[0], GRID_TOL)
    save_figure(fig, smk.output.pdf, smk.output.png, table, smk.output.csv,
                meta=snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
