"""Linear associative memories: feasibility decisions against an exact LP, capacity search, Hebbian rule."""

import numpy as np
import pytest
from scipy.optimize import linprog

from dltheory.replica.associative import (capacity_law, competitors, critical_p, embeddings, hebbian_critical_p,
                                          hebbian_success, score_statistics, scores, simulate_capacity,
                                          squared_hinge, store, summarise_capacity)


def _lp_feasible(X, Y, Yc=None):
    """Exact: is there W with (y_mu - y_nu)^T W x_mu >= 1 for all constraints? (HiGHS LP)."""
    p, d = X.shape
    rows = []
    for mu in range(p):
        comp = np.delete(Y, mu, 0) if Yc is None else Yc[mu]
        D = Y[mu][None, :] - comp
        rows.append((D[:, :, None] * X[mu][None, None, :]).reshape(len(D), d * d))
    A = np.concatenate(rows)
    res = linprog(np.zeros(d * d), A_ub=-A, b_ub=-np.ones(len(A)), bounds=(None, None), method="highs")
    return res.status == 0


def test_gradient_of_squared_hinge():
    rng = np.random.default_rng(0)
    X, Y = embeddings(7, 4, rng)
    YcT = np.ascontiguousarray(competitors(7, 4, rng).transpose(0, 2, 1))
    W = rng.standard_normal((4, 4))
    for ct in (None, YcT):
        _, G, _ = squared_hinge(W, X, Y, ct)
        num = np.zeros_like(W)
        for i in range(4):
            for j in range(4):
                E = np.zeros_like(W)
                E[i, j] = 1e-6
                num[i, j] = (squared_hinge(W + E, X, Y, ct)[0] - squared_hinge(W - E, X, Y, ct)[0]) / 2e-6
        assert G == pytest.approx(num, abs=1e-5)


@pytest.mark.parametrize("decoupled", [False, True])
def test_store_agrees_with_exact_lp(decoupled):
    d = 6
    agree = 0
    for seed in range(12):
        rng = np.random.default_rng(seed)
        p = 14 + seed % 6  # straddles the capacity (~16-18 at d = 6)
        X, Y = embeddings(p, d, rng)
        Yc = competitors(p, d, rng) if decoupled else None
        res = store(X, Y, Yc)
        assert res.feasible is not None
        agree += res.feasible == _lp_feasible(X, Y, Yc)
        if res.feasible:  # the certificate: every association stored
            a, S = scores(res.W, X, Y, Yc)
            assert np.all(a[:, None] > S)
    assert agree == 12


def test_critical_p_is_the_largest_storable_prefix():
    rng = np.random.default_rng(3)
    X, Y = embeddings(80, 6, rng)
    p_star, W, undecided, solves = critical_p(X, Y)
    assert undecided == 0 and solves >= 3
    assert _lp_feasible(X[:p_star], Y[:p_star]) and not _lp_feasible(X[:p_star + 1], Y[:p_star + 1])


def test_capacity_law():
    p = capacity_law([16, 64])
    assert p * np.log(p) == pytest.approx([128, 2048])


def test_hebbian_rule():
    d = 10
    X = np.eye(d)[:6]
    assert hebbian_success(X, np.eye(d)[:6])  # orthonormal embeddings: perfect recall
    rng = np.random.default_rng(4)
    X, Y = embeddings(400, d, rng)
    assert not hebbian_success(X, Y)
    assert 1 <= hebbian_critical_p(X, Y) < 400


def test_score_statistics_and_summary():
    rng = np.random.default_rng(5)
    X, Y = embeddings(12, 8, rng)
    st = score_statistics(Y.T @ X, X, Y)
    assert len(st) == 12 and np.all(np.isfinite(st["delta"]))
    runs, scores_table = simulate_capacity(8, [0, 1], ["coupled", "hebbian"], 120)
    assert set(runs["model"]) == {"coupled", "hebbian"} and len(scores_table) > 0
    summary = summarise_capacity(runs)
    assert summary["p_law"].iloc[0] == pytest.approx(capacity_law(8))
