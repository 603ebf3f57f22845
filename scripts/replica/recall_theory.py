"""Rule recall_theory: the asymptotic capacity p_c log p_c = d^2 / 2 on a grid of d."""

import numpy as np
import pandas as pd

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.replica.associative import capacity_law


def main(smk, log) -> None:
    d = np.geomspace(smk.params.d_min, smk.params.d_max, 50)
    p_c = capacity_law(d)
    table = pd.DataFrame({"d": d, "p_c": p_c, "c": p_c * np.log(p_c) / d**2})
    write_table(smk.output[0], table, snakemake_meta(smk))
    log.info(f"p_c(d={d[-1]:.0f}) = {p_c[-1]:.1f}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
