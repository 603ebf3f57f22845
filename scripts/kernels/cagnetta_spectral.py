"""Rule cagnetta_spectral: finite-P eigenlearning prediction of every teacher's learning curve."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.kernels.cntk_spectrum import spectral_theory_table
from dltheory.kernels.functions import KernelSpec


def main(smk, log) -> None:
    kernels = {k: KernelSpec.from_dict(v) for k, v in smk.params.kernels.items()}
    student = kernels.pop("student")
    table = spectral_theory_table(kernels, student, smk.params.d, smk.params.grids,
                                  smk.params.marginal_grid, smk.params.sizes)
    write_table(smk.output[0], table, snakemake_meta(smk))
    for name, rows in table.groupby("teacher"):
        last = rows.iloc[-1]
        log.info(f"teacher {name}: E_pred(P={last.P:g}) = {last.error_pred:.4f}, "
                 f"max change from the half grid = {rows.grid_change.max():.3f}")
    log.info(f"student eigenvalues (lambda >= kappa at max P): max change from the half grid = "
             f"{table.eig_change_full_support.iloc[0]:.3f} (modes on every patch), "
             f"{table.eig_change.iloc[0]:.3f} (all classes), {table.eig_outside.iloc[0]} beyond N_A / 8")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
