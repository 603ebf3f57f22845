"""Rule tomasini_theory: ridgeless, spectral-bias, crossover and large-ridge exponents per d."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.kernels.tables import tomasini_theory


def main(smk, log) -> None:
    table = tomasini_theory(smk.params.dims, smk.params.chi)
    write_table(smk.output[0], table, snakemake_meta(smk))
    for row in table.itertuples():
        log.info(f"d={row.d}: beta = {row.beta_pred:.3f}, beta_SB = {row.beta_sb:.3f}, "
                 f"lambda* ~ P^{row.lambda_star_exponent:.3f}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
