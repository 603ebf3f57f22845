"""Online SGD of soft committee machines, many replicas at once, exact in every step.

Same model, scalings and time ``t = steps/N`` as :mod:`.ode` (read its docstring): one
fresh Gaussian input per step, first layer ``w_k -= eta/sqrt(N) b_k g'(lambda_k) Delta x``,
active head ``v_k -= eta_v/N g(lambda_k) Delta``, weight decay ``(1 - kappa/N)`` per step,
``Delta = phi(x) - y``, ``y = sum_m A_pm g(nu_m) + sigma zeta``.  ``R`` replicas (seeds,
widths, learning rates) run side by side; each replica draws its inputs and noise from
its own random stream, so its trajectory does not depend on what it is batched with.

Chunked exact updates
---------------------
Python-level work per step is what limits plain online SGD in numpy.  Within a chunk of
``L`` steps the first-layer weights are ``W_mu = c^mu W_0 - eta/sqrt(N) sum_{nu<mu}
c^(mu-1-nu) d_nu x_nu^T`` (``c = 1 - kappa/N``), so the local fields the next step needs are

    lambda_mu = c^mu W_0 x_mu/sqrt(N) - eta sum_{nu<mu} c^(mu-1-nu) d_nu (x_nu . x_mu)/N,

i.e. one matrix product ``W_0 X^T`` and the Gram matrix ``X X^T/N`` per chunk (BLAS) and
only ``K``-dimensional work per step; ``W`` itself is updated once per chunk by
``D^T X``.  This is the same arithmetic as updating ``W`` every step (to rounding), not an
approximation; ``tests/unit/teacher_student/test_simulate.py`` checks it against the
step-by-step loop.

Observables are the order parameters ``Q, R`` and heads at the recording times, and the
generalisation error computed from them with the closed form of :func:`.integrals.eps_g`
(as in Goldt et al.'s code): exact for the network's weights, no test-set noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scipy.special import erf

from .integrals import g
from .ode import Hyper, ODE, ODEState, Phase

__all__ = ["Network", "simulate", "overlaps"]


@dataclass
class Network:
    """Weights of ``R`` replicas (replica axis first).

    Attributes
    ----------
    W : ``[R, K, N]`` student first layer (rows of zeros pad narrower students)
    V : ``[R, H, K]`` student readout heads
    teachers : ``[R, M, N]`` first layers of all teachers, stacked
    A : ``[R, P, M]`` teacher readouts (teacher ``p`` is ``sum_m A[p, m] g(nu_m)``)
    feedback : ``[R, K]`` DFA feedback vectors, or None
    """

    W: np.ndarray
    V: np.ndarray
    teachers: np.ndarray
    A: np.ndarray
    feedback: np.ndarray | None = None

    @property
    def N(self) -> int:
        return self.W.shape[2]

    def copy(self) -> "Network":
        return Network(self.W.copy(), self.V.copy(), self.teachers.copy(), self.A.copy(),
                       None if self.feedback is None else self.feedback.copy())

    def ode_state(self) -> ODEState:
        """The order parameters of these weights, batch axis last, as an :class:`.ode.ODEState`."""
        Q, R, T = overlaps(self.W, self.teachers)
        fb = None if self.feedback is None else np.moveaxis(self.feedback, 0, -1)
        return ODEState(Q, R, T, np.moveaxis(self.V, 0, -1), np.moveaxis(self.A, 0, -1), fb)


def overlaps(W: np.ndarray, teachers: np.ndarray):
    """``Q = W W^T/N``, ``R = W W*^T/N``, ``T = W* W*^T/N``, batch axis last: ``[K,K,R]``, ``[K,M,R]``, ``[M,M,R]``."""
    N = W.shape[-1]
    Q = np.einsum("rkn,rln->klr", W, W) / N
    R = np.einsum("rkn,rmn->kmr", W, teachers) / N
    T = np.einsum("rmn,rln->mlr", teachers, teachers) / N
    return Q, R, T


def simulate(net: Network, hyper: Hyper, phases: list[Phase], times, rngs,
             activation: str = "erf", chunk: int = 16, error_pairs=None) -> dict:
    """Run online SGD through ``phases`` and record the order parameters at ``times``.

    Parameters
    ----------
    net : initial weights (not modified)
    hyper : per-replica hyper-parameters (as for the ODE)
    phases : training phases (teacher, head, layers trained, end time ``t = steps/N``)
    times : sorted recording times ``t``; steps are ``round(t N)``
    rngs : one ``numpy.random.Generator`` per replica (inputs and output noise)
    chunk : steps per chunk ``L`` (the Gram matrix is ``L x L``)
    error_pairs : ``(teacher, head)`` pairs whose ``eps_g`` is recorded (default: every phase's)

    Returns
    -------
    dict with ``t``, ``Q [T, K, K, R]``, ``R [T, K, M, R]``, ``V [T, H, K, R]``,
    ``eps [T, E, R]``, ``error_pairs`` and ``final`` (the final :class:`Network`): the
    same layout as :func:`.ode.integrate`.
    """
    net = net.copy()
    R_, K, N = net.W.shape
    hp = hyper.broadcast(R_)
    if len(rngs) != R_:
        raise ValueError(f"need one random generator per replica ({R_}), got {len(rngs)}")
    times = np.asarray(times, dtype=float)
    steps_at = np.rint(times * N).astype(np.int64)
    phase_end = [int(round(ph.until * N)) for ph in phases]
    if steps_at.size == 0 or np.any(np.diff(steps_at) < 0) or steps_at[-1] > phase_end[-1]:
        raise ValueError("times must be sorted and lie within the phases")
    if error_pairs is None:
        error_pairs = list(dict.fromkeys((ph.task, ph.head) for ph in phases))
    ode = ODE(activation, hp)  # for eps_g of the recorded overlaps
    rec = {"Q": [], "R": [], "V": [], "eps": []}
    stops = sorted(set(steps_at.tolist()) | set(phase_end))
    step, ri = 0, 0
    for stop in stops:
        while ri < steps_at.size and steps_at[ri] <= step:
            _record(rec, net, ode, error_pairs)
            ri += 1
        if stop <= step:
            continue
        phase = phases[next(i for i, end in enumerate(phase_end) if end > step)]
        while step < stop:
            n = min(chunk, stop - step)
            _chunk(net, hp, phase, n, rngs, activation)
            step += n
    while ri < steps_at.size and steps_at[ri] <= step:
        _record(rec, net, ode, error_pairs)
        ri += 1
    out = {k: np.stack(v) for k, v in rec.items()}
    out.update(t=steps_at / N, error_pairs=np.asarray(error_pairs, dtype=int).reshape(-1, 2),
               final=net)
    return out


def _record(rec: dict, net: Network, ode: ODE, pairs) -> None:
    state = net.ode_state()
    rec["Q"].append(state.Q)
    rec["R"].append(state.R)
    rec["V"].append(state.V)
    rec["eps"].append(ode.errors(state, pairs))


def _chunk(net: Network, hp: Hyper, phase: Phase, L: int, rngs, activation: str) -> None:
    """``L`` SGD steps of every replica, in place (see the module docstring)."""
    R_, K, N = net.W.shape
    X = np.empty((R_, L, N))
    noise = np.empty((R_, L))
    for r, gen in enumerate(rngs):
        gen.standard_normal(out=X[r])
        gen.standard_normal(out=noise[r])
    sqrt_n = np.sqrt(N)
    lam = np.matmul(net.W, np.swapaxes(X, 1, 2)) / sqrt_n                 # [R, K, L]
    nu = np.matmul(net.teachers, np.swapaxes(X, 1, 2)) / sqrt_n           # [R, M, L]
    y = np.einsum("rm,rml->rl", net.A[:, phase.task], g(nu, activation)) + hp.sigma[:, None] * noise
    decay = 1.0 - hp.kappa / N                                            # [R]
    decaying = bool(np.any(hp.kappa)) and phase.train_first
    if decaying:  # lambda_mu carries c^mu W_0 x_mu
        lam *= decay[:, None, None] ** np.arange(L)[None, None, :]
    v = net.V[:, phase.head]                                              # [R, K] (a view)
    train_first, train_second = phase.train_first, phase.train_second
    erf_units = activation == "erf"
    frozen_v = not train_second or not np.any(hp.eta_v)
    if net.feedback is not None and np.any(hp.dfa):
        fixed_b = frozen_v or bool(np.all(hp.dfa))
        dfa = hp.dfa[:, None]
    else:
        fixed_b, dfa = frozen_v, None
    # eta g'(lambda) b: fold the constants once; recompute b per step only if it moves
    scale = hp.eta[:, None] * (np.sqrt(2.0 / np.pi) if erf_units else 1.0)
    b_eta = scale * (v if dfa is None else np.where(dfa, net.feedback, v)) if fixed_b else None
    D = np.empty((R_, L, K)) if train_first else None
    if train_first:
        gram = np.matmul(X, np.swapaxes(X, 1, 2)) / N                    # [R, L, L]
        if decaying:
            powers = decay[:, None, None] ** np.arange(L)[None, :, None]  # [R, L, 1]
    lam = np.ascontiguousarray(np.swapaxes(lam, 1, 2))                    # [R, L, K]
    coef_v = (hp.eta_v / N)[:, None]
    decay_v = bool(np.any(hp.kappa))
    inv_sqrt2 = 1.0 / np.sqrt(2.0)
    for mu in range(L):
        lm = lam[:, mu]                                                   # [R, K]
        gl = erf(lm * inv_sqrt2) if erf_units else lm
        delta = (v * gl).sum(axis=1) - y[:, mu]                           # [R]
        if train_first:
            b = b_eta if fixed_b else scale * (v if dfa is None else np.where(dfa, net.feedback, v))
            d = np.exp(-0.5 * lm * lm) * b if erf_units else b.copy()
            d *= delta[:, None]                                           # eta b g'(lambda) Delta
            D[:, mu] = d
            if mu + 1 < L:
                upd = gram[:, mu + 1:, mu, None] * d[:, None, :]
                if decaying:
                    upd *= powers[:, : L - mu - 1]
                lam[:, mu + 1:] -= upd
        if train_second:
            if decay_v:
                v *= decay[:, None]
            v -= (coef_v * delta[:, None]) * gl
    if phase.train_first:
        if decaying:
            D *= (decay[:, None] ** np.arange(L - 1, -1, -1)[None, :])[:, :, None]
            net.W *= (decay ** L)[:, None, None]
        net.W -= np.matmul(np.swapaxes(D, 1, 2), X) / sqrt_n             # D carries eta
