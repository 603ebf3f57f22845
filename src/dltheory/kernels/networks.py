"""One-hidden-layer ReLU networks in the lazy and feature regimes (the alpha trick), batched.

Geiger, Spigler, Jacot, Wyart 2020 (arXiv:1906.08034), used by Petrini et al. 2022
(arXiv:2206.12314, Sec. 2): with

    f(x; a, W) = h^-1/2 sum_j a_j relu(w_j . x),     F(x) = alpha [f(x; theta) - f(x; theta_0)],
    L = 1 / (2 alpha^2 P) sum_mu (F(x_mu) - y_mu)^2,

gradient flow on ``theta = (a, W)`` is lazy (kernel regression with the NTK of
:func:`dltheory.kernels.functions.ntk_relu`) for ``alpha sqrt(h) >> 1`` and learns
features for ``alpha sqrt(h) << 1`` (the paper's mean-field alpha is ``alpha sqrt(h)``;
its reference runs use 1e-25 in d = 3).  Gradient flow is integrated by gradient descent
with an adaptive time step: the step grows by 10% after every accepted step and halves
(the step is undone) after one that raises the loss or turns the gradient by more than
``dgrad = |g' - g|^2 / (|g| |g'|) > max_dgrad``.  The loss test alone lets a small-alpha
network jump across the early alignment phase (it then fits its data without condensing
its neurons); the gradient-turn test keeps the integrator on the flow.

The reference code (pcsl-epfl/regressionsphere) writes the same model in mean-field form,
``f = h^-1 sum_j a_j relu(w_j . x)``, ``F = alpha_mf f`` (``f_0`` subtracted in the lazy
regime only), plain full-batch gradient descent with step ``lr h`` until
``alpha_mf L < 1e-30``: the same flow with ``alpha_mf = alpha sqrt(h)`` and a rescaled time
(``alpha_mf f_0`` is negligible for ``alpha_mf -> 0``, so subtracting it changes nothing there).

R independent networks (seeds, training-set sizes, regimes) are trained in lockstep
as one batched computation ``[R, P, h]``; training points beyond a replica's own P are
masked out, so each replica follows its own flow exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

__all__ = ["FlowResult", "train_alpha_networks", "count_atoms"]


@dataclass
class FlowResult:
    """Final state of R networks: parameters, losses, times and steps."""

    a: torch.Tensor  # [R, h]
    W: torch.Tensor  # [R, h, d]
    a0: torch.Tensor
    W0: torch.Tensor
    train_loss: torch.Tensor  # [R], (1/P) sum (F - y)^2 / 2 (not divided by alpha^2)
    time: torch.Tensor  # [R] gradient-flow time reached
    steps: int


def _forward(a, W, x):
    pre = x @ W.transpose(-1, -2)  # [R, P, h]
    return torch.relu(pre) @ a.unsqueeze(-1) / math.sqrt(a.shape[-1]), pre


def predict(res: FlowResult, alpha: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """``F(x) = alpha (f(x; theta) - f(x; theta_0))`` for ``x [R, T, d]``: ``[R, T]``."""
    f, _ = _forward(res.a, res.W, x)
    f0, _ = _forward(res.a0, res.W0, x)
    return alpha[:, None] * (f - f0)[..., 0]


def train_alpha_networks(x: torch.Tensor, y: torch.Tensor, n_train: torch.Tensor,
                         alpha: torch.Tensor, width: int, gen: torch.Generator,
                         max_steps: int, loss_target: float, dt0: float = 1.0,
                         max_time: float = math.inf, max_dgrad: float = math.inf) -> FlowResult:
    """Gradient flow of R networks with the alpha trick until ``loss <= loss_target``.

    Parameters
    ----------
    x : ``[R, Pmax, d]`` inputs; replica r trains on its first ``n_train[r]`` points (the
        flow runs on ``x``'s device)
    y : ``[R, Pmax]`` targets
    n_train : ``[R]`` training-set sizes P
    alpha : ``[R]`` output scales (large: lazy; small: feature learning)
    width : h, hidden neurons; weights ``w_j ~ N(0, I_d)``, ``a_j ~ N(0, 1)``
    gen : generator of the initialisation
    max_steps : cap on gradient steps (the state reached is returned, flagged by its loss)
    loss_target : stop a replica when its loss ``(1/2P) sum (F - y)^2`` falls below this
    dt0 : initial time step; the flow time is measured in units where the lazy (NTK)
          dynamics ``dF/dt = -(1/P) Theta (F - y)`` does not depend on alpha
    max_time : stop a replica at this flow time
    max_dgrad : largest accepted turn of the gradient in one step (inf: loss test only)
    """
    R, Pmax, d = x.shape
    dev = x.device
    # drawn on the CPU (``gen`` is a CPU generator), then moved: same init on any device
    a0 = torch.randn(R, width, generator=gen, dtype=x.dtype).to(dev)
    W0 = torch.randn(R, width, d, generator=gen, dtype=x.dtype).to(dev)
    a, W = a0.clone(), W0.clone()
    n_train, alpha = n_train.to(dev), alpha.to(dev)
    mask = (torch.arange(Pmax, device=dev)[None, :] < n_train[:, None]).to(x.dtype)  # [R, Pmax]
    P = n_train.to(x.dtype)
    f0, _ = _forward(a0, W0, x)
    f0 = f0[..., 0]
    al = alpha.to(x.dtype)

    def loss_and_grad(a, W):
        f, pre = _forward(a, W, x)
        r = (al[:, None] * (f[..., 0] - f0) - y) * mask  # residuals F - y on training points
        loss = 0.5 * (r * r).sum(-1) / P
        # gradient of L = loss / alpha^2 w.r.t. a and W (gradient flow of L)
        g = r / (al[:, None] * P[:, None] * math.sqrt(width))  # [R, Pmax]
        act = torch.relu(pre)
        ga = (act * g[..., None]).sum(1)  # [R, h]
        gW = ((pre > 0).to(x.dtype) * g[..., None] * a[:, None, :]).transpose(1, 2) @ x
        return loss, ga, gW

    dt = torch.full((R,), dt0, dtype=x.dtype, device=dev)
    t = torch.zeros(R, dtype=x.dtype, device=dev)
    loss, ga, gW = loss_and_grad(a, W)
    active = loss > loss_target
    steps = 0
    while steps < max_steps and bool(active.any()):
        steps += 1
        step = dt * active.to(x.dtype)  # d theta / dt = -grad L
        a_new = a - step[:, None] * ga
        W_new = W - step[:, None, None] * gW
        loss_new, ga_new, gW_new = loss_and_grad(a_new, W_new)
        # the step follows the flow if the loss fell and the gradient turned little:
        # dgrad = |g' - g|^2 / (|g| |g'|) below max_dgrad (inf: the loss test alone)
        diff = ((ga_new - ga) ** 2).sum(-1) + ((gW_new - gW) ** 2).sum((-1, -2))
        norm = (ga.pow(2).sum(-1) + gW.pow(2).sum((-1, -2))).sqrt()
        norm_new = (ga_new.pow(2).sum(-1) + gW_new.pow(2).sum((-1, -2))).sqrt()
        dgrad = diff / (norm * norm_new).clamp_min(1e-300)
        ok = (loss_new <= loss) & (dgrad <= max_dgrad) & active
        okf = ok.to(x.dtype)
        a = torch.where(ok[:, None], a_new, a)
        W = torch.where(ok[:, None, None], W_new, W)
        ga = torch.where(ok[:, None], ga_new, ga)
        gW = torch.where(ok[:, None, None], gW_new, gW)
        t = t + okf * dt
        loss = torch.where(ok, loss_new, loss)
        dt = torch.where(ok, dt * 1.1, torch.where(active, dt * 0.5, dt))
        active = (loss > loss_target) & (t < max_time)
    return FlowResult(a, W, a0, W0, loss, t, steps)


def count_atoms(a: torch.Tensor, W: torch.Tensor, x_train: torch.Tensor,
                rel_threshold: float = 1e-3) -> int:
    """Number of distinct neuron "atoms": neurons grouped by their activation pattern.

    Petrini et al. (Sec. 4): in the feature regime the neurons that matter collapse onto
    a finite set of directions; two neurons are in the same atom when they are active on
    exactly the same training points.  Neurons whose outgoing weight ``|a_j| |w_j|`` is
    below ``rel_threshold`` of the largest are ignored.
    """
    mag = a.abs() * W.norm(dim=-1)
    keep = mag > rel_threshold * float(mag.max())
    patterns = (x_train @ W[keep].T > 0).T  # [n_kept, P]
    return int(torch.unique(patterns, dim=0).shape[0])
