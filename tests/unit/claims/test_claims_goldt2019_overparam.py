"""Claims of arXiv:1901.09085 pass on data obeying the paper and fail on data that does not."""

import numpy as np
import pytest
from _ts_helpers import frame, gap_rows

from dltheory.claims.goldt2019_overparam import evaluate_claims
from dltheory.teacher_student.summaries import linear_closed_form

SECTION = {"M": 2, "curve": {"L": [0, 1, 2], "N": 500},
           "final": {"eta": [0.1, 0.2], "sigma": 0.1}, "linear": {}}
LS = [0, 1, 2, 3, 4]


def summary(gap=0.02, curvature=0.0, eta_dep=0.0, sim_bias=1.01, linear_bias=1.0):
    rows = gap_rows([f"curve_L{L}" for L in (0, 1, 2)], gap, 3 * gap)
    for source in ("ode", "sim"):
        for eta in (0.1, 0.2):
            for L in LS:
                if source == "sim" and (eta != 0.2 or L % 2):
                    continue
                scaled = (0.2 + eta_dep * eta) + 0.2 * L + curvature * L**3
                eps = eta * 0.01 * scaled * (sim_bias if source == "sim" else 1)
                rows.append({"kind": "final", "source": source, "panel": "final", "eta": eta,
                             "L": L, "seed": 0, "eps": eps})
        for L in LS:
            exact = float(linear_closed_form(L + 2, 0.1, 0.1))
            rows.append({"kind": "final", "source": source, "panel": "linear", "eta": 0.1, "L": L,
                         "seed": 0, "eps": exact * (linear_bias if source == "ode" else 1.02)})
    rows += [{"kind": "closed", "L": L, "eps": float(linear_closed_form(L + 2, 0.1, 0.1))} for L in LS]
    return frame(rows)


def verdicts(**kw):
    return {c.name: c.passed for c in evaluate_claims(summary(**kw), SECTION)}


def test_all_claims_hold_on_the_papers_law():
    v = verdicts()
    assert all(v.values()), v


@pytest.mark.parametrize("kw, failing", [
    ({"gap": 0.1}, {"curve_gap_mean", "curve_gap_max"}),
    ({"curvature": 0.05}, {"eps_star_linear_in_L"}),
    ({"eta_dep": 1.0}, {"eps_star_scales_as_eta_sigma2"}),
    ({"sim_bias": 0.7}, {"sgd_eps_star_matches_ode"}),
    ({"linear_bias": 1.01}, {"linear_ode_matches_closed_form"}),
])
def test_claims_fail_when_the_law_is_broken(kw, failing):
    v = verdicts(**kw)
    assert {k for k, ok in v.items() if not ok} == failing


def test_no_growth_fails_the_slope_claim():
    s = summary()
    flat = s["kind"].eq("final") & s["panel"].eq("final")
    s.loc[flat, "eps"] = 0.002
    v = {c.name: c.passed for c in evaluate_claims(s, SECTION)}
    assert not v["eps_star_slope"] and not v["eps_star_linear_in_L"]
    assert np.isnan([c.measured for c in evaluate_claims(s, SECTION)
                     if c.name == "eps_star_linear_in_L"][0])
