"""Gaussian-mixture plan: the config's semantic errors name the field; the small pipeline runs."""

import copy

import pytest
import yaml

from conftest import ROOT
from dltheory.core.config import ConfigError
from dltheory.teacher_student.gmm_plan import (GMMPlan, finals, run_baselines, run_ode,
                                               run_simulation, summarise)

SECTION = yaml.safe_load((ROOT / "config/papers/refinetti2021_gmm.yaml").read_text())[
    "refinetti2021_gmm"]["quick"]


def _plan(**changes):
    section = copy.deepcopy(SECTION)
    section.update(changes)
    return GMMPlan.from_section(section, "refinetti2021_gmm.quick")


@pytest.mark.parametrize("changes, field", [
    ({"K": [2, 8]}, r"refinetti2021_gmm.quick.K\[0\]"),
    ({"K": [8, 8]}, "refinetti2021_gmm.quick.K"),
    ({"qmc_points": 1000}, "refinetti2021_gmm.quick.qmc_points"),
    ({"ode_start": 80.0}, "refinetti2021_gmm.quick.ode_start"),
    ({"sigma2_scan": [0.1]}, "refinetti2021_gmm.quick.sigma2_scan"),
])
def test_semantic_errors_name_the_field(changes, field):
    with pytest.raises(ConfigError, match=field):
        _plan(**changes)


def test_a_small_plan_runs_end_to_end():
    plan = _plan(N=40, K=[4, 5], seeds=2, sigma2_scan=[0.2], seeds_scan=1, t_max=2.0, ode_start=1.0,
                 n_records=6, qmc_points=256, qmc_points_eval=256, rf_ratios=[1], rf_test=200)
    sims, odes = [], []
    for K in plan.K:
        state, errors, seeds = run_simulation(plan, K)
        assert len(seeds) == len(plan.replicas(K))
        sims.append(errors)
        odes.append(run_ode(plan, K, state))
    import pandas as pd
    curves = summarise(pd.concat(sims), pd.concat(odes))
    assert set(curves["source"]) == {"simulation", "ode", "ode_from_zero"}
    table = finals(curves, run_baselines(plan))
    assert {"oracle", "rf_p1N:theory", "rf_p1N:simulation"} <= set(table.columns)
