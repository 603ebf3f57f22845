"""Rule <paper>_collect: simulations and ODE in one table, seed-averaged curves, the paper's summary."""

import pandas as pd

from dltheory.core.artifacts import load_npz, read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.analysis import seed_curves
from dltheory.teacher_student.summaries import summarise


def _history(paths) -> dict:
    out = {}
    for path in paths:
        out.update({k[len("hist|"):]: v for k, v in load_npz(path)[0].items()
                    if k.startswith("hist|")})
    return out


def main(smk, log) -> None:
    records = pd.concat([read_table(p)[0] for p in [*smk.input.sims, smk.input.ode]],
                        ignore_index=True)
    history = {"sim": _history(smk.input.sim_arrays), "ode": _history([smk.input.ode_arrays])}
    summary = summarise(smk.params.paper, records, history, smk.params.section)
    meta = snakemake_meta(smk)
    write_table(smk.output.records, records, meta)
    write_table(smk.output.curves, seed_curves(records), meta)
    write_table(smk.output.summary, summary, meta)
    for row in summary[summary["kind"] == "gap"].itertuples():
        log.info(f"{row.spec} ({row.value}): ODE vs SGD gap max {row.gap_max:.3f}, "
                 f"mean {row.gap_mean:.3f} over {row.n_times} times, {row.n_seeds} seeds")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
