"""XOR-like Gaussian mixture: oracle, simulator, ODE rates, random features."""

import math

import numpy as np
import pytest

from dltheory.teacher_student import gmm, gmm_ode, gmm_rf


def _sample(n, N, sigma2, rng):
    cl = rng.integers(0, 4, n)
    X = math.sqrt(sigma2) * rng.standard_normal((n, N))
    X[:, :2] += gmm.MEANS[cl]
    return X, gmm.LABELS[cl]


def test_oracle_error_matches_monte_carlo_and_limits():
    rng = np.random.default_rng(0)
    for s2 in (0.05, 0.2):
        X, y = _sample(400_000, 2, s2, rng)
        pred = np.where(np.abs(X[:, 0]) > np.abs(X[:, 1]), 1.0, -1.0)
        mc = np.mean(pred != y)
        assert gmm.oracle_error(s2) == pytest.approx(mc, abs=4 * math.sqrt(mc / 400_000) + 1e-4)
    assert gmm.oracle_error(1e-3) < 1e-12
    assert gmm.oracle_error(100.0) == pytest.approx(0.5, abs=0.05)


def _reference_sgd(W, v, X, y, eta, kappa):
    """Step-by-step online SGD, the definition the chunked simulator must reproduce."""
    N = W.shape[1]
    c = 1 - eta * kappa / N
    for x, t in zip(X, y):
        lam = W @ x / math.sqrt(N)
        g = np.maximum(lam, 0)
        err = t - v @ g
        W, v = (c * W + eta / math.sqrt(N) * np.outer(v * (lam > 0) * err, x),
                c * v + eta / N * err * g)
    return W, v


