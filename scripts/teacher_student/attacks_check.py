"""Rule atk_check: judge the attack paper's claims; write checks.json."""

from dltheory.claims.margiotta2023_attacks import evaluate_claims
from dltheory.core.artifacts import read_table
from dltheory.core.checks import write_checks
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta


def main(smk, log) -> None:
    claims = evaluate_claims(*(read_table(smk.input[k])[0]
                               for k in ("steady", "theory", "trajectories", "transitions")))
    write_checks(smk.output[0], smk.params.paper, smk.config["scale"], claims,
                 meta=snakemake_meta(smk), log=log.info)


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
