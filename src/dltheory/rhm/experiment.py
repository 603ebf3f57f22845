"""Learning curves of deep CNNs on the RHM: training protocol and measurements.

Protocol (the authors', arXiv:2307.02129 App. and their code): the CNN of
:mod:`dltheory.rhm.cnn` trained on one-hot inputs with cross-entropy, SGD with
momentum, learning rate ``lr0 * H`` (mean-field scaling), minibatches drawn without
replacement each epoch, until the epoch-averaged training loss reaches a threshold
or an epoch cap.  The *final* network is measured (test error, synonymic
sensitivity), never the best one seen during training.

Training sets of increasing size are nested prefixes of one random pool (see
:mod:`dltheory.rhm.datasets`).  One replicate (seed) fixes the rules, the pool and
test set, the initialisation and the SGD noise, through separate named streams.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Callable, Sequence

import numpy as np

from ..core.seeding import derive_seed, rng
from .datasets import rules_of
from .generator import RHMSpec, expand, one_hot

__all__ = ["TrainConfig", "learning_curve"]


@dataclass(frozen=True)
class TrainConfig:
    """Hyper-parameters of one learning curve (symbols as in the config file)."""

    width: int = 64
    lr0: float = 0.5
    batch_size: int = 128
    momentum: float = 0.9
    max_epochs: int = 300
    loss_threshold: float = 1e-3
    sensitivity_probe: int = 1000
    device: str = "auto"

    def __post_init__(self) -> None:
        for name in ("width", "batch_size", "max_epochs", "sensitivity_probe"):
            if int(getattr(self, name)) < 1:
                raise ValueError(f"TrainConfig.{name} must be >= 1, got {getattr(self, name)}")
        if not self.lr0 > 0:
            raise ValueError(f"TrainConfig.lr0 must be > 0, got {self.lr0}")
        if not 0 <= self.momentum < 1:
            raise ValueError(f"TrainConfig.momentum must be in [0, 1), got {self.momentum}")

    def as_dict(self) -> dict:
        return asdict(self)


def learning_curve(spec: RHMSpec, datasets: dict[int, dict], sizes: Sequence[int],
                   hp: TrainConfig, log: Callable[[str], None] = print,
                   keep_models: bool = True) -> tuple[list[dict], dict]:
    """Train one network per replicate and training-set size, and measure it.

    The replicates (seeds) of the instance are trained together as one batched
    model (:class:`~dltheory.rhm.cnn.HierarchicalCNN` with a replicate axis); each
    follows its own rules, data, initialisation and SGD noise.

    Parameters
    ----------
    datasets : ``{replicate: arrays of draw_dataset}``, all of the same sizes

    Returns
    -------
    rows : one dict per (replicate, size) with ``seed``, ``P``, ``test_error``,
           ``train_loss``, ``status``, ``epochs``, ``seconds``, ``S_k{k}_l{l}``
    models : ``{P: state_dict}`` of the batched model (replicate axis first; empty if
             ``keep_models`` is False), plus ``"init_sensitivity": {seed: S}``
    """
    import torch

    from ..core.training import evaluate, pick_device, train_sgd
    from .cnn import HierarchicalCNN
    from .sensitivity import synonymic_sensitivity

    device = pick_device(hp.device)
    seeds = sorted(datasets)
    rules = {r: rules_of(datasets[r], spec) for r in seeds}

    def encode(part):
        xs = [one_hot(expand(spec, rules[r], datasets[r][f"{part}_classes"],
                             datasets[r][f"{part}_digits"]), spec.v) for r in seeds]
        ys = [datasets[r][f"{part}_classes"].astype(np.int64) for r in seeds]
        return (torch.from_numpy(np.stack(xs)).to(device),
                torch.from_numpy(np.stack(ys)).to(device))

    x_pool, y_pool = encode("pool")
    x_test, y_test = encode("test")
    n_probe = min(hp.sensitivity_probe, x_test.shape[1])
    init_seeds = [derive_seed(r, "init") for r in seeds]

    def fresh_model():
        gens = [torch.Generator().manual_seed(s) for s in init_seeds]
        return HierarchicalCNN(spec.v, spec.n_c, spec.s, spec.L, hp.width, gens).to(device)

    def sensitivity(model, i, P):
        r = seeds[i]
        probe = (datasets[r]["test_classes"][:n_probe], datasets[r]["test_digits"][:n_probe])
        return synonymic_sensitivity(model.select(i), spec, rules[r], *probe,
                                     rng(derive_seed(r, "probe", P)), device)

    untrained = fresh_model()
    models: dict = {"init_sensitivity": {r: sensitivity(untrained, i, 0) for i, r in enumerate(seeds)}}
    rows = []
    for P in sizes:
        model = fresh_model()
        sgd_seeds = [derive_seed(r, "sgd", P) for r in seeds]
        results = train_sgd(
            model, x_pool[:, :P], y_pool[:, :P], lr=hp.lr0 * hp.width, momentum=hp.momentum,
            batch_size=hp.batch_size, max_epochs=hp.max_epochs,
            loss_threshold=hp.loss_threshold,
            generators=[torch.Generator().manual_seed(s) for s in sgd_seeds],
            desc=f"{spec.key} P={P}",
        )
        test_loss, test_error, _ = evaluate(model, x_test, y_test)
        for i, (r, result) in enumerate(zip(seeds, results)):
            row = {"seed": r, "P": P, "test_error": float(test_error[i]),
                   "test_loss": float(test_loss[i]), **result.as_dict(),
                   "init_seed": init_seeds[i], "sgd_seed": sgd_seeds[i]}
            if result.valid:
                S = sensitivity(model, i, P)
            else:  # a diverged or dead network is not a result
                S = np.full((spec.L, spec.L), math.nan)
                row["test_error"] = math.nan
            for k in range(spec.L):
                for level in range(spec.L):
                    row[f"S_k{k + 1}_l{level + 1}"] = float(S[k, level])
            rows.append(row)
        statuses = ", ".join(f"{res.status}@{res.epochs}" for res in results)
        log(f"{spec.key} P={P}: {statuses} ({results[0].seconds:.1f}s); test error "
            + " ".join(f"{row['test_error']:.3f}" for row in rows[-len(seeds):]))
        if keep_models:
            models[P] = {k: v.detach().cpu() for k, v in model.state_dict().items()}
    return rows, models


