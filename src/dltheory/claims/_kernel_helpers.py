"""Helpers shared by the claims of the kernel learning-curve papers."""

from __future__ import annotations

import math

from ..core.checks import Claim, within

__all__ = ["exponent_claim", "relative_band"]


def relative_band(pred: float, rel: float, floor: float = 0.0) -> tuple[float, float]:
    """``pred -+ max(rel * pred, floor)``."""
    half = max(rel * abs(pred), floor)
    return pred - half, pred + half


def exponent_claim(name: str, statement: str, row: dict, rel: float, why: str,
                   floor: float = 0.0) -> Claim:
    """A fitted exponent (a row of a fits table) within ``rel`` (relative) of its prediction."""
    pred = float(row["beta_pred"])
    lo, hi = relative_band(pred, rel, floor)
    beta = float(row["beta"]) if row is not None else math.nan
    return within(name, statement, beta, lo, hi, why,
                  expected=f"{pred:.3f} +- {max(rel * pred, floor):.3f}",
                  beta_interval=[row.get("beta_lo"), row.get("beta_hi")],
                  fit_range=[row.get("fit_P_min"), row.get("fit_P_max")],
                  n_seeds=row.get("n_seeds"))
