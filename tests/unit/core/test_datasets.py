"""MNIST idx and CIFAR10 pickle readers, on tiny fake files written here."""

import gzip
import pickle

import numpy as np
import pytest

from dltheory.core.datasets import (cifar10_available, dataset_available, load_cifar10,
                                    load_dataset, load_mnist, mnist_available, read_idx)


def _write_idx(path, array, gz):
    header = bytes([0, 0, 8, array.ndim]) + b"".join(int(s).to_bytes(4, "big") for s in array.shape)
    (gzip.open if gz else open)(path, "wb").write(header + array.astype(np.uint8).tobytes())


def test_mnist_train_and_test_splits(tmp_path):
    rng = np.random.default_rng(0)
    tr, te = rng.integers(0, 256, (7, 28, 28)), rng.integers(0, 256, (3, 28, 28))
    _write_idx(tmp_path / "train-images-idx3-ubyte.gz", tr, gz=True)
    _write_idx(tmp_path / "train-labels-idx1-ubyte", np.arange(7), gz=False)
    assert mnist_available(tmp_path) and not mnist_available(tmp_path, "test")
    _write_idx(tmp_path / "t10k-images-idx3-ubyte", te, gz=False)
    _write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", np.array([9, 8, 7]), gz=True)
    assert dataset_available("mnist", tmp_path, "test") and not mnist_available(None)
    x, y = load_mnist(tmp_path)
    assert x.shape == (7, 784) and x.dtype == float and np.array_equal(x[2], tr[2].ravel())
    assert np.array_equal(y, np.arange(7))
    x, y = load_dataset("mnist", tmp_path, "test")
    assert np.array_equal(x[1], te[1].ravel()) and np.array_equal(y, [9, 8, 7])
    assert read_idx(tmp_path / "t10k-labels-idx1-ubyte.gz").shape == (3,)
    with pytest.raises(ValueError):
        load_mnist(tmp_path, "valid")


def _write_batch(path, data, labels):
    with open(path, "wb") as fh:
        pickle.dump({b"data": data.astype(np.uint8), b"labels": list(labels)}, fh)


def test_cifar10_batches(tmp_path):
    rng = np.random.default_rng(1)
    base = tmp_path / "cifar-10-batches-py"
    base.mkdir()
    batches = [rng.integers(0, 256, (2, 3072)) for _ in range(5)]
    for i, b in enumerate(batches, 1):
        _write_batch(base / f"data_batch_{i}", b, [i, i + 1])
    assert not cifar10_available(tmp_path)  # no test batch yet
    _write_batch(base / "test_batch", batches[0][:1], [3])
    assert cifar10_available(tmp_path) and cifar10_available(base, "test")
    assert not cifar10_available(None)
    x, y = load_cifar10(tmp_path)
    assert x.shape == (10, 3072) and np.array_equal(x[2], batches[1][0])
    assert np.array_equal(y, [1, 2, 2, 3, 3, 4, 4, 5, 5, 6])
    x, y = load_dataset("cifar10", base, "test")
    assert x.shape == (1, 3072) and y.tolist() == [3]
    with pytest.raises(FileNotFoundError):
        load_cifar10(tmp_path / "nowhere")
