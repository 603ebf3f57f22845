"""Greedy attacks on a linear learner: the action, the ODE, its limits and the exact simulator."""

import math

import numpy as np
import pytest

from dltheory.teacher_student import attacks as at


def _cost(a, nu, lam, s, atk):
    """Running cost of the next step, evaluated directly (module docstring)."""
    nu_dag, delta = -nu, -2 * nu
    e = nu + a * delta - lam
    # D * [d(w_next) - d(w)] with d = |w - w_dag|^2/(2D), weighted by gamma D/eta
    dd = atk.eta * e * (lam - nu_dag) + atk.eta**2 * s * e * e / 2
    return atk.C_tilde * a * a / 2 + atk.gamma / atk.eta * dd


@pytest.mark.parametrize("C, eta", [(0.05, 0.2), (1.0, 0.05), (30.0, 0.5)])
def test_greedy_action_minimises_the_cost_on_its_range(C, eta):
    atk = at.Attack(C, eta)
    rng = np.random.default_rng(0)
    grid = np.linspace(atk.a_min, atk.a_max, 20001)
    for nu, lam, s in zip(rng.standard_normal(20), rng.standard_normal(20), 1 + 0.2 * rng.random(20)):
        a = at.greedy_action(nu, lam, s, atk.C_tilde, eta, atk.gamma, atk.a_min, atk.a_max)
        best = grid[np.argmin(_cost(grid, nu, lam, s, atk))]
        assert a == pytest.approx(best, abs=3e-4)


@pytest.mark.parametrize("R, Q, C, eta", [(0.9, 0.85, 30.0, 0.05), (0.1, 0.05, 0.2, 0.05),
                                          (-0.5, 0.4, 0.05, 0.2)])
def test_ode_rates_match_monte_carlo(R, Q, C, eta):
    atk = at.Attack(C, eta)
    dR, dQ, a_mean = at.ode_rates(np.array([R]), np.array([Q]), at._arrays([atk]))
    rng = np.random.default_rng(1)
    n = 1_000_000
    nu = rng.standard_normal(n)
    lam = R * nu + math.sqrt(Q - R * R) * rng.standard_normal(n)
    a = at.greedy_action(nu, lam, 1.0, atk.C_tilde, eta, atk.gamma, atk.a_min, atk.a_max)
    e = nu * (1 - 2 * a) - lam
    for got, samples in ((dR[0], eta * e * nu), (dQ[0], 2 * eta * e * lam + eta**2 * e * e),
                         (a_mean[0], a)):
        assert got == pytest.approx(samples.mean(), abs=4 * samples.std() / math.sqrt(n) + 2e-4)


def test_small_eta_limit_without_clipping_is_closed_form():
    # a = k (1 + R) nu^2, k = gamma/(2C): R* = (C - 3 gamma)/(C + 3 gamma), C* = 3 gamma
    for C, gamma in ((1.0, 1.0), (5.0, 1.0), (2.0, 0.5)):
        assert at.small_eta_overlap(C, gamma, a_max=1e9) == pytest.approx(
            (C - 3 * gamma) / (C + 3 * gamma), abs=1e-9)
    assert at.critical_cost(gamma=0.7, a_max=1e9) == pytest.approx(2.1, rel=1e-8)
    assert at.critical_cost() < 3.0  # clipping at a_max = 3 weakens the attack slightly


def test_ode_fixed_point_tends_to_the_small_eta_limit():
    R, Q, _ = at.steady_state([at.Attack(C, 0.002) for C in (0.5, 3.0, 20.0)])
    for r, q, C in zip(R, Q, (0.5, 3.0, 20.0)):
        r0 = at.small_eta_overlap(C)
        assert r == pytest.approx(r0, abs=0.01)
        assert q - r * r == pytest.approx(0.0, abs=0.005)  # SGD noise ~ eta


def test_fixed_point_is_stationary_and_reached_by_integration():
    attacks = [at.Attack(0.3, 0.2), at.Attack(10.0, 0.1)]
    R, Q, _ = at.steady_state(attacks)
    Rt, Qt, _ = at.integrate_ode(attacks, [0.0, 300.0], dt=0.1)
    assert np.allclose(Rt[-1], R, atol=1e-5) and np.allclose(Qt[-1], Q, atol=1e-5)


def test_reduced_simulator_has_the_law_of_the_full_one():
    attacks = [at.Attack(2.0, 0.3)] * 300
    times = [0.0, 2.0, 5.0]
    Rr, Qr, ar = at.simulate_reduced(attacks, 20, times, range(300))
    Rf, Qf, af = at.simulate_full(attacks, 20, times, range(1000, 1300))
    for a, b in ((Rr, Rf), (Qr, Qf), (ar, af)):
        se = np.sqrt(a[1:].var(axis=1) / 300 + b[1:].var(axis=1) / 300)
        assert np.all(np.abs(a[1:].mean(axis=1) - b[1:].mean(axis=1)) < 4 * se + 1e-12)
        assert np.allclose(a[1:].std(axis=1), b[1:].std(axis=1), rtol=0.2)


def test_simulation_follows_the_ode():
    attacks = [at.Attack(1.0, 0.2)] * 6
    times = np.arange(0.0, 20.01, 2.0)
    R, Q, _ = at.simulate_reduced(attacks, 2000, times, range(6))
    Ro, Qo, _ = at.integrate_ode(attacks[:1], times, dt=0.1)
    eg, ego = at.observables(R, Q)["eps_g"].mean(axis=1), at.observables(Ro, Qo)["eps_g"][:, 0]
    assert np.max(np.abs(eg[1:] - ego[1:]) / ego[1:]) < 0.05


def test_observables():
    obs = at.observables(np.array([1.0, -1.0, 0.0]), np.array([1.0, 1.0, 0.25]))
    assert np.allclose(obs["d_rel"], [0.0, 1.0, math.sqrt(1.25) / 2])
    assert np.allclose(obs["accuracy"], [1.0, 0.0, 0.5])
    assert np.allclose(obs["eps_g"], [0.0, 2.0, 0.625])
