"""Rule favero_theory: beta = alpha_t / s (local, conv) and alpha_t / d (FC) per (d, student)."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.kernels.functions import KernelSpec
from dltheory.kernels.tables import favero_theory


def main(smk, log) -> None:
    students = {k: KernelSpec.from_dict(v) for k, v in smk.params.students.items()}
    pairs = {int(d): [tuple(p) for p in plist] for d, plist in smk.params.pairs.items()}
    table = favero_theory(pairs, smk.params.t, students)
    write_table(smk.output[0], table, snakemake_meta(smk))
    for row in table.itertuples():
        log.info(f"d={row.d} {row.teacher} -> {row.student}: beta = {row.beta_pred:.3f}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
