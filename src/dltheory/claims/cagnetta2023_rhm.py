"""Claims of Cagnetta et al., PRX 14, 031001 (2024), arXiv:2307.02129, judged on our runs.

Every interval below was fixed from the paper's statement and the finite-size and
seed effects named beside it, before the quick-scale results were looked at; the
intervals are the same at both scales.  If a claim fails, the scale or the protocol
is investigated, not the interval.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import Claim, ratio_within, within
from ..core.fits import fit_power_law

__all__ = ["evaluate_claims", "within_group_slope"]


def within_group_slope(table: pd.DataFrame, x: str, y: str, by: list[str]) -> float:
    """Slope of ``log y`` on ``log x`` with one intercept per group of ``by`` (pooled within-group OLS).

    Groups with a single distinct ``x`` carry no slope information and are dropped;
    returns ``nan`` if nothing is left.
    """
    df = pd.DataFrame({"lx": np.log(table[x].to_numpy(float)),
                       "ly": np.log(table[y].to_numpy(float)),
                       "g": table[by].astype(str).apply(tuple, axis=1).to_numpy()
                       if len(table) else []})
    df = df[np.isfinite(df["lx"]) & np.isfinite(df["ly"])]
    df = df[df.groupby("g")["lx"].transform("nunique") >= 2]
    if df.empty:
        return float("nan")
    dx = df["lx"] - df.groupby("g")["lx"].transform("mean")
    dy = df["ly"] - df.groupby("g")["ly"].transform("mean")
    return float((dx * dy).sum() / (dx * dx).sum())


def evaluate_claims(sc: pd.DataFrame, correlations: pd.DataFrame, runs: pd.DataFrame,
                    integrity_violations: int) -> list[Claim]:
    """Judge the paper's claims.

    Parameters
    ----------
    sc : :func:`dltheory.rhm.sample_complexity.sample_complexity` table
    correlations : one row per (rhm, seed) with ``P_c_patch`` and ``P_scale``
    runs : one row per training run (``status`` column)
    integrity_violations : count of data-set defects found in the data artifacts
    """
    claims: list[Claim] = []
    measured = sc[(sc["censored"] == "none") & np.isfinite(sc["P_star"])]

    claims.append(within(
        "P_star_measured", "P* falls inside the measured range of P for every RHM instance",
        float(len(sc) - len(measured)), 0, 0,
        "A P* outside the grid of training sizes cannot be placed; the grid spans "
        "n_c m^L/2 to 4 n_c m^L around the predicted P* ~ 2 n_c m^L.",
        expected="0 censored instances", censored=sc.loc[sc["censored"] != "none", "rhm"].tolist()))

    fit = fit_power_law(measured["P_scale"], measured["P_star"]) if len(measured) >= 2 else None
    claims.append(within(
        "exponent_vs_ncmL", "P* grows as n_c m^L (exponent 1): no curse of dimensionality",
        fit.exponent if fit else np.nan, 0.8, 1.15,
        "Paper: P* ~ n_c m^L. The prefactor drifts down with depth (about 2.3 at L=2, "
        "1.4 at L=3 in the authors' protocol), which biases a fit pooling depths low by up "
        "to ~0.1 here; with 2 seeds each P* scatters by ~10%, giving +-0.05 on the slope.",
        expected="1", exponent_err=fit.exponent_err if fit else np.nan,
        prefactor=fit.prefactor if fit else np.nan))

    fit_max = fit_power_law(measured["Pmax"], measured["P_star"]) if len(measured) >= 2 else None
    claims.append(within(
        "exponent_vs_Pmax", "P* does not scale with the number of distinct inputs Pmax",
        fit_max.exponent if fit_max else np.nan, None, 0.5,
        "A network with the curse of dimensionality would need P* ~ Pmax (exponent 1); "
        "Pmax spans several decades over the instances, so an exponent below 0.5 "
        "excludes that scaling even with the depth-dependent prefactor.",
        expected="< 0.5 (curse of dimensionality: 1)"))

    for L, target, tol in ((2, 2.0, 0.3), (3, 3.0, 0.5)):
        sub = measured[measured["L"] == L]
        slope = within_group_slope(sub, "m", "P_star", ["v", "n_c", "s"])
        claims.append(within(
            f"slope_vs_m_L{L}", f"at depth L={L}, P* grows as m^{L} at fixed v, n_c, s",
            slope, target - tol, target + tol,
            f"Paper: P* ~ m^L. m spans a factor <= 2-4 on the quick grid, so a 10% seed scatter "
            f"of each P* moves the fitted slope by ~{tol / 2:.2f}; tolerance +-{tol}.",
            expected=str(target), instances=sub["rhm"].tolist()))

    claims.append(ratio_within(
        "prefactor_spread", "P*/(n_c m^L) is the same for every instance (the curves collapse)",
        (measured["P_star"] / measured["P_scale"]).tolist(), 2.0,
        "The collapse is up to an O(1) prefactor that drifts with L (paper, and authors' "
        "notes: about 2.3 at L=2 and 1.4 at L=3); a factor 2 admits that drift only.",
        instances=measured["rhm"].tolist()))

    pc = correlations.groupby("rhm").agg(P_c=("P_c_patch", "mean"), P_scale=("P_scale", "first"))
    fit_pc = fit_power_law(pc["P_scale"], pc["P_c"]) if len(pc) >= 2 else None
    claims.append(within(
        "correlation_Pc_exponent",
        "the size P_c at which patch-class correlations exceed their sampling noise grows as n_c m^L",
        fit_pc.exponent if fit_pc else np.nan, 0.9, 1.1,
        "Exact computation from the sampled rules (no training), averaged over many rule "
        "draws: the signal fluctuates by 10-20% between draws, i.e. ~3% on each mean with "
        "32 draws; corrections of relative order 1/m to the signal bias the exponent by a "
        "few % at the small m of the quick grid.",
        expected="1", prefactor=fit_pc.prefactor if fit_pc else np.nan,
        P_c_over_scale=(pc["P_c"] / pc["P_scale"]).round(3).to_dict()))

    ratios = (sc["P_half_S"] / sc["P_star"]).to_numpy(float)
    worst = float(np.max(np.maximum(ratios, 1 / ratios))) if ratios.size else np.nan
    claims.append(within(
        "sensitivity_drop_at_P_star",
        "the second hidden layer becomes insensitive to exchanging level-1 synonyms as P crosses P*",
        worst, None, 2.0,
        "Paper: synonymic invariance is learnt at P ~ P*. Measured: the P where the seed-mean "
        "S_{2,1} falls to half its value at the smallest P, over P*; both are read from "
        "curves sampled every factor sqrt(2) in P, so a factor 2 is two grid steps.",
        expected="max over instances of max(r, 1/r) <= 2, r = P_half/P*",
        ratios=dict(zip(sc["rhm"], np.round(ratios, 3)))))

    invalid = int((~runs["status"].isin(["converged", "epoch_cap"])).sum())
    claims.append(within(
        "no_invalid_runs", "no training run diverged or died (protocol sanity)",
        float(invalid), 0, 0,
        "With the authors' learning rates no run should diverge; an invalid run means the "
        "learning rate is too large for that (v, m) and must be retuned, not ignored.",
        expected="0", n_runs=len(runs),
        epoch_cap=int((runs["status"] == "epoch_cap").sum())))

    claims.append(within(
        "data_integrity", "train and test sets are disjoint, distinct, and every tuple has one parent",
        float(integrity_violations), 0, 0, "Exact property of the generator; any violation is a bug.",
        expected="0 violations"))
    return claims
