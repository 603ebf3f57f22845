"""cagnetta2022 claims: pass when beta is set by the teacher's receptive field, fail on a
uniform 1/d_S law or a reversed ordering."""

import copy

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


def test_pass_on_the_papers_law():
    claims = evaluate_claims(*_tables())
    assert len(claims) == 4 and not failed(claims)


def test_fail_on_a_uniform_curse_of_dimensionality():
    bad = failed(evaluate_claims(*_tables(lambda r: 1.0 / r.d_eff_student)))
    assert {"beta_teacher_2", "decay_set_by_teacher_patch"} <= bad


def test_fail_when_the_global_teacher_is_learnt_fast():
    bad = failed(evaluate_claims(*_tables(lambda r: 0.6 if r.d_eff_teacher == r.d_eff_student else r.beta_pred)))
    assert {"global_teacher_curse", "decay_set_by_teacher_patch"} <= bad
