"""Claims of the five Gaussian-covariate-model papers: they pass on data obeying the paper's law
and fail on data that does not (a check that cannot fail is a defect)."""

import numpy as np
import pandas as pd

from dltheory.claims import (cui2023_bayes_opt_deep_extensive as cui,
                             loureiro2021_gcm as lou,
                             pittorino2021_entropic_flat_minima as pit,
                             schroder2023_deep_rf_universality as s23,
                             schroder2024_deep_structured_features as s24)
from dltheory.gcm.common import agreement


def _with_agreement(df, value, rel_tol=0.05):
    df[f"{value}_agreement"] = agreement(df[value], df[f"{value}_sem"], df[f"{value}_theory"],
                                         rel_tol)
    return df


def _names(claims, passed):
    return {c.name for c in claims if c.passed == passed}


# --- loureiro2021_gcm ---------------------------------------------------------------------

def _lou_tables(scale=1.0, peak=1.0):
    alphas = np.round(np.linspace(0.1, 4, 40), 3)
    rows, pts = [], []
    for task in ("ridge", "logistic", "universe"):
        for lam in ((0.01,) if task == "universe" else (0.001, 0.1)):
            err = 0.5 + 1.0 / (1 + 30 * (alphas - peak) ** 2) if task == "ridge" else 0.4 / (1 + alphas)
            for a, e in zip(alphas, err):
                rows.append({"task": task, "lam": lam, "alpha": a, "test_error": e,
                             "train_loss": 0.1 * e})
    lines = pd.DataFrame(rows)
    sim = lines[lines["alpha"].isin(alphas[::5])].copy()
    for col in ("test_error", "train_loss"):
        sim[f"{col}_theory"] = sim[col]
        sim[col] = sim[col] * scale
        sim[f"{col}_sem"] = 0.01 * sim[col]
        _with_agreement(sim, col)
    return sim, lines


def test_loureiro_claims():
    assert not _names(lou.evaluate_claims(*_lou_tables()), False)
    bad = _names(lou.evaluate_claims(*_lou_tables(scale=1.3)), False)
    assert {"ridge_theory_matches_simulation", "logistic_theory_matches_simulation",
            "data_universe_theory_matches_simulation"} <= bad
    assert "theory_peak_at_interpolation" in _names(lou.evaluate_claims(*_lou_tables(peak=2.0)), False)


# --- schroder2023_deep_rf_universality ---------------------------------------------------------

def _s23_points(deep_scale=1.0, gauss_scale=1.0):
    rows = []
    for task, feats_list in (("ridge", ("deep", "gaussian")), ("logistic", ("deep",))):
        for L in (1, 2):
            for a in (0.5, 1.0, 2.0):
                th = 1.0 / (1 + a)
                for feats in feats_list:
                    s = deep_scale if feats == "deep" else gauss_scale
                    rows.append({"task": task, "depth": L, "alpha": a, "features": feats,
                                 "test_error": th * s, "test_error_sem": 0.01 * th,
                                 "test_error_theory": th})
    return _with_agreement(pd.DataFrame(rows), "test_error")


def test_schroder2023_claims():
    lines = pd.DataFrame({"task": "ridge", "depth": 1, "alpha": [1.0], "test_error": [1.0]})
    assert not _names(s23.evaluate_claims(_s23_points(), lines), False)
    bad = _names(s23.evaluate_claims(_s23_points(deep_scale=1.3), lines), False)
    assert {"ridge_deep_features_match_theory", "error_universality",
            "logistic_matches_theory"} <= bad
    assert "ridge_gaussian_features_match_theory" not in bad


# --- schroder2024_deep_structured_features -----------------------------------------------------

def _s24(scale=1.0, lin_gap=0.02):
    ns = np.array([10.0, 100.0, 1000.0])
    rows, lines = [], []
    for g in (0.0, 1.0):
        th = 0.5 / (1 + ns / 100) + 0.1 * g
        for n, t in zip(ns, th):
            rows.append({"gamma": g, "n": n, "test_error": t * scale, "test_error_sem": 0.01 * t,
                         "test_error_theory": t, "train_loss": 0.1 * t, "train_loss_sem": 1e-3 * t,
                         "train_loss_theory": 0.1 * t})
            lines.append({"gamma": g, "n": n, "test_error": t, "test_error_mc": t,
                          "test_error_lin": t * (1 + lin_gap * (1 + 5 * g))})
    pts = _with_agreement(_with_agreement(pd.DataFrame(rows), "test_error"), "train_loss")
    return pts, pd.DataFrame(lines)


