"""The data-universe protocol: MNIST idx reader, preprocessing, stand-in, empirical-covariance theory."""

import gzip

import numpy as np
import pytest

from dltheory.core.config import ConfigError
from dltheory.gcm.exp_real import (load_mnist, mnist_available, preprocess, stand_in_universe,
                                   universe_simulate, universe_theory)
from dltheory.gcm.plans import RFPlan


def _write_idx(path, array, gz):
    header = bytes([0, 0, 8, array.ndim]) + b"".join(int(s).to_bytes(4, "big") for s in array.shape)
    data = header + array.astype(np.uint8).tobytes()
    (gzip.open if gz else open)(path, "wb").write(data)


def test_mnist_reader_and_preprocessing(tmp_path):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (12, 28, 28))
    digits = np.arange(12) % 10
    _write_idx(tmp_path / "train-images-idx3-ubyte.gz", images, gz=True)
    assert not mnist_available(tmp_path)
    _write_idx(tmp_path / "train-labels-idx1-ubyte", digits, gz=False)
    assert mnist_available(tmp_path) and not mnist_available(None)
    x, d = load_mnist(tmp_path)
    assert x.shape == (12, 784) and np.array_equal(x[3], images[3].ravel()) and np.array_equal(d, digits)
    xp, y = preprocess(x, d)
    assert np.allclose(xp.mean(axis=0), 0) and xp.std() == pytest.approx(1.0)
    assert np.array_equal(y, np.where(digits % 2 == 0, 1.0, -1.0))


def test_a_missing_mnist_folder_is_a_config_error(tmp_path):
    import yaml
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    section = yaml.safe_load((root / "config/papers/loureiro2021_gcm.yaml").read_text())
    section = section["loureiro2021_gcm"]["quick"]
    section["universe"]["mnist_dir"] = str(tmp_path)
    with pytest.raises(ConfigError, match=r"loureiro2021_gcm\.quick\.universe\.mnist_dir"):
        RFPlan.from_section(section, "loureiro2021_gcm.quick")


def test_universe_theory_matches_subsampling_on_gaussian_data():
    """Gaussian data as the universe: the empirical-covariance GCM is exact up to finite size."""
    rng = np.random.default_rng(1)
    N, p = 6000, 150
    V = rng.standard_normal((N, p)) * np.sqrt(np.linspace(0.2, 2.0, p))
    y = V @ rng.standard_normal(p) / np.sqrt(p) + 0.5 * rng.standard_normal(N)
    th = universe_theory(V, y, [0.5, 2.0], 0.05)
    sim = universe_simulate(V, y, [75, 300], 0.05, range(8))
    means = sim.groupby("alpha")["test_error"].agg(["mean", "sem"])
    for a, t in zip(th["alpha"], th["test_error"]):
        assert abs(means.loc[a, "mean"] - t) <= 3 * means.loc[a, "sem"] + 0.03 * t


def test_stand_in_universe_is_balanced_and_normalised():
    x, y = stand_in_universe(np.random.default_rng(2), 4000, 5, 50)
    assert x.shape == (4000, 50) and abs(y.mean()) < 0.1 and x.std() == pytest.approx(1.0)
