"""The chunked online-SGD simulator: exactly the step-by-step SGD, and close to the ODE."""

import numpy as np
import pytest

from dltheory.teacher_student.integrals import g, g_prime
from dltheory.teacher_student.ode import ODE, Hyper, Phase, integrate
from dltheory.teacher_student.simulate import Network, overlaps, simulate


def _net(R=3, K=3, M=2, N=80, P=1, H=1, seed=0, dfa=False):
    rng = np.random.default_rng(seed)
    A = np.zeros((R, P, M))
    for p, units in enumerate(np.array_split(np.arange(M), P)):
        A[:, p, units] = rng.normal(size=(R, len(units)))
    return Network(rng.normal(size=(R, K, N)), rng.normal(size=(R, H, K)),
                   rng.normal(size=(R, M, N)), A, rng.normal(size=(R, K)) if dfa else None)


def _naive(net, hp, phases, n_steps, rngs, activation, chunk):
    """Plain online SGD, one sample at a time, drawing the samples exactly as the simulator."""
    net = net.copy()
    R_, K, N = net.W.shape
    step = 0
    for phase in phases:
        end = int(round(phase.until * N))
        while step < end:
            L = min(chunk, end - step)
            X = np.empty((R_, L, N)); noise = np.empty((R_, L))
            for r, gen in enumerate(rngs):
                gen.standard_normal(out=X[r]); gen.standard_normal(out=noise[r])
            for mu in range(L):
                x = X[:, mu]
                lam = np.einsum("rkn,rn->rk", net.W, x) / np.sqrt(N)
                nu = np.einsum("rmn,rn->rm", net.teachers, x) / np.sqrt(N)
                y = np.einsum("rm,rm->r", net.A[:, phase.task], g(nu, activation)) + hp.sigma * noise[:, mu]
                v = net.V[:, phase.head]
                delta = np.einsum("rk,rk->r", v, g(lam, activation)) - y
                b = v if net.feedback is None else np.where(hp.dfa[:, None], net.feedback, v)
                dw = (hp.eta / np.sqrt(N))[:, None, None] * (b * g_prime(lam, activation) * delta[:, None])[:, :, None] * x[:, None, :]
                dv = (hp.eta_v / N)[:, None] * delta[:, None] * g(lam, activation)
                if phase.train_first:
                    net.W = (1 - hp.kappa / N)[:, None, None] * net.W - dw
                if phase.train_second:
                    net.V[:, phase.head] = (1 - hp.kappa / N)[:, None] * v - dv
            step += L
    return net


@pytest.mark.parametrize("activation", ["erf", "linear"])
def test_chunked_updates_equal_step_by_step_sgd(activation):
    R_ = 4
    net = _net(R=R_, K=3, M=4, P=2, H=2, dfa=True)
    hp = Hyper(eta=np.array([0.5, 0.3, 0.8, 0.2]), eta_v=np.array([0.4, 0.0, 0.6, 0.3]),
               sigma=np.array([0.0, 0.2, 0.1, 0.3]), kappa=np.array([0.0, 0.05, 0.1, 0.0]),
               dfa=np.array([False, True, False, True])).broadcast(R_)
    phases = [Phase(until=0.5, task=0, head=0), Phase(until=1.0, task=1, head=1, train_first=False),
              Phase(until=1.5, task=1, head=1)]
    seeds = [np.random.default_rng(10 + r) for r in range(R_)]
    out = simulate(net, hp, phases, [0.0, 1.5], seeds, activation=activation, chunk=7)
    ref = _naive(net, hp, phases, 120, [np.random.default_rng(10 + r) for r in range(R_)],
                 activation, chunk=7)
    assert np.allclose(out["final"].W, ref.W, rtol=1e-10, atol=1e-12)
    assert np.allclose(out["final"].V, ref.V, rtol=1e-10, atol=1e-12)


def test_replicas_are_independent_of_their_batch():
    net = _net(R=3, N=100)
    hp = Hyper(eta=0.5, sigma=0.1)
    run = lambda nets, idx: simulate(nets, hp, [Phase(until=2.0)], [0.0, 1.0, 2.0],  # noqa: E731
                                     [np.random.default_rng(i) for i in idx])
    both = run(net, [0, 1, 2])
    one = run(Network(net.W[1:2], net.V[1:2], net.teachers[1:2], net.A[1:2]), [1])
    assert np.allclose(both["eps"][..., 1], one["eps"][..., 0], rtol=1e-12)


def test_overlaps_and_recorded_errors():
    net = _net(R=2, N=200)
    Q, R, T = overlaps(net.W, net.teachers)
    assert Q.shape == (3, 3, 2) and R.shape == (3, 2, 2) and T.shape == (2, 2, 2)
    out = simulate(net, Hyper(eta=0.5), [Phase(until=1.0)], [0.0, 1.0],
                   [np.random.default_rng(i) for i in range(2)])
    ode = ODE("erf", Hyper(eta=0.5).broadcast(2))
    assert np.allclose(out["eps"][0], ode.errors(net.ode_state(), [(0, 0)]))
    assert np.allclose(out["t"], [0.0, 1.0])
    with pytest.raises(ValueError):
        simulate(net, Hyper(eta=0.5), [Phase(until=1.0)], [0.0, 2.0],
                 [np.random.default_rng(i) for i in range(2)])


def test_sgd_follows_the_ode_at_large_n():
    """Seed mean of eps_g at N = 2000 within a few percent of the ODE from the same start."""
    R_, N = 4, 2000
    rng = np.random.default_rng(5)
    net = Network(rng.normal(size=(R_, 2, N)), np.ones((R_, 1, 2)), rng.normal(size=(R_, 2, N)),
                  np.ones((R_, 1, 2)))
    hp = Hyper(eta=0.5, eta_v=0.0)
    times = [0.0, 1.0, 2.0, 4.0]
    sim = simulate(net, hp, [Phase(until=4.0)], times, [np.random.default_rng(i) for i in range(R_)])
    ode = integrate(ODE("erf", hp.broadcast(R_)), net.ode_state(), [Phase(until=4.0)], times,
                    dt=0.05)
    rel = np.abs(sim["eps"].mean(-1) - ode["eps"].mean(-1)) / ode["eps"].mean(-1)
    assert rel.max() < 0.03
