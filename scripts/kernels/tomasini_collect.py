"""Rule tomasini_collect: curves over (d, ridge, P), ridgeless tail fits and the crossover ridge."""

import pandas as pd

from dltheory.core.artifacts import read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.core.seeding import rng
from dltheory.kernels.curves import summarise
from dltheory.kernels.tables import collect_curves, crossover_ridges


def main(smk, log) -> None:
    p = smk.params
    runs = pd.concat([read_table(path)[0] for path in smk.input.runs], ignore_index=True)
    theory = read_table(smk.input.theory)[0]
    curves = summarise(runs, ["d", "ridge"])
    _, fits = collect_curves(runs[runs["ridge"] == 0], theory, ["d"],
                             lambda key: p.fit_min[str(key["d"])], rng(p.bootstrap_seed))
    crossover = crossover_ridges(curves, p.crossover_factor)
    meta = snakemake_meta(smk)
    write_table(smk.output.curves, curves, meta)
    write_table(smk.output.fits, fits, meta)
    write_table(smk.output.crossover, crossover, meta)
    for row in fits.itertuples():
        log.info(f"d={row.d}: ridgeless beta = {row.beta:.3f} [{row.beta_lo:.3f}, {row.beta_hi:.3f}]"
                 f" on P in [{row.fit_P_min:g}, {row.fit_P_max:g}], predicted {row.beta_pred:.3f}")
    for row in crossover.itertuples():
        log.info(f"d={row.d} P={row.P}: lambda* = {row.lambda_star:.3g}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
