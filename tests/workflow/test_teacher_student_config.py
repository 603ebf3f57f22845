"""Bad teacher-student configurations stop the run before any job, naming the field."""

import pytest

from conftest import assert_config_rejected

pytestmark = pytest.mark.workflow


@pytest.mark.parametrize("target, override, message", [
    ("figure_goldt2019_overparam", "goldt2019_overparam={quick: {linear: {eta: 0.5}}}",
     "goldt2019_overparam.quick.linear.eta: a linear student with K = 6 units diverges"),
    ("figure_goldt2019_dynamics", "goldt2019_dynamics={quick: {final: {K_simulated: [2, 9]}}}",
     "goldt2019_dynamics.quick.final.K_simulated: [9] not in the ODE grid"),
    ("figure_lee2022_maslow", "lee2022_maslow={quick: {K: 1}}",
     "lee2022_maslow.quick.K: node activation needs spare student units"),
    ("figure_lee2021_continual", "lee2021_continual={quick: {t_end: 10}}",
     "lee2021_continual.quick.t_end: must be later than t_switch"),
    ("figure_refinetti2020_dfa", "refinetti2020_dfa={quick: {algorithms: [bp]}}",
     "refinetti2020_dfa.quick.algorithms"),
    ("figure_refinetti2020_dfa", "refinetti2020_dfa={quick: {eta: -1}}",
     "refinetti2020_dfa.quick.eta: -1 is less than or equal to the minimum of 0"),
])
def test_bad_teacher_student_config_is_rejected(target, override, message, tmp_path):
    assert_config_rejected(target, override, message, tmp_path)
