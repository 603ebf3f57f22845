"""Claims of Petrini, Cagnetta, Vanden-Eijnden, Wyart, NeurIPS 2022, arXiv:2206.12314.

Tolerances fixed from exploratory runs (NTK regression: 4 seeds, P <= 4096; minimum-L1
interpolant: 3 seeds, P <= 128, and 2 seeds up to P = 256 with a 4x denser dictionary)
before the final quick-scale results; the same at both scales.  The network claims
(alpha-trick nets, h = 256, 2 seeds at quick scale) were fixed after one exploratory
run of the feature-regime nets (alpha sqrt(h) = 1.6e-7, 15000 steps, 2 seeds, P <= 64)
and before the pipeline's networks were judged; the feature-limit exponent band was
fixed before the fit was compared with the prediction (d+2)/(d-1).
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
    claims.append(exponent_claim(
        "beta_feature", "the feature (minimum-L1, sparse) predictor decays as "
        "P^-(d+2)/(d-1): a quadrature of the constant by ~P ReLU atoms whose kink errors add "
        "incoherently", feat.to_dict(), 0.15,
        "Relative 15%: exploration without a prediction gave local slopes 2.1-2.7 over "
        "P = 32..256 (4000-direction dictionary, drifting down with P), 4 seeds; at d = 3 the "
        "band [2.125, 2.875] excludes both the lazy 3 and the coherent bound 4/(d-1) = 2."))
    claims += network_claims(runs)
    return claims


def network_claims(runs: pd.DataFrame) -> list[Claim]:
    """The alpha-trick networks follow their limits (Sec. 4 of the paper): feature-regime nets
    are sparse, close to the minimum-L1 predictor and worse than the lazy nets."""
    nets = runs[runs["method"].isin(["lazy_net", "feature_net"])]
    seeds = sorted(nets["seed"].unique())
    P = int(nets["P"].max())
    at = runs[(runs["P"] == P) & runs["seed"].isin(seeds)]
    eps = at.groupby("method")["error"].mean()
    claims = [within(
        "feature_net_worse_than_lazy_net",
        "trained networks: at the largest P, the feature-regime network (alpha sqrt(h) << 1) has "
        "a larger test error than the lazy one (alpha sqrt(h) >> 1)",
        float(eps["feature_net"] / eps["lazy_net"]), 2.0, None,
        "Exploration (2 seeds, P = 64) gave a ratio 6-8; the seed-to-seed scatter of either "
        "error is a factor <= 2, so 2 excludes equal performance with room for it.",
        expected="eps_feature_net / eps_lazy_net >= 2 at the largest network P", P=P,
        seeds=[int(s) for s in seeds])]
    claims.append(within(
        "feature_net_near_feature_limit",
        "the feature-regime network's test error is that of the sparse (minimum-L1) limit "
        "predictor, within finite-width and finite-time scatter",
        float(eps["feature_net"] / eps["feature_limit"]), 0.25, 4.0,
        "A factor 4 either way: 2 seeds, h = 256, training stopped at train loss ~1e-5 and a "
        "dictionary of 4000 directions for the limit; exploration gave 0.6-0.8.  The lazy "
        "nets sit at ~0.1 of the limit, so the band tells the two regimes apart.",
        expected="eps_feature_net / eps_feature_limit in [0.25, 4] at the largest network P",
        P=P, lazy_net_over_limit=float(eps["lazy_net"] / eps["feature_limit"])))
    atoms = nets.groupby(["method", "P"])["n_atoms"].mean()
    per_P = (atoms["feature_net"] / atoms["feature_net"].index).astype(float)
    slope = float(np.polyfit(np.log(atoms["feature_net"].index.astype(float)),
                             np.log(atoms["feature_net"].values.astype(float)), 1)[0])
    claims.append(within(
        "feature_net_sparse",
        "the feature-regime network's neurons condense onto ~P atoms (distinct activation "
        "patterns on the training set), like the minimum-L1 predictor's <= P",
        float(per_P.max()), None, 2.0,
        "A limit predictor has <= P atoms; a network stopped before convergence keeps some "
        "split atoms (exploration: 1.0-1.4 P).  Lazy nets keep ~min(h, many P) patterns "
        "(exploration: 3.5-7 P), so 2 P separates the regimes.",
        expected="max over P of n_atoms / P <= 2 (feature nets)",
        slope_atoms_vs_P=slope,
        lazy_atoms_over_P={int(k): round(float(v) / k, 2)
                           for k, v in atoms["lazy_net"].items()}))
    fit = (2.0 * nets["train_loss"] / nets["error"]).astype(float)
    claims.append(within(
        "networks_fitted",
        "the networks are trained to interpolation: their remaining training error is small "
        "against their test error, so the test error is not a fitting artefact",
        float(fit.max()), None, 0.2,
        "Train MSE 2 L below a fifth of the test error leaves >= 80% of the test error to "
        "generalisation; exploration reached <= 0.08 at 15000 steps (feature nets, whose slow "
        "final convergence is the paper's 10^6-step problem), the lazy ones ~1e-6.",
        expected="max over networks of 2 L_train / eps_test <= 0.2",
        max_train_loss=float(nets["train_loss"].max())))
    return claims
