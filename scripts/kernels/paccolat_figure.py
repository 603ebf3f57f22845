"""Rule figure_svm_stripe: SVM learning curves, exponents and compression of arXiv:2006.09754."""

from dltheory.core.artifacts import load_json, read_table
from dltheory.core.logs import run_script
from dltheory.core.plotting import save_figure
from dltheory.core.provenance import snakemake_meta
from dltheory.kernels.figures_stripe import paccolat_figure


def main(smk, log) -> None:
    t = {k: read_table(smk.input[k])[0] for k in (
        "curves", "fits", "compression", "theory", "sphere_curves", "sphere_fits",
        "regression_curves", "regression_fits", "regression_theory")}
    fig, table = paccolat_figure(t["curves"], t["fits"], t["compression"], t["theory"],
                                 load_json(smk.input.checks), smk.params.footer,
                                 sphere=(t["sphere_curves"], t["sphere_fits"]),
                                 regression=(t["regression_curves"], t["regression_fits"],
                                             t["regression_theory"]))
    save_figure(fig, smk.output.pdf, smk.output.png, table, smk.output.csv,
                meta=snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
