"""Claims of Spigler, Geiger, Wyart, J. Stat. Mech. (2020), arXiv:1905.10843, judged on our runs.

Tolerances were fixed before the quick-scale results were looked at, from the finite-size
behaviour seen in exploratory runs (and the issue's probe: 0.988 / 0.475 / 0.243 for
Laplace pairs at d = 2, 3, 5 with P <= 4096, 8 seeds); they are the same at both scales.
"""

from __future__ import annotations

import math

import pandas as pd

from ..core.checks import Claim, within
from ._kernel_helpers import exponent_claim

__all__ = ["evaluate_claims", "real_data_claims", "circle_claims", "CIRCLE_BAND", "TOLERANCE", "REAL_TOLERANCE",
           "TASK_TOLERANCE", "KERNEL_TOLERANCE"]

# Relative tolerance on beta. A tail fit over P in [512, 2048] (a factor 4) with 8 seeds:
# local slopes between successive sizes scatter by 10-15% for smooth teachers (their test
# error is dominated by a few test points), and curves approach their asymptote from
# below by ~5% at these P for Laplace pairs; 15% covers both, and still separates every
# pair from its neighbours in the grid (the predictions differ by factors >= 1.6).
TOLERANCE = 0.15
# Why the Gaussian teacher / Laplace student at d = 2 sits at the edge (beta 3.44 vs 4):
# neither the teacher's jitter (1e-13: a floor ~2e-13, 0.02% of the error at P = 2048; the
# same points with an exact Fourier-mode sampler or a clipped eigendecomposition sampler
# give 3.60 / 3.51) nor a pre-asymptotic finite-P effect (eigenlearning with the FFT spectra
# on S^1 has local slopes 3.96-4.00 from P = 64; the local spline theory of
# kernels.circle 3.99). It is seed scatter: the error is set by the largest gaps between
# training points (h^5), heavy-tailed per draw (relative scatter 0.5-1.8), so 8-seed tail
# fits scatter by several tenths: 32 fresh draws gave 3.93 overall, 3.49 / 4.16 / 3.79 /
# 4.05 per block of 8. This tolerance was not changed; the finite-P check below compares
# the errors themselves with the spline theory.
#
# d = 2 finite-P check: the 8-seed mean error over the spline theory of kernels.circle, at
# every P of the tail fit, within [0.4, 2.5].
# Fixed from exploration (stream 777000+, 32 draws, exact Fourier sampler; per-P 8-draw
# means of random subsets: 99% within [0.46, 1.68] for P >= 512, blocks 0.47-1.26), with
# room for the heavy tail that subsampling 32 draws underestimates. Eigenlearning is
# 5-8x below the measured errors (ratio ~6-8): it would fail. The quick-scale numbers of the
# main branch's run (ratios 0.69 / 1.08 / 1.48) had been seen when the band was fixed.
CIRCLE_BAND = (0.4, 2.5)


