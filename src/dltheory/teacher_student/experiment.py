"""Experiments of the teacher-student family: specs, networks, simulations and their ODEs.

A :class:`RunSpec` is one configuration (widths, learning rates, noise, teachers,
initialisation, training phases).  A paper's plan is a list of specs; the workflow

    simulate (one job per seed: every simulated spec of that seed, batched)
      -> theory (the ODE from each simulation's own initial order parameters, plus
                 ODE-only specs from freshly drawn initial weights, all batched)
      -> collect -> check -> figure

and both halves write the same tidy table (:data:`COLUMNS`): one row per
``(source, spec, seed, t)`` with the generalisation errors ``eps`` (teacher 1) and
``eps_2`` (teacher 2, continual learning) and the DFA alignment ``align = cos(v, b)``,
so figures overlay them directly.

Randomness (:mod:`dltheory.core.seeding`): for replicate ``seed`` the teachers come from
stream ``"teacher"``, the student's initial weights from ``"student"``, the feedback
vector from ``"feedback"`` (shared by every spec of that seed, so a scan over ``K`` or a
similarity is a paired comparison: the first ``K`` student units are the same for every
width) and the SGD inputs and label noise from ``("sgd", spec.key)``.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from ..core.seeding import derive_seed, rng
from .ode import ODE, Hyper, ODEState, Phase, integrate
from .simulate import Network, simulate

__all__ = ["RunSpec", "COLUMNS", "build_network", "group_specs", "run_simulations",
           "run_ode", "records_table", "order_parameters", "state_arrays", "stack_states",
           "specs_from_dicts"]

COLUMNS = ["source", "spec", "seed", "t", "eps", "eps_2", "align"]


@dataclass(frozen=True)
class RunSpec:
    """One configuration of a teacher-student experiment.

    Attributes
    ----------
    key : unique name (e.g. ``"first_K4"``); ``labels`` are extra table columns
    N : input dimension
    K : student hidden units; ``M`` units per teacher; ``P`` teachers; ``H`` heads
    activation : ``"erf"`` (``g = erf(x/sqrt 2)``) or ``"linear"``
    eta, eta_v : learning rates of the first and second layer (``eta/sqrt N``, ``eta_v/N``)
    sigma, kappa : output-noise std and weight decay
    dfa : train the first layer with the feedback vector (direct feedback alignment)
    train_second : train the readout heads (else ``eta_v = 0``: a soft committee machine
        with fixed readouts; specs that differ only in this share one batch)
    init : ``"random"`` (student ``w ~ N(0, w_std^2 I)``) or ``"informed"`` (student unit
        ``m < M`` is a copy of teacher unit ``m``, the others ``w ~ N(0, w_std^2 I)``)
    w_std : std of the random student weights, per component
    v_init : initial heads: ``"ones"``, ``"normal"`` (``N(0, v_std^2)``) or ``"teacher"``
        (informed: ``v_m = A_m`` on the copied units, ``N(0, v_std^2)`` elsewhere)
    v_std : see ``v_init``
    teacher_readout : ``"ones"`` or ``"normal"`` (``A ~ N(0, 1)``) for teacher 1
    feature_similarity : ``V``, overlap of teacher 2's units with teacher 1's:
        ``w*_2 = V w*_1 + sqrt(1 - V^2) w_perp``
    readout_similarity : ``rho = cos`` of the angle between the teachers' readouts
    phases : training phases (``Phase``: end time, teacher, head, layers trained)
    times : recording times
    simulate : whether SGD simulations are run for this spec (else ODE only)
    labels : extra descriptive columns, e.g. ``{"K": 4, "mode": "first"}``
    """

    key: str
    N: int
    K: int
    M: int
    phases: tuple
    times: tuple
    P: int = 1
    H: int = 1
    activation: str = "erf"
    eta: float = 0.5
    eta_v: float | None = None
    sigma: float = 0.0
    kappa: float = 0.0
    dfa: bool = False
    train_second: bool = True
    init: str = "random"
    w_std: float = 1.0
    v_init: str = "ones"
    v_std: float = 1.0
    teacher_readout: str = "ones"
    feature_similarity: float = 0.0
    readout_similarity: float = 1.0
    simulate: bool = True
    labels: tuple = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.init not in ("random", "informed"):
            raise ValueError(f"{self.key}: init must be 'random' or 'informed'")
        if self.init == "informed" and self.K < self.M:
            raise ValueError(f"{self.key}: an informed initialisation needs K >= M")
        if self.v_init not in ("ones", "normal", "teacher"):
            raise ValueError(f"{self.key}: v_init must be 'ones', 'normal' or 'teacher'")
        if not -1.0 <= self.readout_similarity <= 1.0 or not 0 <= self.feature_similarity <= 1:
            raise ValueError(f"{self.key}: similarities must lie in [0, 1] (rho in [-1, 1])")
        if self.P > 2:
            raise ValueError(f"{self.key}: at most two teachers")

    @property
    def hyper(self) -> dict:
        eta_v = self.eta if self.eta_v is None else self.eta_v
        return {"eta": self.eta, "eta_v": eta_v if self.train_second else 0.0,
                "sigma": self.sigma, "kappa": self.kappa, "dfa": self.dfa}

    @property
    def error_pairs(self) -> list[tuple[int, int]]:
        """``(teacher, head)`` pairs whose errors are recorded: each teacher with the head it trains."""
        heads = {ph.task: ph.head for ph in self.phases}
        return [(p, heads.get(p, min(p, self.H - 1))) for p in range(self.P)]

    def group(self) -> tuple:
        """Specs with the same group are integrated / simulated as one batch."""
        return (self.N, self.M, self.P, self.H, self.activation, self.phases)

    def as_row(self) -> dict:
        row = {"spec": self.key, "N": self.N, "K": self.K, "M": self.M, "eta": self.eta,
               "sigma": self.sigma}
        row.update(dict(self.labels))
        return row

    def to_dict(self) -> dict:
        d = asdict(self)
        d["phases"] = [asdict(ph) for ph in self.phases]
        d["times"] = list(self.times)
        d["labels"] = [list(x) for x in self.labels]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "RunSpec":
        d = dict(d)
        d["phases"] = tuple(Phase(**ph) for ph in d["phases"])
        d["times"] = tuple(float(t) for t in d["times"])
        d["labels"] = tuple((k, v) for k, v in d["labels"])
        return cls(**d)


def _teachers(spec: RunSpec, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Teacher first layers ``[P M, N]`` and readouts ``[P, P M]`` of replicate ``seed``."""
    g = rng(derive_seed(seed, "teacher", spec.M, spec.N))
    w1 = g.standard_normal((spec.M, spec.N))
    w_perp = g.standard_normal((spec.M, spec.N))
    a1 = np.ones(spec.M) if spec.teacher_readout == "ones" else g.standard_normal(spec.M)
    A = np.zeros((spec.P, spec.P * spec.M))
    A[0, :spec.M] = a1
    if spec.P == 1:
        return w1, A
    V = spec.feature_similarity
    w2 = V * w1 + np.sqrt(1.0 - V * V) * w_perp
    A[1, spec.M:] = _rotate(a1, spec.readout_similarity, g)
    return np.concatenate([w1, w2]), A


