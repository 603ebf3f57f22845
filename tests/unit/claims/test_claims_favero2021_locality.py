"""favero2021 claims: pass when local students learn at 1/s whatever d, fail on a 1/d law."""

import copy

import yaml
from _kernel_claims import failed, fits_of, power_runs

from conftest import ROOT
from dltheory.claims.favero2021_locality import evaluate_claims
from dltheory.kernels.plan import FaveroPlan
from dltheory.kernels.tables import favero_theory

SIZES = [128, 256, 512, 1024, 2048]


def _tables(beta_of=None):
    section = yaml.safe_load((ROOT / "config/papers/favero2021_locality.yaml").read_text())
    plan = FaveroPlan.from_section(copy.deepcopy(section["favero2021_locality"]["quick"]), "q")
    theory = favero_theory({d: plan.pairs(d) for d in plan.dims}, plan.section["teacher_filter"],
                           plan.students)
    laws = {(r.d, r.student): (r.beta_pred if beta_of is None else beta_of(r), 0.1)
            for r in theory.itertuples()}
    runs = power_runs(laws, ["d", "student"], SIZES, teacher_jitter=0.0, student_jitter=0.0)
    return fits_of(runs, ["d", "student"], 512, theory), runs


def test_pass_on_the_papers_law():
    claims = evaluate_claims(*_tables())
    assert len(claims) == 9 and not failed(claims)


def test_fail_when_local_students_suffer_the_curse_of_dimensionality():
    bad = failed(evaluate_claims(*_tables(lambda r: 4.0 / (r.s * r.d) if r.student != "fc" else r.beta_pred)))
    assert {"beta_local2_d8", "beta_local2_d12", "beta_independent_of_d", "fc_curse_d12"} <= bad


def test_fail_when_translation_invariance_changes_the_rate():
    bad = failed(evaluate_claims(*_tables(lambda r: 1.0 if r.student == "conv2" else r.beta_pred)))
    assert bad == {"beta_conv2_d8", "translation_invariance_d8"}
