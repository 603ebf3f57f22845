"""Claims of Cagnetta, Favero, Wyart, ICML 2023, arXiv:2208.01003, judged on our runs.

Tolerances fixed from exploratory runs (2 seeds, P <= 2048, d = 8) before the final
quick-scale results; the same at both scales.  The global teacher is also judged against the
finite-P eigenlearning prediction of :mod:`dltheory.kernels.cntk_spectrum` (the asymptotic
1/d_eff needs P >> 1e5); those tolerances were fixed after a read-only exploration had
compared that theory with main's quick-scale run (max |log ratio| ~ 0.07, slopes 0.31 vs
0.31): they are justified by the seed scatter and the grid, not by that comparison.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import Claim, within
from ._kernel_helpers import exponent_claim

__all__ = ["evaluate_claims", "TOLERANCE", "SPECTRAL_LOG_TOL", "SPECTRAL_SLOPE_TOL", "GRID_TOL"]

# Relative tolerance on beta. Exploration (2 seeds) measured 0.51 / 0.41 / 0.29 against
# 0.625 / 0.417 / 0.25: the local (d_eff = 1) teacher approaches its slope from below and
# the global one from above over P <= 2048 (local slopes still drifting by ~0.1 between
# successive doublings), so 25% is the finite-size allowance at this P; the three
# predictions are still 1.5x apart, so a wrong ordering or a 1/d law would fail.
TOLERANCE = 0.25
# Global teacher vs the finite-P spectral theory, max over the measured P of
# |log(E_meas / E_pred)|. Seed scatter: the 4-seed mean has a relative s.e.m. up to ~5% at
# P = 128 (GRF teachers fluctuate most at small P), 2 s.e.m. = 0.10 in log; eigenlearning's
# own finite-P corrections are O(1/P) (a few % at P = 128, cf. tests of spectral.py), and the
# grid moves the prediction by a few %: 0.15 in all. A law off by a factor 1.2 in
# prefactor, or a slope off by 0.06 over the four doublings, exceeds it.
SPECTRAL_LOG_TOL = 0.15
# Fitted slopes over the same tail (P >= fit_min_P): the measured bootstrap interval is
# +-0.025 at 4 seeds, the grid shifts the predicted slope by ~0.01: 0.05. The asymptotic
# 1/d_eff = 0.25 lies 0.06 below the finite-P slope, so this claim separates the two.
SPECTRAL_SLOPE_TOL = 0.05
# The prediction for the global teacher must be converged in the grid: relative change
# from the half grids at every plotted P (5%: a third of SPECTRAL_LOG_TOL).
GRID_TOL = 0.05


def _spectral_claims(fits: pd.DataFrame, runs: pd.DataFrame, spectral: pd.DataFrame,
                     glob: pd.Series) -> list[Claim]:
    name = glob["teacher"]
    pred = spectral[spectral["teacher"] == name].set_index("P")["error_pred"]
    meas = runs[runs["teacher"] == name].groupby("P")["error"].mean()
    sizes = np.array(sorted(set(meas.index) & {int(p) for p in pred.index}), dtype=float)
    ratio = np.log(meas.loc[sizes.astype(int)].to_numpy() / pred.loc[sizes].to_numpy())
    tail = sizes >= float(glob["fit_P_min"])
    slope_pred = -np.polyfit(np.log(sizes[tail]), np.log(pred.loc[sizes[tail]].to_numpy()), 1)[0]
    grid = spectral[spectral["teacher"] == name]["grid_change"]
    return [
        within("global_teacher_finite_P_theory",
               f"the global teacher {glob['filters']} (d_eff = {glob['d_eff_teacher']}) is learnt "
               "as the finite-P eigenlearning theory of the student's Fourier spectrum predicts: "
               "max_P |log(E_meas / E_pred)|",
               float(np.max(np.abs(ratio))), None, SPECTRAL_LOG_TOL,
               f"{SPECTRAL_LOG_TOL} in log: 2 s.e.m. of the 4-seed mean at P = 128 (~0.10), "
               "O(1/P) corrections to eigenlearning and <= 5% from the grid (fixed after the "
               "exploration quoted in the module docstring).",
               expected=f"<= {SPECTRAL_LOG_TOL}", log_ratios=ratio.tolist(), sizes=sizes.tolist()),
        within("global_teacher_finite_P_slope",
               "the measured tail slope of the global teacher equals the finite-P theory's slope "
               "over the same P (both above the asymptotic 1/d_eff: pre-asymptotic)",
               float(glob["beta"] - slope_pred), -SPECTRAL_SLOPE_TOL, SPECTRAL_SLOPE_TOL,
               f"+-{SPECTRAL_SLOPE_TOL}: bootstrap interval of the measured slope (~+-0.025) "
               "plus ~0.01 from the grid.",
               expected=f"beta_meas - beta_spectral in +-{SPECTRAL_SLOPE_TOL}",
               beta_measured=float(glob["beta"]), beta_spectral=float(slope_pred),
               beta_asymptotic=float(glob["beta_pred"])),
        within("spectral_grid_converged",
               "the global teacher's predicted errors change by less than GRID_TOL from the "
               "half grids (every grid size halved)",
               float(grid.max()), None, GRID_TOL,
               "A 5% grid error is a third of the comparison's tolerance.",
               expected=f"<= {GRID_TOL}", grid=str(spectral["grid"].iloc[0]),
               eigenvalue_change=float(spectral["eig_change"].iloc[0]),
               eigenvalue_change_full_support=float(spectral["eig_change_full_support"].iloc[0]),
               eigenvalue_modes_outside=int(spectral["eig_outside"].iloc[0])),
    ]


def evaluate_claims(fits: pd.DataFrame, runs: pd.DataFrame, spectral: pd.DataFrame) -> list[Claim]:
    """Judge the claims on the fits table (one row per teacher), the runs (per seed) and the
    finite-P spectral prediction (rule cagnetta_spectral)."""
    claims: list[Claim] = []
    fits = fits.sort_values("d_eff_teacher")
    # Local teachers (receptive field smaller than the student's): the exponent formula.
    # The global teacher (d_T = d_S) is judged by `global_teacher_curse` below: its measured
    # local slopes stay at ~0.32 up to P = 4096 (one exploratory run) against 1/d_S = 0.25,
    # so its exact exponent is not asserted at this scale (see the catalog's status note).
    for row in fits[fits["d_eff_teacher"] < fits["d_eff_student"]].to_dict("records"):
        claims.append(exponent_claim(
            f"beta_teacher_{row['filters']}",
            f"teacher with filters {row['filters']} (d_eff = {row['d_eff_teacher']}), student "
            f"{row['student_filters']}: beta = (1 + d_S) / (d_S (1 + d_T)) = {row['beta_pred']:.3f}",
            row, TOLERANCE,
            f"Relative {TOLERANCE:.0%}: curves still bending at P <= 2048 (local slopes drift by "
            "~0.1 per doubling) plus seed scatter."))
    betas = fits["beta"].to_numpy()
    claims.append(within(
        "decay_set_by_teacher_patch",
        "the smaller the teacher's receptive field, the faster the decay: beta decreases "
        "strictly with d_eff of the teacher",
        float(min(a - b for a, b in zip(betas, betas[1:]))) if len(betas) > 1 else float("nan"),
        0.05, None,
        "Predicted gaps between consecutive teachers are >= 0.17; requiring 0.05 leaves room "
        "for the seed scatter (~0.03 per exponent).", expected="min consecutive gap >= 0.05",
        betas=betas.tolist()))
    glob = fits.iloc[-1]
    claims.append(within(
        "global_teacher_curse",
        "a teacher seeing the whole input is learnt at the 1/d_eff rate of a generic function "
        "of d_eff variables (curse of dimensionality)",
        float(glob["beta"] * glob["d_eff_teacher"]), 0.75, 1.35,
        "For d_T = d_S the prediction is exactly 1/d_eff; [0.75, 1.35] is the 25% band with "
        "room for the pre-asymptotic overshoot from above (lower-order components of the "
        "teacher are learnt first), and excludes the local teachers' rates (>= 1.7 / d_eff).",
        expected="beta * d_eff in [0.75, 1.35]"))
    claims += _spectral_claims(fits, runs, spectral, glob)
    return claims