def test_schroder2024_claims():
    assert not _names(s24.evaluate_claims(*_s24()), False)
    assert "deterministic_equivalent_matches_simulation" in _names(
        s24.evaluate_claims(*_s24(scale=1.4)), False)
    assert "linearisation_exact_for_iid_weights" in _names(
        s24.evaluate_claims(*_s24(lin_gap=0.2)), False)


# --- cui2023_bayes_opt_deep_extensive -----------------------------------------------------------

def _cui(ridge_excess=0.0, rf_excess=0.1, sim_scale=1.0):
    alphas = np.array([0.5, 1.0, 2.0])
    bo = 1.0 / (1 + alphas)
    curves = {"bayes_optimal": bo, "ridge": bo * (1 + ridge_excess), "random_features": bo * (1 + rf_excess),
              "kernel": bo * 1.001, "bayes_optimal_classification": 0.4 / (1 + alphas),
              "square_classification": 0.41 / (1 + alphas)}
    theory = pd.concat([pd.DataFrame({"method": m, "alpha": alphas, "error": e})
                        for m, e in curves.items()], ignore_index=True)
    pts = []
    for m in ("ridge", "random_features", "square_classification"):
        e = curves[m]
        pts.append(pd.DataFrame({"method": m, "alpha": alphas, "error": e * sim_scale,
                                 "error_sem": 0.005 * e, "error_theory": e}))
    pts = pd.concat(pts, ignore_index=True)
    pts["error_agreement"] = agreement(pts["error"], pts["error_sem"], pts["error_theory"], 0.02)
    return pts, theory


def test_cui_claims():
    assert not _names(cui.evaluate_claims(*_cui()), False)
    assert "ridge_attains_bayes_optimal" in _names(cui.evaluate_claims(*_cui(ridge_excess=0.05)), False)
    assert "random_features_and_kernel_no_better" in _names(
        cui.evaluate_claims(*_cui(rf_excess=-0.05)), False)
    bad = _names(cui.evaluate_claims(*_cui(sim_scale=1.1)), False)
    assert {"optimal_ridge_simulation_attains_bayes_optimal", "random_features_match_theory",
            "classification_matches_theory"} <= bad


# --- pittorino2021_entropic_flat_minima ---------------------------------------------------------

def _pit(flat_order=1.0, bo_gap=0.0):
    lams = np.array([0.01, 0.1, 1.0, 10.0, 100.0, 200.0])
    theory, pts = [], []
    bo = 0.2
    for loss in ("square", "logistic"):
        err = bo * (1 + bo_gap) + 0.08 / (1 + lams)
        le = 0.03 + flat_order * 0.05 / (1 + lams)
        for lam, e, l in zip(lams, err, le):
            theory.append({"loss": loss, "lam": lam, "sigma": 0.5, "test_error": e, "local_energy": l})
            pts.append({"loss": loss, "lam": lam, "sigma": 0.5, "test_error": e,
                        "test_error_sem": 0.002, "test_error_theory": e, "local_energy": l,
                        "local_energy_sem": 0.001, "local_energy_theory": l})
    pts = _with_agreement(_with_agreement(pd.DataFrame(pts), "test_error"), "local_energy")
    return pts, pd.DataFrame(theory), bo, 0.5


def test_pittorino_claims():
    assert not _names(pit.evaluate_claims(*_pit()), False)
    bad = _names(pit.evaluate_claims(*_pit(flat_order=-1.0)), False)
    assert {"flatness_tracks_generalisation_theory", "flatness_tracks_generalisation_simulation"} <= bad
    assert "large_penalty_is_bayes_optimal" in _names(pit.evaluate_claims(*_pit(bo_gap=0.05)), False)
    pts, th, bo, s = _pit()
    pts["local_energy"] *= 1.5
    pts["local_energy_agreement"] = agreement(pts["local_energy"], pts["local_energy_sem"],
                                              pts["local_energy_theory"], 0.05)
    assert "local_energy_theory_matches_simulation" in _names(pit.evaluate_claims(pts, th, bo, s), False)
