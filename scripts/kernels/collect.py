"""Rule *_collect (kernel papers): seed-averaged learning curves and tail fits with predictions."""

import pandas as pd

from dltheory.core.artifacts import read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.core.seeding import rng
from dltheory.kernels.tables import collect_curves


def main(smk, log) -> None:
    p = smk.params
    runs = pd.concat([read_table(path)[0] for path in smk.input.runs], ignore_index=True)
    runs = runs.query(p.query) if p.query else runs
    theory = read_table(smk.input.theory)[0]
    keys = [p.fit_min_key] if isinstance(p.fit_min_key, str) else list(p.fit_min_key)
    fit_min = p.fit_min if not isinstance(p.fit_min, dict) else (  # a list: "value|value" keys
        lambda key: p.fit_min["|".join(str(key[k]) for k in keys)])
    curves, fits = collect_curves(runs, theory, list(p.series_keys), fit_min, rng(p.bootstrap_seed))
    meta = snakemake_meta(smk)
    write_table(smk.output.curves, curves, meta)
    write_table(smk.output.fits, fits, meta)
    for row in fits.to_dict("records"):
        log.info(f"{[row[k] for k in p.series_keys]}: beta = {row['beta']:.3f} "
                 f"[{row['beta_lo']:.3f}, {row['beta_hi']:.3f}] on P in "
                 f"[{row['fit_P_min']:g}, {row['fit_P_max']:g}], predicted {row['beta_pred']:.3f}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
