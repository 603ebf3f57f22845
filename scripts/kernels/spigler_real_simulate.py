"""Rule spigler_real_simulate: ridgeless kernel regression and hard-margin SVM classification
of binary labels on real data (MNIST / CIFAR10) or the synthetic stand-in, every seed;
regression (MSE) and classification (0/1) test errors on nested training sets."""

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
    st = s["stand_in"]
    m = st["latent_dim"] if plan.source == "stand_in" else float("nan")
    margin = st["margin"] if plan.source == "stand_in" else float("nan")
    rows = []
    for seed in plan.seeds:
        gen = torch.Generator().manual_seed(derive_seed(seed, s["seed_stream"]))
        x_tr, y_tr, x_te, y_te = draw(pools, max(plan.sizes), s["test_size"], gen)
        for r in label_learning_curves(x_tr, y_tr, x_te, y_te, plan.kernels, plan.sizes):
            base = {"kernel": r["kernel"], "P": r["P"], "seed": seed, "jitter": r["jitter"],
                    "n_sv": r["n_sv"], "source": plan.source, "latent_dim": m, "margin": margin}
            rows += [{**base, "task": "regression", "error": r["error"]},
                     {**base, "task": "classification", "error": r["class_error"]}]
        last = [r for r in rows if r["seed"] == seed and r["P"] == max(plan.sizes)]
        log.info(f"{plan.source} seed={seed}, P={max(plan.sizes)}: " + ", ".join(
            f"{r['kernel']} {r['task']} {r['error']:.3g}" for r in last))
    write_table(smk.output[0], pd.DataFrame(rows), snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