def _rotate(a: np.ndarray, rho: float, g: np.random.Generator) -> np.ndarray:
    """A vector of the same norm as ``a`` at angle ``arccos(rho)`` to it (a sign flip in 1-D)."""
    if a.size == 1:
        if rho not in (-1.0, 1.0):
            raise ValueError("with one teacher unit the readout similarity must be +-1")
        return a * rho
    u = g.standard_normal(a.size)
    if a.size == 2:  # the rotation in the plane, fixed orientation
        u = np.array([-a[1], a[0]])
    u -= (u @ a) / (a @ a) * a
    u *= np.linalg.norm(a) / np.linalg.norm(u)
    return rho * a + np.sqrt(1.0 - rho * rho) * u


def build_network(specs: list[RunSpec], seed: int, K_pad: int | None = None) -> Network:
    """Initial weights of every spec of one group for replicate ``seed``, padded to ``K_pad`` units."""
    K_pad = K_pad or max(s.K for s in specs)
    s0 = specs[0]
    N, MP, H, P = s0.N, s0.M * s0.P, s0.H, s0.P
    W = np.zeros((len(specs), K_pad, N))
    V = np.zeros((len(specs), H, K_pad))
    teachers = np.zeros((len(specs), MP, N))
    A = np.zeros((len(specs), P, MP))
    fb = np.zeros((len(specs), K_pad))
    for r, spec in enumerate(specs):
        if spec.group() != s0.group():
            raise ValueError("build_network needs specs of one group")
        teachers[r], A[r] = _teachers(spec, seed)
        w = spec.w_std * rng(derive_seed(seed, "student", N)).standard_normal((spec.K, N))
        v = spec.v_std * np.stack([rng(derive_seed(seed, "heads", h)).standard_normal(spec.K)
                                   for h in range(H)])
        if spec.init == "informed":
            w[:spec.M] = teachers[r, :spec.M]
        if spec.v_init == "ones":
            v = np.ones((H, spec.K))
        elif spec.v_init == "teacher":
            v[:, :spec.M] = A[r, 0, :spec.M]
        W[r, :spec.K], V[r, :, :spec.K] = w, v
        fb[r, :spec.K] = rng(derive_seed(seed, "feedback")).standard_normal(spec.K)
    return Network(W, V, teachers, A, fb if any(s.dfa for s in specs) else None)