# Real-data panel. Provenance of its tolerances: they were (re)fixed on the draws of the
# seed stream "spigler_real" (8 draws, and the kernel-PCA draw "spigler_real_pca"), where the
# stand-in (m = 8, margin 0.5) gave: learning-curve beta 0.343 (Laplace) / 0.316 (Gaussian)
# for regression against kernel-PCA 0.333 / 0.323; SVM classification 0.544 / 0.547.
# Then checked on fresh streams with 8 draws: "spigler_real_check" passed every claim
# (kernel ratios 1.12 regression, 1.07 classification); "spigler_real_check2" failed the
# regression kernel ratio (1.32 > 1.3; Gaussian beta 0.27 with bootstrap interval
# [0.24, 0.30]). The tolerances were NOT changed after that; the number of draws was raised
# to 16 (config), and the workflow runs the stream of config key real_data.seed_stream
# ("spigler_real_check16"), committed before it was run: every claim passes, the regression
# kernel ratio at its edge (1.29); a further 16-draw stream run afterwards for the record,
# "spigler_real_check16b", gave 1.15 (regression) and 1.02 (classification). Over the five
# streams the Gaussian's regression exponent is the lower one by 8-25%: kernel independence
# holds at the 30% level, not better, at P <= 2048 (the eigenlearning prediction from the
# kernel-PCA spectra, kernels.spectral, also puts the Gaussian's local slope below the
# Laplace's at these P: its E0 factor decays more slowly).
#
# Relative tolerance between the learning-curve exponent and the kernel-PCA estimate. Two
# independent estimates: the tail fit over a factor 4 in P with 8 draws has a bootstrap
# half-width of 3-7%; the kernel-PCA fit of R(P) = sum_{rho>P} c_rho^2 comes from one Gram
# matrix of N points and depends on its rank window (stand-in, N = 3072: 0.33 on [16, 128]
# and [32, 256], 0.44 on [64, 512] for Laplace, because R_N(P) bends down as P -> N), and
# its window lies below the curve's fit range. 25% covers both (it was 25% before the
# stand-in changed, and is unchanged).
REAL_TOLERANCE = 0.25
# Regression (MSE) and classification (0/1) exponents: the paper finds the same beta for
# both on MNIST / CIFAR10; two tail fits of ~15% scatter each, so 30% on their ratio. Judged
# on real data only: on the stand-in the SVM's 0/1 error decays faster than the MSE
# (0.54 vs 0.34 on the exploration draws, both kernels; also 0.64 vs 0.43 on the earlier
# margin-0, m = 3 stand-in), so the equality is a property of the real data sets that
# the stand-in does not share, and the kernel-PCA estimate (of the MSE) is compared with
# the classification exponent on real data only, too.
TASK_TOLERANCE = 0.30
# Kernel independence (the paper: the same beta with Gaussian and Laplace kernels): the
# largest over the smallest exponent among the kernels, per task, at most 1 + 30%. Each
# exponent scatters by 3-10% (bootstrap half-widths at 8 draws, the Gaussian's the widest)
# and the kernels approach their asymptote differently (on every stream the Gaussian's
# regression exponent was the lower one, by 8-25%); 30% was fixed as ~3 of those scatters. A kernel that fails to learn (the
# ridgeless Gaussian on labels that jump inside the support: beta ~ 0) is out by a factor > 5.
KERNEL_TOLERANCE = 0.30
_WHY_SEEDS = ("Tolerance fixed on the draws of seed stream 'spigler_real' (8 draws) and not "
              "changed since; this run uses the stream of config key real_data.seed_stream "
              "('spigler_real_check16', 16 draws at quick scale), not the exploration's.")


