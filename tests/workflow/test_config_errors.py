"""Bad configurations stop the run before any job, naming the field."""

import pytest

from conftest import assert_config_rejected, snakemake

pytestmark = pytest.mark.workflow


@pytest.mark.parametrize("override, message", [
    ("cagnetta2023_rhm={quick: {width: -3}}", "cagnetta2023_rhm.quick.width: -3 is less than"),
    ("cagnetta2023_rhm={quick: {widht: 64}}", "'widht' was unexpected"),
    ("cagnetta2023_rhm={quick: {models: [{v: 8, n_c: 8, s: 2, L: 2, m: 9}]}}",
     "cagnetta2023_rhm.quick.models[0].m: RHM field 'm'=9 is impossible"),
    ("scale=huge", "scale: 'huge' is not one of"),
])
def test_bad_config_is_rejected_with_the_field_named(override, message, tmp_path):
    assert_config_rejected("figure_rhm_scaling", override, message, tmp_path)


def test_a_good_override_is_typed_and_accepted(tmp_path):
    proc = snakemake("--dry-run", "--cores", "1", "--directory", str(tmp_path),
                     "figure_rhm_scaling", "--config", "cagnetta2023_rhm={quick: {lr0: 0.3, seeds: 3}}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "seed2.npz" in proc.stdout
