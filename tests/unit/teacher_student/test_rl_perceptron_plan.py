"""RL-perceptron plan: the config's semantic errors name the field; tables share columns."""

import copy

import numpy as np
import pytest
import yaml

from conftest import ROOT
from dltheory.core.config import ConfigError
from dltheory.teacher_student.rl_perceptron_plan import (RLPerceptronPlan, delay_times, run_ode,
                                                         run_simulation, summarise)

SECTION = yaml.safe_load((ROOT / "config/papers/patel2023_rlperceptron.yaml").read_text())[
    "patel2023_rlperceptron"]["quick"]


def _plan(**changes):
    section = copy.deepcopy(SECTION)
    section.update(changes)
    return RLPerceptronPlan.from_section(section, "patel2023_rlperceptron.quick")


@pytest.mark.parametrize("changes, field", [
    ({"rules": [{"T": 3, "n": 4, "eta2": 0.0}]}, "patel2023_rlperceptron.quick.rules[0].n"),
    ({"rules": [{"T": 40, "n": 4, "eta2": 0.0}]}, "patel2023_rlperceptron.quick.rules[0].T"),
    ({"delay_T": [4, 4]}, "patel2023_rlperceptron.quick.delay_T"),
    ({"record_every": 0.001}, "patel2023_rlperceptron.quick.record_every"),
])
def test_semantic_errors_name_the_field(changes, field):
    with pytest.raises(ConfigError, match=field.replace("[", r"\[").replace("]", r"\]")):
        _plan(**changes)


def test_a_small_plan_runs_end_to_end():
    plan = _plan(D=50, seeds=2, alpha_max=3.0, rules=[{"T": 2, "n": 1, "eta2": 0.1}], delay_T=[1, 2])
    sim, seeds = run_simulation(plan)
    ode = run_ode(plan, sim)
    assert list(sim.columns) == list(ode.columns)
    assert len(seeds) == len(plan.replicas()) == 2 * 3
    assert np.allclose(sim[sim["alpha"] == 0]["R"], ode[ode["alpha"] == 0]["R"])
    curves = summarise(sim, ode)
    assert set(curves["source"]) == {"simulation", "ode"}
    delays = delay_times(sim, ode, 0.05)
    assert set(delays["rule"]) == {r.key for r in plan.all_rules}
