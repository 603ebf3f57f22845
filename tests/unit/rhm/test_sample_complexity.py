"""P* from seed-averaged learning curves, on synthetic curves with a known answer."""

import numpy as np
import pandas as pd
import pytest

from dltheory.core.seeding import rng
from dltheory.rhm.sample_complexity import sample_complexity, summarise_curves


def _runs(key, p_star_ratio, sizes_ratio, seeds=3, noise=0.0):
    from dltheory.rhm.generator import RHMSpec

    spec = RHMSpec.from_key(key)
    eps = 0.1 * (1 - 1 / spec.n_c)
    rows = []
    for seed in range(seeds):
        for r in sizes_ratio:
            P = int(round(r * spec.P_scale))
            # error = eps at P = p_star_ratio * P_scale, decaying exponentially in P
            err = eps * np.exp(-(P / (p_star_ratio * spec.P_scale) - 1) * 3)
            err = min(err * (1 + noise * (seed - 1)), 1 - 1 / spec.n_c)
            rows.append({"rhm": key, "seed": seed, "P": P, "test_error": err,
                         "status": "converged", "S_k2_l1": float(np.exp(-P / spec.P_scale))})
    return pd.DataFrame(rows)


def test_p_star_recovered_on_synthetic_curves():
    sizes = [2 ** (k / 4) for k in range(-4, 9)]
    runs = pd.concat([_runs("v8_nc8_m4_s2_L2", 2.0, sizes), _runs("v8_nc8_m3_s2_L3", 1.5, sizes)])
    sc = sample_complexity(runs, 0.1, rng(0), n_boot=50).set_index("rhm")
    assert sc.loc["v8_nc8_m4_s2_L2", "P_star"] / 128 == pytest.approx(2.0, rel=0.03)
    assert sc.loc["v8_nc8_m3_s2_L3", "P_star"] / 216 == pytest.approx(1.5, rel=0.03)
    assert set(sc["censored"]) == {"none"}
    curves = summarise_curves(runs)
    assert set(curves.columns) >= {"P_ratio", "error_mean", "S_mean", "n_valid"}


def test_invalid_runs_are_excluded_and_censoring_reported():
    sizes = [0.5, 1, 2, 4]
    runs = _runs("v8_nc8_m4_s2_L2", 20.0, sizes)  # never reaches the threshold
    runs.loc[0, "status"] = "dead"
    sc = sample_complexity(runs, 0.1, rng(0), n_boot=20)
    assert sc.loc[0, "censored"] == "above" and np.isnan(sc.loc[0, "P_star"])
    curves = summarise_curves(runs)
    assert curves["n_invalid"].sum() == 1
