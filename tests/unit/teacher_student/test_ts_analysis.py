"""Summaries of records: gaps, window means, forgetting, crossings, fits, node re-use."""

import numpy as np
import pandas as pd
import pytest

from dltheory.teacher_student.analysis import (first_crossing, forgetting, linear_fit,
                                               relative_gap, reuse_index, seed_curves,
                                               window_means)


def _records(scale_sim=1.0):
    rows = []
    for source in ("sim", "ode"):
        for seed in (0, 1):
            for t in (0.0, 1.0, 2.0, 3.0):
                eps = (1 + seed) * np.exp(-t) * (scale_sim if source == "sim" else 1.0)
                rows.append({"source": source, "spec": "a", "seed": seed, "t": t, "eps": eps,
                             "eps_2": 1 - 0.1 * t, "align": np.nan, "V": 0.5})
    return pd.DataFrame(rows)


def test_relative_gap_uses_the_same_seeds_and_the_floor():
    g = relative_gap(_records(1.1), t_min=0.5)
    assert np.allclose(g["gap"], 0.1) and set(g["t"]) == {1.0, 2.0, 3.0}
    g = relative_gap(_records(1.1), floor=0.21)
    assert set(g["t"]) == {0.0, 1.0}   # the ODE's seed mean 1.5 e^-t falls below 0.21 after t = 1
    assert relative_gap(_records().query("source == 'ode'")).empty


def test_seed_curves_and_window_means():
    c = seed_curves(_records())
    row = c[(c["source"] == "ode") & (c["t"] == 0)].iloc[0]
    assert row["eps_mean"] == pytest.approx(1.5) and row["eps_sem"] == pytest.approx(0.5)
    assert np.allclose(c["eps_rel_mean"], np.exp(-c["t"]))
    w = window_means(_records(), 2.0, 3.0)
    assert w.set_index(["source", "seed"]).loc[("ode", 0), "eps"] == pytest.approx(
        (np.exp(-2) + np.exp(-3)) / 2)


def test_forgetting_and_transfer():
    f = forgetting(_records(), t_switch=1.0, t_end=3.0).set_index(["source", "seed"])
    assert f.loc[("ode", 0), "forgetting"] == pytest.approx(np.exp(-3) - np.exp(-1))
    assert f.loc[("ode", 0), "transfer"] == pytest.approx(0.1)


def test_crossings_fits_and_reuse():
    t = np.array([0.0, 1.0, 2.0])
    assert first_crossing(t, [0.0, 0.5, 1.0], 0.75) == pytest.approx(1.5)
    assert first_crossing(t, [1.0, 0.5, 0.2], 0.3, above=False) == pytest.approx(1 + 2 / 3)
    assert np.isnan(first_crossing(t, [0.0, 0.1, 0.2], 0.5))
    fit = linear_fit([0, 1, 2, 3], [1, 3, 5, 7])
    assert fit["slope"] == pytest.approx(2) and fit["r2"] == pytest.approx(1)
    Q = np.stack([np.diag([1.0, 0.01]), np.diag([1.0, 1.0])])          # [T=2, K, K]
    V = np.array([[[1.0, 0.0], [0.0, 0.0]], [[1.0, 0.0], [0.1, 0.9]]])  # [T, H, K]
    assert reuse_index(Q, V, 0, 1) == pytest.approx(0.1)                # task 2 on the spare unit
