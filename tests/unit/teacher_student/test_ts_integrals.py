"""Closed-form committee-machine integrals against quadrature, Monte Carlo and symmetries."""

import numpy as np
import pytest

from dltheory.core.quadrature import gauss_expect_nd
from dltheory.teacher_student.integrals import I2, I3, I4, J2, eps_g, g, g_prime, tuples


def _cov(n, seed, scale=1.0):
    a = np.random.default_rng(seed).normal(size=(n, n + 2))
    return scale * a @ a.T / (n + 2) + 0.2 * np.eye(n)


@pytest.mark.parametrize("seed", [0, 1])
def test_erf_integrals_match_gauss_hermite_quadrature(seed):
    C = _cov(4, seed)
    C3 = C[:, :, None]
    gp = lambda x: g_prime(x)  # noqa: E731
    checks = [
        (I2(C3, [0], [1]), lambda a, b, c, d: g(a) * g(b)),
        (I3(C3, [0], [1], [2]), lambda a, b, c, d: gp(a) * b * g(c)),
        (I3(C3, [2], [2], [1]), lambda a, b, c, d: c * gp(c) * g(b)),
        (I4(C3, [0], [1], [2], [3]), lambda a, b, c, d: gp(a) * gp(b) * g(c) * g(d)),
        (I4(C3, [1], [1], [0], [1]), lambda a, b, c, d: gp(b) ** 2 * g(a) * g(b)),
        (J2(C3, [0], [3]), lambda a, b, c, d: gp(a) * gp(d)),
    ]
    for closed, f in checks:
        assert closed[0, 0] == pytest.approx(gauss_expect_nd(f, C, n=24), abs=1e-6)


def test_erf_integrals_match_monte_carlo_to_1e3():
    C = _cov(4, 3)
    z = np.linalg.cholesky(C) @ np.random.default_rng(7).standard_normal((4, 2_000_000))
    G, Gp = g(z), g_prime(z)
    C3 = C[:, :, None]
    assert I2(C3, [0], [3])[0, 0] == pytest.approx(np.mean(G[0] * G[3]), abs=1e-3)
    assert I3(C3, [1], [0], [2])[0, 0] == pytest.approx(np.mean(Gp[1] * z[0] * G[2]), abs=1e-3)
    assert I4(C3, [0], [2], [1], [3])[0, 0] == pytest.approx(
        np.mean(Gp[0] * Gp[2] * G[1] * G[3]), abs=1e-3)
    assert J2(C3, [1], [2])[0, 0] == pytest.approx(np.mean(Gp[1] * Gp[2]), abs=1e-3)


def test_known_values_and_linear_activation():
    C = np.ones((2, 2, 1))
    assert I2(C, [0], [1])[0, 0] == pytest.approx(1 / 3)  # E[erf(z/sqrt2)^2] = 1/3
    Cg = _cov(4, 5)[:, :, None]
    assert I2(Cg, [0], [2], "linear")[0, 0] == Cg[0, 2, 0]
    assert I3(Cg, [0], [1], [2], "linear")[0, 0] == Cg[1, 2, 0]
    assert I4(Cg, [0], [1], [2], [3], "linear")[0, 0] == Cg[2, 3, 0]
    assert J2(Cg, [0], [1], "linear")[0, 0] == 1.0
    with pytest.raises(ValueError):
        I2(Cg, [0], [1], "relu")


def test_symmetries_and_batching():
    C = np.stack([_cov(5, s) for s in range(3)], axis=-1)  # [5, 5, 3]
    i, k, a, b = tuples(range(5), range(5), range(5), range(5))
    v = I4(C, i, k, a, b).reshape(5, 5, 5, 5, 3)
    assert np.allclose(v, v.transpose(1, 0, 2, 3, 4)) and np.allclose(v, v.transpose(0, 1, 3, 2, 4))
    x, y = tuples(range(5), range(5))
    m = I2(C, x, y).reshape(5, 5, 3)
    assert np.allclose(m, m.transpose(1, 0, 2))
    single = I4(C[:, :, 1:2], i, k, a, b)[:, 0]
    assert np.allclose(single, v.reshape(-1, 3)[:, 1])
    assert len(tuples(range(3), range(3), symmetric=((0, 1),))[0]) == 6


def test_eps_g_vanishes_for_a_perfect_student_and_matches_direct_average():
    T = _cov(2, 9)
    C = np.block([[T, T], [T, T]])[:, :, None]          # student weights = teacher weights
    c = np.array([1.0, 0.7, -1.0, -0.7])[:, None]
    assert abs(eps_g(C, c)[0]) < 1e-14
    C2 = _cov(4, 11)
    z = np.linalg.cholesky(C2) @ np.random.default_rng(1).standard_normal((4, 1_000_000))
    c2 = np.array([0.5, -1.2, 1.0, 0.3])
    assert eps_g(C2[:, :, None], c2[:, None])[0] == pytest.approx(
        0.5 * np.mean((c2 @ g(z)) ** 2), rel=5e-3)
