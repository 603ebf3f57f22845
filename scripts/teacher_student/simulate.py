"""Rule <paper>_simulate: online SGD of every simulated spec of one seed, batched."""

from dltheory.core.artifacts import save_npz, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.experiment import run_simulations, specs_from_dicts


def main(smk, log) -> None:
    specs = specs_from_dicts(smk.params.specs)
    table, initial, history = run_simulations(specs, smk.params.seed, log=log.info)
    meta = snakemake_meta(smk)
    write_table(smk.output.records, table, meta)
    arrays = {f"init|{key}|{name}": value
              for key, state in initial.items() for name, value in state.items()}
    arrays.update({f"hist|{name}": value for name, value in history.items()})
    save_npz(smk.output.arrays, meta, **arrays)


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
