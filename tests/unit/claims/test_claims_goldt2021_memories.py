"""goldt2021 claims: pass on data obeying AMP = SE < PCA, fail otherwise."""

import numpy as np
import pandas as pd
import pytest

from dltheory.claims.goldt2021_memories import evaluate_claims, zscores

RATIOS = [0.2, 0.35, 0.5, 0.65, 0.8, 1.0, 1.25, 1.5]
MODELS = ["hopfield_P1_relu", "hopfield_P1_linear", "hopfield_P2_relu"]
RHO = {m: 1.0 for m in MODELS}


def _se(r):
    return np.minimum(1.0, r**1.5)  # any curve reaching the trivial MSE 1 at Delta_c


def _tables(amp_shift=0.0, pca_factor=1.0, linear_shift=0.0):
    rows, theory = [], []
    for m in MODELS:
        for r in RATIOS:
            se = float(_se(r))
            pca_th = min(r, 1.0) if "P1" in m else np.nan
            pca = (min(r, 1.0) if "P1" in m else min(1.0, r + 0.2)) * pca_factor
            shift = amp_shift + (linear_shift if m == "hopfield_P1_linear" else 0)
            rows.append({"model": m, "ratio": r, "mse_amp": min(se + 0.01 + shift, 1.0) if r < 1 else 1.0,
                         "mse_amp_sem": 0.01, "mse_pca": pca, "mse_pca_sem": 0.01, "mse_se": se,
                         "mse_pca_theory": pca_th})
        for r in np.linspace(0.05, 1.6, 63):
            theory.append({"model": m, "ratio": r, "mse_se": float(_se(r))})
    return pd.DataFrame(rows), pd.DataFrame(theory)


def test_pass_when_amp_follows_se_and_beats_pca():
    claims = evaluate_claims(*_tables(), RHO)
    assert all(c.passed for c in claims), [(c.name, c.measured) for c in claims if not c.passed]


def test_fail_when_amp_is_off_or_worse_than_pca():
    claims = {c.name: c for c in evaluate_claims(*_tables(amp_shift=0.3, linear_shift=0.2), RHO)}
    assert not claims["amp_matches_se_hopfield_P1_relu"].passed
    assert not claims["amp_beats_pca"].passed
    assert not claims["channel_universality"].passed


def test_fail_when_pca_misses_bbp_or_signal_above_threshold():
    summary, theory = _tables(pca_factor=1.3)
    summary.loc[summary["ratio"] >= 1.25, "mse_amp"] = 0.5
    theory["mse_se"] = np.minimum(1.0, theory["ratio"] ** 1.5 / 1.3**1.5)  # threshold at 1.3, not 1
    claims = {c.name: c for c in evaluate_claims(summary, theory, RHO)}
    assert not claims["pca_matches_bbp"].passed
    assert not claims["no_recovery_above_delta_c"].passed
    assert not claims["se_threshold_is_delta_c"].passed


def test_zscores():
    assert zscores([1.0], [0.0], [1.06])[0] == pytest.approx(3.0)