def group_specs(specs: list[RunSpec]) -> list[list[RunSpec]]:
    """Specs grouped for batching (same ``N``, teachers, heads, activation and phases), in order."""
    groups: dict = {}
    for spec in specs:
        groups.setdefault(spec.group(), []).append(spec)
    return list(groups.values())


def _hyper(specs: list[RunSpec], repeat: int = 1) -> Hyper:
    h = [s.hyper for s in specs] * repeat
    return Hyper(eta=np.array([x["eta"] for x in h]), eta_v=np.array([x["eta_v"] for x in h]),
                 sigma=np.array([x["sigma"] for x in h]), kappa=np.array([x["kappa"] for x in h]),
                 dfa=np.array([x["dfa"] for x in h]))


def _times(specs: list[RunSpec]) -> np.ndarray:
    return np.array(sorted(set(itertools.chain.from_iterable(s.times for s in specs))))


def specs_from_dicts(dicts) -> list[RunSpec]:
    return [RunSpec.from_dict(d) for d in dicts]


def run_simulations(specs: list[RunSpec], seed: int, log=print) -> tuple[pd.DataFrame, dict, dict]:
    """Online SGD of every simulated spec for replicate ``seed``.

    Returns the records table (source ``"sim"``), the initial order parameters of every
    simulated spec, ``{spec.key: arrays}`` (see :func:`state_arrays`), from which the ODE
    is started, and the recorded order parameters (:func:`order_parameters`).
    """
    frames, initial, history = [], {}, {}
    for group in group_specs([s for s in specs if s.simulate]):
        net = build_network(group, seed)
        rngs = [rng(derive_seed(seed, "sgd", s.key)) for s in group]
        times = _times(group)
        out = simulate(net, _hyper(group), list(group[0].phases), times, rngs,
                       activation=group[0].activation, error_pairs=group[0].error_pairs)
        state0 = net.ode_state()
        for r, spec in enumerate(group):
            initial[spec.key] = state_arrays(state0, r)
        frames.append(records_table("sim", group, [seed] * len(group), out, net.feedback))
        history.update(order_parameters(group, [seed] * len(group), out))
        log(f"seed {seed}: simulated {len(group)} specs at N={group[0].N} to t={times[-1]:g}")
    return (pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS),
            initial, history)


def state_arrays(state: ODEState, r: int) -> dict:
    """Trajectory ``r`` of a batched :class:`ODEState` as plain arrays (for ``.npz``)."""
    out = {"Q": state.Q[..., r], "R": state.R[..., r], "T": state.T[..., r],
           "V": state.V[..., r], "A": state.A[..., r]}
    if state.feedback is not None:
        out["feedback"] = state.feedback[:, r]
    return out


def stack_states(arrays: list[dict]) -> ODEState:
    """The inverse of :func:`state_arrays` over a list: one batched state."""
    fb = [a.get("feedback") for a in arrays]
    feedback = None if all(f is None for f in fb) else np.stack(
        [f if f is not None else np.zeros(arrays[0]["Q"].shape[0]) for f in fb], axis=-1)
    return ODEState(*(np.stack([a[k] for a in arrays], axis=-1) for k in ("Q", "R", "T", "V", "A")),
                    feedback=feedback)


