"""The RL-perceptron figure (arXiv:2306.10404): ODE lines over simulation markers.

(a) normalised overlap ``rho(alpha)`` for several reward rules; (b) the student norm
``Q(alpha)`` for the same rules; (c) ``rho(alpha)`` for the sparse rule "all ``T``
decisions correct" at increasing ``T``: delayed learning; (d) the delay ``alpha*`` (first
time ``rho = rho*``) against ``T``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.plotting import MARKERS, PALETTE, checks_verdict, footer, panel_label, style
from .rl_perceptron import RewardRule

__all__ = ["rl_figure"]


def _claim(checks: dict, name: str) -> dict:
    return next((c for c in checks.get("claims", []) if c["name"] == name), {})


def _overlay(ax, curves, rule, qty, color, marker, label, every, records, panel):
    ode = curves[(curves["rule"] == rule) & (curves["source"] == "ode")].sort_values("alpha")
    sim = curves[(curves["rule"] == rule) & (curves["source"] == "simulation")].sort_values("alpha")
    ax.plot(ode["alpha"], ode[f"{qty}_mean"], color=color, lw=1.3, label=label)
    pick = sim[np.isclose(np.mod(sim["alpha"] + 1e-9, every), 0, atol=1e-6) & (sim["alpha"] > 0)]
    ax.errorbar(pick["alpha"], pick[f"{qty}_mean"], pick[f"{qty}_sem"].fillna(0), color=color,
                marker=marker, ms=3.5, ls="none", mfc="white", mew=0.9, elinewidth=0.8)
    for src, tab in (("ode", ode), ("simulation", sim)):
        for a, m, e in zip(tab["alpha"], tab[f"{qty}_mean"], tab[f"{qty}_sem"]):
            records.append({"panel": panel, "series": f"{src}:{rule}", "x": a, "y": m, "y_err": e})


def rl_figure(curves: pd.DataFrame, delays: pd.DataFrame, rules: list[str],
              delay_rules: list[str], checks: dict, rho_star: float, note: str):
    """Draw the four panels; return ``(figure, long table of every plotted number)``."""
    import matplotlib.pyplot as plt

    records: list[dict] = []
    alpha_max = curves["alpha"].max()
    every = max(0.5, round(alpha_max / 25))
    with style():
        fig, axes = plt.subplots(1, 4, figsize=(13.2, 3.2), constrained_layout=True)
        ax_a, ax_b, ax_c, ax_d = axes
        for i, key in enumerate(rules):
            rule = RewardRule.from_key(key)
            color, marker = PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)]
            _overlay(ax_a, curves, key, "rho", color, marker, rule.label(), every, records, "a")
            _overlay(ax_b, curves, key, "Q", color, marker, rule.label(), every, records, "b")
        ax_a.set(xlabel=r"$\alpha$ (episodes / $D$)", ylabel=r"$\rho = R/\sqrt{Q}$",
                 ylim=(-0.05, 1.02), title="reward rules")
        ax_a.legend(loc="lower right", fontsize=6.8)
        ax_b.set(xlabel=r"$\alpha$", ylabel=r"$Q$", yscale="log", title="student norm")

        for i, key in enumerate(delay_rules):
            rule = RewardRule.from_key(key)
            color = plt.cm.viridis(i / max(1, len(delay_rules) - 1) * 0.9)
            _overlay(ax_c, curves, key, "rho", color, MARKERS[i % len(MARKERS)], f"$T={rule.T}$",
                     every, records, "c")
        ax_c.axhline(rho_star, color="0.5", ls=":", lw=0.9)
        ax_c.text(alpha_max, rho_star, r"$\rho^*$", ha="right", va="bottom", color="0.4")
        ax_c.set(xlabel=r"$\alpha$", ylabel=r"$\rho$", ylim=(-0.05, 1.02),
                 title=r"sparse reward: all $T$ correct")
        ax_c.legend(loc="lower right", fontsize=7, title=r"$\eta_2 = 0$", title_fontsize=7)

        d = delays[delays["rule"].isin(delay_rules)].sort_values("T")
        ode, sim = d[d["source"] == "ode"], d[d["source"] == "simulation"]
        ax_d.plot(ode["T"], ode["alpha_star"], color="0.2", lw=1.3, label="ODE")
        ax_d.errorbar(sim["T"], sim["alpha_star"], sim["alpha_star_sem"].fillna(0), color=PALETTE[1],
                      marker="o", ms=4.5, ls="none", mfc="white", label="simulation")
        Ts = np.array(sorted(d["T"].unique()), dtype=float)
        if len(ode) and np.isfinite(ode["alpha_star"]).all():
            ref = ode["alpha_star"].iloc[-1] * 2.0 ** (Ts - Ts[-1])
            ax_d.plot(Ts, ref, color="0.6", ls="--", lw=0.9, label=r"$\propto 2^T$")
        for src, tab in (("ode", ode), ("simulation", sim)):
            for T, a, e in zip(tab["T"], tab["alpha_star"], tab["alpha_star_sem"]):
                records.append({"panel": "d", "series": src, "x": T, "y": a, "y_err": e})
        factor = _claim(checks, "delay_grows_exponentially_with_T").get("measured")
        if factor is not None and np.isfinite(factor):
            ax_d.text(0.04, 0.96, f"simulation: $\\times{factor:.2f}$ per decision",
                      transform=ax_d.transAxes, va="top", fontsize=7.5)
        ax_d.set(xlabel=r"episode length $T$", ylabel=rf"$\alpha^*$ ($\rho = {rho_star:g}$)",
                 yscale="log", xticks=Ts, title="delayed learning")
        ax_d.legend(loc="lower right")
        for ax, label in zip(axes, "abcd"):
            panel_label(ax, label)
        verdict = checks_verdict(checks)
        footer(fig, f"{note} Lines: ODE; markers: simulations (mean $\\pm$ s.e. over seeds). "
                    f"{verdict}.", height=0.08)
    return fig, pd.DataFrame.from_records(records)
