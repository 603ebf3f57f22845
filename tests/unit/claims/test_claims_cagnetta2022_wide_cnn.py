"""cagnetta2022 claims: pass when beta is set by the teacher's receptive field, fail on a
uniform 1/d_S law or a reversed ordering; the global teacher must follow the finite-P
spectral prediction (fail on a prediction off in prefactor or slope, or unconverged)."""

import copy

import numpy as np
import pandas as pd

import yaml
from _kernel_claims import failed, fits_of, power_runs

from conftest import ROOT
from dltheory.claims.cagnetta2022_wide_cnn import evaluate_claims
from dltheory.kernels.plan import CagnettaPlan
from dltheory.kernels.tables import cagnetta_theory

SIZES = [128, 256, 512, 1024, 2048]


def _tables(beta_of=None):
    section = yaml.safe_load((ROOT / "config/papers/cagnetta2022_wide_cnn.yaml").read_text())
    sec = copy.deepcopy(section["cagnetta2022_wide_cnn"]["quick"])
    plan = CagnettaPlan.from_section(sec, "q")
    theory = cagnetta_theory(plan.teachers, plan.student, sec["d"])
    theory["student_filters"] = "x".join(map(str, plan.student.filters))
    laws = {r.teacher: (r.beta_pred if beta_of is None else beta_of(r)) for r in theory.itertuples()}
    runs = power_runs(laws, ["teacher"], SIZES, teacher_jitter=0.0, student_jitter=0.0)
    return fits_of(runs, ["teacher"], 512, theory), runs


def _spectral(runs, factor=1.0, extra_slope=0.0, grid_change=0.01):
    """A spectral table whose prediction is the runs' law (times ``factor``, steeper by
    ``extra_slope``), with intermediate P as the rule writes them."""
    rows = []
    for name, g in runs.groupby("teacher"):
        mean = g.groupby("P")["error"].mean()
        beta = -np.polyfit(np.log(mean.index), np.log(mean.to_numpy()), 1)[0]
        amp = np.exp(np.mean(np.log(mean.to_numpy()) + beta * np.log(mean.index)))
        for P in sorted(set(SIZES) | {181, 362, 724, 1448}):
            rows.append({"teacher": name, "P": float(P), "grid_change": grid_change,
                         "error_pred": factor * amp * P**-beta * (P / 128) ** -extra_slope,
                         "grid": "1024x128x48x32", "eig_change": 0.01,
                         "eig_change_full_support": 0.01, "eig_outside": 0})
    return pd.DataFrame(rows)


def test_pass_on_the_papers_law():
    fits, runs = _tables()
    claims = evaluate_claims(fits, runs, _spectral(runs))
    assert len(claims) == 7 and not failed(claims)


def test_fail_when_the_spectral_theory_disagrees():
    fits, runs = _tables()
    assert failed(evaluate_claims(fits, runs, _spectral(runs, factor=1.25))) == {
        "global_teacher_finite_P_theory"}
    bad = failed(evaluate_claims(fits, runs, _spectral(runs, extra_slope=0.08)))
    assert {"global_teacher_finite_P_theory", "global_teacher_finite_P_slope"} <= bad
    assert failed(evaluate_claims(fits, runs, _spectral(runs, grid_change=0.1))) == {
        "spectral_grid_converged"}


def test_fail_on_a_uniform_curse_of_dimensionality():
    fits, runs = _tables(lambda r: 1.0 / r.d_eff_student)
    bad = failed(evaluate_claims(fits, runs, _spectral(runs)))
    assert {"beta_teacher_2", "decay_set_by_teacher_patch"} <= bad


def test_fail_when_the_global_teacher_is_learnt_fast():
    fits, runs = _tables(lambda r: 0.6 if r.d_eff_teacher == r.d_eff_student else r.beta_pred)
    bad = failed(evaluate_claims(fits, runs, _spectral(runs)))
    assert {"global_teacher_curse", "decay_set_by_teacher_patch"} <= bad
