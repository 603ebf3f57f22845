"""Rule <paper>_theory: the ODEs of every spec and seed, started from the simulations' own
initial order parameters (ODE-only specs from initial weights drawn the same way)."""

from dltheory.core.artifacts import load_npz, save_npz, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.experiment import run_ode, specs_from_dicts


def main(smk, log) -> None:
    initial = {}
    for seed, path in zip(smk.params.seeds, smk.input.arrays):
        for name, value in load_npz(path)[0].items():
            if name.startswith("init|"):
                _, key, field = name.split("|")
                initial.setdefault((seed, key), {})[field] = value
    table, history = run_ode(specs_from_dicts(smk.params.specs), smk.params.seeds, initial,
                             log=log.info, **smk.params.ode)
    meta = snakemake_meta(smk)
    write_table(smk.output.records, table, meta)
    save_npz(smk.output.arrays, meta, **{f"hist|{k}": v for k, v in history.items()})


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
