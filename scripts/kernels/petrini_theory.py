"""Rule petrini_theory: the lazy (NTK) exponent 2d/(d-1) of a smooth target on S^{d-1}."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.kernels.tables import petrini_theory


def main(smk, log) -> None:
    table = petrini_theory(smk.params.d)
    write_table(smk.output[0], table, snakemake_meta(smk))
    for row in table.itertuples():
        log.info(f"{row.method}: beta = {row.beta_pred:.3f}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
