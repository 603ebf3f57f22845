"""Shared test helpers: the repository root and a snakemake runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def snakemake(*args: str, cwd: Path | None = None, timeout: float = 900,
              check: bool = False, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m snakemake <args>`` on this repository's Snakefile (in ``env``, default ours)."""
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile"), *args]
    env = dict(os.environ if env is None else env, PYTHONUNBUFFERED="1")
    proc = subprocess.run(cmd, cwd=cwd or ROOT, capture_output=True, text=True,
                          timeout=timeout, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"snakemake {' '.join(args)} failed:\n{proc.stdout[-4000:]}\n"
                             f"{proc.stderr[-4000:]}")
    return proc


class JointRun:
    """One snakemake call for many targets; each target's test reads its share of it.

    Parsing the workflow costs seconds per call, so the per-target tests share one call
    (``snakemake <all targets> <args>``). Where that call is not ``ok`` (default: it
    failed), :meth:`for_target` reruns the same arguments for the one target, so a failure
    is reported by the target that caused it, with its own output, and not by every target.
    """

    def __init__(self, targets: list[str], *args: str, timeout: float = 900,
                 ok=lambda proc: proc.returncode == 0, **kwargs):
        self.args, self.kwargs = args, dict(kwargs, timeout=timeout)
        self.joint = snakemake(*targets, *args, **self.kwargs)
        self.joint_ok = ok(self.joint)

    def for_target(self, target: str) -> subprocess.CompletedProcess:
        """The joint call if it was ok, else ``target``'s own call."""
        return self.joint if self.joint_ok else snakemake(target, *self.args, **self.kwargs)


def assert_config_rejected(target: str, override: str, message: str, workdir: Path) -> None:
    """A dry run of ``target`` with ``--config override`` fails, names the field in
    ``message``, and leaves no results/ behind in ``workdir``."""
    proc = snakemake("--dry-run", "--cores", "1", "--directory", str(workdir), target,
                     "--config", override)
    assert proc.returncode != 0
    assert message in proc.stdout + proc.stderr
    assert not (workdir / "results").exists()


@pytest.fixture
def root() -> Path:
    return ROOT
