"""Rule gmm_simulate: online SGD of every two-layer network of one width, all seeds batched."""

import numpy as np

from dltheory.core.artifacts import save_npz, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.teacher_student.gmm_plan import GMMPlan, run_simulation


def main(smk, log) -> None:
    plan = GMMPlan.from_section(smk.params.section, smk.params.where)
    K = smk.params.K
    log.info(f"K={K}: {len(plan.replicas(K))} networks, N={plan.N}, t_max={plan.times[-1]:g}")
    state, errors, seeds = run_simulation(plan, K)
    meta = snakemake_meta(smk, seeds=seeds)
    save_npz(smk.output.state, meta, **state)
    write_table(smk.output.errors, errors, meta)
    last = errors[errors["t"] == errors["t"].max()].groupby("sigma2")["eps_c"].agg(["mean", "max"])
    for s2, row in last.iterrows():
        log.info(f"sigma2={s2:g}: final eps_c mean {row['mean']:.4f}, worst seed {row['max']:.4f}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
