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

from conftest import ROOT, snakemake
from dltheory.catalog import figure_targets, load_catalog

pytestmark = pytest.mark.repro
TARGETS = figure_targets(load_catalog())


@pytest.fixture(scope="module", params=sorted(TARGETS))
def built(request):
    target = request.param
    proc = snakemake(target, "--cores", "2", "--config", "scale=quick", timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    checks = json.loads((ROOT / "results" / "quick" / TARGETS[target] / "checks.json").read_text())
    return target, checks


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


def test_nothing_to_do_on_a_second_run(built):
    target, _ = built
    proc = snakemake(target, "--cores", "2", "--dry-run")
    assert "Nothing to be done" in proc.stdout + proc.stderr


def test_report_collects_the_figures(tmp_path):
    snakemake(*sorted(TARGETS), "--cores", "2", timeout=3600, check=True)  # cached: instant
    report = tmp_path / "report.html"
    proc = snakemake(*sorted(TARGETS), "--cores", "1", "--report", str(report))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert report.stat().st_size > 10_000
