"""Rule paccolat_theory: beta = (d-1+xi)/(3d-3+xi) and the compression exponent per d."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.kernels.tables import paccolat_theory


def main(smk, log) -> None:
    table = paccolat_theory(smk.params.dims, smk.params.compression_d, xi=1.0)
    write_table(smk.output[0], table, snakemake_meta(smk))
    for row in table.itertuples():
        log.info(f"d={row.d}: beta = {row.beta_pred:.3f}, compression {row.compression_pred:.3f}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
