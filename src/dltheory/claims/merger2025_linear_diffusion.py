"""Claims of Merger & Goldt (arXiv:2505.24769), judged on our linear diffusion models.

The paper's text was not available here: the claims are those of its abstract
(transition at N ~ d; regularisation and early stopping help below d; for N > d the
KL to the target decays as d/(4N) per dimension whatever the data) made quantitative
with our own theory (:mod:`dltheory.replica.linear_diffusion`).  Intervals fixed from
the stated finite-size effects before the quick-scale results were seen.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import Claim, within
from ..replica.linear_diffusion import KL_DIRECTIONS

__all__ = ["evaluate_claims", "HARD_EDGE"]

HARD_EDGE = (0.6, 1.5)  # N/d left out of theory-vs-simulation comparisons
_NAMES = {"learnt_target": "D(learnt || target)", "target_learnt": "D(target || learnt)"}


def evaluate_claims(summary: pd.DataFrame, trainings: list[dict]) -> list[Claim]:
    """Judge the claims on the per-(spectrum, training, N/d) summary of :func:`summarise_kl`."""
    claims: list[Claim] = []
    plain = trainings[0]["name"]
    iso = summary[summary["spectrum"] == "isotropic"]
    iso_plain = iso[iso["training"] == plain].sort_values("ratio")
    top = iso_plain.iloc[-1] if len(iso_plain) else None
    for k in KL_DIRECTIONS:
        value = float(top[f"excess_{k}"] * top["ratio"]) if top is not None else np.nan
        claims.append(within(
            f"kl_asymptote_{k}", f"for N >> d, {_NAMES[k]} per dimension approaches its optimum as d/(4N)",
            value, 0.225, 0.2875,
            "Leading order of the Wishart expansion; at the largest N/d (32 at quick scale) the "
            "next order adds +1% (learnt||target, 1 + d/3N) or +5% (target||learnt, 1 + 5d/3N), "
            "finite d another ~1%, and the seed mean ~1-2%: -10% / +15% around 1/4.",
            expected="(KL/d - optimum) N/d in [0.225, 0.2875]", N_over_d=float(top["ratio"]) if top is not None else np.nan))

    for k in KL_DIRECTIONS:
        ok = iso[np.isfinite(iso[f"theory_kl_{k}"]) & np.isfinite(iso[f"kl_{k}"])
                 & ((iso["ratio"] <= HARD_EDGE[0]) | (iso["ratio"] >= HARD_EDGE[1]))]
        rel = np.abs(ok[f"kl_{k}"] / ok[f"theory_kl_{k}"] - 1)
        claims.append(within(
            f"mp_theory_{k}", f"{_NAMES[k]} of every trained denoiser follows the Marchenko-Pastur theory",
            float(rel.max()) if len(rel) else np.nan, None, 0.05,
            "Theory exact as d -> infinity at fixed N/d; at d = 100 the corrections are "
            "O(1/|N - d|) (~2% at N >= 2d) and the seed mean scatters by ~1%; the hard-edge "
            "region 0.6 < N/d < 1.5 (smallest eigenvalues, O(d^-2/3) effects) is left out.",
            expected="max relative deviation <= 0.05",
            worst=ok.loc[rel.idxmax(), ["training", "ratio"]].tolist() if len(rel) else None))

    power = summary[(summary["spectrum"] == "power") & (summary["training"] == plain)]
    both = power.merge(iso_plain, on="ratio", suffixes=("_pow", "_iso"))
    both = both[both["ratio"] >= 4]
    for k in KL_DIRECTIONS:
        ratio = both[f"excess_{k}_pow"] / both[f"excess_{k}_iso"]
        claims.append(within(
            f"spectrum_independence_{k}", f"for N > d, {_NAMES[k]} does not depend on the data spectrum "
            "(power law vs isotropic)",
            float(np.max(np.abs(ratio - 1))) if len(ratio) else np.nan, None, 0.1,
            "Exact for an exact sampler (Sigma^-1 Sigma_hat is a white Wishart matrix for any "
            "Sigma); the DDPM discretisation moves v_0(s) from s by < 1% for s in [0.01, 5] "
            "(1.5% at the top of the power-law spectrum, s ~ 20), which the subtracted optimum "
            "absorbs to first order; two independent 8-seed means differ by ~2%: 10%.",
            expected="|ratio - 1| <= 0.1 at N/d >= 4", ratios=dict(zip(both["ratio"], np.round(ratio, 3)))))

    plain_all = summary[summary["training"] == plain]
    wrong = ((plain_all["ratio"] < 1) & (plain_all["collapsed"] < 1)).sum() + \
            ((plain_all["ratio"] > 1) & (plain_all["collapsed"] > 0)).sum()
    claims.append(within(
        "collapse_below_d", "below N = d the least-squares denoiser memorises: its sampler collapses onto "
        "the span of the training data (KL infinite); above N = d it never does",
        float(wrong), 0, 0,
        "Exact: for N < d, Sigma_hat has d - N zero eigenvalues and the last DDPM step maps "
        "them to zero variance; for N > d, Sigma_hat is almost surely invertible.",
        expected="0 points misclassified"))

    ridges = [t for t in trainings if t["tau"] is None and t["lam"] > 0]
    best = []
    for r in (iso["ratio"].min(), iso["ratio"].max()):
        at = iso[(iso["ratio"] == r) & iso["training"].isin([t["name"] for t in ridges])]
        if len(at):
            name = at.loc[at["kl_learnt_target"].idxmin(), "training"]
            best.append(next(t["lam"] for t in ridges if t["name"] == name))
    value = best[0] / best[1] if len(best) == 2 else np.nan
    claims.append(within(
        "best_ridge_decreases", "regularisation matters most with few samples: the best ridge at the "
        "smallest N/d exceeds the one at the largest N/d",
        value, 10, None,
        "Our MP theory puts the best ridge near 0.27 for N <= d and near 0.01 at N = 32 d "
        "(a factor ~20); on a decade-spaced ridge grid that is at least one decade.",
        expected="lam*(small N) / lam*(large N) >= 10", best=best))
    return claims
