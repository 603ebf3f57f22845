"""Rule rhm_data: draw the rules, training pool and disjoint test set of every seed of one RHM instance."""

from dltheory.core.artifacts import save_npz
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.rhm.datasets import draw_dataset
from dltheory.rhm.generator import RHMSpec


def main(smk, log) -> None:
    p = smk.params
    spec = RHMSpec.from_key(p.rhm)
    for seed, path in zip(p.seeds, smk.output):
        arrays, seeds = draw_dataset(spec, p.n_pool, p.n_test, seed)
        save_npz(path, snakemake_meta(smk, seed=seed, spec=spec.as_dict(), seeds=seeds), **arrays)
        log.info(f"{spec.key} seed={seed}: pool {p.n_pool}, test {p.n_test}, Pmax {spec.Pmax}")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
