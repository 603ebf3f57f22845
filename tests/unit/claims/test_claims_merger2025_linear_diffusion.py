"""merger2025 claims: pass on data obeying the MP theory and d/(4N), fail otherwise."""

import numpy as np
import pandas as pd

from dltheory.claims.merger2025_linear_diffusion import evaluate_claims
from dltheory.replica.linear_diffusion import Training, ddpm_schedule, theory_kl

TRAININGS = [{"name": "plain", "lam": 0.0, "tau": None}, {"name": "ridge_0.01", "lam": 0.01, "tau": None},
             {"name": "ridge_0.1", "lam": 0.1, "tau": None}, {"name": "ridge_1", "lam": 1.0, "tau": None}]
RATIOS = [0.25, 0.5, 2.0, 4.0, 8.0, 16.0, 32.0]
THEORY = theory_kl(RATIOS, [Training(**t) for t in TRAININGS], ddpm_schedule())


def _summary(power_factor=1.0, law=lambda kl, r: kl, collapse_wrong=False):
    rows = []
    for t in THEORY.itertuples():
        kls = {k: law(getattr(t, f"kl_{k}"), t.ratio) for k in ("learnt_target", "target_learnt")}
        base = {"training": t.training, "ratio": t.ratio, "collapsed": float(t.ratio < 1 and t.training == "plain"),
                **{f"theory_kl_{k}": getattr(t, f"kl_{k}") for k in kls}}
        if collapse_wrong and t.training == "plain" and t.ratio < 1:
            base["collapsed"] = 0.0
        for spec, factor in (("isotropic", 1.0), ("power", power_factor)):
            if spec == "power" and t.training != "plain":
                continue
            rows.append({**base, "spectrum": spec,
                         **{f"kl_{k}": v * (factor if np.isfinite(v) else 1) for k, v in kls.items()},
                         **{f"excess_{k}": (v - getattr(t, f"opt_{k}")) * factor for k, v in kls.items()}})
    return pd.DataFrame(rows)


def test_pass_on_the_theory():
    claims = evaluate_claims(_summary(), TRAININGS)
    assert all(c.passed for c in claims), [(c.name, c.measured) for c in claims if not c.passed]


def test_fail_on_a_wrong_law_or_spectrum_dependence():
    claims = {c.name: c for c in evaluate_claims(_summary(power_factor=1.4, law=lambda kl, r: kl * 1.5), TRAININGS)}
    assert not claims["kl_asymptote_learnt_target"].passed
    assert not claims["mp_theory_learnt_target"].passed
    assert not claims["spectrum_independence_learnt_target"].passed


def test_fail_when_no_collapse_or_ridge_order_wrong():
    summary = _summary(collapse_wrong=True)
    # make the smallest ridge best at small N: the claimed decrease of the optimal ridge fails
    summary.loc[(summary["training"] == "ridge_0.01") & (summary["ratio"] == 0.25), "kl_learnt_target"] = 1e-3
    claims = {c.name: c for c in evaluate_claims(summary, TRAININGS)}
    assert not claims["collapse_below_d"].passed
    assert not claims["best_ridge_decreases"].passed
