"""Claims of Goldt et al., arXiv:1901.09085, judged on our ODE and SGD runs.

Paper: the ODEs track online SGD of over-parameterised committee machines; with output
noise sigma the final error eps_g* of a student with L = K - M excess units grows linearly
with L, eps_g* ~ eta sigma^2 L at small eta; linear networks do the same through
redundancy.  Tolerances are justified beside each claim; the same at both scales.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import Claim, within
from ..teacher_student.analysis import linear_fit
from ..teacher_student.claim_helpers import gap_claims

__all__ = ["evaluate_claims", "final_errors"]


def final_errors(summary: pd.DataFrame) -> pd.DataFrame:
    """Seed-mean eps_g* per ``(source, panel, eta, L)``."""
    f = summary[summary["kind"] == "final"]
    return f.groupby(["source", "panel", "eta", "L"])["eps"].agg(
        ["mean", "sem", "count"]).reset_index()


def evaluate_claims(summary: pd.DataFrame, section: dict) -> list[Claim]:
    cur, fin, lin = section["curve"], section["final"], section["linear"]
    claims: list[Claim] = gap_claims(
        summary, [f"curve_L{L}" for L in cur["L"]], "curve",
        f"K = M + L, L in {cur['L']}, random initial weights, N = {cur['N']}", 0.05, 0.20,
        extra_why="Students with excess units specialise late (t ~ 10^2), where the escape "
                  "time fluctuates most: max tolerance 20%.")
    fe = final_errors(summary)
    ode = fe[(fe["source"] == "ode") & (fe["panel"] == "final")]
    eta0 = min(fin["eta"])
    small = ode[ode["eta"] == eta0].sort_values("L")
    fit = linear_fit(small["L"], small["mean"])
    claims.append(within(
        "eps_star_linear_in_L",
        f"eps_g* grows linearly with L (R^2 of a straight line through the ODE values, eta = {eta0})",
        fit["r2"], 0.98, None,
        "Paper: eps_g* ~ eta sigma^2 L at small eta. Finite-eta corrections make the growth "
        "slightly convex (O(K eta) per unit); at eta = 0.1 and L <= 4 they bend the line by a "
        "few percent of its range, R^2 > 0.98.", expected=">= 0.98",
        slope=fit["slope"], intercept=fit["intercept"],
        eps_star=dict(zip(small["L"].astype(int), small["mean"].round(7)))))
    claims.append(within(
        "eps_star_slope", "each excess unit adds an error comparable to the K = M student's eps_g* (slope / eps_g*(L=0))",
        fit["slope"] / small["mean"].iloc[0] if len(small) else np.nan, 0.5, None,
        "A linear growth that is not negligible: excess units fluctuate around zero with "
        "variance ~ eta sigma^2 like the matched units, so the slope is of order eps_g*(0).",
        expected=">= 0.5"))
    norm = ode.assign(scaled=ode["mean"] / (ode["eta"] * fin["sigma"] ** 2))
    at0 = norm[norm["L"] == 0].set_index("eta")["scaled"]
    spread = at0.max() / at0.min() if len(at0) >= 2 else np.nan
    claims.append(within(
        "eps_star_scales_as_eta_sigma2",
        "eps_g*/(eta sigma^2) of the K = M student is the same at every eta (small-eta scaling)",
        spread, None, 1.10,
        "eps_g* = eta sigma^2 (c + O(eta)); between the two smallest learning rates the O(eta) "
        "term changes the ratio by a few percent; 10% tolerance.", expected="max/min <= 1.10",
        values=at0.round(4).to_dict()))
    sim = fe[(fe["source"] == "sim") & (fe["panel"] == "final")].set_index(["eta", "L"])["mean"]
    o = ode.set_index(["eta", "L"])["mean"]
    gaps = {f"L{int(L)}": abs(sim[(e, L)] - o[(e, L)]) / o[(e, L)] for e, L in sim.index}
    claims.append(within(
        "sgd_eps_star_matches_ode", "SGD's eps_g* agrees with the ODE's at every simulated L",
        max(gaps.values()) if gaps else np.nan, None, 0.15,
        "eps_g* of a run is a window average of a fluctuating error (N = 500, 3 seeds); "
        "stationary fluctuations and O(1/N) corrections are a few percent.",
        expected="<= 0.15", relative_gaps={k: round(v, 4) for k, v in gaps.items()}))
    closed = summary[summary["kind"] == "closed"].set_index("L")["eps"]
    lo = fe[(fe["source"] == "ode") & (fe["panel"] == "linear")].set_index("L")["mean"]
    dev = (lo - closed).abs() / closed
    claims.append(within(
        "linear_ode_matches_closed_form",
        "linear network: the ODE's eps_g* equals K eta sigma^2 / (2 (2 - K eta))",
        float(dev.max()) if len(dev) else np.nan, None, 1e-3,
        "Exact result of the same dynamics; only the integrator tolerance (1e-8) and the "
        "residual relaxation in the window (rate >= 0.64, e^-30) remain.", expected="<= 1e-3"))
    ls = fe[(fe["source"] == "sim") & (fe["panel"] == "linear")].set_index("L")["mean"]
    sdev = (ls - closed.reindex(ls.index)).abs() / closed.reindex(ls.index)
    claims.append(within(
        "linear_sgd_matches_closed_form", "linear network: SGD's eps_g* equals the closed form",
        float(sdev.max()) if len(sdev) else np.nan, None, 0.15,
        "Window average of a fluctuating error at N = 500 over 3 seeds, as for erf.",
        expected="<= 0.15", relative_gaps=sdev.round(4).to_dict()))
    return claims