def test_chunked_simulator_is_exact_sgd():
    K, N, eta, kappa, init = 4, 60, 0.8, 0.3, 0.7
    times = [0.0, 0.5, 1.0]
    M, Q, v = gmm.simulate(K, N, [0.2], eta, init, kappa, times, [3], [5], chunk=6)
    W0, v0 = gmm.initial_weights(K, N, init, np.random.default_rng(3))
    g = np.random.default_rng(5)
    X, y = [], []
    for _ in range(N // 6):  # the simulator draws per chunk: cluster labels, then the noise
        cl = g.integers(0, 4, size=6)
        Z = math.sqrt(0.2) * g.standard_normal((6, N))
        Z[:, :2] += gmm.MEANS[cl]
        X.extend(Z)
        y.extend(gmm.LABELS[cl])
    W, vv = _reference_sgd(W0, v0, np.array(X), np.array(y), eta, kappa)
    M_ref, Q_ref, v_ref = gmm.overlaps(W, vv)
    assert np.allclose(M[-1, 0], M_ref, atol=1e-10)
    assert np.allclose(Q[-1, 0], Q_ref, atol=1e-10)
    assert np.allclose(v[-1, 0], v_ref, atol=1e-10)


def test_errors_of_an_unaligned_network_have_a_closed_form():
    # M = 0: the output ignores the cluster, eps_g = (1 + v^2 E[relu(s xi)^2])/2 = (1 + v^2 s^2/2)/2
    K, s2, q, v1 = 1, 0.3, 1.7, 0.9
    pts = gmm_ode.qmc_points(K, 2**14)
    eg, ec = gmm_ode.errors(np.zeros((1, 2, K)), np.full((1, K, K), q), np.full((1, K), v1),
                            np.array([s2]), pts)
    assert eg[0] == pytest.approx(0.5 * (1 + v1**2 * s2 * q / 2), rel=2e-3)
    # phi = 0 (unit off, half the inputs) counts as an error; phi > 0 is wrong for y = -1
    assert ec[0] == pytest.approx(0.75, abs=1e-3)


def test_ode_rates_are_the_mean_sgd_increments_of_real_networks():
    rng = np.random.default_rng(1)
    K, N, s2, eta = 3, 400, 0.15, 0.7
    W = rng.standard_normal((K, N)) * 0.8
    W[:, :2] += math.sqrt(N) * rng.standard_normal((K, 2)) * 0.5   # O(1) overlaps
    v = rng.standard_normal(K)
    M, Q, vv = gmm.overlaps(W, v)
    dM, dQ, dv = gmm_ode.rates(M[None], Q[None], vv[None], np.array([s2]), eta, 0.0,
                               gmm_ode.qmc_points(K, 2**15))
    n = 60_000
    X, y = _sample(n, N, s2, rng)
    lam = X @ W.T / math.sqrt(N)
    g = np.maximum(lam, 0)
    err = y - g @ v
    d = v * (lam > 0) * err[:, None]                              # [n, K]
    inc_M = eta * d[:, None, :] * X[:, :2, None]                   # N * Delta M per step
    inc_Q = eta * (d[:, :, None] * lam[:, None, :] + lam[:, :, None] * d[:, None, :]) \
        + eta**2 * d[:, :, None] * d[:, None, :] * (X * X).sum(1)[:, None, None] / N
    inc_v = eta * err[:, None] * g
    for got, inc in ((dM[0], inc_M), (dQ[0], inc_Q), (dv[0], inc_v)):
        se = inc.std(axis=0) / math.sqrt(n)
        assert np.all(np.abs(got - inc.mean(axis=0)) < 5 * se + 0.02 * np.abs(got).max())


def test_simulation_follows_the_ode_from_aligned_weights():
    K, N, s2, eta = 4, 1000, 0.1, 1.0
    rng = np.random.default_rng(2)
    W = rng.standard_normal((K, N)) * 0.5
    W[:, :2] += math.sqrt(N) * 0.4 * np.array([[1, 0], [-1, 0], [0, 1], [0, -1]])
    v = np.array([1.0, 1.0, -1.0, -1.0]) * 0.5
    orig = gmm.initial_weights
    gmm.initial_weights = lambda K_, N_, init, r: (W.copy(), v.copy())
    try:
        times = np.array([0.0, 2.0, 5.0])
        M, Q, vv = gmm.simulate(K, N, np.full(4, s2), eta, 1.0, 0.0, times, range(4), range(10, 14))
    finally:
        gmm.initial_weights = orig
    pts, pe = gmm_ode.qmc_points(K, 2048), gmm_ode.qmc_points(K, 8192, seed=1)
    eg_sim = np.array([gmm_ode.errors(M[i], Q[i], vv[i], np.full(4, s2), pe)[0].mean() for i in range(3)])
    eg_ode, _, _ = gmm_ode.integrate(M[0, :1], Q[0, :1], vv[0, :1], np.array([s2]), eta, 0.0,
                                     times, 0.1, pts, pe)
    assert np.allclose(eg_sim, eg_ode[:, 0], rtol=0.05)


def test_random_feature_moments_and_error_are_gaussian_equivalent():
    rng = np.random.default_rng(3)
    D, p, s2 = 200, 60, 0.1
    F = gmm_rf.projection(D, p, rng)
    assert np.allclose(np.linalg.norm(F, axis=0), math.sqrt(D))
    mu, C = gmm_rf.gaussian_equivalent_moments(F, s2)
    cl = 2  # cluster +e2
    X = math.sqrt(s2) * rng.standard_normal((100_000, D))
    X[:, :2] += gmm.MEANS[cl]
    Z = np.maximum(X @ F / math.sqrt(D), 0)
    assert np.allclose(Z.mean(0), mu[cl], atol=4e-3)
    emp = np.cov(Z.T)
    assert np.allclose(np.diag(emp), np.diag(C[cl]), rtol=0.03)
    off = ~np.eye(p, dtype=bool)
    assert np.max(np.abs(emp[off] - C[cl][off])) < 0.01   # linear term of the covariance
    ge = gmm_rf.ge_error(F, s2)
    real = gmm_rf.feature_error(F, s2, ge["w"], ge["mu_bar"], 40_000, rng)
    assert real["eps_c"] == pytest.approx(ge["eps_c"], abs=0.02)


def test_qmc_points_need_a_power_of_two():
    with pytest.raises(ValueError):
        gmm_ode.qmc_points(3, 1000)
    pts = gmm_ode.qmc_points(3, 1024)
    assert pts.shape == (1024, 5) and abs(pts.mean()) < 0.01 and abs(pts.std() - 1) < 0.01
