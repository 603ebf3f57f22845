"""Bad configurations of the teacher-student papers stop the run before any job, naming the field."""

import pytest

from conftest import assert_config_rejected

pytestmark = pytest.mark.workflow


@pytest.mark.parametrize("target, override, message", [
    ("figure_patel2023_rlperceptron", "patel2023_rlperceptron={quick: {rules: [{T: 3, n: 5, eta2: 0}]}}",
     "patel2023_rlperceptron.quick.rules[0].n"),
    ("figure_margiotta2023_attacks", "margiotta2023_attacks={quick: {trajectory_log10_C: [0.3]}}",
     "margiotta2023_attacks.quick.trajectory_log10_C[0]: 0.3 is not on the log10_C grid"),
    ("figure_refinetti2021_gmm", "refinetti2021_gmm={quick: {qmc_points: 1000}}",
     "refinetti2021_gmm.quick.qmc_points: 1000 is not a power of 2"),
])
def test_bad_config_is_rejected_with_the_field_named(target, override, message, tmp_path):
    assert_config_rejected(target, override, message, tmp_path)
