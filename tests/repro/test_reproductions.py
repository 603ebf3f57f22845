"""Quick-scale reproduction of every built paper, its claims asserted.

For each figure target of the catalog (status reproduced or partial) this builds the
target exactly as a user would (cached results are reused), then asserts that the
figure files exist and that every claim of ``results/quick/<paper>/checks.json``
passed. The claims and their tolerances live in ``src/dltheory/claims/<paper>.py``.

Conventions: target ``figure_<name>`` writes ``figures/<scale>/<name>.{pdf,png,csv}``
and its paper's check rule writes ``results/<scale>/<paper id>/checks.json``.
"""

import json

import pandas as pd
import pytest

from conftest import ROOT, JointRun, snakemake
from dltheory.catalog import figure_targets, load_catalog

pytestmark = pytest.mark.repro
TARGETS = figure_targets(load_catalog())


@pytest.fixture(scope="session")
def build_all(request):
    """The selected targets (all, or those ``-k`` keeps) built in one snakemake call on 2
    cores, so that jobs of different papers share the cores; ``--keep-going`` lets one
    paper's failure leave the others built. Returns (targets, process)."""
    targets = sorted({item.callspec.params["built"] for item in request.session.items
                      if "built" in getattr(getattr(item, "callspec", None), "params", {})})
    targets = targets or sorted(TARGETS)
    return targets, snakemake(*targets, "--cores", "2", "--keep-going", "--config",
                              "scale=quick", timeout=3600)


@pytest.fixture(params=sorted(TARGETS))
def built(request, build_all):
    target = request.param
    checks = ROOT / "results" / "quick" / TARGETS[target] / "checks.json"
    if build_all[1].returncode != 0:  # this target's own build, to report its own error
        proc = snakemake(target, "--cores", "2", "--config", "scale=quick", timeout=1800)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return target, json.loads(checks.read_text())


@pytest.fixture(scope="session")
def second_run(build_all):
    """A dry run of the built targets after the build (see JointRun)."""
    return JointRun(build_all[0], "--cores", "2", "--dry-run", ok=_nothing_to_do)


def _nothing_to_do(proc) -> bool:
    return proc.returncode == 0 and "Nothing to be done" in proc.stdout + proc.stderr


def test_figure_and_its_numbers_exist(built):
    target, _ = built
    stem = ROOT / "figures" / "quick" / target.removeprefix("figure_")
    for suffix in (".pdf", ".png", ".csv"):
        assert stem.with_suffix(suffix).stat().st_size > 0, stem.with_suffix(suffix)
    assert len(pd.read_csv(stem.with_suffix(".csv"), comment="#")) > 0


def test_every_claim_holds(built):
    target, checks = built
    assert checks["n_claims"] >= 1
    failed = [c for c in checks["claims"] if not c["passed"]]
    assert not failed, f"{target}: " + json.dumps(failed, indent=1)


def test_nothing_to_do_on_a_second_run(built, second_run):
    target, _ = built
    proc = second_run.for_target(target)
    assert _nothing_to_do(proc), proc.stdout[-3000:]


def test_report_collects_the_figures(build_all, tmp_path):
    targets, build = build_all
    assert build.returncode == 0, build.stderr[-3000:]
    report = tmp_path / "report.html"
    proc = snakemake(*targets, "--cores", "1", "--report", str(report))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert report.stat().st_size > 10_000
