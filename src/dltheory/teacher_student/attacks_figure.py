"""The greedy-attack figure (arXiv:2305.11132): steady-state accuracy jump against attack cost.

(a) generalisation error ``eps_g(t)`` of the attacked learner for a few costs ``C``: ODE
lines over simulation markers; (b) steady-state accuracy against ``C``: ODE fixed point at
each learning rate, the ``eta -> 0`` step at ``C*``, simulations; (c) steady-state relative
distance ``d = |w - w*| / |w_dag - w*|``, continuous across ``C*``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.plotting import MARKERS, PALETTE, checks_verdict, footer, panel_label, style

__all__ = ["attacks_figure"]


def attacks_figure(steady_sim: pd.DataFrame, steady_theory: pd.DataFrame,
                   trajectories: pd.DataFrame, transitions: pd.DataFrame, checks: dict,
                   note: str):
    """Draw the three panels; return ``(figure, long table of every plotted number)``."""
    import matplotlib.pyplot as plt

    records: list[dict] = []
    etas = sorted(steady_sim["eta"].unique())
    styles = ["-", "--", ":", "-."]
    c_star = float(steady_theory["C_star"].iloc[0])
    with style():
        fig, axes = plt.subplots(1, 3, figsize=(11.0, 3.3), constrained_layout=True)
        ax_a, ax_b, ax_c = axes
        sim_t = trajectories[trajectories["source"] == "simulation"]
        ode_t = trajectories[trajectories["source"] == "ode"]
        for i, c in enumerate(sorted(trajectories["log10_C"].unique())):
            color = PALETTE[i % len(PALETTE)]
            for j, eta in enumerate(etas):
                o = ode_t[np.isclose(ode_t["log10_C"], c) & (ode_t["eta"] == eta) & (ode_t["t"] > 0)]
                s = sim_t[np.isclose(sim_t["log10_C"], c) & (sim_t["eta"] == eta) & (sim_t["t"] > 0)]
                o, s = o.sort_values("t"), s.sort_values("t")
                label = f"$C={10**c:.3g}$" if j == 0 else None
                ax_a.plot(o["t"], o["eps_g_mean"], color=color, ls=styles[j % 4], label=label)
                every = max(1, len(s) // 15)
                ps = s.iloc[::every]
                ax_a.errorbar(ps["t"], ps["eps_g_mean"], ps["eps_g_sem"].fillna(0), color=color,
                              marker=MARKERS[j % len(MARKERS)], ms=3.2, ls="none", mfc="white",
                              elinewidth=0.8)
                for src, tab in (("ode", o), ("simulation", s)):
                    for t, m, e in zip(tab["t"], tab["eps_g_mean"], tab.get("eps_g_sem", [np.nan] * len(tab))):
                        records.append({"panel": "a", "series": f"{src}:C=1e{c:g}:eta={eta:g}",
                                        "x": t, "y": m, "y_err": e})
        for j, eta in enumerate(etas):
            ax_a.plot([], [], color="0.3", ls=styles[j % 4], marker=MARKERS[j % len(MARKERS)],
                      mfc="white", ms=3.2, label=rf"$\eta={eta:g}$")
        ax_a.set(xlabel=r"$t$ (steps / $D$)", ylabel=r"$\epsilon_g = \frac{1}{2}E[(\phi-\phi^*)^2]$",
                 title="attacked learner", yscale="log")
        ax_a.legend(fontsize=6.5, loc="lower right", ncol=2)

        for ax, qty, ylabel, title in ((ax_b, "accuracy", "steady-state accuracy", "accuracy jumps"),
                                       (ax_c, "d_rel", r"$d = |w-w^*|\,/\,|w_\dagger-w^*|$",
                                        "distance does not")):
            small = steady_theory[steady_theory["source"] == "small_eta"].sort_values("C")
            ax.plot(small["C"], small[qty], color="0.1", ls="--", lw=1.0,
                    label=r"$\eta \to 0$ theory", drawstyle="steps-mid" if qty == "accuracy" else "default")
            for j, eta in enumerate(etas):
                color = PALETTE[(j + 4) % len(PALETTE)] if len(etas) > 1 else PALETTE[0]
                th = steady_theory[(steady_theory["source"] == "ode") & (steady_theory["eta"] == eta)]
                th = th.sort_values("C")
                ax.plot(th["C"], th[qty], color=color, lw=1.3, label=rf"ODE, $\eta={eta:g}$")
                s = steady_sim[steady_sim["eta"] == eta].sort_values("C")
                ax.errorbar(s["C"], s[f"{qty}_mean"], s[f"{qty}_sem"].fillna(0), color=color,
                            marker=MARKERS[j % len(MARKERS)], ms=3.5, ls="none", mfc="white",
                            label=rf"simulation, $\eta={eta:g}$")
                for src, tab, col in (("ode", th, qty), ("simulation", s, f"{qty}_mean")):
                    for x, y in zip(tab["C"], tab[col]):
                        records.append({"panel": "b" if qty == "accuracy" else "c",
                                        "series": f"{src}:eta={eta:g}", "x": x, "y": y})
            for x, y in zip(small["C"], small[qty]):
                records.append({"panel": "b" if qty == "accuracy" else "c", "series": "small_eta",
                                "x": x, "y": y})
            ax.axvline(c_star, color="0.6", lw=0.8, ls=":")
            ax.text(c_star * 1.08, 0.02 if qty == "d_rel" else 0.5, f"$C^*={c_star:.2f}$",
                    color="0.4", fontsize=7.5, transform=ax.get_xaxis_transform() if qty == "d_rel"
                    else ax.transData)
            ax.set(xscale="log", xlabel=r"attack cost $C$  (strong attack $\leftarrow$)",
                   ylabel=ylabel, ylim=(-0.02, 1.02), title=title)
        ax_b.legend(fontsize=6.5, loc="lower right")
        for ax, label in zip(axes, "abc"):
            panel_label(ax, label)
        verdict = checks_verdict(checks)
        footer(fig, f"{note} Lines: theory; markers: simulations (mean $\\pm$ s.e. over seeds). "
                    f"{verdict}.", height=0.08)
    return fig, pd.DataFrame.from_records(records)
