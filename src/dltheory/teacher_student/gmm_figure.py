"""The Gaussian-mixture figure (arXiv:2102.11742): small networks succeed where random features fail.

(a) classification error ``eps_c(t)`` of two-layer networks of several widths: simulations
(markers), ODE from each network's state at ``t0`` (lines) and from ``t = 0`` (thin
dashed); the oracle (Bayes) error and random features for comparison; (b) the same for the
mean-squared error ``eps_g(t)``; (c) error at the end of training against the cluster
variance ``sigma^2``: network, random features at several ``p / N`` (Gaussian-equivalent
theory, lines; real features, markers) and the oracle.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.plotting import MARKERS, PALETTE, checks_verdict, footer, panel_label, style

__all__ = ["gmm_figure"]


def gmm_figure(curves: pd.DataFrame, finals: pd.DataFrame, baselines: pd.DataFrame, sigma2: float,
               ode_start: float, checks: dict, note: str):
    """Draw the three panels; return ``(figure, long table of every plotted number)``."""
    import matplotlib.pyplot as plt

    records: list[dict] = []
    Ks = sorted(curves["K"].unique())
    oracle = baselines[baselines["model"] == "oracle"].sort_values("sigma2")
    rf = baselines[baselines["model"] == "random_features"]
    ratios = sorted(rf["p_ratio"].unique())
    with style():
        fig, axes = plt.subplots(1, 3, figsize=(11.4, 3.4), constrained_layout=True)
        ax_a, ax_b, ax_c = axes
        at = curves[np.isclose(curves["sigma2"], sigma2) & (curves["t"] > 0)]
        for ax, qty in ((ax_a, "eps_c"), (ax_b, "eps_g")):
            for i, K in enumerate(Ks):
                color, marker = PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)]
                c = at[at["K"] == K]
                sim = c[c["source"] == "simulation"].sort_values("t")
                ode = c[c["source"] == "ode"].sort_values("t")
                zero = c[c["source"] == "ode_from_zero"].sort_values("t")
                ax.plot(ode["t"], ode[f"{qty}_mean"], color=color, lw=1.4, label=f"ODE, $K={K}$")
                ax.plot(zero["t"], zero[f"{qty}_mean"], color=color, lw=0.8, ls="--", alpha=0.8)
                ax.errorbar(sim["t"], sim[f"{qty}_mean"], sim[f"{qty}_sem"].fillna(0), color=color,
                            marker=marker, ms=3.5, ls="none", mfc="white", elinewidth=0.8,
                            label=f"simulation, $K={K}$")
                for src, tab in (("simulation", sim), ("ode", ode), ("ode_from_zero", zero)):
                    for t, m, e in zip(tab["t"], tab[f"{qty}_mean"], tab[f"{qty}_sem"]):
                        records.append({"panel": "a" if qty == "eps_c" else "b",
                                        "series": f"{src}:K={K}", "x": t, "y": m, "y_err": e})
            ax.axvline(ode_start, color="0.75", lw=0.8, ls=":")
            ax.set(xscale="log", xlabel=r"$t$ (steps / $N$)")
        ax_b.plot([], [], color="0.4", lw=0.8, ls="--", label="ODE from $t=0$")
        y_or = float(np.interp(sigma2, oracle["sigma2"], oracle["eps_c"]))
        ax_a.axhline(y_or, color="0.1", ls=":", lw=1.0)
        ax_a.text(0.11, y_or + 0.008, "oracle (Bayes)", fontsize=6.5, va="bottom", color="0.1")
        best = rf[(rf["source"] == "theory") & (rf["p_ratio"] == max(ratios))]
        y_rf = float(np.interp(sigma2, best["sigma2"], best["eps_c"]))
        ax_a.axhline(y_rf, color=PALETTE[3], ls="-.", lw=1.0)
        ax_a.text(0.11, y_rf + 0.008, f"random features, $p={max(ratios):g}N$", fontsize=6.5,
                  va="bottom", color=PALETTE[3])
        records += [{"panel": "a", "series": "oracle", "x": np.nan, "y": y_or},
                    {"panel": "a", "series": f"rf_p{max(ratios):g}N", "x": np.nan, "y": y_rf}]
        ax_a.set(ylabel=r"classification error $\epsilon_c$", ylim=(0, 0.56),
                 title=rf"learning curves, $\sigma^2={sigma2:g}$")

        ax_b.set(ylabel=r"$\epsilon_g = \frac{1}{2}E[(y-\hat y)^2]$", yscale="log",
                 title="mean-squared error")
        ax_b.legend(fontsize=6.5, loc="lower left")

        ax_c.plot(oracle["sigma2"], oracle["eps_c"], color="0.1", ls=":", lw=1.2, label="oracle (Bayes)")
        for j, ratio in enumerate(ratios):
            th = rf[(rf["source"] == "theory") & (rf["p_ratio"] == ratio)].sort_values("sigma2")
            color = PALETTE[(3 + j) % len(PALETTE)]
            ax_c.plot(th["sigma2"], th["eps_c"], color=color, ls="-.", marker="x", ms=4,
                      label=f"random features, $p={ratio:g}N$ (GE)")
            real = rf[(rf["source"] == "simulation") & (rf["p_ratio"] == ratio)].sort_values("sigma2")
            if len(real):
                ax_c.errorbar(real["sigma2"], real["eps_c"], real["eps_c_sem"].fillna(0), color=color,
                              marker="D", ms=3.5, ls="none", mfc="white",
                              label=f"random features, $p={ratio:g}N$ (real features)")
            for src, tab in (("theory", th), ("simulation", real)):
                for x, y in zip(tab["sigma2"], tab["eps_c"]):
                    records.append({"panel": "c", "series": f"rf_{src}:p={ratio:g}N", "x": x, "y": y})
        net = finals[finals["K"] == Ks[0]].sort_values("sigma2")
        ax_c.plot(net["sigma2"], net["eps_c_mean:ode"], color=PALETTE[0], lw=1.4,
                  label=f"network $K={Ks[0]}$, ODE")
        ax_c.errorbar(net["sigma2"], net["eps_c_mean:simulation"], net["eps_c_sem:simulation"].fillna(0),
                      color=PALETTE[0], marker=MARKERS[0], ms=4, ls="none", mfc="white",
                      label=f"network $K={Ks[0]}$, simulation")
        for x, y, yo in zip(net["sigma2"], net["eps_c_mean:simulation"], net["eps_c_mean:ode"]):
            records.append({"panel": "c", "series": f"network_sim:K={Ks[0]}", "x": x, "y": y})
            records.append({"panel": "c", "series": f"network_ode:K={Ks[0]}", "x": x, "y": yo})
        for x, y in zip(oracle["sigma2"], oracle["eps_c"]):
            records.append({"panel": "c", "series": "oracle", "x": x, "y": y})
        t_end = curves["t"].max()
        ax_c.set(xlabel=r"cluster variance $\sigma^2$ (SNR $=1/\sigma^2$)",
                 ylabel=rf"$\epsilon_c$ at $t={t_end:g}$", ylim=(0, 0.52),
                 xlim=(0, 1.15 * finals["sigma2"].max()), title="networks beat random features")
        ax_c.legend(fontsize=6.0, loc="center right")
        for ax, label in zip(axes, "abc"):
            panel_label(ax, label)
        verdict = checks_verdict(checks)
        footer(fig, f"{note} Markers: mean $\\pm$ s.e. over seeds. {verdict}.", height=0.08)
    return fig, pd.DataFrame.from_records(records)
