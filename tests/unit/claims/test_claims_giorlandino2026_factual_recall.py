"""giorlandino2026 claims: pass when capacity trends toward 1/2 and beats Hebbian, fail otherwise."""

import numpy as np
import pandas as pd

from dltheory.claims.giorlandino2026_factual_recall import evaluate_claims, trend_slope

DIMS = [8, 12, 16, 24, 32]


def _tables(c_opt, c_dec, p_heb_frac=0.1, opt_spread=0.03, undecided=0):
    rows = []
    for d, co, cd in zip(DIMS, c_opt, c_dec):
        p = 0.9 * d * d / np.log(d * d)
        for model, c, pp in (("coupled", co, p), ("decoupled", cd, p), ("hebbian", 0.05, p * p_heb_frac)):
            rows.append({"model": model, "d": d, "c": c, "c_sem": 0.02, "p_star": pp,
                         "undecided": undecided if model == "coupled" else 0, "solves": 40})
    rng = np.random.default_rng(0)
    scores = pd.DataFrame({"d": 32, "memory": ["optimal"] * 500 + ["hebbian"] * 500,
                           "delta": np.concatenate([np.abs(rng.normal(0.02, opt_spread, 500)),
                                                    rng.normal(-0.7, 1.0, 500)])})
    return pd.DataFrame(rows), scores


def test_pass_on_a_slow_approach_to_one_half():
    c = [1.10, 1.06, 1.01, 0.97, 0.94]
    claims = evaluate_claims(*_tables(c, c))
    assert all(cl.passed for cl in claims), [(cl.name, cl.measured) for cl in claims if not cl.passed]


def test_fail_on_growing_capacity_or_mismatched_models():
    claims = {cl.name: cl for cl in evaluate_claims(*_tables([0.4, 0.45, 0.5, 0.55, 0.6],
                                                            [0.8, 0.85, 0.9, 0.95, 1.0],
                                                            p_heb_frac=0.9, opt_spread=1.0, undecided=10))}
    for name in ("capacity_trend_toward_half", "capacity_above_asymptote", "decoupled_equals_coupled",
                 "optimal_beats_hebbian", "optimal_scores_at_threshold", "solver_decided"):
        assert not claims[name].passed, name


def test_trend_slope():
    slope, err = trend_slope(np.exp([1, 2, 3]), [3, 2, 1], [0.1, 0.1, 0.1])
    assert slope == np.float64(-1.0) and err > 0
