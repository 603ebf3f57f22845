"""Rule gmm_collect: seed means of the learning curves, and the final errors beside the baselines."""

import pandas as pd

from dltheory.core.artifacts import read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.gmm_plan import finals, summarise


def main(smk, log) -> None:
    sim = pd.concat([read_table(p)[0] for p in smk.input.sim], ignore_index=True)
    ode = pd.concat([read_table(p)[0] for p in smk.input.ode], ignore_index=True)
    curves = summarise(sim, ode)
    table = finals(curves, read_table(smk.input.baselines)[0])
    meta = snakemake_meta(smk)
    write_table(smk.output.curves, curves, meta)
    write_table(smk.output.finals, table, meta)
    log.info("\n" + table.round(4).to_string())


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
