"""Rule gmm_check: judge the Gaussian-mixture paper's claims; write checks.json."""

from dltheory.claims.refinetti2021_gmm import evaluate_claims
from dltheory.core.artifacts import read_table
from dltheory.core.checks import write_checks
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta


def main(smk, log) -> None:
    p = smk.params
    claims = evaluate_claims(read_table(smk.input.curves)[0], read_table(smk.input.finals)[0],
                             p.sigma2, list(p.K), p.ode_start, list(p.rf_ratios))
    write_checks(smk.output[0], p.paper, smk.config["scale"], claims, meta=snakemake_meta(smk),
                 log=log.info)


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
