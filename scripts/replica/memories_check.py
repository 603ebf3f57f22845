"""Rule memories_check: judge the claims of arXiv:2105.07416 on the collected results; write checks.json."""

from dltheory.claims.goldt2021_memories import evaluate_claims
from dltheory.core.artifacts import read_table
from dltheory.core.checks import write_checks
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.replica.memories import MemoryModel


def main(smk, log) -> None:
    rho = {m["name"]: float(MemoryModel(**m).make_prior().second_moment[0, 0]) for m in smk.params.models}
    claims = evaluate_claims(read_table(smk.input.summary)[0], read_table(smk.input.theory)[0], rho)
    write_checks(smk.output[0], smk.params.paper, smk.config["scale"], claims,
                 meta=snakemake_meta(smk), log=log.info)


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
