"""Rule cagnetta_theory: effective dimensions and predicted exponents of every teacher."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.kernels.functions import KernelSpec
from dltheory.kernels.tables import cagnetta_theory


def main(smk, log) -> None:
    kernels = {k: KernelSpec.from_dict(v) for k, v in smk.params.kernels.items()}
    student = kernels.pop("student")
    table = cagnetta_theory(kernels, student, smk.params.d)
    table["student_filters"] = "x".join(map(str, student.filters))
    write_table(smk.output[0], table, snakemake_meta(smk))
    for row in table.itertuples():
        log.info(f"teacher {row.filters}: d_eff = {row.d_eff_teacher}, beta = {row.beta_pred:.3f}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
