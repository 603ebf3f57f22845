"""Rule paccolat_check: judge the paper's claims; write checks.json."""

import pandas as pd

from dltheory.claims.paccolat2020_isotropic_kernels import evaluate_claims
from dltheory.core.artifacts import read_table
from dltheory.core.checks import write_checks
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta


def main(smk, log) -> None:
    runs = pd.concat([read_table(f)[0] for f in smk.input.runs], ignore_index=True)
    claims = evaluate_claims(read_table(smk.input.fits)[0], runs,
                             read_table(smk.input.compression)[0],
                             read_table(smk.input.theory)[0])
    write_checks(smk.output[0], smk.params.paper, smk.config["scale"], claims,
                 meta=snakemake_meta(smk), log=log.info)


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
