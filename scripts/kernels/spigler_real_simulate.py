"""Rule spigler_real_simulate: ridgeless kernel regression of binary labels on real data
(MNIST / CIFAR10) or the synthetic stand-in, every seed; regression (MSE) and
classification (sign) test errors on nested training sets."""

import pandas as pd
import torch

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.core.seeding import derive_seed
from dltheory.kernels.real_data import RealDataPlan, draw, label_learning_curves, load_pools


def main(smk, log) -> None:
    torch.set_num_threads(smk.threads)
    plan = RealDataPlan.from_section(smk.params.section, smk.params.where)
    pools, s = load_pools(plan), plan.section
    m = s["stand_in"]["latent_dim"] if plan.source == "stand_in" else float("nan")
    rows = []
    for seed in plan.seeds:
        gen = torch.Generator().manual_seed(derive_seed(seed, "spigler_real"))
        x_tr, y_tr, x_te, y_te = draw(pools, max(plan.sizes), s["test_size"], gen)
        for r in label_learning_curves(x_tr, y_tr, x_te, y_te, plan.kernels, plan.sizes):
            base = {"kernel": r["kernel"], "P": r["P"], "seed": seed, "jitter": r["jitter"],
                    "source": plan.source, "latent_dim": m}
            rows += [{**base, "task": "regression", "error": r["error"]},
                     {**base, "task": "classification", "error": r["class_error"]}]
        log.info(f"{plan.source} seed={seed}: " + ", ".join(
            f"{r['kernel']} {r['task']} {r['error']:.3g}" for r in rows[-2 * len(plan.kernels):]))
    write_table(smk.output[0], pd.DataFrame(rows), snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
