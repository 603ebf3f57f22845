"""Rule rhm_check: judge the paper's claims on the collected results; write checks.json."""

from pathlib import Path

from dltheory.claims.cagnetta2023_rhm import evaluate_claims
from dltheory.core.artifacts import load_npz, read_table
from dltheory.core.checks import write_checks
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.rhm.datasets import dataset_violations
from dltheory.rhm.generator import RHMSpec


def main(smk, log) -> None:
    violations = 0
    for path in smk.input.data:  # results/.../data/<instance>/seed<r>.npz
        problems = dataset_violations(RHMSpec.from_key(Path(path).parent.name), load_npz(path)[0])
        violations += len(problems)
        for problem in problems:
            log.error(f"{path}: {problem}")
    claims = evaluate_claims(read_table(smk.input.sample_complexity)[0],
                             read_table(smk.input.correlations)[0],
                             read_table(smk.input.runs)[0], violations)
    write_checks(smk.output[0], smk.params.paper, smk.config["scale"], claims,
                 meta=snakemake_meta(smk), log=log.info)


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
