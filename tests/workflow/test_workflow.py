"""The rule graph: every target plans at both scales, lint is clean, catalog and README agree."""

import re

import pytest

from conftest import ROOT, JointRun, snakemake
from dltheory.catalog import figure_targets, load_catalog, update_readme

pytestmark = pytest.mark.workflow
TARGETS = sorted(figure_targets(load_catalog()))


@pytest.fixture(scope="module", params=["quick", "paper"])
def plans(request, tmp_path_factory):
    """Dry runs of every figure target at one scale (one snakemake call, see JointRun)."""
    workdir = tmp_path_factory.mktemp(f"plan_{request.param}")
    return JointRun(TARGETS, "--dry-run", "--cores", "1", "--directory", str(workdir),
                    "--config", f"scale={request.param}")


@pytest.mark.parametrize("target", TARGETS)
def test_every_figure_target_plans(target, plans):
    proc = plans.for_target(target)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert f"rule {target}:" in proc.stdout


def test_lint_is_clean():
    proc = snakemake("--lint")
    assert proc.returncode == 0 and "Congratulations" in proc.stdout + proc.stderr, proc.stdout


def test_catalog_targets_are_the_figure_rules():
    proc = snakemake("--list-rules")
    rules = set(proc.stdout.split())
    assert {r for r in rules if r.startswith("figure_")} == set(TARGETS)


def test_readme_table_is_generated_from_catalog():
    assert not update_readme(write=False), "run: python -m dltheory.catalog --write-readme"


def test_readme_commands_are_what_ci_runs():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"```bash\n(.+?)\n```", readme)
    setup, tests = commands[0], commands[1]
    assert "pip install" in setup and setup.rstrip().endswith("snakemake figure_rhm_scaling")
    ci = (ROOT / ".ci" / "run").read_text()
    assert tests.strip() in ci and ci.strip().endswith(tests.strip())
