"""Rule memories_simulate: AMP and PCA on fresh Hopfield-type networks of one model, all points and seeds."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.replica.memories import MemoryModel, simulate_model


def main(smk, log) -> None:
    p = smk.params
    model = MemoryModel(**p.model)
    runs = simulate_model(model, p.ratios, p.N, p.seeds, p.amp_options)
    write_table(smk.output[0], runs, snakemake_meta(smk))
    for row in runs.groupby("ratio")[["mse_amp", "mse_pca"]].mean().itertuples():
        log.info(f"{model.name} Delta/Delta_c={row.Index:.3g}: MSE AMP {row.mse_amp:.3f}, PCA {row.mse_pca:.3f}")
    log.info(f"AMP converged in {runs['amp_converged'].mean():.0%} of {len(runs)} runs")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
