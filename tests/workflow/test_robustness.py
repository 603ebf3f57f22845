"""Interrupted runs leave nothing a rerun would trust; the same seeds give the same numbers."""

import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from conftest import ROOT, snakemake

pytestmark = pytest.mark.workflow
TINY = str(ROOT / "tests" / "workflow" / "tiny_rhm.yaml")
PAPER = "results/quick/cagnetta2023_rhm"
# Long training, so that the run can be interrupted in the middle of a job.
SLOW = "cagnetta2023_rhm={quick: {max_epochs: 3000, loss_threshold: 1.0e-12}}"


def _start(workdir):
    cmd = [sys.executable, "-m", "snakemake", "figure_rhm_scaling", "--snakefile",
           str(ROOT / "Snakefile"), "--directory", str(workdir), "--cores", "1",
           "--configfile", TINY, "--config", SLOW]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill-9"])
def test_interrupted_run_resumes_from_cache_without_partial_files(sig, tmp_path):
    proc = _start(tmp_path)
    runs = tmp_path / PAPER / "runs"
    logs = tmp_path / PAPER / "logs" / "train"
    deadline = time.time() + 240
    busy = None
    try:
        while time.time() < deadline:  # one learning curve done, the other one under way
            done = {p.stem for p in runs.glob("*.csv")} if runs.exists() else set()
            started = {p.stem for p in logs.glob("*.log") if "P=" in p.read_text()} \
                if logs.exists() else set()
            if done and started - done:
                busy = sorted(started - done)[0]
                break
            assert proc.poll() is None, "the run ended before it could be interrupted"
            time.sleep(0.2)
        assert busy, "timed out waiting for a training job"
        os.killpg(proc.pid, sig)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    time.sleep(1)  # let killed children go
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]
    assert not leftovers, leftovers
    assert not (runs / f"{busy}.csv").exists()
    assert not (tmp_path / PAPER / "models" / f"{busy}.pt").exists()
    finished = sorted(runs.glob("*.csv"))
    for path in finished:  # complete tables: every size for both seeds
        table = pd.read_csv(path, comment="#")
        assert set(table["seed"]) == {0, 1} and table.groupby("seed").size().nunique() == 1
    plan = snakemake("--dry-run", "--cores", "1", "--directory", str(tmp_path), "--rerun-incomplete",
                     "figure_rhm_scaling", "--configfile", TINY, "--config", SLOW)
    assert plan.returncode == 0, plan.stderr[-2000:]
    assert f"wildcards: rhm={busy}" in plan.stdout  # the interrupted curve is redone ...
    for path in finished:  # ... the finished one and the data sets are reused
        assert f"wildcards: rhm={path.stem}" not in plan.stdout
    assert "rule rhm_data:" not in plan.stdout


def test_same_seeds_give_identical_numbers(tmp_path):
    tables = []
    for name in ("first", "second"):
        workdir = tmp_path / name
        snakemake("figure_rhm_scaling", "--cores", "2", "--directory", str(workdir),
                  "--configfile", TINY, check=True)
        tables.append(pd.read_csv(workdir / PAPER / "runs.csv", comment="#"))
        assert (workdir / "figures" / "quick" / "rhm_scaling.pdf").exists()
    science = ["rhm", "seed", "P", "status", "epochs", "train_loss", "test_error", "S_k2_l1"]
    pd.testing.assert_frame_equal(tables[0][science], tables[1][science])
    second = snakemake("figure_rhm_scaling", "--cores", "2", "--directory",
                       str(tmp_path / "second"), "--configfile", TINY, check=True)
    assert "Nothing to be done" in second.stdout + second.stderr
