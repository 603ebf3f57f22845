"""Damped fixed-point iteration: converges where it should, reports when it does not."""

import numpy as np
import pytest

from dltheory.core.fixed_point import FixedPointError, solve


def test_converges_to_known_fixed_points():
    res = solve(np.cos, 1.0, damping=0.7, tol=1e-13)
    assert res.converged and res.x == pytest.approx(0.7390851332151607)
    batch = solve(lambda x: np.sqrt(np.array([2.0, 3.0]) + x), np.zeros(2), damping=1.0)
    assert np.allclose(batch.x, [(1 + np.sqrt(9)) / 2, (1 + np.sqrt(13)) / 2])


def test_damping_tames_an_oscillating_map():
    F = lambda x: -1.5 * x + 2.5  # fixed point 1, undamped iteration diverges
    assert not solve(F, 0.0, damping=1.0, max_iter=200).converged
    res = solve(F, 0.0, damping=0.4)
    assert res.converged and res.x == pytest.approx(1.0)


def test_failures_are_reported_or_raised():
    res = solve(lambda x: x**2 + 1e3, 10.0, damping=1.0, max_iter=50)
    assert not res.converged and res.reason == "non-finite"
    with pytest.raises(FixedPointError, match="max_iter"):
        solve(lambda x: x + 1, 0.0, max_iter=10, strict=True)
    with pytest.raises(ValueError):
        solve(np.cos, 0.0, damping=0.0)
