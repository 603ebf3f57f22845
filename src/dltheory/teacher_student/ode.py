"""The ODEs of online SGD in soft committee machines, batched over trajectories.

Model and conventions (shared with :mod:`.simulate`)
----------------------------------------------------
Student ``phi(x) = sum_k v_k g(lambda_k)`` with ``K`` units; ``P`` teachers (tasks), teacher
``p`` is ``phi*_p(x) = sum_m A_pm g(nu_m) + sigma zeta`` over the ``M`` teacher units stacked
over all teachers (a teacher's readout ``A_p`` is zero on the other teachers' units).  The
student may have ``H`` readout heads ``v^(h)`` (multi-head continual learning); a phase of
training fits teacher ``p`` with head ``h``.  Online SGD on ``(phi - y)^2 / 2`` with one fresh
sample per step and, as in Goldt et al. (2019) and the authors' code (sgoldt/nn2pp),

    w_k <- w_k - eta / sqrt(N) * b_k g'(lambda_k) (phi - y) x       (first layer)
    v_k <- v_k - eta_v / N * g(lambda_k) (phi - y)                    (active head)

with ``b = v`` (backpropagation) or ``b`` a fixed random feedback vector (direct feedback
alignment, Refinetti et al. 2021), plus optional weight decay ``-kappa/N`` per step on
both layers.  Time ``t = steps / N``.  In the limit ``N -> infinity`` the order parameters
``Q = W W^T/N`` (``K x K``), ``R = W W*^T/N`` (``K x M``), ``T = W* W*^T/N`` (fixed) and the heads
obey (Goldt et al. 2019, Eqs. (9)-(10); Saad & Solla 1995; Refinetti et al. 2021, Eq. (6))

    dR_in/dt = -eta b_i sum_a c_a I3(i, n, a) - kappa R_in
    dQ_ik/dt = -eta [b_i sum_a c_a I3(i, k, a) + b_k sum_a c_a I3(k, i, a)]
               + eta^2 b_i b_k [sum_ab c_a c_b I4(i, k, a, b) + sigma^2 J2(i, k)] - 2 kappa Q_ik
    dv_i/dt  = -eta_v sum_a c_a I2(i, a) - kappa v_i                 (active head only)

where ``a, b`` run over all units and ``c = (v^(h), -A_p)`` are the signed readouts of the
error ``phi - phi*_p``.  The generalisation error of head ``h`` on teacher ``p`` is
``eps_g = 1/2 c^T I2 c`` (:func:`.integrals.eps_g`).

Batching
--------
``B`` trajectories (seeds, widths, learning rates, similarities) are integrated as one
array with the batch axis last.  Trajectories with fewer student units than ``K`` are
padded with zero units (``Q, R, v, b = 0``): for erf and linear ``g(0) = 0``, so such a unit
never moves and contributes nothing, and the padded system is exact.  Every elementwise
operation runs over ``[n_tuples, B]``; the index tuples are listed once per phase.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .integrals import _check, eps_g, tuples

__all__ = ["ODEState", "Phase", "Hyper", "ODE", "integrate", "covariance"]


@dataclass
class ODEState:
    """Order parameters of ``B`` trajectories (batch axis last).

    Attributes
    ----------
    Q : ``[K, K, B]`` student-student overlaps ``w_i.w_k/N``
    R : ``[K, M, B]`` student-teacher overlaps ``w_i.w*_n/N``
    T : ``[M, M, B]`` teacher-teacher overlaps (constant)
    V : ``[H, K, B]`` student readout heads
    A : ``[P, M, B]`` teacher readouts (teacher ``p`` uses ``A[p]``; constant)
    feedback : ``[K, B]`` DFA feedback vector ``b`` (used where ``Hyper.dfa``), or None
    """

    Q: np.ndarray
    R: np.ndarray
    T: np.ndarray
    V: np.ndarray
    A: np.ndarray
    feedback: np.ndarray | None = None

    def __post_init__(self) -> None:
        self.Q, self.R, self.T, self.V, self.A = (
            np.array(x, dtype=float) for x in (self.Q, self.R, self.T, self.V, self.A))
        K, M, B = self.R.shape
        if self.Q.shape != (K, K, B) or self.T.shape != (M, M, B):
            raise ValueError(f"inconsistent shapes Q {self.Q.shape}, R {self.R.shape}, "
                             f"T {self.T.shape}")
        if self.V.shape[1:] != (K, B) or self.A.shape[1:] != (M, B):
            raise ValueError(f"inconsistent shapes V {self.V.shape}, A {self.A.shape}")
        if self.feedback is not None:
            self.feedback = np.array(self.feedback, dtype=float).reshape(K, B)

    @property
    def shape(self) -> tuple[int, int, int, int, int]:
        """``(K, M, H, P, B)``."""
        return (self.R.shape[0], self.R.shape[1], self.V.shape[0], self.A.shape[0],
                self.R.shape[2])

    def copy(self) -> "ODEState":
        return ODEState(self.Q.copy(), self.R.copy(), self.T.copy(), self.V.copy(),
                        self.A.copy(), None if self.feedback is None else self.feedback.copy())


@dataclass(frozen=True)
class Phase:
    """A stretch of training: teacher ``task`` fitted with head ``head`` until time ``until``.

    ``train_first`` / ``train_second`` switch the layers' updates on or off (a soft
    committee machine with fixed readouts has ``train_second=False``).
    """

    until: float
    task: int = 0
    head: int = 0
    train_first: bool = True
    train_second: bool = True


@dataclass
class Hyper:
    """Per-trajectory hyper-parameters, each broadcast to ``[B]``.

    eta : first-layer learning rate (update ``eta/sqrt(N)``)
    eta_v : second-layer learning rate (update ``eta_v/N``)
    sigma : std of the teacher's additive output noise
    kappa : weight-decay constant (``-kappa/N`` per step on both layers)
    dfa : train the first layer with the feedback vector instead of the readout
    """

    eta: np.ndarray
    eta_v: np.ndarray | None = None
    sigma: np.ndarray | float = 0.0
    kappa: np.ndarray | float = 0.0
    dfa: np.ndarray | bool = False

    def broadcast(self, B: int) -> "Hyper":
        eta = np.broadcast_to(np.asarray(self.eta, dtype=float), (B,)).copy()
        eta_v = eta.copy() if self.eta_v is None else \
            np.broadcast_to(np.asarray(self.eta_v, dtype=float), (B,)).copy()
        return Hyper(eta, eta_v,
                     np.broadcast_to(np.asarray(self.sigma, dtype=float), (B,)).copy(),
                     np.broadcast_to(np.asarray(self.kappa, dtype=float), (B,)).copy(),
                     np.broadcast_to(np.asarray(self.dfa, dtype=bool), (B,)).copy())


def covariance(Q: np.ndarray, R: np.ndarray, T: np.ndarray) -> np.ndarray:
    """The joint covariance ``C = [[Q, R], [R^T, T]]`` of all local fields: ``[n, n, B]``."""
    top = np.concatenate([Q, R], axis=1)
    bottom = np.concatenate([np.swapaxes(R, 0, 1), T], axis=1)
    return np.concatenate([top, bottom], axis=0)


@dataclass
class _Tuples:
    """Index tuples of one phase (the active teacher's units fixed)."""

    active: np.ndarray          # units with a non-zero error readout: students + teacher p
    pi: np.ndarray              # student pairs (i, k), i <= k
    pk: np.ndarray
    ta: np.ndarray              # active pairs (a, b), a <= b, as positions in `active`
    tb: np.ndarray
    wt: np.ndarray              # 1 for a == b, 2 for a < b: [n_ab, 1]


@dataclass
class ODE:
    """Right-hand side and integrators for the order parameters of ``B`` trajectories.

    Parameters
    ----------
    activation : ``"erf"`` or ``"linear"`` (teacher and student)
    hyper : per-trajectory :class:`Hyper`
    teacher_units : ``[P]`` lists of the teacher units of each teacher (default: the units
        where ``A[p]`` is non-zero in any trajectory; all units if none)
    """

    activation: str
    hyper: Hyper
    teacher_units: list | None = None
    _cache: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        _check(self.activation)

    def _tuples(self, K: int, units: tuple) -> _Tuples:
        key = (K, units)
        if key not in self._cache:
            active = np.array(list(range(K)) + [K + m for m in units], dtype=np.intp)
            pi, pk = tuples(range(K), range(K), symmetric=((0, 1),))
            ta, tb = tuples(range(active.size), range(active.size), symmetric=((0, 1),))
            self._cache[key] = _Tuples(active, pi, pk, ta, tb,
                                       np.where(ta == tb, 1.0, 2.0)[:, None])
        return self._cache[key]

    def units_of(self, state: ODEState, task: int) -> tuple:
        """Teacher units that make up teacher ``task``."""
        if self.teacher_units is not None:
            return tuple(int(m) for m in self.teacher_units[task])
        nz = np.nonzero(np.any(state.A[task] != 0, axis=-1))[0]
        return tuple(int(m) for m in nz) if nz.size else tuple(range(state.A.shape[1]))

    def derivatives(self, state: ODEState, phase: Phase):
        """``(dQ, dR, dv)`` of the active head for the current state: ``[K,K,B]``, ``[K,M,B]``, ``[K,B]``.

        The sums over units of :mod:`.integrals` are evaluated in factorised form:
        ``sum_a c_a I3(i, j, a) = (2/pi) [sum_a C_ja r_ia - C_ij/(1+C_ii) sum_a C_ia r_ia]`` with
        ``r_ia = c_a / sqrt((1+C_ii)(1+C_aa) - C_ia^2)`` (a matrix product), and
        ``sum_ab c_a c_b I4(i, k, a, b)`` over the tuples ``i <= k``, ``a <= b`` with
        ``L0 = L4 C_ab + Y1_a C_ib + Y2_a C_kb`` and ``arcsin(x) = arctan(L0 / sqrt(L1 L2 - L0^2))``.
        ``tests/unit/teacher_student/test_ode.py`` checks them against :mod:`.integrals`.
        """
        K, M, H, P, B = state.shape
        hp = self.hyper
        tp = self._tuples(K, self.units_of(state, phase.task))
        act = tp.active
        C = covariance(state.Q, state.R, state.T)
        v = state.V[phase.head]
        c = np.concatenate([v, -state.A[phase.task]], axis=0)[act]   # [nA, B]
        dQ = np.zeros((K, K, B))
        dR = np.zeros((K, M, B))
        dv = np.zeros((K, B))
        linear = self.activation == "linear"
        Cs = C[:K]                                                   # [K, n, B]
        Csa = Cs[:, act]                                             # [K, nA, B] = C_ia
        if phase.train_first:
            bvec = v if state.feedback is None else np.where(hp.dfa, state.feedback, v)
            d = 1.0 + np.einsum("iib->ib", C)                        # 1 + C_aa: [n, B]
            if linear:
                i3c = np.broadcast_to(np.einsum("jab,ab->jb", C[:, act], c)[None], (K, K + M, B))
            else:
                lam3 = d[:K, None] * d[act][None] - Csa * Csa
                r = c[None] / np.sqrt(lam3)                          # [K, nA, B]
                first = np.einsum("jab,iab->ijb", C[:, act], r)
                s = np.einsum("iab,iab->ib", Csa, r)
                i3c = (2.0 / np.pi) * (first - Cs * (s / d[:K])[:, None])
            eta = hp.eta
            dR = -eta * bvec[:, None, :] * i3c[:, K:, :]
            lin = bvec[:, None, :] * i3c[:, :K, :]
            dQ = -eta * (lin + np.swapaxes(lin, 0, 1))
            pi, pk = tp.pi, tp.pk
            if linear:
                cc = np.einsum("abx,ax,bx->x", C[act][:, act], c, c)
                s4 = np.broadcast_to(cc[None], (pi.size, B))
                j2 = 1.0
            else:
                s4 = self._s4_erf(C, d, c, tp)
                j2 = (2.0 / np.pi) / np.sqrt(d[pi] * d[pk] - np.square(C[pi, pk]))
            quad = np.square(eta) * bvec[pi] * bvec[pk] * (s4 + np.square(hp.sigma) * j2)
            dQ[pi, pk] += quad
            off = pi != pk
            dQ[pk[off], pi[off]] += quad[off]
            if np.any(hp.kappa):
                dR -= hp.kappa * state.R
                dQ -= 2.0 * hp.kappa * state.Q
        if phase.train_second:
            if linear:
                i2 = Csa
            else:
                d = 1.0 + np.einsum("iib->ib", C)
                i2 = (2.0 / np.pi) * np.arcsin(Csa / np.sqrt(d[:K, None] * d[act][None]))
            dv = -hp.eta_v * np.einsum("iab,ab->ib", i2, c) - hp.kappa * v
        return dQ, dR, dv

    @staticmethod
    def _s4_erf(C: np.ndarray, d: np.ndarray, c: np.ndarray, tp: _Tuples) -> np.ndarray:
        """``sum_ab c_a c_b I4(i, k, a, b)`` for erf, per student pair ``i <= k``: ``[n_pairs, B]``."""
        pi, pk, act, ta, tb = tp.pi, tp.pk, tp.active, tp.ta, tp.tb
        ci, ck, cik = d[pi], d[pk], C[pi, pk]
        lam4 = ci * ck - cik * cik
        cia, cka = C[pi][:, act], C[pk][:, act]                      # [pairs, nA, B]
        ci_, ck_, cik_ = ci[:, None], ck[:, None], cik[:, None]
        lam1 = lam4[:, None] * d[act][None] - cka * cka * ci_ - cia * cia * ck_ \
            + 2.0 * cik_ * cia * cka
        y1 = cik_ * cka - ck_ * cia
        y2 = cik_ * cia - ci_ * cka
        lam0 = y1[:, ta]
        lam0 *= cia[:, tb]
        tmp = y2[:, ta]
        tmp *= cka[:, tb]
        lam0 += tmp
        np.multiply(lam4[:, None], C[act[ta], act[tb]][None], out=tmp)
        lam0 += tmp
        den = lam1[:, ta]
        den *= lam1[:, tb]
        np.multiply(lam0, lam0, out=tmp)
        den -= tmp
        with np.errstate(divide="ignore"):                           # |x| = 1: arctan(inf) = pi/2
            np.sqrt(den, out=den)
            np.divide(lam0, den, out=lam0)
        np.arctan(lam0, out=lam0)
        lam0 *= (tp.wt * c[ta] * c[tb])[None]
        return lam0.sum(axis=1) * (4.0 / np.pi**2) / np.sqrt(lam4)

    def step(self, state: ODEState, phase: Phase, dt: float, method: str = "rk4") -> ODEState:
        """One step of length ``dt`` (``"euler"`` or classical ``"rk4"``), in place; returns ``state``."""
        h = phase.head
        if method == "euler":
            dQ, dR, dv = self.derivatives(state, phase)
            state.Q += dt * dQ
            state.R += dt * dR
            state.V[h] += dt * dv
            return state
        if method != "rk4":
            raise ValueError(f"method must be 'euler' or 'rk4', got {method!r}")
        Q0, R0, v0 = state.Q.copy(), state.R.copy(), state.V[h].copy()
        acc = [np.zeros_like(Q0), np.zeros_like(R0), np.zeros_like(v0)]
        for stage, (frac, weight) in enumerate(((0.0, 1.0), (0.5, 2.0), (0.5, 2.0), (1.0, 1.0))):
            if stage:
                state.Q, state.R = Q0 + frac * dt * d[0], R0 + frac * dt * d[1]
                state.V[h] = v0 + frac * dt * d[2]
            d = self.derivatives(state, phase)
            for x, dx in zip(acc, d):
                x += weight * dx
        state.Q = Q0 + dt / 6.0 * acc[0]
        state.R = R0 + dt / 6.0 * acc[1]
        state.V[h] = v0 + dt / 6.0 * acc[2]
        return state

    def errors(self, state: ODEState, pairs) -> np.ndarray:
        """``eps_g`` of head ``h`` on teacher ``p`` for each ``(p, h)`` in ``pairs``: ``[len(pairs), B]``."""
        C = covariance(state.Q, state.R, state.T)
        out = []
        for p, h in pairs:
            c = np.concatenate([state.V[h], -state.A[p]], axis=0)
            out.append(eps_g(C, c, self.activation))
        return np.stack(out)


_DP_A = (
    (),
    (1 / 5,),
    (3 / 40, 9 / 40),
    (44 / 45, -56 / 15, 32 / 9),
    (19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729),
    (9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656),
    (35 / 384, 0.0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84),
)
_DP_E = (71 / 57600, 0.0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40)


def _dopri_span(ode: ODE, state: ODEState, phase: Phase, span: float, h: float,
                rtol: float, atol: float, h_max: float) -> tuple[float, int, int]:
    """Adaptive Dormand-Prince 5(4) over ``span``, in place: ``(next step, accepted, rejected)``.

    One step size for the whole batch, controlled by the largest scaled error
    ``|e| / (atol + rtol |y|)`` of any component of any trajectory.
    """
    hd = phase.head

    def f(y):
        state.Q, state.R, state.V[hd] = y
        return ode.derivatives(state, phase)

    y = (state.Q.copy(), state.R.copy(), state.V[hd].copy())
    k1 = f(y)
    done, accepted, rejected = 0.0, 0, 0
    while done < span - 1e-12 * max(1.0, span):
        h = min(h, span - done, h_max)
        ks = [k1]
        for row in _DP_A[1:]:
            yi = tuple(y[c] + h * sum(a * k[c] for a, k in zip(row, ks) if a) for c in range(3))
            ks.append(f(yi))
        y_new = yi                       # the last stage is the 5th-order solution (FSAL)
        err = 0.0
        for c in range(3):
            e = h * sum(w * k[c] for w, k in zip(_DP_E, ks) if w)
            scale = atol + rtol * np.maximum(np.abs(y[c]), np.abs(y_new[c]))
            err = max(err, float(np.max(np.abs(e) / scale))) if e.size else err
        if not np.isfinite(err):
            err = np.inf
        if err <= 1.0:
            y, k1 = y_new, ks[-1]
            done += h
            accepted += 1
            h *= min(5.0, max(0.2, 0.9 * err ** -0.2)) if err > 0 else 5.0
        else:
            rejected += 1
            h *= max(0.1, 0.9 * err ** -0.2) if np.isfinite(err) else 0.1
            if h < 1e-10 * max(1.0, span):
                raise FloatingPointError("adaptive step size underflow: the ODE blew up")
    state.Q, state.R, state.V[hd] = (x.copy() for x in y)
    return h, accepted, rejected


def integrate(ode: ODE, state: ODEState, phases: list[Phase], times, dt: float = 0.05,
              method: str = "rk4", error_pairs=None, rtol: float = 1e-7,
              atol: float = 1e-10) -> dict:
    """Integrate through ``phases`` and record at ``times`` (sorted, within the phases).

    ``method``: ``"euler"`` or ``"rk4"`` with steps of at most ``dt`` that land exactly on
    every recording time and phase boundary, or ``"dopri5"`` (adaptive Dormand-Prince 5(4)
    with tolerances ``rtol``, ``atol``, first step ``dt``, steps at most ``50 dt``; see
    :func:`_dopri_span`), which takes long steps where the order parameters barely move
    (plateaus, the approach to a fixed point).

    Returns
    -------
    dict with ``t [T]``, ``Q [T, K, K, B]``, ``R [T, K, M, B]``, ``V [T, H, K, B]``,
    ``eps [T, E, B]`` (``E`` = ``len(error_pairs)``, default ``(p, h)`` of every phase) and
    ``steps`` (number of steps taken).  Non-finite values are kept, never hidden.
    """
    times = np.asarray(times, dtype=float)
    if np.any(np.diff(times) < 0) or times.size == 0:
        raise ValueError("times must be a non-empty sorted array")
    if not phases or times[-1] > phases[-1].until + 1e-12:
        raise ValueError("the last recording time lies beyond the last phase")
    if error_pairs is None:
        error_pairs = list(dict.fromkeys((ph.task, ph.head) for ph in phases))
    state = state.copy()
    rec = {"Q": [], "R": [], "V": [], "eps": []}
    if method not in ("euler", "rk4", "dopri5"):
        raise ValueError(f"method must be 'euler', 'rk4' or 'dopri5', got {method!r}")
    t, n_steps, n_rejected, h_next = 0.0, 0, 0, dt
    stops = sorted(set(times.tolist()) | {ph.until for ph in phases})
    ti = 0
    for stop in stops:
        while ti < times.size and times[ti] <= t + 1e-12:
            _record(rec, ode, state, error_pairs)
            ti += 1
        if stop <= t + 1e-12:
            continue
        phase = next(ph for ph in phases if ph.until > t + 1e-12)
        span = stop - t
        if method == "dopri5":
            h_next, acc, rej = _dopri_span(ode, state, phase, span, h_next, rtol, atol,
                                           h_max=50.0 * dt)
            n_steps += acc
            n_rejected += rej
        else:
            n = max(1, int(np.ceil(span / dt - 1e-9)))
            h = span / n
            for _ in range(n):
                ode.step(state, phase, h, method)
            n_steps += n
        t = stop
    while ti < times.size and times[ti] <= t + 1e-12:
        _record(rec, ode, state, error_pairs)
        ti += 1
    out = {k: np.stack(v) for k, v in rec.items()}
    out["t"] = times
    out["steps"] = n_steps
    out["rejected"] = n_rejected
    out["error_pairs"] = np.asarray(error_pairs, dtype=int).reshape(-1, 2)
    return out


def _record(rec: dict, ode: ODE, state: ODEState, pairs) -> None:
    rec["Q"].append(state.Q.copy())
    rec["R"].append(state.R.copy())
    rec["V"].append(state.V.copy())
    rec["eps"].append(ode.errors(state, pairs))
