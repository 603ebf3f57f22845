"""Rule paccolat_theory: beta = (d-1+xi)/(3d-3+xi) and the compression exponent per d (stripe),
the same beta per spherical-model case, and beta = min(a_T, 2(d+a_S))/d for the invariant field."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.kernels.functions import KernelSpec
from dltheory.kernels.tables import (paccolat_regression_theory, paccolat_sphere_theory,
                                     paccolat_theory)


def main(smk, log) -> None:
    p, meta = smk.params, snakemake_meta(smk)
    table = paccolat_theory(p.dims, p.compression_d, xi=1.0)
    write_table(smk.output.stripe, table, meta)
    for row in table.itertuples():
        log.info(f"d={row.d}: beta = {row.beta_pred:.3f}, compression {row.compression_pred:.3f}")
    sphere = paccolat_sphere_theory([(c["d"], c["d_par"]) for c in p.sphere_cases], xi=1.0)
    write_table(smk.output.sphere, sphere, meta)
    reg = paccolat_regression_theory(p.regression_d, p.regression_d_pars,
                                     KernelSpec("laplace", sigma=p.teacher_sigma),
                                     KernelSpec("laplace", sigma=p.student_sigma))
    write_table(smk.output.regression, reg, meta)
    for row in reg.itertuples():
        log.info(f"field on d_par={row.d_par} of d={row.d}: beta = {row.beta_pred:.3f} "
                 f"(1/d_par would be {row.beta_if_invariant:.3f})")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
