"""Batched SGD: replicas train as if alone, stop independently, failures are flagged."""

import math

import pytest
import torch

from dltheory.core.training import evaluate, train_sgd
from dltheory.rhm.cnn import HierarchicalCNN


def _data(R, P=96, v=4, d=4, n_c=3, seed=0):
    g = torch.Generator().manual_seed(seed)
    tokens = torch.randint(0, v, (R, P, d), generator=g)
    x = torch.nn.functional.one_hot(tokens, v).float().transpose(2, 3)
    y = tokens[:, :, 0] % n_c  # a learnable rule
    return x, y


def _train(model, x, y, seeds, **kw):
    args = dict(lr=0.5 * 16, momentum=0.9, batch_size=32, max_epochs=60, loss_threshold=1e-2)
    args.update(kw)
    return train_sgd(model, x, y, generators=[torch.Generator().manual_seed(s) for s in seeds],
                     **args)


def test_batched_replicas_follow_their_solo_trajectories():
    x, y = _data(2)
    both = HierarchicalCNN(4, 3, 2, 2, 16, [torch.Generator().manual_seed(s) for s in (1, 2)])
    res_both = _train(both, x, y, seeds=(5, 6))
    for r, (init, sgd) in enumerate([(1, 5), (2, 6)]):
        solo = HierarchicalCNN(4, 3, 2, 2, 16, [torch.Generator().manual_seed(init)])
        res_solo = _train(solo, x[r:r + 1], y[r:r + 1], seeds=(sgd,))
        assert res_solo[0].epochs == res_both[r].epochs
        assert res_solo[0].status == res_both[r].status
        for p_both, p_solo in zip(both.parameters(), solo.parameters()):
            assert torch.allclose(p_both[r], p_solo[0], atol=1e-4)


def test_same_seeds_give_identical_numbers():
    x, y = _data(1)
    runs = []
    for _ in range(2):
        model = HierarchicalCNN(4, 3, 2, 2, 16, [torch.Generator().manual_seed(1)])
        res = _train(model, x, y, seeds=(3,))
        runs.append((res[0].train_loss, [p.detach().clone() for p in model.parameters()]))
    assert runs[0][0] == runs[1][0]
    assert all(torch.equal(a, b) for a, b in zip(runs[0][1], runs[1][1]))


def test_converged_replica_is_frozen_and_outcomes_reported():
    x, y = _data(2)
    model = HierarchicalCNN(4, 3, 2, 2, 16, [torch.Generator().manual_seed(s) for s in (1, 2)])
    res = _train(model, x, y, seeds=(1, 2), max_epochs=400)
    assert [r.status for r in res] == ["converged", "converged"]
    assert all(r.train_error == 0 and r.train_loss < 2e-2 for r in res)
    capped = _train(HierarchicalCNN(4, 3, 2, 2, 16), x[:1], y[:1], seeds=(0,), max_epochs=1)
    assert capped[0].status == "epoch_cap" and capped[0].valid


def test_dead_and_diverged_runs_are_flagged():
    x, y = _data(1)
    dead = HierarchicalCNN(4, 3, 2, 2, 16)
    with torch.no_grad():
        dead.weights[0].copy_(-dead.weights[0].abs())  # every first-layer ReLU off
    assert _train(dead, x, y, seeds=(0,), max_epochs=3)[0].status == "dead"
    blow = HierarchicalCNN(4, 3, 2, 2, 16)
    res = _train(blow, x, y, seeds=(0,), lr=1e30, max_epochs=20)
    assert res[0].status in ("diverged", "dead") and not res[0].valid


def test_evaluate_per_replica():
    x, y = _data(3, P=10)
    model = HierarchicalCNN(4, 3, 2, 2, 8, [torch.Generator().manual_seed(s) for s in range(3)])
    loss, err, spread = evaluate(model, x, y, batch_size=4)
    assert loss.shape == err.shape == spread.shape == (3,)
    assert torch.all((err >= 0) & (err <= 1)) and not math.isnan(loss.sum())


def test_rejects_wrong_number_of_generators():
    x, y = _data(2)
    with pytest.raises(ValueError, match="one generator per replica"):
        _train(HierarchicalCNN(4, 3, 2, 2, 8, [None, None]), x, y, seeds=(0,))
