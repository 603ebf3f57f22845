"""AMP and state evolution: scalar closed forms, symmetry, threshold, AMP vs SE at finite N."""

import numpy as np
import pytest
from scipy import integrate

from dltheory.replica.amp import amp, empirical_inv_delta, matched_mse, se_mse, se_step, state_evolution
from dltheory.replica.hopfield import connectivity, fisher_score
from dltheory.replica.priors import hopfield_prior, sparse_hopfield_prior


def _scalar_se_rademacher(delta):
    """m = E tanh(m/Delta + sqrt(m/Delta) z), iterated with adaptive quadrature (independent check)."""
    m = 0.5
    for _ in range(3000):
        x = m / delta
        new = integrate.quad(lambda z: np.exp(-z * z / 2) / np.sqrt(2 * np.pi) * np.tanh(x + np.sqrt(x) * z),
                             -12, 12)[0]
        if abs(new - m) < 1e-12:
            break
        m = new
    return m


@pytest.mark.parametrize("delta", [0.3, 0.6])
def test_rank1_state_evolution_matches_scalar_equation(delta):
    prior = hopfield_prior(1)
    fp = state_evolution(prior, delta)
    assert fp.converged
    assert float(np.ravel(fp.x)[0]) == pytest.approx(_scalar_se_rademacher(delta), abs=1e-7)
    assert se_mse(prior, fp.x) == pytest.approx(1 - _scalar_se_rademacher(delta), abs=1e-7)


def test_threshold_is_delta_c():
    for prior in (hopfield_prior(1), sparse_hopfield_prior(0.5)):
        below = se_mse(prior, state_evolution(prior, 0.9 * prior.delta_c).x)
        above = se_mse(prior, state_evolution(prior, 1.1 * prior.delta_c).x)
        rho = prior.second_moment[0, 0]
        assert below < 0.95 * rho and above == pytest.approx(rho, abs=1e-6)


@pytest.mark.parametrize("delta", [0.2, 0.5, 0.9])
def test_rank2_decouples_and_quadrature_is_accurate(delta):
    # rank 2 from a generic start reaches the "pure" state M = m I of two rank-1 problems;
    # the default 16 x 16 Gauss-Hermite grid is accurate to 1e-3 in MSE (tanh is steep
    # at small Delta), far below the simulations' error bars
    p1, p2 = hopfield_prior(1), hopfield_prior(2)
    fp1, fp2 = state_evolution(p1, delta), state_evolution(p2, delta)
    assert se_mse(p2, fp2.x) == pytest.approx(se_mse(p1, fp1.x), abs=1e-3)
    assert fp2.x[1] == pytest.approx(0, abs=1e-8)
    M = np.array([[0.4, 0.05], [0.05, 0.3]])
    assert se_step(M, p2, delta) == pytest.approx(se_step(M, p2, delta, n_nodes=48), abs=1e-3)


def test_matched_mse_symmetries():
    rng = np.random.default_rng(0)
    xi = rng.choice([-1.0, 1.0], (100, 2))
    est = xi[:, ::-1] * np.array([1, -1]) + 0.1 * rng.standard_normal((100, 2))
    assert matched_mse(xi, est) == pytest.approx(np.mean((xi[:, ::-1] * [1, -1] - est) ** 2), rel=1e-12)
    assert matched_mse(xi, np.zeros_like(xi)) == 1.0


@pytest.mark.parametrize("P", [1, 2])
def test_amp_follows_state_evolution(P):
    prior, delta, N = hopfield_prior(P), 0.35, 1500
    rng = np.random.default_rng(P)
    errs = []
    for _ in range(3):
        xi = prior.sample(N, rng)
        S = fisher_score(connectivity(xi, np.sqrt(delta), None, rng), np.sqrt(delta), None)
        assert empirical_inv_delta(S) == pytest.approx(1 / delta, rel=0.02)
        res = amp(S, prior, rng)
        assert res.converged
        errs.append(matched_mse(xi, res.xhat))
    assert np.mean(errs) == pytest.approx(se_mse(prior, state_evolution(prior, delta).x), abs=0.04)
