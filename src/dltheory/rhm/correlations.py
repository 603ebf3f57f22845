"""Exact class-feature correlations of an RHM instance and the sample size that detects them.

The paper's mechanism (arXiv:2307.02129, Sec. V): a deep network can group synonymous
patches once the correlation between a patch and the class is larger than its
sampling noise in the training set.  With ``f(alpha|mu)`` the probability of class
``alpha`` given that the input patch at position ``j`` is the s-tuple ``mu``:

* signal: ``Sigma^2 = E_mu [ (1/n_c) sum_alpha (f(alpha|mu) - 1/n_c)^2 ]``, ``mu ~ p(mu)``,
  computed exactly from the sampled rules (no training, no sampling of inputs);
* noise: an empirical class frequency ``N(alpha, mu)/N(mu)`` from P uniform samples,
  when class and feature are independent (the null to be rejected), has variance
  ``(1/n_c)(1 - 1/n_c) / (P p(mu))``; its p-weighted average over the ``N_feat``
  features present is ``Noise^2(P) = N_feat (1/n_c)(1 - 1/n_c) / P``;
* they balance at ``P_c = N_feat (1/n_c)(1 - 1/n_c) / Sigma^2``.

For patches ``N_feat = v m`` (relative noise ``sqrt(v m n_c / P)``); for single visible
tokens ``N_feat = v`` (relative noise ``sqrt(v n_c / P)``, the form quoted in the paper).
Rules never share tuples, so ``f(alpha|mu) = f(alpha|gamma)`` with ``gamma`` the level-1
symbol producing ``mu``; the random rules make ``f`` fluctuate around ``1/n_c`` with
relative variance ``~ v/m**(L-1)`` for patches and ``~ v/m**L`` for tokens, so both
give ``P_c ~ n_c m**L``.  Signal and noise are averaged over positions separately.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .generator import RHMSpec

__all__ = ["child_matrices", "symbol_distribution", "detection_threshold", "correlation_summary"]


def child_matrices(spec: RHMSpec, rules: Sequence[np.ndarray], depth: int) -> np.ndarray:
    """``M[c, parent, child] = (1/m) #{rules of parent whose c-th element is child}``.

    depth : production step (0 = the classes' rules)  ->  array [s, parents, v]
    """
    r = rules[depth]
    parents = r.shape[0]
    out = np.zeros((spec.s, parents, spec.v))
    for c in range(spec.s):
        np.add.at(out[c], (np.repeat(np.arange(parents), spec.m), r[:, :, c].ravel()), 1.0)
    return out / spec.m


def symbol_distribution(spec: RHMSpec, rules: Sequence[np.ndarray], depth: int) -> np.ndarray:
    """Exact ``q[i, alpha, beta] = P(symbol at position i of depth ``depth`` is beta | class alpha)``.

    depth = L gives the visible tokens, L-1 the level-1 symbols that emit the patches.
    Returns an array ``[s**depth, n_c, v]`` whose rows sum to one.
    """
    if not 1 <= depth <= spec.L:
        raise ValueError(f"depth must be in 1..L={spec.L}, got {depth}")
    q = np.eye(spec.n_c)[None]  # [positions=1, alpha, symbol=class]
    for t in range(depth):
        m_t = child_matrices(spec, rules, t)  # [s, parents, v]
        q = np.einsum("iap,cpb->icab", q, m_t).reshape(-1, spec.n_c, spec.v)
    return q


def detection_threshold(q: np.ndarray, features_per_symbol: int) -> dict:
    """Signal ``Sigma^2``, feature count and ``P_c`` from class-conditional laws ``q[i, alpha, gamma]``.

    features_per_symbol : distinct observed features per symbol ``gamma`` (``m`` for the
        patches emitted by a level-1 symbol, 1 for single tokens).
    """
    n_c = q.shape[1]
    p_gamma = q.mean(axis=1)  # [i, gamma], uniform class prior
    present = p_gamma > 0
    f = q / (n_c * np.where(present, p_gamma, 1.0)[:, None, :])
    signal = float((np.einsum("ig,iag->i", p_gamma, (f - 1.0 / n_c) ** 2) / n_c).mean())
    n_feat = float(features_per_symbol * present.sum(axis=1).mean())
    null_var = (1.0 / n_c) * (1.0 - 1.0 / n_c)
    return {"signal": signal, "n_features": n_feat,
            "P_c": n_feat * null_var / signal if signal > 0 else float("inf")}


def correlation_summary(spec: RHMSpec, rules: Sequence[np.ndarray]) -> dict:
    """``P_c`` from patch-class and token-class correlations, with ``n_c m^L`` for reference."""
    patch = detection_threshold(symbol_distribution(spec, rules, spec.L - 1), spec.m) \
        if spec.L > 1 else detection_threshold(np.eye(spec.n_c)[None], spec.m)
    token = detection_threshold(symbol_distribution(spec, rules, spec.L), 1)
    return {
        "P_c_patch": patch["P_c"],
        "signal_patch": patch["signal"],
        "P_c_token": token["P_c"],
        "signal_token": token["signal"],
        "P_scale": spec.P_scale,
    }
