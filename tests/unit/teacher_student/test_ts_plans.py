"""Paper plans from the config files; semantic errors name the field."""

from pathlib import Path

import pytest
import yaml

from dltheory.core.config import ConfigError
from dltheory.teacher_student.plans import PLANS, build_plan, switch_grid, time_grid

ROOT = Path(__file__).resolve().parents[3]


def _section(paper, scale="quick"):
    return yaml.safe_load((ROOT / "config" / "papers" / f"{paper}.yaml").read_text())[paper][scale]


@pytest.mark.parametrize("scale", ["quick", "paper"])
@pytest.mark.parametrize("paper", sorted(PLANS))
def test_every_paper_plans_at_both_scales(paper, scale):
    plan = build_plan(paper, _section(paper, scale), f"{paper}.{scale}")
    assert plan.simulated and len({s.key for s in plan.specs}) == len(plan.specs)
    assert all(max(s.times) <= s.phases[-1].until + 1e-9 for s in plan.specs)


@pytest.mark.parametrize("paper, edit, field", [
    ("goldt2019_overparam", {"linear": {"eta": 0.5}}, "goldt2019_overparam.quick.linear.eta"),
    ("goldt2019_overparam", {"final": {"L_simulated": [7]}}, "final.L_simulated"),
    ("goldt2019_dynamics", {"final": {"K_simulated": [9]}}, "final.K_simulated"),
    ("goldt2019_dynamics", {"final": {"K": [1, 2], "K_simulated": [1, 2]}}, "final.K"),
    ("lee2021_continual", {"t_end": 50}, "lee2021_continual.quick.t_end"),
    ("lee2021_continual", {"readout_similarity": [0.5]}, "readout_similarity"),
    ("lee2022_maslow", {"K": 1}, "lee2022_maslow.quick.K"),
    ("lee2022_maslow", {"feature_similarity_simulated": [0.25]}, "feature_similarity_simulated"),
])
def test_semantic_errors_name_the_field(paper, edit, field):
    section = _section(paper)
    for key, value in edit.items():
        if isinstance(value, dict):
            section[key] = {**section[key], **value}
        else:
            section[key] = value
    with pytest.raises(ConfigError, match=field.replace(".", r"\.")):
        build_plan(paper, section, f"{paper}.quick")


def test_time_grids():
    t = time_grid(100, 10)
    assert t[0] == 0.0 and t[1] == 0.1 and t[-1] == 100 and len(t) == 11
    s = switch_grid(10, 30, 6)
    assert s[0] == 0 and 10 in s and s[-1] == 30 and len(s) == 11
