"""Estimators: ridge in primal and dual form, logistic regression at its optimum, nested learning curves."""

import numpy as np
import pytest
from scipy.optimize import minimize
from scipy.special import expit

from dltheory.gcm.estimators import logistic_objective, logistic_regression, ridge, ridge_path
from dltheory.gcm.learning import learning_curve


@pytest.mark.parametrize("n, p", [(80, 30), (30, 80)])
def test_ridge_forms_agree(n, p):
    rng = np.random.default_rng(0)
    A, y = rng.standard_normal((n, p)), rng.standard_normal(n)
    w = ridge(A, y, 0.3)
    assert np.allclose(w, np.linalg.solve(A.T @ A + 0.3 * np.eye(p), A.T @ y))
    assert np.allclose(ridge_path(A, y, [0.3, 2.0])[0], w)


@pytest.mark.parametrize("n, p", [(120, 40), (40, 120)])
def test_logistic_regression_is_the_minimiser(n, p):
    rng = np.random.default_rng(1)
    A = rng.standard_normal((n, p)) / np.sqrt(p)
    y = np.sign(A @ rng.standard_normal(p) + 0.3 * rng.standard_normal(n))
    lam = 0.05
    w = logistic_regression(A, y, lam)
    grad = -(A.T @ (y * expit(-y * (A @ w)))) + lam * w
    assert np.max(np.abs(grad)) < 1e-6
    ref = minimize(lambda v: logistic_objective(A, y, v, lam), np.zeros(p), method="BFGS",
                   options={"gtol": 1e-9})
    assert logistic_objective(A, y, w, lam) <= ref.fun + 1e-9


def test_learning_curve_matches_direct_fits():
    rng = np.random.default_rng(2)
    p = 20
    V, y = rng.standard_normal((60, p)), rng.standard_normal(60)
    Vt, yt = rng.standard_normal((50, p)), rng.standard_normal(50)
    rows = learning_curve(V, y, Vt, yt, [10, 30, 60], [0.1, 1.0], "ridge")
    for r in rows:
        w = ridge(V[: r["n"]] / np.sqrt(p), y[: r["n"]], r["lam"])
        assert r["test_error"] == pytest.approx(np.mean((Vt @ w / np.sqrt(p) - yt) ** 2))
    rows = learning_curve(V, np.sign(y), Vt, np.sign(yt), [30], [0.1], "logistic")
    assert 0 <= rows[0]["test_error"] <= 1 and rows[0]["train_loss"] > 0
    with pytest.raises(ValueError):
        learning_curve(V, y, Vt, yt, [10], [0.1], "hinge")
