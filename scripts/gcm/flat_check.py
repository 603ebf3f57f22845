"""Rule flat_check: judge the claims of arXiv:2006.07897 (Gaussian-mixture panel); write checks.json."""

from dltheory.claims.pittorino2021_entropic_flat_minima import evaluate_claims
from dltheory.core.artifacts import read_table
from dltheory.core.checks import write_checks
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.gcm.gmm import bayes_optimal_error


def main(smk, log) -> None:
    p = smk.params
    claims = evaluate_claims(read_table(smk.input.points)[0], read_table(smk.input.theory)[0],
                             float(bayes_optimal_error(p.alpha, p.delta)), p.sigma_star)
    write_checks(smk.output[0], p.paper, smk.config["scale"], claims,
                 meta=snakemake_meta(smk), log=log.info)


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
