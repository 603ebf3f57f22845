"""Atomic, self-describing artifacts."""

import numpy as np
import pandas as pd
import pytest

from dltheory.core.artifacts import (atomic_path, load_json, load_npz, read_table, save_json,
                                     save_npz, write_table)


def test_npz_json_csv_roundtrip_with_meta(tmp_path):
    meta = {"params": {"v": 8, "lr": 0.5}, "seeds": np.array([1, 2])}
    save_npz(tmp_path / "a.npz", meta, x=np.arange(5), y=np.eye(2))
    arrays, m = load_npz(tmp_path / "a.npz")
    assert np.array_equal(arrays["x"], np.arange(5)) and m["seeds"] == [1, 2]
    save_json(tmp_path / "b.json", {"value": np.float32(1.5), "bad": [np.float64("nan"), np.inf]},
              meta={"rule": "r"})
    assert load_json(tmp_path / "b.json") == {"meta": {"rule": "r"}, "value": 1.5,
                                             "bad": [None, "inf"]}
    write_table(tmp_path / "c.csv", pd.DataFrame({"P": [1, 2], "e": [0.5, np.nan]}), meta)
    table, m = read_table(tmp_path / "c.csv")
    assert list(table["P"]) == [1, 2] and np.isnan(table["e"][1]) and m["params"]["v"] == 8


def test_interrupted_write_leaves_nothing(tmp_path):
    target = tmp_path / "out.npz"
    with pytest.raises(KeyboardInterrupt):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half a file")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_existing_file_survives_failed_rewrite(tmp_path):
    target = tmp_path / "t.json"
    save_json(target, {"ok": 1})
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("garbage")
            raise RuntimeError("crash")
    assert load_json(target) == {"ok": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]
