"""Guard: the workflow's jobs must import this checkout's library, installed editable."""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

__all__ = ["InstallError", "check_editable_install"]

HINT = 'install it with `pip install -e ".[test]"` from the repository root'


class InstallError(RuntimeError):
    """``dltheory`` is missing or installed from somewhere else than this checkout."""


def check_editable_install(root: str | Path, package: str = "dltheory") -> None:
    """Raise :class:`InstallError` unless ``package`` is installed editable from ``root``."""
    root = Path(root).resolve()
    # (src/<package>.egg-info, left by setuptools, is a distribution too: skip those
    # without the installer's direct_url.json)
    found = []
    for dist in metadata.distributions(name=package):
        raw = dist.read_text("direct_url.json")
        if not raw:
            continue
        info = json.loads(raw)
        where = Path(unquote(urlparse(info.get("url", "")).path)).resolve()
        if info.get("dir_info", {}).get("editable") and where == root:
            return
        found.append(str(where))
    if not found:
        raise InstallError(f"the package {package!r} is not installed: {HINT}")
    raise InstallError(f"{package!r} is installed from {', '.join(found)}, not from this "
                       f"checkout {root} in editable mode: {HINT}")
