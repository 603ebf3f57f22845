"""Rule diffusion_check: judge the claims of arXiv:2505.24769 on the collected results; write checks.json."""

from dltheory.claims.merger2025_linear_diffusion import evaluate_claims
from dltheory.core.artifacts import read_table
from dltheory.core.checks import write_checks
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta


def main(smk, log) -> None:
    claims = evaluate_claims(read_table(smk.input.summary)[0], smk.params.trainings)
    write_checks(smk.output[0], smk.params.paper, smk.config["scale"], claims,
                 meta=snakemake_meta(smk), log=log.info)


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
