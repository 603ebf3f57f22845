"""Linear generative model: order parameters against free probability, BBP and extreme values."""

import numpy as np
import pytest

from dltheory.replica.generative import (Q_theory, _expected_max_abs, m_theory, order_parameters,
                                         q_theory, sample_spiked, simulate_generative, sqrt_psd,
                                         summarise_generative, theory_generative)


def test_q_theory_limits():
    assert q_theory(1e-3)[0] == pytest.approx(1e-3, rel=0.01)      # n << d: q ~ gamma
    assert q_theory(1e3)[0] == pytest.approx(1, abs=1e-3)
    q = q_theory([0.1, 1, 10])
    assert np.all(np.diff(q) > 0)


def test_Q_theory_bbp():
    assert float(Q_theory(0.2, 2.0)) == 0.0  # gamma = 0.2 is below gamma_c = 1/theta^2 = 1/4
    assert float(Q_theory(1.0, 2.0)) == pytest.approx((1 - 0.25) / 1.5)


def test_expected_max_and_memorisation_limits():
    rng = np.random.default_rng(0)
    g = np.abs(rng.standard_normal((200_000, 5)))
    assert _expected_max_abs(5) == pytest.approx(g.max(axis=1).mean(), rel=5e-3)
    assert _expected_max_abs(1) == pytest.approx(np.sqrt(2 / np.pi), rel=1e-4)
    m1, fresh1 = m_theory(1, 10_000, 0.0)
    assert m1 == pytest.approx(1, abs=1e-3) and fresh1 == pytest.approx(np.sqrt(2 / np.pi) / 100, rel=1e-3)


def test_sqrt_psd():
    A = np.random.default_rng(1).standard_normal((5, 3))
    R, vals, _ = sqrt_psd(A @ A.T)
    assert R @ R == pytest.approx(A @ A.T, abs=1e-10)
    assert vals.min() >= 0


def test_order_parameters_against_theory():
    d, n, theta = 300, 600, 4.0
    rng = np.random.default_rng(2)
    res = [order_parameters(sample_spiked(n, d, theta, rng), sample_spiked(n, d, theta, rng),
                            rng.standard_normal((32, d)), sample_spiked(32, d, theta, rng)) for _ in range(3)]
    assert np.mean([r["q"] for r in res]) == pytest.approx(q_theory(2.0)[0], abs=0.02)
    assert np.mean([r["Q"] for r in res]) == pytest.approx(float(Q_theory(2.0, theta)), abs=0.04)
    m, m_fresh = m_theory(n, d, theta)
    assert np.mean([r["m"] for r in res]) == pytest.approx(m, abs=0.03)
    assert np.mean([r["m_fresh"] for r in res]) == pytest.approx(m_fresh, abs=0.03)
    one = order_parameters(sample_spiked(1, d, theta, rng), sample_spiked(1, d, theta, rng),
                           rng.standard_normal((4, d)), sample_spiked(4, d, theta, rng))
    assert one["m"] == pytest.approx(1.0)


def test_pipeline_tables():
    runs = simulate_generative(20, [1, 10, 40], [1.0], [0, 1], 8)
    summary = summarise_generative(runs, theory_generative(20, [1, 10, 40], [1.0]))
    assert len(summary) == 3 and summary["theory_q"].notna().all()
    assert summary.loc[summary["n"] == 1, "m"].iloc[0] == pytest.approx(1.0)
