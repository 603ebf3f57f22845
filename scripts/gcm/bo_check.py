"""Rule bayes_check: judge the claims of arXiv:2302.00375; write checks.json."""

from dltheory.claims.cui2023_bayes_opt_deep_extensive import evaluate_claims
from dltheory.core.artifacts import read_table
from dltheory.core.checks import write_checks
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta


def main(smk, log) -> None:
    claims = evaluate_claims(read_table(smk.input.points)[0], read_table(smk.input.theory)[0])
    write_checks(smk.output[0], smk.params.paper, smk.config["scale"], claims,
                 meta=snakemake_meta(smk), log=log.info)


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
