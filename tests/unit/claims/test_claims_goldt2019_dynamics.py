"""Claims of arXiv:1906.08632 pass on data obeying the paper and fail on data that does not."""

import pytest
from _ts_helpers import frame, gap_rows

from dltheory.claims.goldt2019_dynamics import evaluate_claims

SECTION = {"M": 2, "curve": {"N": [500, 1000]}, "final": {"K": [2, 3, 4, 5, 6]}}


def summary(gap=0.02, first_slope=0.25, both_slope=0.0, sim_bias=1.01):
    rows = gap_rows(["curve_N500"], gap, 3 * gap) + gap_rows(["curve_N1000"], gap / 2, 1.5 * gap)
    for source in ("ode", "sim"):
        for mode, slope in (("first", first_slope), ("both", both_slope)):
            for K in ([2, 3, 4, 5, 6] if source == "ode" else [2, 4, 6]):
                for seed in range(3):
                    eps = 0.002 * (0.2 + slope * (K - 2)) * (sim_bias if source == "sim" else 1)
                    rows.append({"kind": "final", "source": source, "seed": seed, "mode": mode,
                                 "K": K, "eps": eps})
    return frame(rows)


def verdicts(**kw):
    return {c.name: c.passed for c in evaluate_claims(summary(**kw), SECTION)}


def test_all_claims_hold_on_the_papers_law():
    v = verdicts()
    assert all(v.values()), v


@pytest.mark.parametrize("kw, failing", [
    ({"gap": 0.08}, {"curve_N500_gap_mean", "curve_N500_gap_max", "curve_N1000_gap_mean",
                     "curve_N1000_gap_max"}),
    ({"first_slope": 0.0}, {"first_layer_eps_star_grows", "first_layer_eps_star_monotone",
                            "sgd_first_layer_eps_star_grows"}),
    ({"both_slope": 0.1}, {"both_layers_eps_star_flat"}),
    ({"sim_bias": 1.3}, {"sgd_eps_star_matches_ode"}),
])
def test_claims_fail_when_the_law_is_broken(kw, failing):
    v = verdicts(**kw)
    assert {k for k, ok in v.items() if not ok} == failing
