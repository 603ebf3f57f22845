"""The sample-complexity figure of the Random Hierarchy Model (arXiv:2307.02129, Figs. 3, 4, 6).

(a) test error over chance error against ``P / (n_c m^L)``: the curves of every
    ``(v, m, L)`` collapse;
(b) measured ``P*`` (bootstrap interval over seeds) and the correlation-detection
    size ``P_c`` (exact, from the rules) against ``n_c m^L``, with the slope-1 law and
    the fitted exponents;
(c) sensitivity ``S_{2,1}`` of the second hidden layer to exchanges of level-1 synonyms
    against ``P / (n_c m^L)``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.fits import fit_power_law
from ..core.plotting import MARKERS, PALETTE, checks_verdict, footer, log_ticks, panel_label, style

__all__ = ["scaling_figure", "instance_label"]


def instance_label(row) -> str:
    base = f"$v{{=}}{row.v},\\ m{{=}}{row.m},\\ L{{=}}{row.L}$"
    if row.n_c != row.v:
        base += f", $n_c{{=}}{row.n_c}$"
    if row.s != 2:
        base += f", $s{{=}}{row.s}$"
    return base


def _claim(checks: dict, name: str) -> dict:
    return next((c for c in checks.get("claims", []) if c["name"] == name), {})


def scaling_figure(curves: pd.DataFrame, sc: pd.DataFrame, checks: dict, note: str):
    """Draw the three panels; return ``(figure, long table of every plotted number)``."""
    import matplotlib.pyplot as plt

    order = sc.sort_values(["L", "v", "m"])["rhm"].tolist()
    info = sc.set_index("rhm")
    depths = sorted(sc["L"].unique())
    records = []

    with style():
        fig, axes = plt.subplots(1, 3, figsize=(10.6, 3.3), constrained_layout=True)
        ax_a, ax_b, ax_c = axes
        handles = []
        for i, key in enumerate(order):
            row = info.loc[key]
            color, marker = PALETTE[i % len(PALETTE)], MARKERS[depths.index(row.L) % len(MARKERS)]
            cur = curves[curves["rhm"] == key].sort_values("P")
            chance = 1.0 - 1.0 / row.n_c
            y, dy = cur["error_mean"] / chance, cur["error_sem"].fillna(0) / chance
            capped = cur["n_epoch_cap"] > 0
            h = ax_a.errorbar(cur["P_ratio"], y, dy, color=color, marker=marker, ms=4,
                              mfc=color, label=instance_label(row))
            ax_a.plot(cur["P_ratio"][capped], y[capped], ls="none", marker=marker, ms=4,
                      mfc="white", mec=color, zorder=3)
            handles.append(h)
            ax_c.errorbar(cur["P_ratio"], cur["S_mean"], cur["S_sem"].fillna(0), color=color,
                          marker=marker, ms=4)
            for r, yy, ee, ss, se in zip(cur["P_ratio"], y, dy, cur["S_mean"], cur["S_sem"]):
                records.append({"panel": "a", "series": key, "x": r, "y": yy, "y_err": ee})
                records.append({"panel": "c", "series": key, "x": r, "y": ss, "y_err": se})
            lo, hi = row.P_star - row.P_star_lo, row.P_star_hi - row.P_star
            ax_b.errorbar([row.P_scale], [row.P_star],
                          yerr=[[max(lo, 0) if np.isfinite(lo) else 0],
                                [max(hi, 0) if np.isfinite(hi) else 0]],
                          color=color, marker=marker, ms=5, ls="none")
            ax_b.plot([row.P_scale], [row.P_c], ls="none", marker=marker, ms=6, mfc="none",
                      mec=color, mew=1.0)
            records.append({"panel": "b", "series": f"P_star:{key}", "x": row.P_scale,
                            "y": row.P_star, "y_lo": row.P_star_lo, "y_hi": row.P_star_hi})
            records.append({"panel": "b", "series": f"P_c:{key}", "x": row.P_scale,
                            "y": row.P_c, "y_err": row.P_c_std})

        ax_a.axhline(0.1, color="0.3", ls="--", lw=0.9)
        ax_a.text(0.98, 0.1, r"$\epsilon^*$", ha="right",
                  va="bottom", transform=ax_a.get_yaxis_transform(), color="0.3")
        ax_a.set(xscale="log", xlabel=r"$P\,/\,(n_c m^L)$",
                 ylabel=r"test error $/\,(1 - 1/n_c)$", ylim=(-0.02, 1.0),
                 title="learning curves collapse")

        ok = sc[np.isfinite(sc["P_star"]) & (sc["censored"] == "none")]
        xs = np.geomspace(sc["P_scale"].min() / 1.6, sc["P_scale"].max() * 1.6, 50)
        text = []
        if len(ok) >= 2:
            fit = fit_power_law(ok["P_scale"], ok["P_star"])
            prefactor = np.exp(np.mean(np.log(ok["P_star"] / ok["P_scale"])))
            ax_b.plot(xs, prefactor * xs, color="0.3", ls="--", lw=0.9,
                      label=rf"$P \propto n_c m^L$ (slope 1)")
            text.append(rf"$P^*\!: $ exponent ${fit.exponent:.2f} \pm {fit.exponent_err:.2f}$")
            records.append({"panel": "b", "series": "fit_P_star", "x": np.nan,
                            "y": fit.exponent, "y_err": fit.exponent_err})
        fit_c = fit_power_law(sc["P_scale"], sc["P_c"])
        text.append(rf"$P_c\!: $ exponent ${fit_c.exponent:.2f} \pm {fit_c.exponent_err:.2f}$")
        pmax = _claim(checks, "exponent_vs_Pmax").get("measured")
        if pmax is not None and np.isfinite(pmax):
            text.append(rf"$P^*$ vs $P_{{max}}$: exponent ${pmax:.2f}$")
        ax_b.text(0.04, 0.97, "\n".join(text), transform=ax_b.transAxes, va="top", fontsize=7.5)
        ax_b.plot([], [], ls="none", marker="o", color="0.4", label=r"$P^*$ (trained CNNs)")
        ax_b.plot([], [], ls="none", marker="o", mfc="none", mec="0.4",
                  label=r"$P_c$ (correlations, exact)")
        ys = np.concatenate([sc["P_star"], sc["P_c"]])
        ys = ys[np.isfinite(ys) & (ys > 0)]
        ax_b.set(xscale="log", yscale="log", xlabel=r"$n_c m^L$", ylabel=r"$P^*,\ P_c$",
                 ylim=(ys.min() / 6, ys.max() * 2.5), title="sample complexity")
        ax_b.legend(loc="lower right")

        ratio = ok["P_star"] / ok["P_scale"]
        if len(ratio):
            ax_c.axvspan(ratio.min(), ratio.max(), color="0.85", lw=0, zorder=0)
            ax_c.text(np.sqrt(ratio.min() * ratio.max()), 0.02, r"$P^*$", ha="center",
                      va="bottom", color="0.35", transform=ax_c.get_xaxis_transform())
        ax_c.set(xscale="log", xlabel=r"$P\,/\,(n_c m^L)$",
                 ylabel=r"synonymic sensitivity $S_{2,1}$", ylim=(0, None),
                 title="invariance to synonyms")
        for ax in (ax_a, ax_c):
            lo, hi = curves["P_ratio"].min(), curves["P_ratio"].max()
            log_ticks(ax, [t for t in (0.25, 0.5, 1, 2, 4, 8, 16) if lo / 1.01 <= t <= hi * 1.01])
        for ax, label in zip(axes, "abc"):
            panel_label(ax, label)
        fig.legend(handles=handles, loc="outside right center", fontsize=7,
                   title="RHM instance", title_fontsize=7.5)
        verdict = checks_verdict(checks)
        footer(fig, f"{note} Open markers: some seeds hit the epoch cap. {verdict}.")
    return fig, pd.DataFrame.from_records(records)