def real_data_claims(real_fits: pd.DataFrame, real_runs: pd.DataFrame) -> list[Claim]:
    """Claims of the real-data panel, valid on any data (MNIST, CIFAR10 or the stand-in).

    ``real_fits``: one row per (kernel, task) with ``beta`` (learning curve) and
    ``beta_pred`` (kernel-PCA estimate); ``real_runs``: per (kernel, task, seed, P) with
    ``error``, ``jitter``, ``source``, and for the stand-in ``latent_dim`` (its manifold
    dimension m) and ``margin`` (its class gap; 0 if the column is absent).
    """
    claims: list[Claim] = []
    source = str(real_runs["source"].iloc[0])
    stand_in = source == "stand_in"
    for row in real_fits.sort_values(["kernel", "task"]).to_dict("records"):
        if stand_in and row["task"] != "regression":
            continue  # see TASK_TOLERANCE: the stand-in's 0/1 error is not the MSE's exponent
        claims.append(exponent_claim(
            f"real_beta_matches_kernel_pca_{row['kernel']}_{row['task']}",
            f"{source}, {row['kernel']} kernel, {row['task']}: the learning-curve exponent equals "
            "the exponent of the target's power beyond rank P in the kernel-PCA eigenbasis, "
            "R(P) = sum_{rho>P} c_rho^2 ~ P^-beta (the paper's estimate of beta)",
            row, REAL_TOLERANCE,
            f"Relative tolerance {REAL_TOLERANCE:.0%}: seed scatter of the curve's tail fit "
            "(3-7%) plus the rank-window dependence of the one-draw kernel-PCA fit (up to "
            f"~30% between windows). {_WHY_SEEDS}"))
    for task, g in real_fits.groupby("task"):
        if len(g) < 2:
            continue
        b = g.set_index("kernel")["beta"]
        claims.append(within(
            f"real_beta_kernel_independent_{task}",
            f"{source}, {task}: the learning-curve exponent is the same for every kernel "
            f"({', '.join(sorted(b.index))})",
            float(b.max() / b.min()), None, 1 + KERNEL_TOLERANCE,
            f"Largest / smallest beta <= {1 + KERNEL_TOLERANCE:g}: 3-8% scatter per exponent and "
            f"kernel-dependent approach to the asymptote. {_WHY_SEEDS}",
            expected=f"max/min beta <= {1 + KERNEL_TOLERANCE:g}",
            betas={k: float(v) for k, v in b.items()}))
    if not stand_in:
        for kernel, g in real_fits.groupby("kernel"):
            b = g.set_index("task")["beta"]
            if {"regression", "classification"} <= set(b.index):
                claims.append(within(
                    f"real_same_beta_regression_classification_{kernel}",
                    f"{source}, {kernel} kernel: regression and classification learning curves "
                    "decay with the same exponent",
                    float(b["classification"] / b["regression"]), 1 - TASK_TOLERANCE,
                    1 + TASK_TOLERANCE,
                    f"Ratio within {TASK_TOLERANCE:.0%} of 1: two tail fits of ~15% scatter each.",
                    expected=f"1 +- {TASK_TOLERANCE}"))
    margin = float(real_runs["margin"].iloc[0]) if "margin" in real_runs else 0.0
    if stand_in and margin == 0:
        m = int(real_runs["latent_dim"].iloc[0])
        for row in real_fits[real_fits["task"] == "regression"].to_dict("records"):
            pred = {**row, "beta_pred": 1.0 / m}
            claims.append(exponent_claim(
                f"stand_in_beta_set_by_manifold_dimension_{row['kernel']}",
                f"stand-in: labels that jump across a smooth boundary on an m = {m} dimensional "
                f"manifold have c_rho^2 ~ rho^-(1 + 1/m), so beta = 1/m, set by m and not by the "
                "ambient dimension D (which would give 1/D)",
                pred, REAL_TOLERANCE,
                f"Relative tolerance {REAL_TOLERANCE:.0%}, as for the kernel-PCA comparison "
                "(the same tail fit); 1/D is outside by a factor >= 3. Only without a class "
                "margin (with one, the labels are smooth on the support)."))
    fit_runs = real_runs.merge(real_fits[["kernel", "task", "fit_P_min"]], on=["kernel", "task"])
    fit_runs = fit_runs[(fit_runs["P"] >= fit_runs["fit_P_min"]) & (fit_runs["task"] == "regression")]
    floor = float(fit_runs["jitter"].max())
    smallest = float(fit_runs.groupby(["kernel", "P"])["error"].mean().min())
    claims.append(within(
        "real_numerical_floor",
        "the fitted regression errors are far above the floor set by Cholesky jitters",
        floor / smallest, None, 0.01,
        "A jitter acts as a ridge of that size; below 1% of the smallest fitted error it "
        "cannot bend a curve.", expected="max jitter / min fitted error <= 0.01",
        floor=floor, smallest_error=smallest))
    return claims


def circle_claims(fits: pd.DataFrame, runs: pd.DataFrame, circle: pd.DataFrame) -> list[Claim]:
    """d = 2: the seed-mean errors over the tail-fit range match the finite-P spline theory."""
    claims: list[Claim] = []
    for series, th in circle.groupby("series"):
        fit = fits[(fits["d"] == 2) & (fits["series"] == series)]
        if fit.empty:
            continue
        p_min = float(fit["fit_P_min"].iloc[0])
        mean = runs[(runs["d"] == 2) & (runs["series"] == series)].groupby("P")["error"].mean()
        th = th.set_index("P")
        Ps = [P for P in mean.index if P >= p_min and P in th.index]
        if not Ps:
            continue
        ratio = [float(mean[P] / th.loc[P, "spline"]) for P in Ps]
        eig = [float(th.loc[P, "eigenlearning"] / th.loc[P, "spline"]) for P in Ps]
        teacher, student = series.split("|")
        lo, hi = CIRCLE_BAND
        worst = max(ratio, key=lambda r: abs(math.log(r)))  # the ratio farthest from 1
        claims.append(within(
            f"finite_P_theory_{teacher}_to_{student}_d2",
            f"teacher {teacher}, student {student} on S^1: the measured errors at every P of "
            "the tail fit match the finite-P local (spline) theory eps = (2 pi)^4 "
            "E[(f'' - f)^2] P! / (P + 4)! (kernels.circle)",
            worst, CIRCLE_BAND[0], CIRCLE_BAND[1],
            f"The ratio measured / theory farthest from 1 (log scale) within {list(CIRCLE_BAND)}: "
            "the error is set by the largest gaps between training points, heavy-tailed per "
            "draw, so 8-seed means scatter by a factor ~1.5 (exploration: 32 fresh draws, "
            "99% of 8-draw subsets within [0.46, 1.68] at P >= 512). The band was fixed after "
            "the exploration and after seeing the main branch's quick-scale errors (ratios "
            "0.69-1.48); it was not changed afterwards. Eigenlearning (~0.13 of the spline "
            "theory here) would be outside.",
            expected=f"{CIRCLE_BAND[0]} <= measured / spline theory <= {CIRCLE_BAND[1]} "
                     f"at every P >= {p_min:g}",
            ratios={int(P): r for P, r in zip(Ps, ratio)},
            eigenlearning_over_spline=eig))
    return claims


