"""Rule petrini_simulate: one method (lazy kernel, feature limit or networks), every seed."""

import pandas as pd
import torch

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.core.seeding import derive_seed
from dltheory.kernels.sparse import min_l1_curve, network_curves, ntk_constant_curve


def data_gen(seed: int, d: int) -> torch.Generator:
    """The same input draw for every method of a seed."""
    return torch.Generator().manual_seed(derive_seed(seed, "sphere", d))


def main(smk, log) -> None:
    torch.set_num_threads(smk.threads)
    p = smk.params
    rows = []
    if p.method == "networks":
        net = p.networks
        regimes = {"lazy_net": net["alpha_lazy"], "feature_net": net["alpha_feature"]}
        init = torch.Generator().manual_seed(derive_seed(0, "init", p.d))
        rows = network_curves(p.d, net["sizes"], list(range(net["seeds"])), regimes,
                              net["width"], p.test_size, net["max_steps"], net["loss_target"],
                              lambda s: data_gen(s, p.d), init)
    else:
        for seed in p.seeds:
            gen = data_gen(seed, p.d)
            if p.method == "lazy_kernel":
                out = ntk_constant_curve(p.d, p.sizes, p.test_size, gen)
            else:
                out = min_l1_curve(p.d, p.sizes, p.test_size, p.n_directions, gen)
            rows += [{**r, "seed": seed} for r in out]
    table = pd.DataFrame(rows)
    for r in table.groupby(["method", "P"])[["error", "train_loss"]].mean().reset_index().itertuples():
        log.info(f"{r.method} P={r.P}: eps = {r.error:.3e} (train loss {r.train_loss:.1e})")
    write_table(smk.output[0], table, snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
