"""Rule petrini_train: alpha-trick networks in both regimes, all seeds and sizes in one flow."""

import math

import pandas as pd
import torch

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.core.seeding import derive_seed
from dltheory.core.training import pick_device
from dltheory.kernels.sparse import network_curves


def main(smk, log) -> None:
    torch.set_num_threads(smk.threads)
    p, net = smk.params, smk.params.networks
    device = pick_device("auto")
    regimes = {"lazy_net": net["alpha_lazy"], "feature_net": net["alpha_feature"]}
    init = torch.Generator().manual_seed(derive_seed(0, "init", p.d))
    rows = network_curves(  # inputs of seed s: the draw of petrini_simulate's seed s
        p.d, net["sizes"], list(range(net["seeds"])), regimes, net["width"], p.test_size,
        net["max_steps"], net["loss_target"],
        lambda s: torch.Generator().manual_seed(derive_seed(s, "sphere-v2", p.d)), init, device,
        # lazy: a linear model, every descent path from theta_0 ends at the same interpolant,
        # so the loss test suffices; feature: the path picks the interpolant, follow the flow
        max_dgrad={"lazy_net": math.inf, "feature_net": net["max_dgrad"]})
    table = pd.DataFrame(rows)
    log.info(f"device {device}")
    cols = ["error", "train_loss", "n_atoms", "steps"]
    for r in table.groupby(["method", "P"])[cols].mean().reset_index().itertuples():
        log.info(f"{r.method} P={r.P}: eps = {r.error:.3e}, train loss {r.train_loss:.1e}, "
                 f"{r.n_atoms:.0f} atoms, {r.steps:.0f} steps")
    write_table(smk.output[0], table, snakemake_meta(smk))


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
