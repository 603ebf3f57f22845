"""Claims: a claim can fail, and an unmeasurable claim fails."""

import math

import pandas as pd
import pytest

from dltheory.core.artifacts import load_json, write_table
from dltheory.core.checks import bind_claim_arguments, ratio_within, within, write_checks


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


def _evaluate(summary, section, unused_default=3):
    return summary, section, unused_default


def test_bind_claim_arguments_by_name(tmp_path):
    write_table(tmp_path / "summary.csv", pd.DataFrame({"x": [1, 2]}))
    inputs = {"summary": str(tmp_path / "summary.csv"), "curves": "never read"}
    kwargs = bind_claim_arguments(_evaluate, inputs, {"section": {"N": 3}, "paper": "p"})
    assert set(kwargs) == {"summary", "section"}          # extra inputs/params are ignored
    assert kwargs["summary"]["x"].tolist() == [1, 2] and kwargs["section"] == {"N": 3}


def test_bind_claim_arguments_missing_name_is_loud(tmp_path):
    with pytest.raises(TypeError, match=r"needs \['section'\].*inputs \['summary'\]"):
        bind_claim_arguments(_evaluate, {"summary": str(tmp_path / "s.csv")}, {"paper": "p"})


def test_bind_claim_arguments_stacks_file_lists(tmp_path):
    for i in range(2):
        write_table(tmp_path / f"r{i}.csv", pd.DataFrame({"x": [i, i]}))
    kwargs = bind_claim_arguments(_evaluate, {"summary": [str(tmp_path / "r0.csv"), str(tmp_path / "r1.csv")]},
                                  {"section": None})
    assert kwargs["summary"]["x"].tolist() == [0, 0, 1, 1]
    assert kwargs["summary"].index.tolist() == [0, 1, 2, 3]
