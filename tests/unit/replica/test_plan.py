"""Plans of the replica papers: the shipped configs parse; impossible ones name the field."""

import copy

import pytest
import yaml

from conftest import ROOT
from dltheory.core.config import ConfigError
from dltheory.replica.plan import DiffusionPlan, GenerativePlan, MemoriesPlan, RecallPlan

PLANS = {"goldt2021_memories": MemoriesPlan, "merger2025_linear_diffusion": DiffusionPlan,
         "maillard2026_memorisation": GenerativePlan, "giorlandino2026_factual_recall": RecallPlan}


def _section(paper, scale="quick"):
    return copy.deepcopy(yaml.safe_load((ROOT / "config" / "papers" / f"{paper}.yaml").read_text())[paper][scale])


@pytest.mark.parametrize("scale", ["quick", "paper"])
@pytest.mark.parametrize("paper", sorted(PLANS))
def test_shipped_configs_parse(paper, scale):
    PLANS[paper].from_section(_section(paper, scale), f"{paper}.{scale}")


@pytest.mark.parametrize("paper, edit, message", [
    ("goldt2021_memories", lambda s: s["models"][1].update(rho=0.3), "models[1].rho: the hopfield prior"),
    ("goldt2021_memories", lambda s: s["models"].append(dict(s["models"][0])), "models[3].name: model"),
    ("goldt2021_memories", lambda s: s.update(delta_ratios=[0.5, 0.2]), "delta_ratios: must be strictly"),
    ("merger2025_linear_diffusion", lambda s: s.update(N_over_d=[0.5, 1.0, 4.0]), "N = d exactly"),
    ("merger2025_linear_diffusion", lambda s: s["trainings"][0].update(lam=0.1), "trainings[0]: must be the plain"),
    ("merger2025_linear_diffusion", lambda s: s.update(beta_min=0.5), "beta_max: must exceed"),
    ("maillard2026_memorisation", lambda s: s.update(n=[2, 4, 8]), "n: must start at n = 1"),
    ("giorlandino2026_factual_recall", lambda s: s.update(decoupled_d=[10]), "decoupled_d: [10] not in"),
    ("giorlandino2026_factual_recall", lambda s: s.update(embeddings=50), "embeddings: 50 is below"),
])
def test_impossible_configs_name_the_field(paper, edit, message):
    section = _section(paper)
    edit(section)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")):
        PLANS[paper].from_section(section, f"{paper}.quick")
