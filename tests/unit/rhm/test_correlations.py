"""Exact class-feature correlations against enumeration and Monte Carlo."""

import numpy as np
import pytest

from dltheory.rhm.correlations import (correlation_summary, detection_threshold,
                                       symbol_distribution)
from dltheory.rhm.generator import RHMSpec, expand, index_to_digits, sample_digits, sample_rules


@pytest.mark.parametrize("spec", [RHMSpec(4, 3, 2, 2, 2), RHMSpec(4, 4, 2, 2, 3),
                                  RHMSpec(3, 2, 3, 3, 2)])
def test_exact_distribution_matches_full_enumeration(spec):
    rules = sample_rules(spec, np.random.default_rng(0))
    classes, digits = index_to_digits(spec, np.arange(spec.Pmax))
    for depth in range(1, spec.L + 1):
        q = symbol_distribution(spec, rules, depth)
        assert np.allclose(q.sum(axis=2), 1.0)
        symbols = expand(spec, rules, classes, digits, depth=depth)
        for i in range(symbols.shape[1]):
            counts = np.zeros((spec.n_c, spec.v))
            np.add.at(counts, (classes, symbols[:, i]), 1.0)
            assert np.allclose(counts / counts.sum(axis=1, keepdims=True), q[i])


def _empirical_signal(spec, tokens, classes):
    """p-weighted mean over (patch, class) of (f_hat - 1/n_c)^2 at every patch position."""
    patches = tokens.reshape(len(classes), -1, spec.s) @ (spec.v ** np.arange(spec.s)[::-1])
    out = []
    for j in range(patches.shape[1]):
        counts = np.zeros((spec.v**spec.s, spec.n_c))
        np.add.at(counts, (patches[:, j], classes), 1.0)
        n_mu = counts.sum(axis=1)
        seen = n_mu > 0
        f = counts[seen] / n_mu[seen, None]
        out.append(np.sum(n_mu[seen] / n_mu.sum() * ((f - 1 / spec.n_c) ** 2).mean(axis=1)))
    return float(np.mean(out))


def test_signal_and_null_noise_against_monte_carlo():
    spec = RHMSpec(8, 8, 4, 2, 3)  # Pmax = 131072 >> P: sampling is nearly with replacement
    rules = sample_rules(spec, np.random.default_rng(1))
    exact = detection_threshold(symbol_distribution(spec, rules, spec.L - 1), spec.m)
    P = 5000
    classes, digits = sample_digits(spec, P, np.random.default_rng(2))
    tokens = expand(spec, rules, classes, digits)
    # Labels shuffled against the inputs: only the null noise N_feat (1/n_c)(1-1/n_c)/P remains.
    shuffled = np.random.default_rng(3).permutation(classes)
    noise = exact["n_features"] * (1 / spec.n_c) * (1 - 1 / spec.n_c) / P
    assert _empirical_signal(spec, tokens, shuffled) == pytest.approx(noise, rel=0.15)
    # True labels: signal + noise (independent to leading order).
    measured = _empirical_signal(spec, tokens, classes)
    assert measured == pytest.approx(exact["signal"] + noise, rel=0.1)


def test_P_c_is_of_order_nc_m_to_the_L():
    ratios = []
    for key in ["v8_nc8_m4_s2_L2", "v8_nc8_m8_s2_L2", "v8_nc8_m3_s2_L3", "v16_nc16_m4_s2_L3"]:
        spec = RHMSpec.from_key(key)
        values = [correlation_summary(spec, sample_rules(spec, np.random.default_rng(s)))
                  for s in range(8)]
        ratios.append(np.mean([v["P_c_patch"] for v in values]) / spec.P_scale)
        token = np.mean([v["P_c_token"] for v in values]) / spec.P_scale
        assert 0.5 < token < 3.0
    assert all(0.5 < r < 3.0 for r in ratios)
    assert max(ratios) / min(ratios) < 1.5  # same law for every instance
