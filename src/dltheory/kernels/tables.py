"""Theory and collected tables of the six kernel papers (what the collect/theory rules write).

Theory tables hold the exponent each paper predicts for each measured series, computed
by :mod:`.exponents`; collected tables hold the seed-averaged curves and tail fits of
:mod:`.curves`, joined with the predictions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .curves import attach_prediction, fit_series, summarise
from .exponents import (cntk_beta, cntk_effective_dimension, crossover_ridge_exponent,
                        kernel_pair_beta, large_ridge_exponent,
                        feature_constant_beta, lazy_constant_beta, local_student_beta, ridgeless_depleted_beta,
                        spectral_bias_depleted_beta, svm_compression_exponent,
                        svm_stripe_beta, invariant_regression_beta)
from .functions import KernelSpec, smoothness

__all__ = ["spigler_theory", "paccolat_theory", "paccolat_sphere_theory",
           "paccolat_regression_theory", "favero_theory", "cagnetta_theory",
           "tomasini_theory", "petrini_theory", "collect_curves", "crossover_ridges",
           "compression_fit"]


def spigler_theory(kernels: dict[str, KernelSpec], pairs: dict[int, list]) -> pd.DataFrame:
    """``beta_pred`` per (d, teacher, student): Spigler et al.'s formula with ``d' = d - 1``."""
    rows = []
    for d, plist in pairs.items():
        for teacher, student in plist:
            rows.append({"d": d, "teacher": teacher, "student": student,
                         "series": f"{teacher}|{student}", "d_int": d - 1,
                         "a_T": smoothness(kernels[teacher]), "a_S": smoothness(kernels[student]),
                         "beta_pred": kernel_pair_beta(kernels[teacher], kernels[student], d - 1)})
    return pd.DataFrame(rows)


def paccolat_theory(dims: list[int], compression_d: int, xi: float = 1.0) -> pd.DataFrame:
    """``beta_pred`` per d, and the compression exponent (Laplace kernel: xi = 1)."""
    return pd.DataFrame([{"d": d, "xi": xi, "beta_pred": svm_stripe_beta(d, xi),
                          "compression_pred": svm_compression_exponent(d, xi),
                          "compression_run": d == compression_d} for d in dims])


def paccolat_sphere_theory(cases: list[tuple[int, int]], xi: float = 1.0) -> pd.DataFrame:
    """``beta_pred`` per spherical-model case ``(d, d_par)``: the stripe's ``(d-1+xi)/(3d-3+xi)``."""
    return pd.DataFrame([{"d": d, "d_par": d_par, "xi": xi, "beta_pred": svm_stripe_beta(d, xi)}
                         for d, d_par in cases])


def paccolat_regression_theory(d: int, d_pars: list[int], teacher: KernelSpec,
                               student: KernelSpec) -> pd.DataFrame:
    """``beta_pred`` per ``(d, d_par)`` of the invariant-field regression, and ``1/d_par`` (what a
    kernel exploiting the invariance would reach, for the figure and the claims)."""
    a_t, a_s = smoothness(teacher), smoothness(student)
    return pd.DataFrame([{"d": d, "d_par": d_par, "a_T": a_t, "a_S": a_s,
                          "beta_pred": invariant_regression_beta(a_t, a_s, d, d_par),
                          "beta_if_invariant": invariant_regression_beta(a_t, a_s, d_par, d_par)}
                         for d_par in d_pars])


def favero_theory(pairs: dict[int, list[tuple[str, str]]], t: int,
                  students: dict[str, KernelSpec]) -> pd.DataFrame:
    """``beta_pred`` per (d, student): ``alpha_t / s`` for local/conv students, ``alpha_t / d`` for FC."""
    rows = []
    for d, plist in pairs.items():
        for teacher, name in plist:
            spec = students[name]
            s = spec.size if spec.size is not None else d
            rows.append({"d": d, "teacher": teacher, "student": name, "s": s, "t": t,
                         "beta_pred": local_student_beta(t, s)})
    return pd.DataFrame(rows)


