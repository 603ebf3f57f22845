"""Readers for the real data sets some papers use: MNIST (idx files) and CIFAR10 (python pickles).

Nothing is downloaded: a user who has the files points a config key at their folder, and
the workflow falls back to a synthetic stand-in (said so on the figure) when they are absent.

* MNIST: the four idx files ``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``,
  ``t10k-images-idx3-ubyte``, ``t10k-labels-idx1-ubyte`` (each optionally gzipped), as
  distributed by LeCun et al.; images come back flattened, ``[n, 784]``, pixel values 0-255.
* CIFAR10: the "python version" folder ``cifar-10-batches-py`` (or its contents): pickles
  ``data_batch_1`` ... ``data_batch_5`` (training, 50000 images) and ``test_batch`` (10000),
  each a dict with ``b"data"`` (``uint8 [n, 3072]``, channel-major RGB) and ``b"labels"``.
"""

from __future__ import annotations

import gzip
import pickle
from pathlib import Path

import numpy as np

__all__ = ["MNIST_FILES", "MNIST_TEST_FILES", "CIFAR10_TRAIN_BATCHES", "CIFAR10_TEST_BATCHES",
           "find_file", "read_idx", "mnist_available", "load_mnist", "cifar10_available",
           "load_cifar10", "dataset_available", "load_dataset"]

MNIST_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte")
MNIST_TEST_FILES = ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
CIFAR10_TRAIN_BATCHES = tuple(f"data_batch_{i}" for i in range(1, 6))
CIFAR10_TEST_BATCHES = ("test_batch",)


def find_file(directory: Path, name: str) -> Path | None:
    """``directory/name`` or ``directory/name.gz``, whichever exists, else None."""
    for candidate in (directory / name, directory / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    return None


def read_idx(path: Path) -> np.ndarray:
    """An idx file (optionally gzipped) of unsigned bytes: magic ``0 0 8 ndim``, big-endian shape."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        raw = fh.read()
    if raw[2] != 8:
        raise ValueError(f"{path}: only unsigned-byte idx files are supported (type code {raw[2]})")
    ndim = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def _mnist_names(split: str) -> tuple[str, str]:
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', got {split!r}")
    return MNIST_FILES if split == "train" else MNIST_TEST_FILES


def mnist_available(directory, split: str = "train") -> bool:
    """Whether ``directory`` holds the MNIST images and labels of ``split`` (idx, optionally gzipped)."""
    return directory is not None and all(find_file(Path(directory), f)
                                         for f in _mnist_names(split))


def load_mnist(directory, split: str = "train") -> tuple[np.ndarray, np.ndarray]:
    """MNIST ``split``: ``(images [n, 784] float, digit labels [n] int)``."""
    directory = Path(directory)
    images_name, labels_name = _mnist_names(split)
    images = read_idx(find_file(directory, images_name))
    images = images.reshape(len(images), -1).astype(float)
    labels = read_idx(find_file(directory, labels_name)).astype(int)
    return images, labels


def _cifar_dir(directory) -> Path | None:
    if directory is None:
        return None
    directory = Path(directory)
    for candidate in (directory, directory / "cifar-10-batches-py"):
        if (candidate / CIFAR10_TEST_BATCHES[0]).is_file():
            return candidate
    return None


def cifar10_available(directory, split: str = "train") -> bool:
    """Whether ``directory`` (or its ``cifar-10-batches-py``) holds the CIFAR10 pickles of ``split``."""
    base = _cifar_dir(directory)
    names = CIFAR10_TRAIN_BATCHES if split == "train" else CIFAR10_TEST_BATCHES
    return base is not None and all((base / n).is_file() for n in names)


def load_cifar10(directory, split: str = "train") -> tuple[np.ndarray, np.ndarray]:
    """CIFAR10 ``split``: ``(images [n, 3072] float, class labels [n] int)``, batches concatenated."""
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', got {split!r}")
    base = _cifar_dir(directory)
    if base is None:
        raise FileNotFoundError(f"no CIFAR10 python batches under {directory}")
    names = CIFAR10_TRAIN_BATCHES if split == "train" else CIFAR10_TEST_BATCHES
    xs, ys = [], []
    for name in names:
        with open(base / name, "rb") as fh:
            batch = pickle.load(fh, encoding="bytes")
        xs.append(np.asarray(batch[b"data"], dtype=np.uint8).reshape(len(batch[b"labels"]), -1))
        ys.append(np.asarray(batch[b"labels"], dtype=int))
    return np.concatenate(xs).astype(float), np.concatenate(ys)


def dataset_available(name: str, directory, split: str = "train") -> bool:
    """:func:`mnist_available` or :func:`cifar10_available` by name (``mnist`` | ``cifar10``)."""
    return {"mnist": mnist_available, "cifar10": cifar10_available}[name](directory, split)


def load_dataset(name: str, directory, split: str = "train") -> tuple[np.ndarray, np.ndarray]:
    """:func:`load_mnist` or :func:`load_cifar10` by name."""
    return {"mnist": load_mnist, "cifar10": load_cifar10}[name](directory, split)
