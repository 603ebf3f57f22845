"""Bad settings of the Gaussian-covariate-model papers stop the run at parse time, naming the field."""

import pytest

from conftest import assert_config_rejected

pytestmark = pytest.mark.workflow


@pytest.mark.parametrize("target, override, message", [
    ("figure_gcm_learning_curves", "loureiro2021_gcm={quick: {alpha_sim: [2.0, 1.0]}}",
     "loureiro2021_gcm.quick.alpha_sim: values must increase"),
    ("figure_deep_rf", "schroder2023_deep_rf_universality={quick: {logistic: {depth: 7}}}",
     "schroder2023_deep_rf_universality.quick.logistic.depth: must be one of depths"),
    ("figure_flat_minima", "pittorino2021_entropic_flat_minima={quick: {losses: [hinge]}}",
     "pittorino2021_entropic_flat_minima.quick.losses[0]: 'hinge' is not one of"),
])
def test_bad_gcm_config_is_rejected(target, override, message, tmp_path):
    assert_config_rejected(target, override, message, tmp_path)
