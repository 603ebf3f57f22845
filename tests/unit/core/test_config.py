"""Configuration: merging, schema errors that name the field, RHM plan errors."""

import copy

import pytest
import yaml

from dltheory.core.config import (ConfigError, build_schema, coerce_strings, deep_merge,
                                  load_paper_defaults, section, validate)
from dltheory.rhm.plan import RHMPlan


@pytest.fixture
def full_config(root):
    base = yaml.safe_load((root / "config" / "config.yaml").read_text())
    return deep_merge(load_paper_defaults(root / "config"), base)


@pytest.fixture
def schema(root):
    return build_schema(root / "workflow" / "schemas")


def test_shipped_config_is_valid(full_config, schema):
    validate(full_config, schema)
    for scale in ("quick", "paper"):
        cfg = dict(full_config, scale=scale)
        plan = RHMPlan.from_section(section(cfg, "cagnetta2023_rhm"), f"cagnetta2023_rhm.{scale}")
        assert len(plan.keys) >= 8 and all(len(s) >= 2 for s in plan.sizes.values())


@pytest.mark.parametrize("path, value, message", [
    (["cagnetta2023_rhm", "quick", "width"], -4, "cagnetta2023_rhm.quick.width: -4 is less than"),
    (["cagnetta2023_rhm", "quick", "widht"], 64, "cagnetta2023_rhm.quick: Additional properties"),
    (["cagnetta2023_rhm", "quick", "seeds"], "two", "cagnetta2023_rhm.quick.seeds: 'two' is not"),
    (["scale"], "huge", "scale: 'huge' is not one of"),
    (["train_gpus"], -1, "train_gpus: -1 is not valid"),
    (["train_gpus"], "some", "train_gpus: 'some' is not valid"),
    (["cagnetta2023_rhm", "quick", "models", 0, "m"], [4, "x"], "models[0].m"),
])
def test_schema_errors_name_the_field(full_config, schema, path, value, message):
    cfg = copy.deepcopy(full_config)
    node = cfg
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(ConfigError) as err:
        validate(cfg, schema)
    assert message in str(err.value)


def test_impossible_rhm_named_before_any_work(full_config):
    sec = copy.deepcopy(full_config["cagnetta2023_rhm"]["quick"])
    sec["models"][1] = {"v": 8, "n_c": 8, "s": 2, "L": 2, "m": [4, 9]}
    with pytest.raises(ConfigError, match=r"cagnetta2023_rhm\.quick\.models\[1\]\.m: .*m <= v\*\*\(s-1\) = 8"):
        RHMPlan.from_section(sec, "cagnetta2023_rhm.quick")
    sec["models"][1] = {"v": 8, "n_c": 8, "s": 2, "L": 1, "m": 4}  # Pmax = n_c m^L
    sec["log2_P_ratio"] = [0, 1, 2]
    with pytest.raises(ConfigError, match=r"models\[1\]: v8_nc8_m4_s2_L1 has Pmax = 32"):
        RHMPlan.from_section(sec, "cagnetta2023_rhm.quick")


def test_merge_and_cli_coercion():
    merged = deep_merge({"a": {"b": 1, "c": 2}}, {"a": {"b": 3}})
    assert merged == {"a": {"b": 3, "c": 2}}
    assert coerce_strings({"x": {"lr0": "0.3", "n": "4", "ok": "true", "dev": "cuda:1",
                                 "l": ["1", "a"]}}) == \
        {"x": {"lr0": 0.3, "n": 4, "ok": True, "dev": "cuda:1", "l": [1, "a"]}}
