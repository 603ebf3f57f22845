"""Rule rhm_train: the learning curves of one RHM instance, all seeds trained as one batch."""

import pandas as pd
import torch

from dltheory.core.artifacts import atomic_path, load_npz, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.rhm.experiment import TrainConfig, learning_curve
from dltheory.rhm.generator import RHMSpec


def main(smk, log) -> None:
    torch.set_num_threads(smk.threads)
    p = smk.params
    spec = RHMSpec.from_key(p.rhm)
    datasets = {seed: load_npz(path)[0] for seed, path in zip(p.seeds, smk.input.data)}
    rows, models = learning_curve(spec, datasets, p.sizes, TrainConfig(**p.train),
                                  log=log.info, keep_models=p.save_models)
    meta = snakemake_meta(smk)
    write_table(smk.output.runs, pd.DataFrame(rows).assign(rhm=p.rhm), meta)
    with atomic_path(smk.output.models) as tmp:
        torch.save({"meta": meta, **models}, tmp)


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
