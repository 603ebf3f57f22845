"""Plans: every paper's config section becomes jobs; impossible settings name the offending field."""

import copy
from pathlib import Path

import pytest
import yaml

from dltheory.core.config import ConfigError
from dltheory.gcm.plans import BayesPlan, DeepRFPlan, FlatPlan, RFPlan, StructuredPlan

ROOT = Path(__file__).resolve().parents[3]
PLANS = {"loureiro2021_gcm": RFPlan, "schroder2023_deep_rf_universality": DeepRFPlan,
         "schroder2024_deep_structured_features": StructuredPlan,
         "cui2023_bayes_opt_deep_extensive": BayesPlan,
         "pittorino2021_entropic_flat_minima": FlatPlan}


def _section(paper, scale="quick"):
    return yaml.safe_load((ROOT / "config" / "papers" / f"{paper}.yaml").read_text())[paper][scale]


@pytest.mark.parametrize("paper", sorted(PLANS))
@pytest.mark.parametrize("scale", ["quick", "paper"])
def test_shipped_configs_plan(paper, scale):
    plan = PLANS[paper].from_section(_section(paper, scale), f"{paper}.{scale}")
    assert plan.seeds


@pytest.mark.parametrize("paper, edit, field", [
    ("loureiro2021_gcm", {"alpha_sim": [1.0, 0.5]}, "loureiro2021_gcm.quick.alpha_sim"),
    ("loureiro2021_gcm", {"alpha_sim": [0.001, 1.0]}, "loureiro2021_gcm.quick.alpha_sim"),
    ("loureiro2021_gcm", {"student_activation": "relu"}, "loureiro2021_gcm.quick.student_activation"),
    ("schroder2023_deep_rf_universality", {"logistic": {"depth": 5}},
     "schroder2023_deep_rf_universality.quick.logistic.depth"),
    ("schroder2024_deep_structured_features", {"gammas": [1.0, 0.5]},
     "schroder2024_deep_structured_features.quick.gammas"),
    ("cui2023_bayes_opt_deep_extensive", {"kernel_ratio": 5.0},
     "cui2023_bayes_opt_deep_extensive.quick.kernel_ratio"),
    ("pittorino2021_entropic_flat_minima", {"sigma_star": 0.7},
     "pittorino2021_entropic_flat_minima.quick.sigma_star"),
])
def test_impossible_settings_name_the_field(paper, edit, field):
    section = copy.deepcopy(_section(paper))
    for key, value in edit.items():
        if isinstance(value, dict):
            section[key].update(value)
        else:
            section[key] = value
    with pytest.raises(ConfigError, match=field.replace(".", r"\.")):
        PLANS[paper].from_section(section, f"{paper}.quick")
