"""Bad configurations of the replica papers stop the run before any job, naming the field."""

import pytest

from conftest import assert_config_rejected

pytestmark = pytest.mark.workflow


@pytest.mark.parametrize("target, override, message", [
    ("figure_memories", "goldt2021_memories={quick: {N: 10}}", "goldt2021_memories.quick.N: 10 is less than"),
    ("figure_memories", "goldt2021_memories={quick: {delta_ratios: [0.5, 0.2]}}",
     "goldt2021_memories.quick.delta_ratios: must be strictly increasing"),
    ("figure_linear_diffusion", "merger2025_linear_diffusion={quick: {beta_min: 0.5}}",
     "merger2025_linear_diffusion.quick.beta_max: must exceed"),
    ("figure_memorisation", "maillard2026_memorisation={quick: {thetas: [4.0, 0.5]}}",
     "maillard2026_memorisation.quick.thetas: must be strictly increasing"),
    ("figure_factual_recall", "giorlandino2026_factual_recall={quick: {embeddings: 50}}",
     "giorlandino2026_factual_recall.quick.embeddings: 50 is below"),
])
def test_bad_replica_config_is_rejected(target, override, message, tmp_path):
    assert_config_rejected(target, override, message, tmp_path)
