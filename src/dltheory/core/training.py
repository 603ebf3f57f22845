"""Minibatch SGD for R independent replicas of a classifier, trained in lockstep.

Small networks on a CPU are bound by per-step overhead, so the replicas of an
experiment (seeds) are stacked along a leading axis and trained by one batched step:
data ``x [R, P, ...]``, labels ``y [R, P]``, a model mapping ``[R, B, ...]`` to logits
``[R, B, n_c]`` whose replicas share no parameter.  Each replica has its own
minibatch permutation (its own ``torch.Generator``, the SGD-noise stream), its own
stopping time and its own outcome; a replica that stops is frozen exactly while the
others go on, so every replica follows the trajectory it would follow alone.

The update is plain SGD with heavy-ball momentum, as ``torch.optim.SGD`` (no
dampening, no Nesterov): ``b <- mu b + g``, ``theta <- theta - lr b``.  Every step uses
exactly ``B = min(batch_size, P)`` samples: an epoch is ``floor(P/B)`` steps over a fresh
permutation, and the ``P mod B`` samples it leaves over wait for a later epoch.  (A
short last batch, e.g. one sample when ``P = 2B + 1``, gives a step of full size with a
single example's gradient, which was seen here to derail whole learning curves.)

Outcomes
--------
``converged``   the epoch-averaged training loss reached ``loss_threshold``;
``epoch_cap``   ``max_epochs`` passed first (reported, flagged, still a result);
``diverged``    the loss became NaN or infinite (not a result);
``dead``        the trained network gives the same output for every training input,
                e.g. all ReLUs switched off (not a result).
No data loader: everything lives on the training device.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass
from typing import Sequence

import torch
import torch.nn.functional as F

from .logs import progress

__all__ = ["TrainResult", "train_sgd", "evaluate", "pick_device", "VALID_STATUSES"]

VALID_STATUSES = ("converged", "epoch_cap")


@dataclass
class TrainResult:
    status: str
    epochs: int
    steps: int
    train_loss: float
    train_error: float
    seconds: float

    @property
    def valid(self) -> bool:
        """True if the run produced a usable network (converged or hit the epoch cap)."""
        return self.status in VALID_STATUSES

    def as_dict(self) -> dict:
        return asdict(self)


def pick_device(name: str = "auto") -> torch.device:
    """``"auto"`` -> CUDA if available, else CPU; otherwise ``torch.device(name)``."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


@torch.no_grad()
def evaluate(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor,
             batch_size: int = 2048) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Per-replica mean cross-entropy, classification error and output spread.

    x : ``[R, N, ...]``, y : ``[R, N]``.  Returns three float tensors of shape ``[R]``;
    ``spread`` is the largest standard deviation of a logit over the inputs (0 for a
    network whose output is constant).
    """
    model.eval()
    outs = torch.cat([model(x[:, i:i + batch_size]) for i in range(0, x.shape[1], batch_size)],
                     dim=1)  # [R, N, n_c]
    loss = F.cross_entropy(outs.transpose(1, 2), y, reduction="none").mean(dim=1)
    error = (outs.argmax(dim=2) != y).float().mean(dim=1)
    spread = outs.std(dim=1).amax(dim=1) if x.shape[1] > 1 else torch.full_like(loss, math.inf)
    return loss.cpu(), error.cpu(), spread.cpu()


def train_sgd(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor, *, lr: float,
              momentum: float, batch_size: int, max_epochs: int, loss_threshold: float,
              generators: Sequence[torch.Generator], desc: str | None = None
              ) -> list[TrainResult]:
    """Train the ``R`` replicas of ``model`` on ``(x[r], y[r])`` with SGD + momentum.

    Parameters
    ----------
    model : maps ``[R, B, ...]`` to logits ``[R, B, n_c]``; replicas share no parameter
    x, y : ``[R, P, ...]`` inputs and ``[R, P]`` integer labels, on the model's device
    lr, momentum : SGD hyper-parameters (the caller applies any width scaling)
    batch_size : minibatch size (``min(batch_size, P)`` is used)
    max_epochs : epoch cap
    loss_threshold : a replica stops when its epoch-averaged training loss is <= this
    generators : one CPU torch.Generator per replica, for its minibatch permutations
    desc : label of the progress bar (shown only on a terminal)

    Returns one :class:`TrainResult` per replica; ``seconds`` is the wall time of the
    whole batch (the replicas train together).
    """
    t0 = time.perf_counter()
    R, n = y.shape
    if len(generators) != R:
        raise ValueError(f"need one generator per replica: {R} replicas, {len(generators)} generators")
    batch = max(1, min(batch_size, n))
    n_batches = n // batch
    device = x.device
    params = [p for p in model.parameters()]
    buffers = [torch.zeros_like(p) for p in params]
    active = torch.ones(R, dtype=torch.bool, device=device)
    status = ["epoch_cap"] * R
    epochs = [max_epochs] * R
    steps = [0] * R
    rows = torch.arange(R, device=device)[:, None]
    bar = progress(range(max_epochs), desc=desc, unit="ep")
    for epoch in bar:
        model.train()
        perm = torch.stack([torch.randperm(n, generator=g) for g in generators]).to(device)
        running = torch.zeros(R, device=device)
        for start in range(0, n - batch + 1, batch):  # full batches only (see module doc)
            idx = perm[:, start:start + batch]
            out = model(x[rows, idx])  # [R, B, n_c]
            losses = F.cross_entropy(out.transpose(1, 2), y[rows, idx], reduction="none").mean(dim=1)
            for p in params:
                p.grad = None
            losses.sum().backward()
            with torch.no_grad():  # heavy-ball step on active replicas only
                for p, b in zip(params, buffers):
                    k = active.view(-1, *([1] * (p.dim() - 1)))
                    b.copy_(torch.where(k, momentum * b + p.grad, b))
                    p.copy_(torch.where(k, p - lr * b, p))
            running += losses.detach() * idx.shape[1]
        epoch_loss = (running / (n_batches * batch)).cpu()
        for r in torch.nonzero(active.cpu()).flatten().tolist():
            steps[r] += n_batches
            if not math.isfinite(epoch_loss[r]):
                status[r], epochs[r] = "diverged", epoch + 1
                active[r] = False
            elif epoch_loss[r] <= loss_threshold:
                status[r], epochs[r] = "converged", epoch + 1
                active[r] = False
        if epoch % 10 == 0:
            bar.set_postfix(active=int(active.sum()), loss=f"{float(epoch_loss.nanmean()):.2e}")
        if not bool(active.any()):
            break
    bar.close()
    train_loss, train_error, spread = evaluate(model, x, y)
    results = []
    seconds = time.perf_counter() - t0
    for r in range(R):
        s = status[r]
        if s != "diverged" and not math.isfinite(train_loss[r]):
            s = "diverged"
        elif s != "diverged" and spread[r] < 1e-7:
            s = "dead"
        results.append(TrainResult(s, epochs[r], steps[r], float(train_loss[r]),
                                   float(train_error[r]), seconds))
    return results
