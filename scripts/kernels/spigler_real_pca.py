"""Rule spigler_real_pca: kernel PCA of N data points per kernel; the target's power beyond
rank P, R(P), and its exponent (the paper's estimate of beta), written as the theory table."""

import pandas as pd
import torch

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.core.seeding import derive_seed
from dltheory.kernels.functions import gram
from dltheory.kernels.real_data import RealDataPlan, draw, kernel_pca_tail, load_pools, tail_exponent


def main(smk, log) -> None:
    torch.set_num_threads(smk.threads)
    plan = RealDataPlan.from_section(smk.params.section, smk.params.where)
    s = plan.section
    gen = torch.Generator().manual_seed(derive_seed(0, s["seed_stream"] + "_pca"))
    x, y, _, _ = draw(load_pools(plan), s["pca_points"], 1, gen)
    spectra, theory = [], []
    for name, spec in plan.kernels.items():
        lam, R = kernel_pca_tail(gram(spec, x, x), y)
        fit = tail_exponent(R, *s["pca_fit"])
        log.info(f"{name}: beta_pca = {fit['beta']:.3f} +- {fit['beta_err']:.3f} on ranks {s['pca_fit']}")
        spectra.append(pd.DataFrame({"kernel": name, "rank": range(1, len(lam) + 1),
                                     "eigenvalue": lam, "tail_power": R}))
        theory += [{"kernel": name, "task": task, "beta_pred": fit["beta"],
                    "beta_pred_err": fit["beta_err"], "pca_prefactor": fit["prefactor"],
                    "pca_rank_min": fit["P_min"], "pca_rank_max": fit["P_max"],
                    "pca_points": s["pca_points"], "source": plan.source}
                   for task in ("regression", "classification")]
    meta = snakemake_meta(smk)
    write_table(smk.output.spectrum, pd.concat(spectra, ignore_index=True), meta)
    write_table(smk.output.theory, pd.DataFrame(theory), meta)


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
