"""The RHM generator: validity checks, exact enumeration, sampling without replacement."""

import numpy as np
import pytest

from dltheory.rhm.generator import (RHMConfigError, RHMSpec, digits_to_index, expand,
                                    index_to_digits, one_hot, sample_digits, sample_rules,
                                    swap_synonyms)


def rng(seed=0):
    return np.random.default_rng(seed)


@pytest.mark.parametrize("fields, bad", [
    (dict(v=8, n_c=8, m=9, s=2, L=2), "'m'"),          # m > v^(s-1)
    (dict(v=4, n_c=5, m=4, s=2, L=2), "'n_c'"),        # n_c m > v^s
    (dict(v=8, n_c=8, m=0, s=2, L=2), "'m'"),
    (dict(v=8, n_c=8, m=2, s=1, L=2), "'s'"),
    (dict(v=8, n_c=8, m=2, s=2, L=0), "'L'"),
    (dict(v=8.0, n_c=8, m=2, s=2, L=2), "'v'"),
])
def test_impossible_specs_name_the_field(fields, bad):
    with pytest.raises(RHMConfigError, match=bad):
        RHMSpec(**fields)


def test_counts_and_key_roundtrip():
    spec = RHMSpec(v=8, n_c=4, m=3, s=2, L=3)
    assert spec.d == 8 and spec.n_choices == 7
    assert spec.Pmax == 4 * 3**7 and spec.P_scale == 4 * 27
    assert RHMSpec.from_key(spec.key) == spec
    assert RHMSpec(v=32, n_c=32, m=32, s=2, L=6).Pmax == 32 * 32**63  # exact beyond int64


@pytest.mark.parametrize("spec", [RHMSpec(8, 8, 8, 2, 2), RHMSpec(4, 3, 2, 3, 2),
                                  RHMSpec(16, 16, 4, 2, 3)])
def test_rules_never_share_a_tuple(spec):
    rules = sample_rules(spec, rng(1))
    assert len(rules) == spec.L
    for depth, r in enumerate(rules):
        parents = spec.n_c if depth == 0 else spec.v
        assert r.shape == (parents, spec.m, spec.s)
        assert r.min() >= 0 and r.max() < spec.v
        flat = r.reshape(-1, spec.s)
        assert np.unique(flat, axis=0).shape[0] == flat.shape[0]


@pytest.mark.parametrize("spec", [RHMSpec(4, 3, 2, 2, 2), RHMSpec(3, 2, 3, 2, 2),
                                  RHMSpec(4, 4, 2, 2, 3), RHMSpec(3, 3, 2, 3, 2)])
def test_full_enumeration_gives_pmax_distinct_inputs_balanced_classes(spec):
    rules = sample_rules(spec, rng(2))
    classes, digits = index_to_digits(spec, np.arange(spec.Pmax))
    tokens = expand(spec, rules, classes, digits)
    assert tokens.shape == (spec.Pmax, spec.d)
    assert np.unique(tokens, axis=0).shape[0] == spec.Pmax
    assert np.all(np.bincount(classes, minlength=spec.n_c) == spec.Pmax // spec.n_c)
    # the class is a function of the input (the task is well posed)
    assert len({tuple(t): c for t, c in zip(tokens.tolist(), classes)}) == spec.Pmax


@pytest.mark.parametrize("spec", [RHMSpec(8, 8, 3, 2, 3), RHMSpec(8, 2, 8, 2, 2)])
def test_index_digit_roundtrip_with_more_classes_than_synonyms(spec):
    index = rng(3).choice(spec.Pmax, size=500, replace=False)
    classes, digits = index_to_digits(spec, index)
    assert classes.max() < spec.n_c and digits.max() < spec.m
    assert np.array_equal(digits_to_index(spec, classes, digits), index)


def test_sampling_is_without_replacement_and_reproducible():
    spec = RHMSpec(8, 8, 2, 2, 2)  # Pmax = 64: draw all of them
    c1, d1 = sample_digits(spec, spec.Pmax, rng(4))
    c2, d2 = sample_digits(spec, spec.Pmax, rng(4))
    assert np.array_equal(c1, c2) and np.array_equal(d1, d2)
    assert len(set(digits_to_index(spec, c1, d1).tolist())) == spec.Pmax
    with pytest.raises(RHMConfigError):
        sample_digits(spec, spec.Pmax + 1, rng(4))


def test_sampling_beyond_int64_draws_distinct_digits():
    spec = RHMSpec(v=8, n_c=8, m=8, s=2, L=6)  # Pmax = 8^64 > 2^62
    assert spec.Pmax > 2**62
    classes, digits = sample_digits(spec, 5000, rng(5))
    rows = np.concatenate([classes[:, None], digits.astype(np.int64)], axis=1)
    assert np.unique(rows, axis=0).shape[0] == 5000
    assert classes.max() < spec.n_c and digits.max() < spec.m
    index = digits_to_index(spec, classes, digits)  # exact Python ints
    assert max(index) < spec.Pmax and len(set(index.tolist())) == 5000


def test_one_hot_encoding():
    tokens = np.array([[0, 2, 1], [3, 3, 0]])
    x = one_hot(tokens, v=4)
    assert x.shape == (2, 4, 3) and x.dtype == np.float32
    assert np.all(x.sum(axis=1) == 1)
    assert np.array_equal(x.argmax(axis=1), tokens)


@pytest.mark.parametrize("level", [1, 2, 3])
def test_synonym_swap_changes_level_l_keeps_levels_above(level):
    spec = RHMSpec(8, 8, 4, 2, 3)
    rules = sample_rules(spec, rng(6))
    classes, digits = sample_digits(spec, 300, rng(7))
    swapped = swap_synonyms(spec, digits, level, rng(8))
    depth = spec.L - level  # production step that makes the level-l tuples
    above = expand(spec, rules, classes, digits, depth=depth)
    assert np.array_equal(above, expand(spec, rules, classes, swapped, depth=depth))
    before = expand(spec, rules, classes, digits, depth=depth + 1)
    after = expand(spec, rules, classes, swapped, depth=depth + 1)
    tuples_b = before.reshape(300, -1, spec.s)
    tuples_a = after.reshape(300, -1, spec.s)
    assert np.all(np.any(tuples_b != tuples_a, axis=2))  # every level-l tuple changed
    start = (spec.s**depth - 1) // (spec.s - 1)
    untouched = np.ones(spec.n_choices, bool)
    untouched[start:start + spec.s**depth] = False
    assert np.array_equal(digits[:, untouched], swapped[:, untouched])
