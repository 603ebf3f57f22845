"""Rule generative_simulate: linear generative models on pairs of disjoint data sets: m, q, Q."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.replica.generative import simulate_generative


def main(smk, log) -> None:
    p = smk.params
    runs = simulate_generative(p.d, p.ns, p.thetas, p.seeds, p.draws)
    write_table(smk.output[0], runs, snakemake_meta(smk))
    log.info(f"{len(runs)} model pairs (d={p.d})")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
