"""Anderson-accelerated batch fixed points: fast where damping is slow, certified by the core solver."""

import numpy as np

from dltheory.core.fixed_point import solve
from dltheory.gcm.anderson import anderson, solve_batch


def test_slowly_contracting_linear_maps():
    # x -> a x + c with a close to 1: damped iteration needs ~1e4 steps
    a = np.array([0.999, 0.99, 0.5])[:, None]
    c = np.array([1.0, 2.0, 3.0])[:, None]
    F = lambda x, rows: a[rows] * x + c[rows]
    res = solve_batch(F, np.zeros((3, 1)), tol=1e-12)
    assert res.converged and res.iterations < 200
    assert np.allclose(res.x[:, 0], (c / (1 - a))[:, 0], rtol=1e-9)
    slow = solve(lambda x: a * x + c, np.zeros((3, 1)), damping=0.5, tol=1e-12, max_iter=2000)
    assert not slow.converged


def test_positive_columns_stay_positive_and_rows_are_independent():
    # x = sqrt(x + s): positive root; row-specific s
    s = np.array([0.5, 2.0, 30.0])
    F = lambda x, rows: np.sqrt(x + s[rows, None])
    res = solve_batch(F, np.full((3, 1), 1e-3), positive=(0,), tol=1e-12)
    assert res.converged and np.allclose(res.x[:, 0], (1 + np.sqrt(1 + 4 * s)) / 2)


def test_a_failing_map_does_not_crash():
    x, it = anderson(lambda x, rows: x * 0 + np.nan, np.ones((2, 2)), max_iter=20)
    assert it == 20 and x.shape == (2, 2)
