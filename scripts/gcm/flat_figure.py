"""Rule figure_flat_minima: flatness and generalisation in Gaussian-mixture classification (arXiv:2006.07897)."""

from dltheory.core.artifacts import load_json, read_table
from dltheory.core.logs import run_script
from dltheory.core.plotting import save_figure
from dltheory.core.provenance import snakemake_meta
from dltheory.gcm.figures import flat_minima_figure
from dltheory.gcm.gmm import bayes_optimal_error


def main(smk, log) -> None:
    p = smk.params
    fig, table = flat_minima_figure(read_table(smk.input.points)[0],
                                    read_table(smk.input.theory)[0],
                                    float(bayes_optimal_error(p.alpha, p.delta)), p.sigma_star,
                                    load_json(smk.input.checks), p.footer)
    save_figure(fig, smk.output.pdf, smk.output.png, table, smk.output.csv,
                meta=snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
