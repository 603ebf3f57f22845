"""Rule rhm_correlations: P_c from the exact class-patch correlations of many rule draws.

Draw r uses the same rules as training replicate r, so the trained instances are
among the draws; the extra draws only average the theory over the RHM ensemble.
"""

import pandas as pd

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.rhm.correlations import correlation_summary
from dltheory.rhm.datasets import rules_for_replicate
from dltheory.rhm.generator import RHMSpec


def main(smk, log) -> None:
    rows = []
    for key in smk.params.instances:
        spec = RHMSpec.from_key(key)
        for draw in range(smk.params.draws):
            rows.append({"rhm": key, "draw": draw,
                         **correlation_summary(spec, rules_for_replicate(spec, draw))})
        mean = pd.DataFrame(rows[-smk.params.draws:])["P_c_patch"].mean()
        log.info(f"{key}: P_c/(n_c m^L) = {mean / spec.P_scale:.2f} over {smk.params.draws} draws")
    write_table(smk.output[0], pd.DataFrame(rows), snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
