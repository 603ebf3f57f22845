"""Loading and validating the workflow configuration.

Layout
------
``config/config.yaml`` holds the global keys (``scale``); ``config/papers/<id>.yaml``
holds one paper's section ``{<id>: {quick: {...}, paper: {...}}}``.  The workflow
merges them as defaults *under* whatever the user gave (``--config``,
``--configfile``), then validates the result against
``workflow/schemas/config.schema.yaml`` plus ``workflow/schemas/papers/<id>.schema.yaml``
before any job starts.  Every error names the offending field by its full path,
e.g. ``cagnetta2023_rhm.quick.width``.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Mapping

import yaml

__all__ = [
    "ConfigError",
    "deep_merge",
    "load_paper_defaults",
    "build_schema",
    "validate",
    "section",
    "coerce_strings",
    "SCALES",
]

SCALES = ("quick", "paper")


class ConfigError(ValueError):
    """A configuration that cannot run; the message names every bad field."""


def deep_merge(base: Mapping, override: Mapping) -> dict:
    """Recursively merge ``override`` onto a copy of ``base`` (mappings merge, others replace)."""
    out = copy.deepcopy(dict(base))
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def coerce_strings(value: Any) -> Any:
    """Re-read string leaves as YAML scalars: ``"0.3"`` -> 0.3, ``"true"`` -> True.

    Snakemake parses a nested ``--config key={a: {b: 0.3}}`` with YAML's BaseLoader,
    which leaves every nested value a string; this restores the types a config file
    would have had.  Strings that are not numbers, booleans or null stay strings.
    """
    if isinstance(value, Mapping):
        return {k: coerce_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [coerce_strings(v) for v in value]
    if isinstance(value, str):
        try:
            parsed = yaml.safe_load(value)
        except yaml.YAMLError:
            return value
        if parsed is None or isinstance(parsed, (bool, int, float)):
            return parsed
    return value


def _load_yaml(path: Path) -> Any:
    with open(path) as fh:
        return yaml.safe_load(fh)


def load_paper_defaults(config_dir: str | Path) -> dict:
    """Merge every ``config_dir/papers/*.yaml`` into one mapping ``{paper_id: section}``."""
    merged: dict = {}
    for path in sorted(Path(config_dir, "papers").glob("*.yaml")):
        data = _load_yaml(path) or {}
        if not isinstance(data, Mapping) or len(data) != 1 or path.stem not in data:
            raise ConfigError(f"{path}: must hold exactly one top-level key, {path.stem!r}")
        merged.update(data)
    return merged


def build_schema(schema_dir: str | Path) -> dict:
    """The top-level schema with every ``papers/<id>.schema.yaml`` attached under ``<id>``."""
    schema_dir = Path(schema_dir)
    schema = _load_yaml(schema_dir / "config.schema.yaml")
    props = schema.setdefault("properties", {})
    for path in sorted((schema_dir / "papers").glob("*.schema.yaml")):
        paper = path.name[: -len(".schema.yaml")]
        sub = _load_yaml(path)
        # An $id makes the paper schema its own resource, so its "#/$defs/..." refs resolve.
        sub.setdefault("$id", f"urn:dltheory:config:{paper}")
        props[paper] = sub
    return schema


def _field(path) -> str:
    parts: list[str] = []
    for p in path:
        if isinstance(p, int):
            parts.append(f"[{p}]")
        else:
            parts.append(("." if parts else "") + str(p))
    return "".join(parts) or "<top level>"


def validate(config: Mapping, schema: Mapping) -> None:
    """Validate ``config`` against a JSON schema; raise :class:`ConfigError` listing every error.

    Messages read ``<field path>: <problem>``, e.g.
    ``cagnetta2023_rhm.quick.width: -1 is less than the minimum of 1``.
    """
    import jsonschema

    validator_cls = jsonschema.validators.validator_for(schema)
    validator = validator_cls(schema)
    errors = sorted(validator.iter_errors(dict(config)), key=lambda e: list(map(str, e.path)))
    if not errors:
        return
    lines = []
    for err in errors:
        where = _field(err.absolute_path)
        if err.validator == "additionalProperties":
            allowed = sorted(err.schema.get("properties", {}))
            lines.append(f"{where}: {err.message} (allowed keys: {', '.join(allowed)})")
        else:
            lines.append(f"{where}: {err.message}")
    raise ConfigError("invalid configuration:\n  " + "\n  ".join(lines))


def section(config: Mapping, paper: str) -> dict:
    """The parameters of ``paper`` at the configured scale: ``config[paper][config['scale']]``."""
    scale = config.get("scale", "quick")
    if scale not in SCALES:
        raise ConfigError(f"scale: must be one of {SCALES}, got {scale!r}")
    try:
        return config[paper][scale]
    except KeyError as exc:
        raise ConfigError(f"{paper}.{scale}: missing from the configuration") from exc