def evaluate_claims(fits: pd.DataFrame, runs: pd.DataFrame, real_fits: pd.DataFrame | None = None,
                    real_runs: pd.DataFrame | None = None,
                    circle: pd.DataFrame | None = None) -> list[Claim]:
    """Judge the paper's claims.

    Parameters
    ----------
    fits : one row per (d, series) with ``beta``, ``beta_pred`` and the fit range
    runs : one row per (d, series, seed, P) with ``error`` and the jitters used
    real_fits, real_runs : the real-data panel's tables (:func:`real_data_claims`), optional
    """
    claims: list[Claim] = []
    for row in fits.sort_values(["series", "d"]).to_dict("records"):
        teacher, student = row["series"].split("|")
        claims.append(exponent_claim(
            f"beta_{teacher}_to_{student}_d{row['d']}",
            f"teacher {teacher}, student {student} on S^{row['d'] - 1}: "
            f"beta = min(alpha_T - d', 2 alpha_S) / d' with d' = {row['d'] - 1}",
            row, TOLERANCE,
            f"Relative tolerance {TOLERANCE:.0%}: seed and test-set scatter of a tail fit over "
            f"one factor 4 in P (10-15%) and the approach to the asymptote from below (~5%)."))
    lap = fits[fits["series"] == "laplace|laplace"].sort_values("d")
    if len(lap) >= 2:
        ratio = (lap["beta"] * (lap["d"] - 1)).to_numpy()
        claims.append(within(
            "laplace_beta_times_dprime",
            "for Laplace teacher and student, beta d' is the same (= 1) at every d: the exponent "
            "is set by the intrinsic dimension (curse of dimensionality)",
            float(ratio.max() / ratio.min()), None, 1.3,
            "beta d' = 1 for every d; each beta is within 15% of its prediction, so the ratio of "
            "the largest to the smallest beta d' stays below 1.3 if the law holds, while "
            "using d instead of d' = d - 1 would give ratios up to 1.6 at d = 2 vs 5.",
            expected="max/min of beta (d-1) <= 1.3", values=ratio.tolist()))
    fit_runs = runs.merge(fits[["d", "series", "fit_P_min"]], on=["d", "series"])
    fit_runs = fit_runs[fit_runs["P"] >= fit_runs["fit_P_min"]]
    floor = (2 * fit_runs["teacher_jitter"] + fit_runs["student_jitter"]).max()
    smallest = fit_runs.groupby(["d", "series", "P"])["error"].mean().min()
    claims.append(within(
        "numerical_floor",
        "the fitted errors are far above the numerical floor set by Cholesky jitters",
        float(floor / smallest), None, 0.01,
        "A jitter adds white noise of that variance to the teacher (and acts as a ridge on the "
        "student): it floors the error at about 2 x jitter. Below 1% of the smallest fitted "
        "error it cannot bend a curve.",
        expected="max jitter floor / min fitted error <= 0.01",
        floor=float(floor), smallest_error=float(smallest)))
    if circle is not None and not circle.empty:
        claims += circle_claims(fits, runs, circle)
    if real_fits is not None and real_runs is not None:
        claims += real_data_claims(real_fits, real_runs)
    return claims
