"""Figures of the kernel learning-curve papers: learning curves with seed bands, the fitted
slope over its fit range (solid) and the predicted slope (dashed), and a panel of
measured against predicted exponents.  Each function returns ``(figure, table)`` where
the table holds every plotted number.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.plotting import MARKERS, PALETTE, checks_verdict, footer, log_ticks, panel_label, style

__all__ = ["draw_series", "draw_beta_panel", "size_ticks", "spigler_figure", "favero_figure",
           "cagnetta_figure"]


def draw_series(ax, curve: pd.DataFrame, fit: dict | None, label: str, color: str, marker: str,
                records: list, panel: str, series: str, y: str = "error_mean",
                show_pred: bool = True) -> None:
    """One learning curve: markers with a band of +-1 standard error over seeds, the fitted
    power law over its fit range (solid) and the predicted exponent through the same
    midpoint (dashed)."""
    c = curve.sort_values("P")
    P, m = c["P"].to_numpy(float), c[y].to_numpy(float)
    sem = c["error_sem"].fillna(0).to_numpy(float) if "error_sem" in c else np.zeros_like(m)
    lo = np.clip(m - sem, m * 0.05, None)
    text = label
    if fit is not None and np.isfinite(fit.get("beta", np.nan)):
        text = (f"{label}: $\\beta$={fit['beta']:.2f}"
                + (f" (pred {fit['beta_pred']:.2f})" if show_pred and "beta_pred" in fit else ""))
    ax.fill_between(P, lo, m + sem, color=color, alpha=0.18, lw=0)
    ax.plot(P, m, ls="none", marker=marker, color=color, ms=4, label=text)
    for p, v, s in zip(P, m, sem):
        records.append({"panel": panel, "series": series, "kind": "measured", "x": p, "y": v,
                        "y_err": s})
    if fit is None or not np.isfinite(fit.get("beta", np.nan)):
        return
    xs = np.geomspace(fit["fit_P_min"], fit["fit_P_max"], 20)
    ax.plot(xs, fit["prefactor"] * xs ** -fit["beta"], color=color, lw=1.0)
    if show_pred and np.isfinite(fit.get("beta_pred", np.nan)):
        mid = np.sqrt(fit["fit_P_min"] * fit["fit_P_max"])
        at = fit["prefactor"] * mid ** -fit["beta"]
        xp = np.geomspace(fit["fit_P_min"] / 2.5, fit["fit_P_max"] * 1.6, 20)
        ax.plot(xp, at * (xp / mid) ** -fit["beta_pred"], color=color, lw=0.9, ls="--",
                alpha=0.8)
        records.append({"panel": panel, "series": series, "kind": "predicted_slope",
                        "x": mid, "y": at, "y_err": fit["beta_pred"]})
    records.append({"panel": panel, "series": series, "kind": "fit", "x": fit["fit_P_min"],
                    "y": fit["beta"], "y_err": fit["fit_P_max"]})


def draw_beta_panel(ax, fits: pd.DataFrame, label_fn, color_fn, marker_fn, records: list,
                    panel: str) -> None:
    """Measured exponent (bootstrap interval over seeds) against the predicted one, y = x."""
    lim = [0, 1.1 * max(fits["beta_pred"].max(), fits["beta_hi"].max())]
    ax.plot(lim, lim, color="0.4", lw=0.8, ls="--", label="measured = predicted")
    for _, row in fits.iterrows():
        lo = row["beta"] - row["beta_lo"] if np.isfinite(row["beta_lo"]) else 0.0
        hi = row["beta_hi"] - row["beta"] if np.isfinite(row["beta_hi"]) else 0.0
        ax.errorbar([row["beta_pred"]], [row["beta"]], yerr=[[max(lo, 0)], [max(hi, 0)]],
                    color=color_fn(row), marker=marker_fn(row), ms=4.5, ls="none",
                    label=label_fn(row))
        records.append({"panel": panel, "series": label_fn(row), "kind": "beta",
                        "x": row["beta_pred"], "y": row["beta"], "y_err": hi})
    ax.set(xlim=lim, ylim=lim, xlabel=r"predicted $\beta$", ylabel=r"measured $\beta$ (tail fit)")


def size_ticks(ax, sizes) -> None:
    """Plain-number ticks at the training-set sizes (every other one if there are many)."""
    sizes = sorted(set(int(p) for p in sizes))
    step = 1 if len(sizes) <= 7 else 2
    log_ticks(ax, sizes[::step])


def _loglog(ax, sizes, xlabel=r"training set size $P$", ylabel=r"test error $\epsilon$"):
    ax.set(xscale="log", yscale="log", xlabel=xlabel, ylabel=ylabel)
    size_ticks(ax, sizes)


def spigler_figure(curves: pd.DataFrame, fits: pd.DataFrame, checks: dict, note: str,
                   circle: pd.DataFrame | None = None):
    """One panel per d (teacher -> student curves) and measured against predicted beta.

    ``circle`` (optional): finite-P theories at d = 2 (:func:`.circle.circle_theory_table`),
    drawn as lines (spline: dotted, eigenlearning: dash-dot) in the d = 2 panel.
    """
    import matplotlib.pyplot as plt

    dims = sorted(curves["d"].unique())
    series = list(dict.fromkeys(fits.sort_values("beta_pred")["series"]))
    colors = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(series)}
    markers = {d: MARKERS[i % len(MARKERS)] for i, d in enumerate(dims)}
    label = lambda s: s.replace("|", r"$\to$").replace("matern32", "Matern-3/2")  # noqa: E731
    records: list = []
    with style():
        fig, axes = plt.subplots(1, len(dims) + 1, figsize=(3.0 * (len(dims) + 1), 3.2),
                                 constrained_layout=True)
        for ax, d in zip(axes, dims):
            for s in series:
                cur = curves[(curves["d"] == d) & (curves["series"] == s)]
                if cur.empty:
                    continue
                fit = fits[(fits["d"] == d) & (fits["series"] == s)].iloc[0].to_dict()
                draw_series(ax, cur, fit, label(s), colors[s], markers[d], records,
                            f"d={d}", f"{s}@d={d}")
                th = (circle[(circle["d"] == d) & (circle["series"] == s)].sort_values("P")
                      if circle is not None and not circle.empty else None)
                if th is not None and not th.empty:
                    for col, ls, name in (("spline", ":", "spline theory"),
                                          ("eigenlearning", "-.", "eigenlearning")):
                        ax.plot(th["P"], th[col], color=colors[s], ls=ls, lw=1.0,
                                label=f"{label(s)}: {name}")
                        records += [{"panel": f"d={d}", "series": f"{s}@d={d}", "kind": col,
                                     "x": float(p), "y": float(v), "y_err": 0.0}
                                    for p, v in zip(th["P"], th[col])]
            _loglog(ax, curves["P"])
            ax.set_title(f"$d={d}$: sphere $S^{{{d - 1}}}$, $d'={d - 1}$")
            ax.legend(loc="lower left", fontsize=6.5)
        draw_beta_panel(axes[-1], fits, lambda r: f"{label(r['series'])}, d={r['d']}",
                        lambda r: colors[r["series"]], lambda r: markers[r["d"]], records, "beta")
        axes[-1].set_title(r"$\beta=\min(\alpha_T-d',\,2\alpha_S)/d'$")
        axes[-1].legend(fontsize=5.5, loc="upper left")
        for ax, lab in zip(axes, "abcdefgh"):
            panel_label(ax, lab)
        footer(fig, f"{note} Markers: mean over seeds, band: +-1 s.e.; solid: tail fit over its "
                    f"range; dashed: predicted slope"
                    + ("; d = 2 dotted / dash-dot: finite-P spline / eigenlearning theory on "
                       "the circle" if circle is not None and not circle.empty else "")
                    + f". {checks_verdict(checks)}.")
    return fig, pd.DataFrame.from_records(records)


def favero_figure(curves: pd.DataFrame, fits: pd.DataFrame, checks: dict, note: str,
                  t: int):
    """One panel per d (students of filter size s, FC), and beta against 1/s."""
    import matplotlib.pyplot as plt

    dims = sorted(curves["d"].unique())
    students = list(dict.fromkeys(fits.sort_values("beta_pred", ascending=False)["student"]))
    colors = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(students)}
    markers = {d: MARKERS[i % len(MARKERS)] for i, d in enumerate(dims)}

    def label(s):
        if s == "fc":
            return "FC Laplace"
        kind = "local" if s.startswith("local") else "conv"
        return f"{kind} $s={s[len(kind):]}$"

    records: list = []
    with style():
        fig, axes = plt.subplots(1, len(dims) + 1, figsize=(3.1 * (len(dims) + 1), 3.2),
                                 constrained_layout=True)
        for ax, d in zip(axes, dims):
            for s in students:
                cur = curves[(curves["d"] == d) & (curves["student"] == s)]
                if cur.empty:
                    continue
                fit = fits[(fits["d"] == d) & (fits["student"] == s)].iloc[0].to_dict()
                draw_series(ax, cur, fit, label(s), colors[s], markers[d], records,
                            f"d={d}", f"{s}@d={d}")
            _loglog(ax, curves["P"])
            ax.set_title(f"$d={d}$, teacher filter $t={t}$")
            ax.legend(loc="lower left", fontsize=6.5)
        draw_beta_panel(axes[-1], fits, lambda r: f"{label(r['student'])}, d={r['d']}",
                        lambda r: colors[r["student"]], lambda r: markers[r["d"]], records,
                        "beta")
        axes[-1].set_title(r"$\beta=\alpha_t/s$, not $1/d$")
        axes[-1].legend(fontsize=5.5, loc="upper left")
        for ax, lab in zip(axes, "abcdefgh"):
            panel_label(ax, lab)
        footer(fig, f"{note} Conv students learn a conv teacher, local and FC students a local "
                    f"one. Solid: tail fit; dashed: predicted slope. {checks_verdict(checks)}.")
    return fig, pd.DataFrame.from_records(records)


def cagnetta_figure(curves: pd.DataFrame, fits: pd.DataFrame, checks: dict, note: str,
                    spectral: pd.DataFrame | None = None, grid_tol: float = 0.05):
    """Learning curves per teacher receptive field, and beta against the effective dimension.

    ``spectral`` (rule cagnetta_spectral): the finite-P eigenlearning prediction, drawn as a
    thick translucent line per teacher (dotted where the grid has not converged, i.e. its
    N/2 -> N change exceeds ``grid_tol``), and its tail slope in panel b.
    """
    import matplotlib.pyplot as plt

    fits = fits.sort_values("d_eff_teacher")
    teachers = fits["teacher"].tolist()
    colors = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(teachers)}
    records: list = []
    with style():
        fig, (ax, bx) = plt.subplots(1, 2, figsize=(8.2, 3.6), constrained_layout=True)
        for i, row in enumerate(fits.itertuples()):
            cur = curves[curves["teacher"] == row.teacher]
            draw_series(ax, cur, row._asdict(),
                        f"teacher {row.filters}, $d_{{eff}}={row.d_eff_teacher}$",
                        colors[row.teacher], MARKERS[i], records, "a", row.teacher)
            if spectral is None:
                continue
            sp = spectral[spectral["teacher"] == row.teacher].sort_values("P")
            ok = bool(sp["grid_change"].max() <= grid_tol)
            ax.plot(sp["P"], sp["error_pred"], color=colors[row.teacher], lw=2.4, alpha=0.4,
                    ls="-" if ok else ":")
            for p, v in zip(sp["P"], sp["error_pred"]):
                records.append({"panel": "a", "series": row.teacher, "kind": "spectral_theory",
                                "x": p, "y": v, "y_err": np.nan})
            tail = sp[(sp["P"] >= row.fit_P_min) & (sp["P"] <= row.fit_P_max)]
            slope = -np.polyfit(np.log(tail["P"]), np.log(tail["error_pred"]), 1)[0]
            bx.plot([row.d_eff_teacher], [slope], marker="s", ms=7, mfc="none",
                    color=PALETTE[1] if ok else "0.7", ls="none",
                    label=("finite-P spectral theory" if i == 0 else None))
            records.append({"panel": "b", "series": row.teacher, "kind": "spectral_slope",
                            "x": row.d_eff_teacher, "y": slope, "y_err": np.nan})
        if spectral is not None:
            loose = bool((spectral.groupby("teacher")["grid_change"].max() > grid_tol).any())
            ax.plot([], [], color="0.4", lw=2.4, alpha=0.4, label="finite-P spectral theory"
                    + (" (dotted: grid not converged)" if loose else ""))
        _loglog(ax, curves["P"])
        ax.set_title(f"student: deep CNTK {fits['student_filters'].iloc[0]}")
        ax.set_ylim(curves["error_mean"].min() * 0.12, curves["error_mean"].max() * 1.6)
        ax.legend(loc="lower left", fontsize=6.5)
        deff = fits["d_eff_teacher"].to_numpy(float)
        yerr = [np.clip(fits["beta"] - fits["beta_lo"], 0, None).fillna(0),
                np.clip(fits["beta_hi"] - fits["beta"], 0, None).fillna(0)]
        bx.errorbar(deff, fits["beta"], yerr=yerr, ls="none", marker="o", color=PALETTE[0],
                    label="measured (tail fit)")
        grid = np.linspace(deff.min(), deff.max(), 50)
        dl = float(fits["d_eff_student"].iloc[0])
        bx.plot(grid, (1 + dl) / (dl * (1 + grid)), color="0.3", ls="--",
                label=r"$\frac{1+d_{eff}^{S}}{d_{eff}^{S}\,(1+d_{eff}^{T})}$")
        bx.plot(grid, 1 / grid, color="0.6", ls=":", label=r"$1/d_{eff}^{T}$")
        for row in fits.itertuples():
            records.append({"panel": "b", "series": row.teacher, "kind": "beta",
                            "x": row.d_eff_teacher, "y": row.beta, "y_err": row.beta_pred})
        bx.set(xlabel=r"teacher's effective dimension $d_{eff}^{T}$",
               ylabel=r"$\beta$", title="decay set by the teacher's patch")
        bx.legend(fontsize=8)
        panel_label(ax, "a")
        panel_label(bx, "b")
        footer(fig, f"{note} Thin solid: tail fit; dashed: asymptotic slope; thick: "
               f"eigenlearning on the student's Fourier spectrum. {checks_verdict(checks)}.")
    return fig, pd.DataFrame.from_records(records)
