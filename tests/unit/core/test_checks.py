"""Claims: a claim can fail, and an unmeasurable claim fails."""

import math

from dltheory.core.checks import ratio_within, within, write_checks
from dltheory.core.artifacts import load_json


def test_within_bounds_and_nan():
    assert within("a", "s", 1.0, 0.8, 1.15, "why").passed
    assert not within("a", "s", 1.2, 0.8, 1.15, "why").passed
    assert not within("a", "s", math.nan, None, None, "why").passed
    assert within("a", "s", -5.0, None, 0.5, "why").passed


def test_ratio_claim_and_file(tmp_path):
    ok = ratio_within("r", "s", [1.0, 1.5], 2.0, "why")
    bad = ratio_within("r2", "s", [1.0, 0.0], 2.0, "why")
    assert ok.passed and ok.measured == 1.5 and not bad.passed
    body = write_checks(tmp_path / "checks.json", "paper", "quick", [ok, bad])
    assert body["n_passed"] == 1 and not body["all_passed"]
    assert load_json(tmp_path / "checks.json")["claims"][0]["name"] == "r"
