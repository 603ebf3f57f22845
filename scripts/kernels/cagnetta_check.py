"""Rule cagnetta_check: judge the paper's claims; write checks.json."""

import pandas as pd

from dltheory.claims.cagnetta2022_wide_cnn import evaluate_claims
from dltheory.core.artifacts import read_table
from dltheory.core.checks import write_checks
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta


def main(smk, log) -> None:
    claims = evaluate_claims(read_table(smk.input.fits)[0],
                             pd.concat([read_table(f)[0] for f in smk.input.runs]))
    write_checks(smk.output[0], smk.params.paper, smk.config["scale"], claims,
                 meta=snakemake_meta(smk), log=log.info)


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
