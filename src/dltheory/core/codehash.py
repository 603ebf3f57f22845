"""Content hashes of the library code that a workflow script runs.

Snakemake reruns a job when its script file changes, but not when a module that the
script imports changes.  :func:`library_hash` closes that gap: it follows the
script's ``dltheory`` imports transitively and hashes the *syntax tree* of every
module reached (docstrings removed), so editing a function reruns exactly the jobs
whose scripts reach it, while editing a comment or a docstring reruns nothing.

Rules pass the hash as a ``params:`` entry; Snakemake's default ``params`` rerun
trigger does the rest.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from pathlib import Path

__all__ = ["library_hash", "imported_modules"]

PACKAGE = "dltheory"
_SRC = Path(__file__).resolve().parents[2]  # .../src


def _module_file(name: str) -> Path | None:
    """File of a ``dltheory`` module or package, or None if there is none."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    base = _SRC.joinpath(*parts)
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return None


def _parent_packages(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _imports(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """Absolute names of the dltheory modules imported in ``tree``."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.add(base)
            # "from pkg import name" may import a submodule
            found.update(f"{base}.{alias.name}" for alias in node.names)
    names = {n for n in found if n.split(".")[0] == PACKAGE and _module_file(n)}
    for name in list(names):
        names.update(p for p in _parent_packages(name) if _module_file(p))
    return names


def _strip_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(
                getattr(body[0], "value", None), ast.Constant
            ) and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
    return tree


@functools.lru_cache(maxsize=None)
def _parse(path: Path) -> ast.AST:
    return ast.parse(path.read_text(), filename=str(path))


def imported_modules(script: str | Path) -> dict[str, Path]:
    """All ``dltheory`` modules reached from ``script`` by imports, name -> file."""
    script = Path(script)
    todo = sorted(_imports(_parse(script.resolve()), "__main__", False))
    seen: dict[str, Path] = {}
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _module_file(name)
        if path is None:
            continue
        seen[name] = path
        todo.extend(_imports(_parse(path), name, path.name == "__init__.py") - seen.keys())
    return dict(sorted(seen.items()))


@functools.lru_cache(maxsize=None)
def library_hash(script: str | Path) -> str:
    """Hash of the docstring-free syntax of every library module ``script`` reaches.

    Returns a 16-hex-digit string; it changes when, and only when, the code of a
    reached module changes.
    """
    digest = hashlib.sha256()
    for name, path in imported_modules(script).items():
        tree = _strip_docstrings(ast.parse(path.read_text()))
        digest.update(name.encode() + b"\0" + ast.dump(tree).encode() + b"\0")
    return digest.hexdigest()[:16]
