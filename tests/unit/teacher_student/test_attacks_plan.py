"""Attacks plan: the config's semantic errors name the field; the small pipeline runs."""

import copy

import numpy as np
import pytest
import yaml

from conftest import ROOT
from dltheory.core.config import ConfigError
from dltheory.teacher_student.attacks_plan import (AttacksPlan, run_simulation, run_theory,
                                                   steady_table, trajectory_table, transitions)

SECTION = yaml.safe_load((ROOT / "config/papers/margiotta2023_attacks.yaml").read_text())[
    "margiotta2023_attacks"]["quick"]


def _plan(**changes):
    section = copy.deepcopy(SECTION)
    section.update(changes)
    return AttacksPlan.from_section(section, "margiotta2023_attacks.quick")


@pytest.mark.parametrize("changes, field", [
    ({"trajectory_log10_C": [0.3]}, r"margiotta2023_attacks.quick.trajectory_log10_C\[0\]"),
    ({"log10_C": {"start": 1.0, "stop": 0.0, "step": 0.1}}, "margiotta2023_attacks.quick.log10_C.stop"),
    ({"a_min": 0.5}, "margiotta2023_attacks.quick.a_min"),
    ({"record_every": 100.0}, "margiotta2023_attacks.quick.record_every"),
])
def test_semantic_errors_name_the_field(changes, field):
    with pytest.raises(ConfigError, match=field):
        _plan(**changes)


def test_a_small_plan_runs_end_to_end():
    plan = _plan(D=50, seeds=2, eta=[0.2, 0.4], log10_C={"start": 0.0, "stop": 1.0, "step": 0.25},
                 trajectory_log10_C=[0.5], eta_t_max=2.0)
    sim, seeds = run_simulation(plan)
    steady_th, traj = run_theory(plan)
    steady = steady_table(sim, plan.window)
    assert len(steady) == 2 * 5 and len(seeds) == 2 * 5 * 2
    tr = trajectory_table(sim, traj, plan.trajectory_log10_C)
    assert set(tr["source"]) == {"simulation", "ode"}
    t = transitions(steady, steady_th)
    assert set(t["source"]) == {"simulation", "ode", "small_eta"}
    assert np.isclose(t.loc[t["source"] == "small_eta", "log10_C_half"].iloc[0],
                      np.log10(steady_th["C_star"].iloc[0]))
