"""Quick-scale reproduction of arXiv:2307.02129 (figure_rhm_scaling), claims asserted.

Builds (or reuses) results/quick/cagnetta2023_rhm exactly as a user would, then asserts
every claim of checks.json; the claims and their tolerances live in
src/dltheory/claims/cagnetta2023_rhm.py.
"""

import json

import pandas as pd
import pytest

from conftest import ROOT, snakemake

pytestmark = pytest.mark.repro
RESULTS = ROOT / "results" / "quick" / "cagnetta2023_rhm"
FIGURE = ROOT / "figures" / "quick" / "rhm_scaling"


@pytest.fixture(scope="module")
def built():
    proc = snakemake("figure_rhm_scaling", "--cores", "2", "--config", "scale=quick",
                     timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return json.loads((RESULTS / "checks.json").read_text())


def test_figure_and_its_numbers_exist(built):
    for suffix in (".pdf", ".png", ".csv"):
        assert FIGURE.with_suffix(suffix).stat().st_size > 0
    table = pd.read_csv(FIGURE.with_suffix(".csv"), comment="#")
    assert set(table["panel"]) == {"a", "b", "c"}


@pytest.mark.parametrize("name", [
    "P_star_measured", "exponent_vs_ncmL", "exponent_vs_Pmax", "slope_vs_m_L2",
    "slope_vs_m_L3", "prefactor_spread", "correlation_Pc_exponent",
    "sensitivity_drop_at_P_star", "no_invalid_runs", "data_integrity"])
def test_claim_holds(built, name):
    claim = next(c for c in built["claims"] if c["name"] == name)
    assert claim["passed"], json.dumps(claim, indent=1)


def test_every_claim_is_asserted(built):
    assert built["n_claims"] == 10 and built["all_passed"]


def test_nothing_to_do_on_a_second_run(built):
    proc = snakemake("figure_rhm_scaling", "--cores", "2", "--dry-run")
    assert "Nothing to be done" in proc.stdout + proc.stderr


def test_report_collects_the_figure(built, tmp_path):
    report = tmp_path / "report.html"
    proc = snakemake("figure_rhm_scaling", "--cores", "1", "--report", str(report))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert report.stat().st_size > 10_000
