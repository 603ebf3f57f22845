"""The deep hierarchical CNN of the RHM papers (arXiv:2307.02129, Sec. III and App.).

Architecture
------------
Input ``x`` of shape ``[B, v, d]`` (one-hot tokens, ``d = s**L``).  Layer ``k = 1..L`` is
a convolution with filter size = stride = ``s`` (non-overlapping patches), no bias,
followed by ReLU:

    h_k[b, c, i] = ReLU( (1/sqrt(s C_{k-1})) sum_{c', a < s} W_k[c, c', a] h_{k-1}[b, c', s i + a] )

with ``C_0 = v``, ``C_k = H`` and ``W_k ~ N(0, 1)``.  After ``L`` layers the spatial size
is 1 (``s**L / s**L``); global average pooling is then the identity, kept for
generality.  The readout is mean-field scaled:

    f_alpha(x) = (1/H) sum_c beta[c, alpha] mean_i h_L[b, c, i],   beta ~ N(0, 1).

Replicates
----------
Small networks on a CPU are limited by per-step overhead, not arithmetic, so the
class holds ``R`` independent networks (e.g. one per seed) with a leading replicate
axis: inputs ``[R, B, v, d]``, outputs ``[R, B, n_c]``.  Replicate ``r`` is exactly the
network initialised by ``generators[r]``; replicates share no parameter, so the
gradient of a sum of per-replicate losses trains each independently.

Implementation: a non-overlapping convolution is a matrix product on patches, so
each layer reshapes ``[R, B, positions, channels]`` into
``[R, B, positions/s, s*channels]`` and multiplies by ``W_k`` stored as
``[R, s*C_{k-1}, H]`` (patch-major, channel-minor).  :meth:`conv_weight` returns the
equivalent ``conv1d`` filter.
"""

from __future__ import annotations

import math
from typing import Sequence

import torch
from torch import nn

__all__ = ["HierarchicalCNN"]


class HierarchicalCNN(nn.Module):
    """``R`` replicas of an L-layer CNN with filter = stride = s, ReLU, width H and a 1/H readout.

    Parameters
    ----------
    v : input channels (vocabulary size)
    n_c : number of outputs (classes)
    s : filter size and stride
    L : number of convolutional layers (the input length must be s**L)
    H : width (channels of every hidden layer)
    generators : one torch.Generator per replicate for its N(0, 1) initialisation
    """

    def __init__(self, v: int, n_c: int, s: int, L: int, H: int,
                 generators: Sequence[torch.Generator | None] = (None,)):
        super().__init__()
        for name, value in (("v", v), ("n_c", n_c), ("s", s), ("L", L), ("H", H)):
            if int(value) < 1:
                raise ValueError(f"HierarchicalCNN: {name} must be >= 1, got {value}")
        if len(generators) < 1:
            raise ValueError("HierarchicalCNN: need at least one replicate")
        self.v, self.n_c, self.s, self.L, self.H = v, n_c, s, L, H
        self.R = len(generators)
        fan_in = [s * v] + [s * H] * (L - 1)
        # Each replicate draws its weights layer by layer, readout last, from its own generator.
        per_rep = [[torch.randn(f, H, generator=g) for f in fan_in]
                   + [torch.randn(H, n_c, generator=g)] for g in generators]
        self.weights = nn.ParameterList(
            nn.Parameter(torch.stack([rep[k] for rep in per_rep])) for k in range(L)
        )
        self.readout = nn.Parameter(torch.stack([rep[L] for rep in per_rep]))
        self.scales = [1.0 / math.sqrt(f) for f in fan_in]

    def hidden(self, x: torch.Tensor) -> list[torch.Tensor]:
        """Post-ReLU activations of every layer, each ``[R, B, s**(L-k), H]`` for k = 1..L.

        x : ``[R, B, v, s**L]``
        """
        if x.dim() != 4 or x.shape[0] != self.R or x.shape[2] != self.v \
                or x.shape[3] != self.s**self.L:
            raise ValueError(f"expected input [{self.R}, B, {self.v}, {self.s ** self.L}], "
                             f"got {tuple(x.shape)}")
        r, b = x.shape[:2]
        h = x.transpose(2, 3)  # [R, B, d, v]
        out = []
        for w, scale in zip(self.weights, self.scales):
            h = h.reshape(r, b * (h.shape[2] // self.s), self.s * h.shape[3])
            h = torch.relu(torch.bmm(h, w) * scale).reshape(r, b, -1, self.H)
            out.append(h)
        return out

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Logits ``[R, B, n_c]`` for inputs ``[R, B, v, s**L]``."""
        pooled = self.hidden(x)[-1].mean(dim=2)  # [R, B, H]
        return torch.bmm(pooled, self.readout) / self.H

    def select(self, r: int) -> "HierarchicalCNN":
        """Replicate ``r`` as a one-replicate network (a detached copy)."""
        single = HierarchicalCNN.__new__(HierarchicalCNN)
        nn.Module.__init__(single)
        single.v, single.n_c, single.s, single.L, single.H = self.v, self.n_c, self.s, self.L, self.H
        single.R, single.scales = 1, list(self.scales)
        single.weights = nn.ParameterList(
            nn.Parameter(w.detach()[r:r + 1].clone()) for w in self.weights)
        single.readout = nn.Parameter(self.readout.detach()[r:r + 1].clone())
        return single

    def conv_weight(self, k: int, r: int = 0) -> torch.Tensor:
        """Layer ``k``'s (1-based) weight of replicate ``r`` as a ``conv1d`` filter ``[H, C_{k-1}, s]``."""
        w = self.weights[k - 1][r] * self.scales[k - 1]
        c_in = w.shape[0] // self.s
        return w.reshape(self.s, c_in, self.H).permute(2, 1, 0)
