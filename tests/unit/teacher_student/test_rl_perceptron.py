"""The RL perceptron: ODE coefficients, ODE rates against Monte Carlo, exact reduced simulator."""

import itertools
import math

import numpy as np
import pytest

from dltheory.teacher_student import rl_perceptron as rl


def _enumerate(rule, p):
    """a1, a0, b by brute force over the 2^T correctness patterns."""
    c = rule.coefficients()
    a1 = a0 = b = 0.0
    for pattern in itertools.product([0, 1], repeat=rule.T):
        k = sum(pattern)
        prob = p**k * (1 - p) ** (rule.T - k)
        b += prob * c[k] ** 2
        # decision 0 conditions; the others are independent
        if pattern[0]:
            a1 += prob / p * c[k]
        else:
            a0 += prob / (1 - p) * c[k]
    return a1, a0, b


@pytest.mark.parametrize("rule", [rl.RewardRule(1, 1, 1.0), rl.RewardRule(5, 5, 1.0, 0.3),
                                  rl.RewardRule(6, 3, 0.7, 0.2), rl.RewardRule(4, 1, 1.0, 0.5)])
def test_binomial_weights_match_enumeration(rule):
    T, coef = rl.rule_tables([rule])
    for p in (0.3, 0.5, 0.9):
        expect = _enumerate(rule, p)
        got = (rl._bernstein(np.array([p]), T - 1, coef[:, 1:])[0],
               rl._bernstein(np.array([p]), T - 1, coef[:, :-1])[0],
               rl._bernstein(np.array([p]), T, coef**2)[0])
        assert np.allclose(got, expect, atol=1e-12)


def test_padded_batches_give_each_rule_its_own_rates():
    rules = [rl.RewardRule(2, 2, 1.0), rl.RewardRule(7, 5, 1.0, 0.4)]
    R, Q = np.array([0.3, -0.1]), np.array([1.2, 0.8])
    T, coef = rl.rule_tables(rules)
    dR, dQ = rl.ode_rates(R, Q, T, coef)
    for b, rule in enumerate(rules):
        t1, c1 = rl.rule_tables([rule])
        r1, q1 = rl.ode_rates(R[b:b + 1], Q[b:b + 1], t1, c1)
        assert dR[b] == pytest.approx(r1[0]) and dQ[b] == pytest.approx(q1[0])


def test_sparse_rule_at_zero_overlap_has_the_plateau_drift():
    # rho = 0: p = 1/2, only all-correct episodes reward: dR = eta1 2^(1-T) / sqrt(2 pi)
    for T in (1, 3, 8):
        Tb, coef = rl.rule_tables([rl.RewardRule(T, T, 1.0)])
        dR, dQ = rl.ode_rates(np.array([0.0]), np.array([1.0]), Tb, coef)
        assert dR[0] == pytest.approx(2.0 ** (1 - T) / math.sqrt(2 * math.pi))
        assert dQ[0] == pytest.approx(2 * 2.0 ** (1 - T) / math.sqrt(2 * math.pi) + 2.0**-T / T)


def test_ode_rates_match_monte_carlo_increments():
    # The mean increments of one episode, times D, are the ODE rates (exact in expectation
    # for the R equation; the dQ noise term at leading order in 1/D).
    rng = np.random.default_rng(0)
    rule = rl.RewardRule(4, 3, 1.0, 0.4)
    R, Q, n = 0.35, 0.9, 400_000
    nu = rng.standard_normal((n, rule.T))
    lam = R * nu + math.sqrt(Q - R * R) * rng.standard_normal((n, rule.T))
    y = np.sign(lam)
    k = (y == np.sign(nu)).sum(axis=1)
    c = rule.coefficients()[k]
    mc_R = c * (y * nu).mean(axis=1)
    mc_Q = 2 * c * np.abs(lam).mean(axis=1) + c**2 / rule.T
    T, coef = rl.rule_tables([rule])
    dR, dQ = rl.ode_rates(np.array([R]), np.array([Q]), T, coef)
    assert dR[0] == pytest.approx(mc_R.mean(), abs=4 * mc_R.std() / math.sqrt(n))
    assert dQ[0] == pytest.approx(mc_Q.mean(), abs=4 * mc_Q.std() / math.sqrt(n))


def test_reduced_simulator_has_the_law_of_the_full_one():
    rules = [rl.RewardRule(3, 2, 1.0, 0.3)] * 300
    D, alphas = 30, [0.0, 1.0, 2.0]
    args = (rules, D, alphas, range(300), range(1000, 1300))
    Rr, Qr = rl.simulate_reduced(*args)
    Rf, Qf = rl.simulate_full(*args)
    for a, b in ((Rr, Rf), (Qr, Qf)):
        se = np.sqrt(a.var(axis=1) / a.shape[1] + b.var(axis=1) / b.shape[1])
        z = (a.mean(axis=1) - b.mean(axis=1)) / np.maximum(se, 1e-12)
        assert np.all(np.abs(z[1:]) < 4), z
        assert np.allclose(a.std(axis=1)[1:], b.std(axis=1)[1:], rtol=0.2)


def test_replica_trajectory_does_not_depend_on_its_batch():
    r = rl.RewardRule(4, 4, 1.0)
    alone = rl.simulate_reduced([r], 50, [0, 1.0], [7], [11])
    batched = rl.simulate_reduced([rl.RewardRule(2, 1, 1.0), r], 50, [0, 1.0], [3, 7], [5, 11])
    assert np.allclose(alone[0][:, 0], batched[0][:, 1]) and np.allclose(alone[1][:, 0], batched[1][:, 1])


def test_simulation_follows_the_ode_at_large_D():
    rules = [rl.RewardRule(3, 3, 1.0)] * 8
    alphas = np.arange(0, 15.01, 1.0)
    R, Q = rl.simulate_reduced(rules, 2000, alphas, range(8), range(100, 108))
    Ro, Qo = rl.integrate_ode(R[0], Q[0], rules, alphas, dt=0.1)
    eps, eps_o = rl.generalisation_error(R, Q).mean(1), rl.generalisation_error(Ro, Qo).mean(1)
    assert np.max(np.abs(eps - eps_o) / eps_o) < 0.05


def test_initial_overlap_is_a_random_cosine():
    rng = np.random.default_rng(1)
    R0 = np.array([rl.initial_overlaps(400, rng)[0] for _ in range(4000)])
    assert abs(R0.mean()) < 4 / math.sqrt(400 * 4000)
    assert R0.var() == pytest.approx(1 / 400, rel=0.1)


def test_crossing_time_and_rule_keys():
    assert rl.crossing_time([0, 1, 2], [0.0, 0.4, 0.8], 0.6) == pytest.approx(1.5)
    assert math.isnan(rl.crossing_time([0, 1], [0.0, 0.1], 0.5))
    r = rl.RewardRule(6, 4, 1.0, 0.25)
    assert rl.RewardRule.from_key(r.key) == r
    with pytest.raises(ValueError):
        rl.RewardRule(3, 4, 1.0)
