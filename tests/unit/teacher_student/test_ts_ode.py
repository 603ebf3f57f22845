"""The ODE engine: factorised right-hand side vs the generic integrals, closed forms, padding."""

import numpy as np
import pytest

from dltheory.teacher_student.integrals import I2, I3, I4, J2
from dltheory.teacher_student.ode import ODE, Hyper, ODEState, Phase, covariance, integrate


def _state(K, M, B, P=1, H=1, seed=0, N=60, feedback=True):
    rng = np.random.default_rng(seed)
    W, Wt = rng.normal(size=(B, K, N)), rng.normal(size=(B, M, N))
    Q = np.einsum("bkn,bln->klb", W, W) / N
    R = np.einsum("bkn,bmn->kmb", W, Wt) / N
    T = np.einsum("bkn,bln->klb", Wt, Wt) / N
    A = np.zeros((P, M, B))
    for p, units in enumerate(np.array_split(np.arange(M), P)):
        A[p, units] = rng.normal(size=(len(units), B))
    return ODEState(Q, R, T, rng.normal(size=(H, K, B)), A,
                    rng.normal(size=(K, B)) if feedback else None)


def _reference(state, phase, hp, units, activation):
    """Loops over the index tuples with the generic integrals (Goldt et al. 2019, Eqs. 9-10)."""
    K, M, H, P, B = state.shape
    C = covariance(state.Q, state.R, state.T)
    v = state.V[phase.head]
    c = np.concatenate([v, -state.A[phase.task]])
    b = v if state.feedback is None else np.where(hp.dfa, state.feedback, v)
    dQ, dR, dv = np.zeros((K, K, B)), np.zeros((K, M, B)), np.zeros((K, B))
    for i in range(K):
        for j in range(K + M):
            s3 = sum(c[a] * I3(C, [i], [j], [a], activation)[0] for a in units)
            if j >= K:
                dR[i, j - K] -= hp.eta * b[i] * s3
            else:
                dQ[i, j] -= hp.eta * b[i] * s3
                dQ[j, i] -= hp.eta * b[i] * s3
        for k in range(K):
            s4 = sum(c[a] * c[d] * I4(C, [i], [k], [a], [d], activation)[0]
                     for a in units for d in units)
            dQ[i, k] += hp.eta**2 * b[i] * b[k] * (s4 + hp.sigma**2 * J2(C, [i], [k], activation)[0])
        dv[i] = -hp.eta_v * sum(c[a] * I2(C, [i], [a], activation)[0] for a in units)
    return dQ - 2 * hp.kappa * state.Q, dR - hp.kappa * state.R, dv - hp.kappa * v


@pytest.mark.parametrize("activation", ["erf", "linear"])
def test_factorised_derivatives_equal_the_tuple_sums(activation):
    K, M, B = 3, 4, 5
    st = _state(K, M, B, P=2, H=2)
    rng = np.random.default_rng(1)
    hp = Hyper(eta=rng.uniform(0.1, 1, B), eta_v=rng.uniform(0.1, 1, B),
               sigma=rng.uniform(0, 0.5, B), kappa=rng.uniform(0, 0.1, B),
               dfa=rng.uniform(size=B) < 0.5).broadcast(B)
    ode = ODE(activation, hp)
    for task, head in ((0, 0), (1, 1), (1, 0)):
        phase = Phase(until=1.0, task=task, head=head)
        units = list(range(K)) + [K + m for m in ode.units_of(st, task)]
        for fast, ref in zip(ode.derivatives(st, phase), _reference(st, phase, hp, units, activation)):
            assert np.allclose(fast, ref, atol=1e-12)


