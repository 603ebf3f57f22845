"""Claims of Petrini, Cagnetta, Vanden-Eijnden, Wyart, NeurIPS 2022, arXiv:2206.12314.

Tolerances fixed from exploratory runs (NTK regression: 4 seeds, P <= 4096; minimum-L1
interpolant: 3 seeds, P <= 128, and 2 seeds up to P = 256 with a 4x denser dictionary)
before the final quick-scale results; the same at both scales.  The finite networks run
far from convergence at quick scale and are shown, not judged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import Claim, within
from ._kernel_helpers import exponent_claim

__all__ = ["evaluate_claims"]


def evaluate_claims(fits: pd.DataFrame, runs: pd.DataFrame) -> list[Claim]:
    """Judge the claims: fits per method, all runs (with ``n_atoms`` and ``method``)."""
    claims: list[Claim] = []
    f = fits.set_index("method")
    lazy = f.loc["lazy_kernel"].to_dict()
    claims.append(exponent_claim(
        "beta_lazy", "lazy (NTK) regression of a smooth target: beta = 2d/(d-1) "
        "(Spigler et al.'s formula with the NTK's Laplace-like cusp)",
        lazy, 0.15,
        "Relative 15%: exploration gave local slopes 2.85-3.23 (pred 3) with 4 seeds; a tail "
        "fit over a factor 8 in P averages them."))
    means = runs.groupby(["method", "P"])["error"].mean().unstack(0)
    common = means[["lazy_kernel", "feature_limit"]].dropna()
    ratio = (common["feature_limit"] / common["lazy_kernel"])
    claims.append(within(
        "lazy_beats_feature",
        "at the largest P the sparse (feature-learning) predictor has a larger test error "
        "than the lazy one",
        float(ratio.iloc[-1]), 5.0, None,
        "Exploration: the ratio was ~40 at P = 64 and grows with P; 5 leaves an order of "
        "magnitude for seed scatter and excludes equal performance.",
        expected="eps_feature / eps_lazy >= 5 at the largest common P",
        ratios={int(k): round(float(v), 2) for k, v in ratio.items()}))
    feat = f.loc["feature_limit"]
    claims.append(within(
        "lazy_decays_faster",
        "the lazy predictor's learning curve is steeper (beta_lazy > beta_feature): the gap "
        "widens with P",
        float(lazy["beta"] - feat["beta"]), 0.3, None,
        "Exploration: beta_feature fell from 2.7 to 2.1 over P = 32..256 against beta_lazy = 3; "
        "requiring a gap of 0.3 excludes equal exponents (a gap of 0 in d = 2) with room for "
        "the fit scatter (~0.1).", expected=">= 0.3",
        beta_lazy=lazy["beta"], beta_feature=feat["beta"]))
    fl = runs[runs["method"] == "feature_limit"]
    excess = float((fl["n_atoms"] - fl["P"]).max())
    slope = np.polyfit(np.log(fl["P"]), np.log(fl["n_atoms"]), 1)[0]
    claims.append(within(
        "sparse_atoms",
        "the feature-learning predictor is sparse: its number of neurons (atoms) grows "
        "proportionally to P",
        float(slope), 0.8, 1.2,
        "The slope of n_atoms against P in log-log is 1 if the count grows like P; +-0.2 "
        "allows atoms that vanish at a degenerate vertex at small P.",
        expected="log-log slope of n_atoms(P) in [0.8, 1.2]", max_excess_over_P=excess))
    claims.append(within(
        "at_most_P_atoms",
        "the feature-limit predictor uses at most P atoms (it is a vertex of the minimum-L1 "
        "programme, not a dense interpolant)",
        excess, None, 0.0,
        "Exact for a vertex solution (P equality constraints); a dense solution (an "
        "interior-point answer or a wrong programme) exceeds P.",
        expected="max over runs of n_atoms - P <= 0"))
    return claims