def run_ode(specs: list[RunSpec], seeds: list[int], initial: dict, method: str = "dopri5",
            dt: float = 0.1, rtol: float = 1e-8, log=print) -> tuple[pd.DataFrame, dict]:
    """The ODE of every spec and seed, all trajectories of a group in one batch.

    ``initial[(seed, key)]`` holds the simulation's initial order parameters
    (:func:`state_arrays`); specs without one (ODE-only specs) start from initial
    weights drawn exactly as the simulation would draw them.

    Returns the records table (source ``"ode"``) and the recorded order parameters
    (:func:`order_parameters`) for paper-specific analyses.
    """
    frames, full = [], {}
    for gi, group in enumerate(group_specs(specs)):
        K_pad = max(s.K for s in group)
        states, batch_specs, batch_seeds = [], [], []
        for seed in seeds:
            missing = [s for s in group if (seed, s.key) not in initial]
            drawn = build_network(missing, seed, K_pad).ode_state() if missing else None
            for spec in group:
                if (seed, spec.key) in initial:
                    a = dict(initial[(seed, spec.key)])
                    a = _pad(a, K_pad)
                else:
                    a = state_arrays(drawn, missing.index(spec))
                states.append(a)
                batch_specs.append(spec)
                batch_seeds.append(seed)
        state = stack_states(states)
        ode = ODE(group[0].activation, _hyper(batch_specs))
        times = _times(group)
        out = integrate(ode, state, list(group[0].phases), times, dt=dt, method=method,
                        rtol=rtol, error_pairs=group[0].error_pairs)
        frames.append(records_table("ode", batch_specs, batch_seeds, out, state.feedback,
                                    feedback_last=True))
        full.update(order_parameters(batch_specs, batch_seeds, out))
        log(f"ODE: {len(batch_specs)} trajectories of group {gi} to t={times[-1]:g} in "
            f"{out['steps']} steps ({out['rejected']} rejected)")
    return pd.concat(frames, ignore_index=True), full


def _pad(a: dict, K: int) -> dict:
    k = a["Q"].shape[0]
    if k == K:
        return a
    out = dict(a)
    out["Q"] = np.zeros((K, K))
    out["Q"][:k, :k] = a["Q"]
    out["R"] = np.zeros((K, a["R"].shape[1]))
    out["R"][:k] = a["R"]
    out["V"] = np.zeros((a["V"].shape[0], K))
    out["V"][:, :k] = a["V"]
    if "feedback" in a:
        out["feedback"] = np.zeros(K)
        out["feedback"][:k] = a["feedback"]
    return out


def order_parameters(specs, seeds, out: dict) -> dict:
    """``{"<key>|<seed>|<name>": array}`` with ``t``, ``Q [T, K, K]``, ``R [T, K, M]``, ``V [T, H, K]``
    of each trajectory (padding units removed), for saving as one ``.npz``."""
    arrays = {}
    for b, (spec, seed) in enumerate(zip(specs, seeds)):
        k, tag = spec.K, f"{spec.key}|{seed}|"
        arrays[tag + "t"] = np.asarray(out["t"], dtype=float)
        arrays[tag + "Q"] = out["Q"][:, :k, :k, b]
        arrays[tag + "R"] = out["R"][:, :k, :, b]
        arrays[tag + "V"] = out["V"][:, :, :k, b]
    return arrays


def records_table(source: str, specs, seeds, out: dict, feedback, feedback_last=False) -> pd.DataFrame:
    """Tidy rows ``(source, spec, seed, t, eps, eps_2, align)`` plus the specs' label columns.

    ``out`` is the result of :func:`.simulate.simulate` or :func:`.ode.integrate`; the
    batch axis is last in both.  ``align`` is ``cos(v, b)`` of head 0 and the feedback
    vector (nan without feedback).
    """
    t = out["t"]
    eps = out["eps"]                                   # [T, E, B]
    V = out["V"][:, 0]                                 # [T, K, B]
    rows = []
    for b, (spec, seed) in enumerate(zip(specs, seeds)):
        if feedback is not None:
            fb = feedback[:, b] if feedback_last else feedback[b]
            vb = V[:, :, b]
            align = vb @ fb / (np.linalg.norm(vb, axis=1) * np.linalg.norm(fb) + 1e-300)
        else:
            align = np.full(t.size, np.nan)
        base = spec.as_row()
        for i in range(t.size):
            rows.append({"source": source, "seed": seed, "t": t[i], "eps": eps[i, 0, b],
                         "eps_2": eps[i, 1, b] if eps.shape[1] > 1 else np.nan,
                         "align": align[i], **base})
    return pd.DataFrame(rows)
