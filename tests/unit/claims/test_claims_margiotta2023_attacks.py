"""The attack claims pass on data obeying the paper's laws and fail on data that does not."""

import numpy as np
import pandas as pd

from dltheory.claims.margiotta2023_attacks import evaluate_claims
from dltheory.teacher_student.attacks_plan import transitions

GRID = np.round(np.arange(-1, 2.001, 0.125), 10)
C_STAR = 3.0


def _acc(logc, eta, shift=0.0, width_scale=1.0):
    w = 0.8 * np.sqrt(eta) * width_scale  # width ~ sqrt(eta)
    return 1 / (1 + np.exp(-(logc - np.log10(C_STAR) - shift) / (w / 2.2)))


def _d(logc):
    return 1 / (1 + 10 ** (logc - np.log10(C_STAR)) * 0.9)


def _tables(sim_shift=0.0, d_bias=0.0, width_scale=(1.0, 1.0), traj_gap=0.0):
    etas = [0.05, 0.2]
    sim, th = [], []
    for j, eta in enumerate(etas):
        for c in GRID:
            sim.append({"log10_C": c, "C": 10**c, "eta": eta,
                        "accuracy_mean": _acc(c, eta, sim_shift, width_scale[j]), "accuracy_sem": 0.01,
                        "d_rel_mean": _d(c) + d_bias, "d_rel_sem": 0.002})
        for c in np.round(np.arange(-1, 2.001, 0.03125), 10):
            th.append({"log10_C": c, "C": 10**c, "eta": eta, "accuracy": _acc(c, eta),
                       "d_rel": _d(c), "source": "ode", "C_star": C_STAR})
    for c in np.linspace(-1, 2, 241):
        th.append({"log10_C": c, "C": 10**c, "eta": 0.0, "accuracy": float(c > np.log10(C_STAR)),
                   "d_rel": _d(c), "source": "small_eta", "C_star": C_STAR})
    steady_sim, steady_th = pd.DataFrame(sim), pd.DataFrame(th)
    t = np.arange(0, 60.0, 1.0)
    traj = []
    for c in (-0.5, 0.5):
        for eta in etas:
            eg = 0.5 * (1 - np.exp(-eta * t))
            traj.append(pd.DataFrame({"log10_C": c, "eta": eta, "t": t, "eps_g_mean": eg, "source": "ode"}))
            traj.append(pd.DataFrame({"log10_C": c, "eta": eta, "t": t, "eps_g_mean": eg * (1 + traj_gap),
                                      "source": "simulation"}))
    traj = pd.concat(traj, ignore_index=True)
    return steady_sim, steady_th, traj, transitions(steady_sim, steady_th)


def test_claims_pass_for_the_paper_laws():
    claims = evaluate_claims(*_tables())
    assert all(c.passed for c in claims), [(c.name, c.measured) for c in claims if not c.passed]


def test_claims_fail_for_a_wrong_theory():
    claims = {c.name: c for c in evaluate_claims(*_tables(sim_shift=0.2, d_bias=0.05, traj_gap=0.2))}
    assert not claims["ode_vs_sim_steady_distance"].passed
    assert not claims["ode_vs_sim_dynamics"].passed
    assert not claims["transition_location"].passed
    assert not claims["critical_cost"].passed


def test_claims_fail_when_the_transition_does_not_sharpen():
    # same width at both learning rates: no jump in the small-eta limit
    claims = {c.name: c for c in evaluate_claims(*_tables(width_scale=(2.0, 1.0)))}
    assert not claims["jump_sharpens_as_eta_decreases"].passed
