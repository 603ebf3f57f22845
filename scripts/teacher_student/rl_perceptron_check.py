"""Rule rlp_check: judge the RL perceptron's claims; write checks.json."""

from dltheory.claims.patel2023_rlperceptron import evaluate_claims
from dltheory.core.artifacts import read_table
from dltheory.core.checks import write_checks
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta


def main(smk, log) -> None:
    claims = evaluate_claims(read_table(smk.input.curves)[0], read_table(smk.input.delays)[0],
                             smk.params.delay_rules, smk.params.alpha_max)
    write_checks(smk.output[0], smk.params.paper, smk.config["scale"], claims,
                 meta=snakemake_meta(smk), log=log.info)


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
