"""The RHM claims: they pass on data obeying the paper's law and fail on data that does not."""

import numpy as np
import pandas as pd

from dltheory.claims.cagnetta2023_rhm import evaluate_claims, within_group_slope
from dltheory.rhm.generator import RHMSpec

KEYS = ["v8_nc8_m4_s2_L2", "v8_nc8_m6_s2_L2", "v8_nc8_m8_s2_L2", "v8_nc8_m2_s2_L3",
        "v8_nc8_m3_s2_L3", "v8_nc8_m4_s2_L3", "v16_nc16_m2_s2_L3", "v16_nc16_m4_s2_L3"]


def _tables(law):
    rows, corr = [], []
    for key in KEYS:
        spec = RHMSpec.from_key(key)
        p_star = law(spec)
        rows.append({"rhm": key, "P_star": p_star, "P_star_lo": p_star * 0.9,
                     "P_star_hi": p_star * 1.1, "censored": "none", "P_half_S": 0.7 * p_star,
                     **spec.as_dict(), "P_scale": spec.P_scale, "Pmax": float(spec.Pmax)})
        corr.append({"rhm": key, "P_c_patch": 1.1 * spec.P_scale, "P_scale": spec.P_scale})
    runs = pd.DataFrame({"status": ["converged"] * 10})
    return pd.DataFrame(rows), pd.DataFrame(corr), runs


def test_claims_pass_for_the_paper_law():
    claims = evaluate_claims(*_tables(lambda s: 2.0 * s.P_scale), integrity_violations=0)
    assert all(c.passed for c in claims), [c.name for c in claims if not c.passed]


def test_claims_fail_for_a_curse_of_dimensionality():
    claims = {c.name: c for c in evaluate_claims(*_tables(lambda s: 0.3 * s.Pmax),
                                                  integrity_violations=0)}
    assert not claims["exponent_vs_ncmL"].passed
    assert not claims["exponent_vs_Pmax"].passed
    assert not claims["slope_vs_m_L2"].passed


def test_failures_of_protocol_and_data_are_caught():
    sc, corr, _ = _tables(lambda s: 2.0 * s.P_scale)
    sc.loc[0, "censored"] = "above"
    runs = pd.DataFrame({"status": ["converged", "dead"]})
    claims = {c.name: c for c in evaluate_claims(sc, corr, runs, integrity_violations=2)}
    assert not claims["P_star_measured"].passed
    assert not claims["no_invalid_runs"].passed
    assert not claims["data_integrity"].passed


def test_within_group_slope():
    table = pd.DataFrame({"m": [2, 4, 8, 2, 4], "y": [4, 16, 64, 40, 160], "g": list("aaabb")})
    assert within_group_slope(table, "m", "y", ["g"]) == np.float64(2.0)
    assert np.isnan(within_group_slope(table.iloc[:1], "m", "y", ["g"]))
