"""Seed averages and the theory-simulation agreement ratio."""

import numpy as np
import pandas as pd
import pytest

from dltheory.gcm.common import agreement, grid, points_table, seed_average


def test_grid_forms():
    assert np.allclose(grid({"min": 1, "max": 100, "num": 3, "log": True}, "x"), [1, 10, 100])
    assert np.allclose(grid([0.5, 1.0], "x"), [0.5, 1.0])


def test_agreement_ratio():
    assert agreement(1.05, 0.0, 1.0, 0.05) == pytest.approx(1.0)
    assert agreement(1.2, 0.05, 1.0, 0.05, n_sem=2) == pytest.approx(0.2 / 0.15)


def test_points_table_averages_and_matches():
    sims = pd.DataFrame({"a": [1.0, 1.0, 2.0, 2.0], "seed": [0, 1, 0, 1],
                         "test_error": [1.0, 3.0, 2.0, 2.0]})
    theory = pd.DataFrame({"a": [1.0, 1.0, 2.0], "test_error": [2.0, 2.0, 2.5]})
    pts = points_table(sims, theory, ["a"])
    assert list(pts["test_error"]) == [2.0, 2.0] and list(pts["test_error_theory"]) == [2.0, 2.5]
    assert pts["test_error_sem"].iloc[0] == pytest.approx(np.std([1, 3], ddof=1) / np.sqrt(2))
    assert seed_average(sims, ["a"])["count"].tolist() == [2, 2]
    with pytest.raises(ValueError):
        points_table(sims, theory.iloc[:1], ["a"])
