"""Claims of arXiv:2011.12428 pass on data obeying the paper and fail on data that does not."""

import pytest
from _ts_helpers import frame, gap_rows

from dltheory.claims.refinetti2020_dfa import evaluate_claims

SECTION = {"algorithms": ["dfa", "bp"], "K": 4, "M": 2, "N": 500, "align_level": 0.9}


def summary(gap=0.01, align_gap=0.03, t_align=0.3, align_end=0.99, eps_end=0.005, bp_drift=0.01):
    rows = gap_rows(["dfa", "bp"], gap, 3 * gap)
    rows.append({"kind": "gap_abs", "spec": "dfa", "value": "align", "gap_mean": align_gap / 3,
                 "gap_max": align_gap, "t_gap_max": 0.1, "n_times": 20, "n_seeds": 3})
    for source in ("ode", "sim"):
        for seed in range(3):
            rows.append({"kind": "dfa", "source": source, "spec": "dfa", "seed": seed,
                         "algorithm": "dfa", "eps_0": 0.7, "eps_end": eps_end, "align_0": 0.1,
                         "align_end": align_end, "t_align": t_align, "t_memorise": 5.0})
            rows.append({"kind": "dfa", "source": source, "spec": "bp", "seed": seed,
                         "algorithm": "bp", "eps_0": 0.7, "eps_end": 0.01, "align_0": 0.1,
                         "align_end": 0.1 + bp_drift, "t_align": float("nan"), "t_memorise": 30.0})
    return frame(rows)


def verdicts(**kw):
    return {c.name: c.passed for c in evaluate_claims(summary(**kw), SECTION)}


def test_all_claims_hold_on_the_papers_law():
    v = verdicts()
    assert all(v.values()), v


@pytest.mark.parametrize("kw, failing", [
    ({"gap": 0.06}, {"dfa_gap_mean", "bp_gap_mean", "dfa_gap_max", "bp_gap_max"}),
    ({"align_gap": 0.2}, {"alignment_sgd_matches_ode"}),
    ({"t_align": 4.0}, {"align_then_memorise"}),
    ({"align_end": 0.6}, {"aligned_at_end_ode", "aligned_at_end_sim"}),
    ({"eps_end": 0.2}, {"dfa_learns"}),
    ({"bp_drift": 0.8}, {"bp_does_not_align"}),
])
def test_claims_fail_when_the_law_is_broken(kw, failing):
    v = verdicts(**kw)
    assert {k for k, ok in v.items() if not ok} == failing
