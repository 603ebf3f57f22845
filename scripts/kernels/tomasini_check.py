"""Rule tomasini_check: judge the paper's claims; write checks.json."""

from dltheory.claims.tomasini2022_spectral_bias import evaluate_claims
from dltheory.core.artifacts import read_table
from dltheory.core.checks import write_checks
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta


def main(smk, log) -> None:
    tables = {k: read_table(smk.input[k])[0]
              for k in ("curves", "fits", "crossover", "spectral_bias", "theory")}
    claims = evaluate_claims(**tables, fit_min={int(k): v for k, v in smk.params.fit_min.items()})
    write_checks(smk.output[0], smk.params.paper, smk.config["scale"], claims,
                 meta=snakemake_meta(smk), log=log.info)


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
