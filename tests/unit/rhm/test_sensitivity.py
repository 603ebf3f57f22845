"""Synonymic sensitivity: zero for an invariant representation, O(1) for a random one."""

import numpy as np
import torch

from dltheory.rhm.cnn import HierarchicalCNN
from dltheory.rhm.generator import RHMSpec, sample_digits, sample_rules
from dltheory.rhm.sensitivity import synonymic_sensitivity


class ParentEncoder(torch.nn.Module):
    """Maps each visible patch to the one-hot of the level-1 symbol that produced it.

    Invariant to level-1 synonyms by construction, sensitive to higher levels.
    """

    def __init__(self, spec, rules):
        super().__init__()
        self.spec = spec
        table = np.zeros(spec.v**spec.s, dtype=np.int64)
        codes = rules[-1].reshape(-1, spec.s) @ (spec.v ** np.arange(spec.s)[::-1])
        table[codes] = np.repeat(np.arange(rules[-1].shape[0]), spec.m)
        self.table = torch.from_numpy(table)

    def hidden(self, x):  # x: [1, N, v, d]
        tokens = x[0].argmax(dim=1)  # [N, d]
        codes = tokens.reshape(tokens.shape[0], -1, self.spec.s) @ (
            self.spec.v ** torch.arange(self.spec.s - 1, -1, -1))
        parents = torch.nn.functional.one_hot(self.table[codes], self.spec.v).float()
        return [parents[None]] * self.spec.L


def test_invariant_representation_has_zero_level1_sensitivity():
    spec = RHMSpec(8, 8, 4, 2, 3)
    rules = sample_rules(spec, np.random.default_rng(0))
    classes, digits = sample_digits(spec, 400, np.random.default_rng(1))
    S = synonymic_sensitivity(ParentEncoder(spec, rules), spec, rules, classes, digits,
                              np.random.default_rng(2))
    assert np.allclose(S[:, 0], 0.0)
    assert np.all(S[:, 1:] > 0.3)  # exchanges at higher levels change the parents


def test_untrained_network_is_sensitive():
    spec = RHMSpec(8, 8, 4, 2, 2)
    rules = sample_rules(spec, np.random.default_rng(0))
    classes, digits = sample_digits(spec, 500, np.random.default_rng(1))
    net = HierarchicalCNN(8, 8, 2, 2, 64, [torch.Generator().manual_seed(0)])
    S = synonymic_sensitivity(net, spec, rules, classes, digits, np.random.default_rng(2))
    assert S.shape == (2, 2)
    assert np.all((S > 0.5) & (S < 1.5))
