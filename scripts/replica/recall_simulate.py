"""Rule recall_simulate: critical number of associations per seed at one dimension d (optimal, decoupled, Hebbian)."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.replica.associative import simulate_capacity


def main(smk, log) -> None:
    p = smk.params
    runs, stats = simulate_capacity(p.d, p.seeds, p.models, p.embeddings)
    meta = snakemake_meta(smk)
    write_table(smk.output.runs, runs, meta)
    write_table(smk.output.scores, stats, meta)
    for model, sub in runs.groupby("model"):
        log.info(f"d={p.d} {model}: p* = {sub['p_star'].tolist()}, p log p / d^2 = {sub['c'].mean():.3f}, "
                 f"undecided solves {int(sub['undecided'].sum())}/{int(sub['solves'].sum())}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
