"""The RL-perceptron claims pass on data obeying the paper's laws and fail on data that does not."""

import numpy as np
import pandas as pd

from dltheory.claims.patel2023_rlperceptron import evaluate_claims, max_relative_gap

DELAY = {2: 4.0, 4: 11.0, 6: 31.0, 8: 92.0}  # alpha* ~ factor 1.7 per decision
ALPHAS = np.arange(0, 150.5, 0.5)


def _rho(alpha, a_star, final=0.98):
    return final * (1 - np.exp(-np.log(2) * alpha / a_star * 0.5 / 0.49))


def _tables(sim_delay=DELAY, gap=0.0, penalty=0.45, lenient_final=0.76):
    rules = {f"T{T}_n{T}_eta1-1_eta2-0": (T, T, 0.0, a) for T, a in sim_delay.items()}
    rules["T6_n6_eta1-1_eta2-0.1"] = (6, 6, 0.1, sim_delay[6] * penalty)
    rules["T6_n4_eta1-1_eta2-0"] = (6, 4, 0.0, 11.0)
    curves, delays = [], []
    for key, (T, n, eta2, a_star) in rules.items():
        final = lenient_final if n < T else 0.98
        for source, scale in (("ode", 1.0), ("simulation", 1.0 + gap)):
            a = a_star if source == "simulation" else DELAY.get(T, a_star) if n == T and eta2 == 0 else a_star
            rho = _rho(ALPHAS, a, final)
            eps = np.arccos(np.clip(rho, -1, 1)) / np.pi * scale
            curves.append(pd.DataFrame({"rule": key, "T": T, "n": n, "eta1": 1.0, "eta2": eta2,
                                        "alpha": ALPHAS, "source": source, "rho_mean": rho,
                                        "eps_mean": eps, "Q_mean": 1 + ALPHAS, "R_mean": rho}))
            delays.append({"rule": key, "T": T, "n": n, "eta2": eta2, "source": source,
                           "alpha_star": a, "alpha_star_sem": 0.02 * a, "n_missing": 0})
    return pd.concat(curves, ignore_index=True), pd.DataFrame(delays)


KEYS = [f"T{T}_n{T}_eta1-1_eta2-0" for T in DELAY]


def test_claims_pass_for_the_paper_laws():
    claims = evaluate_claims(*_tables(), KEYS, 150.0)
    assert all(c.passed for c in claims), [(c.name, c.measured) for c in claims if not c.passed]


def test_claims_fail_without_delay_or_with_a_wrong_theory():
    flat = {T: 10.0 for T in DELAY}
    claims = {c.name: c for c in evaluate_claims(*_tables(sim_delay=flat), KEYS, 150.0)}
    assert not claims["delay_grows_exponentially_with_T"].passed
    assert not claims["delay_sim_vs_ode"].passed
    claims = {c.name: c for c in evaluate_claims(*_tables(gap=0.2), KEYS, 150.0)}
    assert not claims["ode_vs_sim_eps"].passed


def test_claims_fail_when_penalty_or_leniency_do_not_act():
    claims = {c.name: c for c in evaluate_claims(*_tables(penalty=1.0, lenient_final=0.99),
                                                 KEYS, 150.0)}
    assert not claims["penalty_speeds_learning"].passed
    assert not claims["speed_accuracy_tradeoff"].passed


def test_a_rule_that_never_learns_fails_the_delay_law():
    curves, delays = _tables()
    delays.loc[(delays["rule"] == KEYS[-1]) & (delays["source"] == "simulation"), "alpha_star"] = np.nan
    claims = {c.name: c for c in evaluate_claims(curves, delays, KEYS, 150.0)}
    assert not claims["delay_grows_exponentially_with_T"].passed


def test_relative_gap_ignores_times_below_the_floor():
    curves = pd.DataFrame({"rule": "r", "alpha": [0, 1, 0, 1], "source": ["ode", "ode", "simulation",
                           "simulation"], "eps_mean": [0.5, 0.01, 0.55, 0.02]})
    gap, per_rule = max_relative_gap(curves, "eps", floor=0.05)
    assert gap == np.float64(0.1) or abs(gap - 0.1) < 1e-12
    assert per_rule == {"r": 0.1}