def test_linear_perceptron_closed_form():
    """K = M = 1, linear g, first layer only: r = |w - w*|^2/N obeys dr/dt = -2 eta r +
    eta^2 (r + sigma^2), so eps_g(t) = r(t)/2 relaxes exponentially to eta sigma^2/(2(2-eta))."""
    eta, sigma = 0.7, 0.3
    Q, R, T = np.array([[[1.3]]]), np.array([[[0.2]]]), np.array([[[1.0]]])
    st = ODEState(Q, R, T, np.ones((1, 1, 1)), np.ones((1, 1, 1)))
    ode = ODE("linear", Hyper(eta=eta, eta_v=0.0, sigma=sigma).broadcast(1))
    times = np.array([0, 0.5, 1, 2, 5, 10.0])
    out = integrate(ode, st, [Phase(until=10.0)], times, dt=0.01, method="rk4")
    r0, r_star = 1.3 - 2 * 0.2 + 1.0, eta * sigma**2 / (2 - eta)
    exact = 0.5 * (r_star + (r0 - r_star) * np.exp(-(2 * eta - eta**2) * times))
    assert np.allclose(out["eps"][:, 0, 0], exact, rtol=1e-9)


def test_q_stays_symmetric_and_integrators_agree():
    st = _state(3, 2, 4, seed=2, N=300)
    ode = ODE("erf", Hyper(eta=0.5, sigma=0.1).broadcast(4))
    times = np.array([0.0, 1.0, 5.0, 20.0])
    ref = integrate(ode, st, [Phase(until=20.0)], times, dt=0.005, method="rk4")
    assert np.allclose(ref["Q"], np.swapaxes(ref["Q"], 1, 2), atol=1e-13)
    for method, dt, tol in (("rk4", 0.1, 1e-6), ("dopri5", 0.1, 1e-5), ("euler", 0.005, 5e-3)):
        out = integrate(ode, st, [Phase(until=20.0)], times, dt=dt, method=method)
        assert np.allclose(out["eps"], ref["eps"], rtol=tol), method


def test_zero_padded_units_are_inert():
    st = _state(2, 2, 1, seed=4, N=200, feedback=False)
    K = 3
    Q = np.zeros((K, K, 1)); Q[:2, :2] = st.Q
    R = np.zeros((K, 2, 1)); R[:2] = st.R
    V = np.zeros((1, K, 1)); V[:, :2] = st.V
    padded = ODEState(Q, R, st.T, V, st.A)
    ode = ODE("erf", Hyper(eta=0.5, sigma=0.2).broadcast(1))
    times = [0.0, 3.0, 10.0]
    a = integrate(ode, st, [Phase(until=10.0)], times, dt=0.05)
    b = integrate(ode, padded, [Phase(until=10.0)], times, dt=0.05)
    assert np.allclose(a["eps"], b["eps"], rtol=1e-12)
    assert np.all(b["Q"][:, 2] == 0) and np.all(b["V"][:, :, 2] == 0)


def test_task_switch_trains_the_new_head_only():
    st = _state(2, 2, 2, P=2, H=2, seed=3, feedback=False)
    ode = ODE("erf", Hyper(eta=0.5).broadcast(2))
    phases = [Phase(until=2.0, task=0, head=0), Phase(until=4.0, task=1, head=1)]
    out = integrate(ode, st, phases, [0.0, 2.0, 4.0], dt=0.05)
    V = out["V"]
    assert np.allclose(V[1, 1], st.V[1]) and not np.allclose(V[1, 0], st.V[0])
    assert np.allclose(V[2, 0], V[1, 0]) and not np.allclose(V[2, 1], V[1, 1])
    assert out["eps"].shape == (3, 2, 2)


def test_bad_arguments_are_rejected():
    st = _state(2, 2, 1)
    ode = ODE("erf", Hyper(eta=0.5).broadcast(1))
    with pytest.raises(ValueError):
        integrate(ode, st, [Phase(until=1.0)], [0.0, 2.0])
    with pytest.raises(ValueError):
        integrate(ode, st, [Phase(until=1.0)], [0.0, 1.0], method="leapfrog")
    with pytest.raises(ValueError):
        ODE("tanh", Hyper(eta=0.5))
