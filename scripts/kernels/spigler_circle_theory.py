"""Rule spigler_circle_theory: finite-P theories of the d = 2 (circle) learning curves.

The local spline theory and eigenlearning with the FFT spectra on S^1
(:mod:`dltheory.kernels.circle`), for the pairs they apply to (Laplace student, teacher
with alpha_T - d' > 4)."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.kernels.circle import circle_theory_table
from dltheory.kernels.functions import KernelSpec


def main(smk, log) -> None:
    kernels = {k: KernelSpec.from_dict(v) for k, v in smk.params.kernels.items()}
    table = circle_theory_table(kernels, [tuple(p) for p in smk.params.pairs], smk.params.sizes)
    write_table(smk.output[0], table, snakemake_meta(smk))
    for row in table.itertuples():
        log.info(f"{row.series} P={row.P}: spline {row.spline:.3e}, "
                 f"eigenlearning {row.eigenlearning:.3e}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
