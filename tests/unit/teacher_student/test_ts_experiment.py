"""Run specs, networks and the shared records of simulations and ODEs."""

import numpy as np
import pytest

from dltheory.teacher_student.experiment import (COLUMNS, RunSpec, build_network, group_specs,
                                                 run_ode, run_simulations, specs_from_dicts)
from dltheory.teacher_student.ode import Phase


def _spec(key="a", **kw):
    base = dict(key=key, N=400, K=3, M=2, phases=(Phase(until=1.0),), times=(0.0, 0.5, 1.0))
    base.update(kw)
    return RunSpec(**base)


def test_teacher_similarities_and_informed_start():
    spec = _spec(P=2, H=2, M=2, N=4000, feature_similarity=0.6, readout_similarity=0.3,
                 init="informed", v_init="teacher", w_std=0.01,
                 phases=(Phase(until=1.0), Phase(until=2.0, task=1, head=1)))
    net = build_network([spec], seed=0)
    st = net.ode_state()
    T = st.T[..., 0]
    assert np.allclose(np.diag(T[:2, 2:]), 0.6, atol=4 / np.sqrt(4000))
    a1, a2 = net.A[0, 0, :2], net.A[0, 1, 2:]
    assert a1 @ a2 / (np.linalg.norm(a1) * np.linalg.norm(a2)) == pytest.approx(0.3)
    assert np.allclose(net.W[0, :2], net.teachers[0, :2])      # informed: copies of teacher 1
    assert np.allclose(net.V[0, :, :2], a1)
    assert np.abs(net.W[0, 2]).max() < 0.1


def test_scans_are_paired_and_padding_is_zero():
    specs = [_spec(key=f"K{K}", K=K) for K in (2, 4)]
    net = build_network(specs, seed=3)
    assert np.allclose(net.W[0, :2], net.W[1, :2])             # same first units for every K
    assert np.all(net.W[0, 2:] == 0) and np.all(net.V[0, :, 2:] == 0)
    assert len(group_specs(specs + [_spec(key="x", N=500)])) == 2


def test_simulation_and_ode_share_columns_and_initial_state():
    specs = [_spec(key="first", train_second=False, sigma=0.1),
             _spec(key="dfa", dfa=True, v_init="normal"), _spec(key="ode_only", simulate=False),
             _spec(key="other", N=300)]
    table, initial, history = run_simulations(specs, seed=1, log=lambda *a: None)
    assert set(initial) == {"first", "dfa", "other"}
    ode, hist = run_ode(specs, [1], {(1, k): v for k, v in initial.items()}, log=lambda *a: None)
    for t in (table, ode):
        assert set(COLUMNS) <= set(t.columns)
    start = ode[ode["t"] == 0].set_index("spec")["eps"]
    assert start["first"] == pytest.approx(table[(table["t"] == 0) & (table["spec"] == "first")]["eps"].iloc[0])
    assert np.isfinite(ode[ode["spec"] == "dfa"]["align"]).all()       # cos(v, b) wherever
    assert np.isfinite(ode[ode["spec"] == "first"]["align"]).all()     # a batch has DFA ...
    assert ode[ode["spec"] == "other"]["align"].isna().all()           # ... nan elsewhere
    assert "ode_only|1|Q" in hist and "first|1|V" in history
    assert specs_from_dicts([s.to_dict() for s in specs]) == specs


def test_invalid_specs_are_rejected():
    with pytest.raises(ValueError):
        _spec(init="informed", K=1)
    with pytest.raises(ValueError):
        _spec(v_init="uniform")
    with pytest.raises(ValueError):
        _spec(feature_similarity=1.5)
