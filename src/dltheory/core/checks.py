"""A paper's quantitative claims, measured and judged: ``checks.json``.

Each claim records what was measured, what the paper predicts, the accepted range
and *why* that range (finite size, number of seeds), fixed in code before looking
at the result.  ``tests/repro`` asserts that every claim passed; the figure can show
the verdicts.  A claim whose measurement is missing (``nan``) fails: a check must be
able to fail, and an unmeasurable claim is not a pass.
"""

from __future__ import annotations

import math
import os
from dataclasses import asdict, dataclass, field

from .artifacts import save_json

__all__ = ["Claim", "within", "ratio_within", "write_checks"]


@dataclass
class Claim:
    """One judged claim.

    Attributes
    ----------
    name : short identifier, e.g. ``"exponent_vs_ncmL"``
    statement : the claim in words, as the paper makes it
    measured : the measured number (``nan`` if it could not be measured)
    expected : the paper's value or range, in words or numbers
    low, high : accepted interval for ``measured`` (either may be None: one-sided)
    why : justification of the interval (finite size, seeds, protocol)
    passed : the verdict
    details : any supporting numbers (per-configuration values, fit errors)
    """

    name: str
    statement: str
    measured: float
    expected: str
    low: float | None
    high: float | None
    why: str
    passed: bool = field(init=False)
    details: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        value = float(self.measured)
        ok = math.isfinite(value)
        if ok and self.low is not None:
            ok = value >= self.low
        if ok and self.high is not None:
            ok = value <= self.high
        self.measured = value
        self.passed = bool(ok)


def within(name: str, statement: str, measured: float, low: float | None,
           high: float | None, why: str, expected: str | None = None, **details) -> Claim:
    """A claim that ``low <= measured <= high``."""
    if expected is None:
        expected = f"[{'-inf' if low is None else low}, {'inf' if high is None else high}]"
    return Claim(name, statement, measured, expected, low, high, why, details=details)


def ratio_within(name: str, statement: str, values, factor: float, why: str, **details) -> Claim:
    """A claim that ``max(values) / min(values) <= factor`` (all values finite and positive)."""
    values = [float(v) for v in values]
    if values and all(math.isfinite(v) and v > 0 for v in values):
        measured = max(values) / min(values)
    else:
        measured = float("nan")
    return Claim(name, statement, measured, f"max/min <= {factor}", None, factor, why,
                 details={"values": values, **details})


def write_checks(path, paper: str, scale: str, claims: list[Claim], meta: dict | None = None,
                 log=None) -> dict:
    """Write ``checks.json`` and return its content.

    Layout: ``{"paper", "scale", "all_passed", "n_passed", "n_claims", "claims": [...]}``.
    ``log`` (e.g. a logger's ``info``) receives one PASS/FAIL line per claim and a summary.
    """
    body = {
        "paper": paper,
        "scale": scale,
        "all_passed": all(c.passed for c in claims) and bool(claims),
        "n_passed": sum(c.passed for c in claims),
        "n_claims": len(claims),
        "claims": [asdict(c) for c in claims],
    }
    save_json(path, body, meta=meta)
    if log is not None:
        for c in claims:
            log(f"{'PASS' if c.passed else 'FAIL'} {c.name}: {c.measured:.4g} (expected {c.expected})")
        log(f"{body['n_passed']}/{body['n_claims']} claims hold")
    return body


def bind_claim_arguments(evaluate, inputs: dict, params: dict) -> dict:
    """Keyword arguments for a paper's ``evaluate_claims`` from a rule's inputs and params.

    An argument named like one of the rule's inputs receives that table (a DataFrame read
    with :func:`dltheory.core.artifacts.read_table`; an input naming several files receives
    their tables stacked, with a fresh index); one named like a param receives the param's
    value. Arguments with a default may stay unbound; any other missing name raises
    ``TypeError`` naming the rule's inputs and params, so a renamed input fails loudly.
    """
    import inspect

    from .artifacts import read_table

    signature = inspect.signature(evaluate).parameters
    missing = [name for name, parameter in signature.items() if name not in inputs
               and name not in params and parameter.default is inspect.Parameter.empty]
    if missing:
        raise TypeError(f"{evaluate.__module__}.{evaluate.__name__} needs {missing}, which are "
                        f"neither inputs {sorted(inputs)} nor params {sorted(params)} of the rule")
    def table(paths):
        if isinstance(paths, (str, os.PathLike)):
            return read_table(paths)[0]
        import pandas as pd

        return pd.concat([read_table(p)[0] for p in paths], ignore_index=True)

    return {name: table(inputs[name]) if name in inputs else params[name]
            for name in signature if name in inputs or name in params}
