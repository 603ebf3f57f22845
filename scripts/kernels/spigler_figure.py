"""Rule figure_kernel_teacher_student: learning curves and exponents of arXiv:1905.10843."""

from dltheory.core.artifacts import load_json, read_table
from dltheory.core.logs import run_script
from dltheory.core.plotting import save_figure
from dltheory.core.provenance import snakemake_meta
from dltheory.kernels.figures import spigler_figure


def main(smk, log) -> None:
    fig, table = spigler_figure(read_table(smk.input.curves)[0], read_table(smk.input.fits)[0],
                                load_json(smk.input.checks), smk.params.footer,
                                circle=read_table(smk.input.circle)[0])
    save_figure(fig, smk.output.pdf, smk.output.png, table, smk.output.csv,
                meta=snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
