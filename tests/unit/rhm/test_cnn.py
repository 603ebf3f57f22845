"""The hierarchical CNN: equivalence with conv1d, replica independence, initialisation."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from dltheory.rhm.cnn import HierarchicalCNN


def _gens(*seeds):
    return [torch.Generator().manual_seed(s) for s in seeds]


def _conv_reference(model, x, r):
    """The paper's network written with F.conv1d, for replica r; x: [B, v, d]."""
    h = x
    for k in range(1, model.L + 1):
        h = torch.relu(F.conv1d(h, model.conv_weight(k, r), stride=model.s))
    return h.mean(dim=-1) @ model.readout[r] / model.H


@pytest.mark.parametrize("s, L", [(2, 2), (2, 3), (3, 2)])
def test_forward_equals_conv1d_network(s, L):
    torch.manual_seed(0)
    model = HierarchicalCNN(v=5, n_c=4, s=s, L=L, H=7, generators=_gens(1, 2))
    x = F.one_hot(torch.randint(0, 5, (2, 6, s**L)), 5).float().transpose(2, 3)
    out = model(x)
    assert out.shape == (2, 6, 4)
    for r in range(2):
        assert torch.allclose(out[r], _conv_reference(model, x[r], r), atol=1e-5)


def test_replicas_are_independent_and_match_single_networks():
    both = HierarchicalCNN(6, 3, 2, 2, 8, _gens(10, 11))
    alone = HierarchicalCNN(6, 3, 2, 2, 8, _gens(11))
    for w_both, w_alone in zip(both.parameters(), alone.parameters()):
        assert torch.equal(w_both[1], w_alone[0])
    x = torch.rand(2, 5, 6, 4)
    both(x)[0].sum().backward()  # a loss of replica 0 only
    assert all(torch.all(p.grad[1] == 0) for p in both.parameters())
    assert torch.allclose(both.select(1)(x[1:2]), alone(x[1:2]))


def test_mean_field_scalings():
    H = 4096
    model = HierarchicalCNN(8, 8, 2, 2, H, _gens(0))
    x = F.one_hot(torch.randint(0, 8, (1, 256, 4)), 8).float().transpose(2, 3)
    h1 = model.hidden(x)[0]
    # weights / sqrt(fan-in = s v) on a one-hot input (s ones per patch): the
    # pre-activation variance is s / (s v) = 1/v, so E[ReLU^2] = 1/(2v)
    assert (h1**2).mean().item() == pytest.approx(1 / 16, rel=0.05)
    # the 1/H readout makes the output vanish at large width (mean-field)
    assert model(x).abs().mean().item() < 0.05


def test_rejects_bad_shapes_and_sizes():
    with pytest.raises(ValueError, match="H"):
        HierarchicalCNN(8, 8, 2, 2, 0)
    model = HierarchicalCNN(8, 8, 2, 2, 4)
    with pytest.raises(ValueError, match="expected input"):
        model(torch.zeros(1, 3, 8, 8))
