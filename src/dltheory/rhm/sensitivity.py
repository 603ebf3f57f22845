"""Synonymic sensitivity of a network's hidden representations (arXiv:2307.02129, Sec. IV).

For hidden layer ``k`` (post-ReLU activations ``f_k``) and hierarchy level ``l``
(``l = 1``: the tuples of visible tokens, ``l = L``: the tuple produced by the class),

    S_{k,l} = < ||f_k(x) - f_k(P_l x)||^2 >_{x, P_l}  /  < ||f_k(x) - f_k(y)||^2 >_{x, y}

where ``P_l`` replaces every level-l tuple of ``x`` by a different synonym (the class
and the levels above are kept) and ``x, y`` are independent inputs.  ``S`` is about 1
for a representation that does not know which tuples are synonyms and 0 for one
that is invariant to exchanging them.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import torch

from .generator import RHMSpec, expand, one_hot, swap_synonyms

__all__ = ["synonymic_sensitivity"]


def _hidden(model, spec: RHMSpec, rules, classes, digits, device) -> list[torch.Tensor]:
    """Flattened activations ``[N, features]`` of every layer of a one-replicate model."""
    x = torch.from_numpy(one_hot(expand(spec, rules, classes, digits), spec.v)).to(device)
    return [h[0].flatten(1) for h in model.hidden(x[None])]


@torch.no_grad()
def synonymic_sensitivity(model, spec: RHMSpec, rules: Sequence[np.ndarray],
                          classes: np.ndarray, digits: np.ndarray,
                          rng: np.random.Generator, device="cpu") -> np.ndarray:
    """Matrix ``S[k-1, l-1] = S_{k,l}`` for layers ``k = 1..L`` and levels ``l = 1..L``.

    Parameters
    ----------
    model : a one-replicate network with ``hidden(x[None]) -> list of [1, N, positions, H]``
        (e.g. ``HierarchicalCNN.select(r)``)
    classes, digits : the probe inputs (e.g. test points), ``[N]`` and ``[N, n_choices]``
    rng : randomness of the synonym swaps and of the pairing ``(x, y)``

    Returns ``nan`` entries if the denominator vanishes (a constant representation).
    """
    model.eval()
    n = classes.shape[0]
    if n < 2:
        raise ValueError("need at least 2 probe inputs")
    base = _hidden(model, spec, rules, classes, digits, device)
    order = rng.permutation(n)
    partner = np.empty(n, dtype=np.int64)
    partner[order] = np.roll(order, -1)  # a derangement: nobody is paired with itself
    partner_t = torch.from_numpy(partner).to(device)
    denom = [((h - h[partner_t]) ** 2).sum(dim=1).mean().item() for h in base]
    out = np.full((spec.L, spec.L), np.nan)
    for level in range(1, spec.L + 1):
        swapped = swap_synonyms(spec, digits, level, rng)
        hidden = _hidden(model, spec, rules, classes, swapped, device)
        for k, (h0, h1) in enumerate(zip(base, hidden)):
            num = ((h0 - h1) ** 2).sum(dim=1).mean().item()
            if denom[k] > 0:
                out[k, level - 1] = num / denom[k]
    return out
