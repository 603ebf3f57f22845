"""Atomic, self-describing artifacts: ``.npz`` arrays, ``.json`` records, ``.csv`` tables.

Every artifact carries the parameters that produced it (``meta``), and is written to a
temporary file in the same directory and renamed into place, so an interrupted run
(Ctrl-C, kill, crash) never leaves a half-written file under its final name.

Formats
-------
npz   arrays plus a ``__meta__`` entry holding the JSON of ``meta``
json  ``{"meta": ..., **payload}``
csv   one leading comment line ``# meta: <json>``, then a plain CSV table
      (``pandas.read_csv(path, comment="#")`` reads it; :func:`read_table` returns both)
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterator

import numpy as np

__all__ = [
    "atomic_path",
    "to_jsonable",
    "save_npz",
    "load_npz",
    "save_json",
    "load_json",
    "write_table",
    "read_table",
]

_META_KEY = "__meta__"
_CSV_PREFIX = "# meta: "


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it onto ``path`` on success.

    On any exception (KeyboardInterrupt included) the temporary file is removed and
    ``path`` is left untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def to_jsonable(obj: Any) -> Any:
    """Convert numpy scalars/arrays, paths and tuples to plain JSON types.

    Non-finite floats become ``null`` (nan) or the strings ``"inf"`` / ``"-inf"``, so the
    files stay standard JSON.
    """
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return to_jsonable(obj.tolist())
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        obj = float(obj)
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, float) and not np.isfinite(obj):
        return None if np.isnan(obj) else ("inf" if obj > 0 else "-inf")
    return obj


def _dumps(obj: Any, indent: int | None = None) -> str:
    return json.dumps(to_jsonable(obj), indent=indent, sort_keys=True, allow_nan=False)


def save_npz(path: str | os.PathLike, meta: dict, **arrays: np.ndarray) -> None:
    """Write ``arrays`` and ``meta`` to a compressed ``.npz``, atomically."""
    if _META_KEY in arrays:
        raise ValueError(f"array name {_META_KEY!r} is reserved")
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            np.savez_compressed(fh, **arrays, **{_META_KEY: np.array(_dumps(meta))})


def load_npz(path: str | os.PathLike) -> tuple[dict[str, np.ndarray], dict]:
    """Read an artifact written by :func:`save_npz`: ``(arrays, meta)``."""
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files if k != _META_KEY}
        meta = json.loads(str(data[_META_KEY])) if _META_KEY in data.files else {}
    return arrays, meta


def save_json(path: str | os.PathLike, payload: dict, meta: dict | None = None) -> None:
    """Write ``{"meta": meta, **payload}`` as indented JSON, atomically."""
    body = dict(payload)
    if meta is not None:
        body = {"meta": meta, **body}
    with atomic_path(path) as tmp:
        tmp.write_text(_dumps(body, indent=2) + "\n")


def load_json(path: str | os.PathLike) -> dict:
    return json.loads(Path(path).read_text())


def write_table(path: str | os.PathLike, table, meta: dict | None = None) -> None:
    """Write a pandas DataFrame as CSV with a ``# meta:`` header line, atomically."""
    buf = io.StringIO()
    if meta is not None:
        buf.write(_CSV_PREFIX + _dumps(meta) + "\n")
    table.to_csv(buf, index=False, float_format="%.8g")
    with atomic_path(path) as tmp:
        tmp.write_text(buf.getvalue())


def read_table(path: str | os.PathLike):
    """Read a table written by :func:`write_table`: ``(DataFrame, meta)``."""
    import pandas as pd

    with open(path) as fh:
        first = fh.readline()
    meta = json.loads(first[len(_CSV_PREFIX):]) if first.startswith(_CSV_PREFIX) else {}
    return pd.read_csv(path, comment="#"), meta