def cagnetta_theory(teachers: dict[str, KernelSpec], student: KernelSpec, d: int) -> pd.DataFrame:
    """Per teacher: effective dimensions and ``beta_pred`` (:func:`.exponents.cntk_beta`)."""
    rows = []
    for name, spec in teachers.items():
        rows.append({"teacher": name, "filters": "x".join(map(str, spec.filters)),
                     "d_eff_teacher": cntk_effective_dimension(spec.filters, d),
                     "d_eff_student": cntk_effective_dimension(student.filters, d),
                     "beta_pred": cntk_beta(spec.filters, student.filters, d)})
    return pd.DataFrame(rows)


def tomasini_theory(dims: list[int], chi: float) -> pd.DataFrame:
    """Per d: ridgeless ``beta_pred``, spectral-bias ``beta_sb``, crossover and large-ridge exponents."""
    return pd.DataFrame([{"d": d, "chi": chi, "beta_pred": ridgeless_depleted_beta(d, chi),
                          "beta_sb": spectral_bias_depleted_beta(d, chi),
                          "lambda_star_exponent": crossover_ridge_exponent(d, chi),
                          "large_ridge_exponent": large_ridge_exponent(d, chi)} for d in dims])


def petrini_theory(d: int) -> pd.DataFrame:
    """``beta_pred`` of a constant target on S^{d-1}: lazy (NTK) ``2d/(d-1)`` for the NTK
    regression and the lazy networks, feature ``(d+2)/(d-1)`` (:func:`.exponents.
    feature_constant_beta`) for the minimum-L1 limit and the feature-regime networks."""
    lazy, feature = lazy_constant_beta(d), feature_constant_beta(d)
    return pd.DataFrame([{"method": m, "d": d, "beta_pred": b} for m, b in
                         (("lazy_kernel", lazy), ("lazy_net", lazy),
                          ("feature_limit", feature), ("feature_net", feature))])


def collect_curves(runs: pd.DataFrame, theory: pd.DataFrame, keys: list[str], fit_min,
                   rng: np.random.Generator, n_boot: int = 1000
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Seed-averaged curves and tail fits joined with the predictions: ``(curves, fits)``."""
    curves = summarise(runs, keys)
    fits = attach_prediction(fit_series(runs, keys, rng, fit_min, n_boot=n_boot), theory, keys)
    return curves, fits


def crossover_ridges(curves: pd.DataFrame, factor: float) -> pd.DataFrame:
    """``lambda*(P)``: where the ridge error reaches ``factor`` times the ridgeless error.

    ``curves`` has ``d, P, ridge, error_mean`` with ``ridge = 0`` rows; interpolation is
    linear in ``(log lambda, log ratio)`` between the grid ridges; ``nan`` if the ratio
    never reaches the factor on the grid, and flagged ``extrapolated`` never.
    """
    rows = []
    for (d, P), g in curves.groupby(["d", "P"]):
        g = g.sort_values("ridge")
        e0 = float(g.loc[g["ridge"] == 0, "error_mean"].iloc[0])
        pos = g[g["ridge"] > 0]
        ratio = pos["error_mean"].to_numpy() / e0
        lam = pos["ridge"].to_numpy()
        above = np.nonzero(ratio >= factor)[0]
        if len(above) == 0 or above[0] == 0:
            value = np.nan
        else:
            k = above[0]
            t = (np.log(factor) - np.log(ratio[k - 1])) / (np.log(ratio[k]) - np.log(ratio[k - 1]))
            value = float(np.exp(np.log(lam[k - 1]) + t * (np.log(lam[k]) - np.log(lam[k - 1]))))
        rows.append({"d": d, "P": int(P), "lambda_star": value, "error_ridgeless": e0})
    return pd.DataFrame(rows)


def compression_fit(runs: pd.DataFrame, max_factor: float) -> dict:
    """Exponent of the error against the compression factor lambda (``eps ~ lambda^-c``).

    Least squares in log-log on the seed means for ``lambda <= max_factor``.
    """
    m = runs[runs["compress"] <= max_factor].groupby("compress")["error"].mean()
    slope = np.polyfit(np.log(m.index.to_numpy(float)), np.log(m.to_numpy(float)), 1)[0]
    return {"exponent": float(-slope), "factors": m.index.tolist(), "errors": m.tolist()}
