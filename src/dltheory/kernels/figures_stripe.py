"""Figures of the stripe-model papers: SVM classification (Paccolat et al. 2020) and ridge
regression on the depleted stripe (Tomasini et al. 2022)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.plotting import MARKERS, PALETTE, footer, log_ticks, panel_label, style
from .exponents import svm_stripe_beta
from ..core.plotting import checks_verdict
from .figures import draw_series, size_ticks
from .tables import compression_fit

__all__ = ["paccolat_figure", "tomasini_figure"]


def paccolat_figure(curves: pd.DataFrame, fits: pd.DataFrame, compression: pd.DataFrame,
                    theory: pd.DataFrame, checks: dict, note: str, sphere=None, regression=None):
    """(a) stripe learning curves per d, (b) beta against d, (c) error against compression;
    with ``sphere = (curves, fits)`` and ``regression = (curves, fits, theory)``: (d) SVM
    learning curves on the spherical model, (e) ridgeless regression of a field on d_par of
    d coordinates, (f) its beta against d_par with 1/d and 1/d_par."""
    import matplotlib.pyplot as plt

    records: list = []
    dims = sorted(fits["d"])
    with style():
        if sphere is None:
            fig, (ax, bx, cx) = plt.subplots(1, 3, figsize=(10.2, 3.3), constrained_layout=True)
            more = ()
        else:
            fig, axes = plt.subplots(2, 3, figsize=(10.2, 6.6), constrained_layout=True)
            (ax, bx, cx), more = axes[0], tuple(axes[1])
        for i, d in enumerate(dims):
            fit = fits[fits["d"] == d].iloc[0].to_dict()
            draw_series(ax, curves[curves["d"] == d], fit, f"$d={d}$", PALETTE[i], MARKERS[i],
                        records, "a", f"d={d}")
        ax.set(xscale="log", yscale="log", xlabel=r"training set size $P$",
               ylabel=r"test error $\epsilon$ (misclassified)", title="hard-margin SVM, Laplace")
        size_ticks(ax, curves["P"])
        ax.legend(loc="lower left", fontsize=6.5)

        grid = np.arange(2, max(dims) + 4)
        bx.plot(grid, [svm_stripe_beta(int(d)) for d in grid], color="0.2", ls="--",
                label=r"$\beta=\frac{d-1+\xi}{3d-3+\xi}$, $\xi=1$")
        bx.plot(grid, 1.0 / grid, color="0.6", ls=":", label=r"$1/d$ (generic target)")
        bx.axhline(1 / 3, color="0.75", lw=0.8, label=r"$1/3$ ($d\to\infty$)")
        yerr = [np.clip(fits["beta"] - fits["beta_lo"], 0, None).fillna(0),
                np.clip(fits["beta_hi"] - fits["beta"], 0, None).fillna(0)]
        bx.errorbar(fits["d"], fits["beta"], yerr=yerr, ls="none", marker="o",
                    color=PALETTE[0], label="measured (tail fit)")
        for row in fits.itertuples():
            records.append({"panel": "b", "series": f"d={row.d}", "kind": "beta", "x": row.d,
                            "y": row.beta, "y_err": row.beta_pred})
        bx.set(xlabel="input dimension $d$", ylabel=r"$\beta$", ylim=(0, None),
               title="no curse of dimensionality")
        bx.legend(fontsize=7)

        m = compression.groupby("compress")["error"].agg(["mean", "std", "count"])
        sem = m["std"] / np.sqrt(m["count"])
        cx.errorbar(m.index, m["mean"], sem, ls="none", marker="s", color=PALETTE[1],
                    label="measured")
        comp = theory[theory["compression_run"]].iloc[0]
        fit = compression_fit(compression, float(m.index.max()))
        lam = np.geomspace(m.index.min(), m.index.max(), 20)
        at = np.exp(np.mean(np.log(m["mean"]) + comp.compression_pred * np.log(m.index)))
        cx.plot(lam, at * lam ** -comp.compression_pred, color="0.2", ls="--",
                label=rf"$\lambda^{{-2(d-1)/(3d-3+\xi)}}$ = $\lambda^{{-{comp.compression_pred:.2f}}}$")
        cx.plot([], [], ls="none", label=f"fitted exponent {fit['exponent']:.2f}")
        for lam_i, mu, s in zip(m.index, m["mean"], sem):
            records.append({"panel": "c", "series": "compression", "kind": "measured",
                            "x": lam_i, "y": mu, "y_err": s})
        P = int(compression["P"].iloc[0])
        cx.set(xscale="log", yscale="log", xlabel=r"compression of $x_\perp$, $\lambda$",
               ylabel=r"test error $\epsilon$", title=f"$d={int(comp.d)}$, $P={P}$")
        log_ticks(cx, [f for f in (1, 1.5, 2, 3, 4, 8, 16) if m.index.min() <= f <= m.index.max()])
        cx.legend(fontsize=7)
        if more:
            _paccolat_invariant_panels(more, sphere, regression, records)
        for a, lab in zip((ax, bx, cx) + more, "abcdef"):
            panel_label(a, lab)
        footer(fig, f"{note} {checks_verdict(checks)}.")
    return fig, pd.DataFrame.from_records(records)


def _paccolat_invariant_panels(axes, sphere, regression, records: list) -> None:
    """Panels (d)-(f) of :func:`paccolat_figure`: spherical model and invariant-field regression."""
    dx, ex, fx = axes
    s_curves, s_fits = sphere
    for i, row in enumerate(s_fits.sort_values(["d", "d_par"]).to_dict("records")):
        d, dp = int(row["d"]), int(row["d_par"])
        label = f"$d={d}$" if dp == d else f"$d={d}$, $d_\\parallel={dp}$"
        c = s_curves[(s_curves["d"] == d) & (s_curves["d_par"] == dp)]
        draw_series(dx, c, row, label, PALETTE[i], MARKERS[i], records, "d", f"d={d},d_par={dp}")
    dx.set(xscale="log", yscale="log", xlabel=r"training set size $P$",
           ylabel=r"test error $\epsilon$ (misclassified)",
           title=r"spherical model $y=\mathrm{sign}(|x_\parallel|-R)$")
    size_ticks(dx, s_curves["P"])
    dx.legend(loc="lower left", fontsize=6.5)

    r_curves, r_fits, r_theory = regression
    r_fits = r_fits.sort_values("d_par")
    d = int(r_fits["d"].iloc[0])
    for i, row in enumerate(r_fits.to_dict("records")):
        dp = int(row["d_par"])
        c = r_curves[r_curves["d_par"] == dp]
        draw_series(ex, c, row, f"$d_\\parallel={dp}$", PALETTE[i + 3], MARKERS[i + 3], records,
                    "e", f"d_par={dp}")
    ex.set(xscale="log", yscale="log", xlabel=r"training set size $P$",
           ylabel=r"test error $\epsilon$ (mean squared)",
           title=f"Laplace field on $d_\\parallel$ of $d={d}$ coords")
    size_ticks(ex, r_curves["P"])
    ex.legend(loc="lower left", fontsize=6.5)

    grid = np.arange(1, d + 1)
    th = r_theory.sort_values("d_par")
    fx.plot(grid, np.full(len(grid), float(th["beta_pred"].iloc[0])), color="0.2", ls="--",
            label=r"$\beta=\min(a_T, 2(d+a_S))/d = 1/d$")
    fx.plot(grid, [1.0 / g for g in grid], color="0.6", ls=":",
            label=r"$1/d_\parallel$ (if the invariance were used)")
    yerr = [np.clip(r_fits["beta"] - r_fits["beta_lo"], 0, None).fillna(0),
            np.clip(r_fits["beta_hi"] - r_fits["beta"], 0, None).fillna(0)]
    fx.errorbar(r_fits["d_par"], r_fits["beta"], yerr=yerr, ls="none", marker="o",
                color=PALETTE[3], label="measured (tail fit)")
    for row in r_fits.itertuples():
        records.append({"panel": "f", "series": f"d_par={row.d_par}", "kind": "beta",
                        "x": row.d_par, "y": row.beta, "y_err": row.beta_pred})
    fx.set(xlabel=r"informative coordinates $d_\parallel$", ylabel=r"$\beta$", ylim=(0, 1.1),
           xticks=list(grid), title=f"isotropic kernel: curse of $d={d}$")
    fx.legend(fontsize=6.5)


def tomasini_figure(curves: pd.DataFrame, sb: pd.DataFrame, fits: pd.DataFrame,
                    crossover: pd.DataFrame, theory: pd.DataFrame, checks: dict, note: str):
    """(a) d = 1: error against ridge for several P, spectral-bias prediction as lines;
    (b) same in d = 2 (measured only); (c) ridgeless learning curves with the predicted and
    spectral-bias slopes; (d) the crossover ridge lambda*(P)."""
    import matplotlib.pyplot as plt

    records: list = []
    dims = sorted(curves["d"].unique())
    with style():
        fig, axes = plt.subplots(1, len(dims) + 2, figsize=(3.0 * (len(dims) + 2), 3.3),
                                 constrained_layout=True)
        for ax, d in zip(axes, dims):
            cur = curves[(curves["d"] == d) & (curves["ridge"] > 0)]
            sizes = sorted(cur["P"].unique())
            show = sizes[:: max(1, len(sizes) // 4)]
            for i, P in enumerate(show):
                c = cur[cur["P"] == P].sort_values("ridge")
                ax.errorbar(c["ridge"], c["error_mean"], c["error_sem"].fillna(0), ls="none",
                            marker=MARKERS[i], color=PALETTE[i], ms=3.5, label=f"$P={P}$")
                e0 = curves[(curves["d"] == d) & (curves["P"] == P) & (curves["ridge"] == 0)]
                ax.axhline(float(e0["error_mean"].iloc[0]), color=PALETTE[i], lw=0.6, ls=":")
                for r, v, s in zip(c["ridge"], c["error_mean"], c["error_sem"]):
                    records.append({"panel": f"d={d}", "series": f"P={P}", "kind": "measured",
                                    "x": r, "y": v, "y_err": s})
                s_line = sb[(sb["d"] == d) & (sb["P"] == P) & (sb["ridge"] > 0)].sort_values("ridge")
                if len(s_line):
                    ax.plot(s_line["ridge"], s_line["error_sb"], color=PALETTE[i], lw=1.0)
                    for r, v in zip(s_line["ridge"], s_line["error_sb"]):
                        records.append({"panel": f"d={d}", "series": f"P={P}",
                                        "kind": "spectral_bias", "x": r, "y": v, "y_err": np.nan})
                ls = crossover[(crossover["d"] == d) & (crossover["P"] == P)]["lambda_star"]
                if len(ls) and np.isfinite(ls.iloc[0]):
                    ax.axvline(float(ls.iloc[0]), color=PALETTE[i], lw=0.6, ls="-.", alpha=0.7)
            ax.set(xscale="log", yscale="log", xlabel=r"ridge $\lambda$",
                   ylabel=r"test error $\epsilon$",
                   title=f"$d={d}$" + (": KRR (markers), spectral bias (lines)" if d == 1
                                       else ": KRR (markers)"))
            ax.title.set_fontsize(8.5)
            ax.legend(fontsize=6, loc="upper left")

        cx, dx = axes[len(dims)], axes[len(dims) + 1]
        for i, d in enumerate(dims):
            fit = fits[fits["d"] == d].iloc[0].to_dict()
            c0 = curves[(curves["d"] == d) & (curves["ridge"] == 0)]
            draw_series(cx, c0, fit, f"$d={d}$ KRR", PALETTE[i], MARKERS[i], records, "c",
                        f"ridgeless d={d}")
            s0 = sb[(sb["d"] == d) & (sb["ridge"] == 0)].sort_values("P")
            if len(s0):
                beta_sb = float(theory.loc[theory["d"] == d, "beta_sb"].iloc[0])
                cx.plot(s0["P"], s0["error_sb"], color=PALETTE[i], lw=1.0, ls=":",
                        label=rf"$d={d}$ spectral bias ($\beta_{{SB}}$={beta_sb:.2f})")
                for p_, v in zip(s0["P"], s0["error_sb"]):
                    records.append({"panel": "c", "series": f"SB d={d}", "kind": "spectral_bias",
                                    "x": p_, "y": v, "y_err": np.nan})
            co = crossover[crossover["d"] == d].dropna()
            dx.plot(co["P"], co["lambda_star"], ls="none", marker=MARKERS[i], color=PALETTE[i],
                    label=f"$d={d}$")
            if len(co) >= 2:
                expo = float(theory.loc[theory["d"] == d, "lambda_star_exponent"].iloc[0])
                mid = np.exp(np.mean(np.log(co["lambda_star"])) - expo * np.mean(np.log(co["P"])))
                dx.plot(co["P"], mid * co["P"].to_numpy(float) ** expo, color=PALETTE[i],
                        ls="--", label=rf"$P^{{-1/(d+\chi)}}$, $d={d}$")
            for p_, v in zip(co["P"], co["lambda_star"]):
                records.append({"panel": "d", "series": f"d={d}", "kind": "lambda_star",
                                "x": p_, "y": v, "y_err": np.nan})
        cx.set(xscale="log", yscale="log", xlabel=r"training set size $P$",
               ylabel=r"ridgeless error $\epsilon$", title=r"$\beta=(1+\chi)/(d+\chi)$")
        size_ticks(cx, curves["P"])
        cx.legend(fontsize=6, loc="lower left")
        dx.set(xscale="log", yscale="log", xlabel=r"training set size $P$",
               ylabel=r"crossover ridge $\lambda^*$", title=r"$\lambda^*\sim P^{-1/(d+\chi)}$")
        size_ticks(dx, crossover["P"])
        dx.legend(fontsize=6.5)
        for a, lab in zip(axes, "abcdefgh"):
            panel_label(a, lab)
        footer(fig, f"{note} Dotted horizontals: ridgeless error; dash-dot verticals: "
                    f"lambda* where the error has doubled. {checks_verdict(checks)}.")
    return fig, pd.DataFrame.from_records(records)
