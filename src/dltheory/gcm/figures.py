"""Figures of the Gaussian-covariate-model family: theory as lines, simulations as markers with error bars.

Every function returns ``(figure, table)``: the table holds every plotted number (one row
per point, ``panel, series, x, y, y_err``) and becomes the figure's CSV.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.plotting import MARKERS, PALETTE, checks_verdict, footer, panel_label, style

__all__ = ["learning_curves_figure", "deep_rf_figure", "structured_figure", "bayes_figure",
           "flat_minima_figure"]


def _legend_markers(ax, sim_label="simulation (mean $\\pm$ s.e.m.)", theory_label="theory"):
    ax.plot([], [], color="0.3", label=theory_label)
    ax.errorbar([], [], [], color="0.3", marker="o", ls="none", label=sim_label)


class _Records:
    def __init__(self):
        self.rows = []

    def add(self, panel, series, x, y, y_err=None, **extra):
        y_err = np.full(len(np.atleast_1d(x)), np.nan) if y_err is None else y_err
        for xi, yi, ei in zip(np.atleast_1d(x), np.atleast_1d(y), np.atleast_1d(y_err)):
            self.rows.append({"panel": panel, "series": series, "x": float(xi), "y": float(yi),
                              "y_err": float(ei), **extra})

    def table(self) -> pd.DataFrame:
        return pd.DataFrame.from_records(self.rows)


def learning_curves_figure(points: pd.DataFrame, lines: pd.DataFrame, checks: dict, note: str,
                           universe_label: str = "data universe"):
    """arXiv:2102.08127: (a) ridge test error, (b) logistic classification error, (c) training
    loss, against ``alpha = n/p``; (d) ridge on a data universe from its empirical covariances."""
    import matplotlib.pyplot as plt

    rec = _Records()
    with style():
        fig, grid_axes = plt.subplots(2, 2, figsize=(8.6, 6.0), constrained_layout=True)
        axes = grid_axes.ravel()
        spec = [("ridge", "test_error", axes[0], r"test error $\epsilon_g$ (mean squared)",
                 "ridge regression"),
                ("logistic", "test_error", axes[1], r"classification error $\epsilon_g$",
                 "logistic regression"),
                ]
        for task, col, ax, ylabel, title in spec:
            for i, lam in enumerate(sorted(lines.loc[lines["task"] == task, "lam"].unique())):
                c = PALETTE[i % len(PALETTE)]
                th = lines[(lines["task"] == task) & (lines["lam"] == lam)].sort_values("alpha")
                pt = points[(points["task"] == task) & (points["lam"] == lam)].sort_values("alpha")
                ax.plot(th["alpha"], th[col], color=c, label=rf"$\lambda = {lam:g}$")
                ax.errorbar(pt["alpha"], pt[col], pt[f"{col}_sem"], color=c, marker=MARKERS[i],
                            ls="none", ms=4)
                rec.add("a" if task == "ridge" else "b", f"theory:{task}:lam={lam:g}",
                        th["alpha"], th[col])
                rec.add("a" if task == "ridge" else "b", f"simulation:{task}:lam={lam:g}",
                        pt["alpha"], pt[col], pt[f"{col}_sem"])
            ax.set(xlabel=r"$\alpha = n/p$", ylabel=ylabel, title=title, xlim=(0, None))
            _legend_markers(ax)
            ax.legend(loc="upper right")
        axes[0].axvline(1.0, color="0.6", ls=":", lw=0.8)
        axes[0].text(1.02, 0.97, "$n = p$", transform=axes[0].get_xaxis_transform(), va="top",
                     fontsize=7, color="0.4")
        ax = axes[2]
        for j, task in enumerate(("ridge", "logistic")):
            for i, lam in enumerate(sorted(lines.loc[lines["task"] == task, "lam"].unique())):
                c = PALETTE[i % len(PALETTE)]
                th = lines[(lines["task"] == task) & (lines["lam"] == lam)].sort_values("alpha")
                pt = points[(points["task"] == task) & (points["lam"] == lam)].sort_values("alpha")
                ls = "-" if task == "ridge" else "--"
                ax.plot(th["alpha"], th["train_loss"], color=c, ls=ls,
                        label=f"{task}, $\\lambda = {lam:g}$")
                ax.errorbar(pt["alpha"], pt["train_loss"], pt["train_loss_sem"], color=c,
                            marker=MARKERS[i], mfc="white" if task == "logistic" else c,
                            ls="none", ms=4)
                rec.add("c", f"theory:{task}:lam={lam:g}", th["alpha"], th["train_loss"])
                rec.add("c", f"simulation:{task}:lam={lam:g}", pt["alpha"], pt["train_loss"],
                        pt["train_loss_sem"])
        ax.set(xlabel=r"$\alpha = n/p$", ylabel=r"training loss $\epsilon_t$",
               title="training loss (ridge: MSE; logistic: loss)", xlim=(0, None), ylim=(0, None))
        ax.legend(loc="center left", bbox_to_anchor=(0.0, 0.72), fontsize=6.5)
        ax = axes[3]
        th = lines[lines["task"] == "universe"].sort_values("alpha")
        pt = points[points["task"] == "universe"].sort_values("alpha")
        if len(th):
            lam = th["lam"].iloc[0]
            ax.plot(th["alpha"], th["test_error"], color=PALETTE[2],
                    label="GCM with the empirical covariances")
            ax.errorbar(pt["alpha"], pt["test_error"], pt["test_error_sem"], color=PALETTE[2],
                        marker="D", ls="none", ms=4, label="ridge, n points of the universe")
            rec.add("d", "theory:universe", th["alpha"], th["test_error"])
            rec.add("d", "simulation:universe", pt["alpha"], pt["test_error"], pt["test_error_sem"])
            ax.plot(th["alpha"], th["train_loss"], color=PALETTE[2], ls="--", lw=1.0,
                    label="training loss: theory")
            ax.errorbar(pt["alpha"], pt["train_loss"], pt["train_loss_sem"], color=PALETTE[2],
                        marker="D", mfc="white", ls="none", ms=4, label="training loss: simulation")
            rec.add("d", "theory_train:universe", th["alpha"], th["train_loss"])
            rec.add("d", "simulation_train:universe", pt["alpha"], pt["train_loss"],
                    pt["train_loss_sem"])
            ax.set(title=f"{universe_label}, $\\lambda = {lam:g}$")
        top = max(th["test_error"].max(), pt["test_error"].max()) if len(th) else 1.0
        ax.set(xlabel=r"$\alpha = n/p$", ylabel=r"mean squared error", xlim=(0, None),
               ylim=(0, 1.45 * top))
        ax.legend(loc="upper right", fontsize=6.5, ncol=2)
        for a, label in zip(axes, "abcd"):
            panel_label(a, label)
        footer(fig, f"{note} Lines: GCM saddle point with each seed's covariances (mean over "
               f"seeds); markers: simulations. {checks_verdict(checks)}.", height=0.07)
    return fig, rec.table()


def deep_rf_figure(points: pd.DataFrame, lines: pd.DataFrame, checks: dict, note: str,
                   peak_alpha: float, lam: float):
    """arXiv:2302.00401: (a) ridge error against ``alpha = n/d`` per depth (deep and Gaussian
    features), (b) logistic classification error, (c) deep vs Gaussian features (universality)."""
    import matplotlib.pyplot as plt

    rec = _Records()
    with style():
        fig, axes = plt.subplots(1, 3, figsize=(10.6, 3.3), constrained_layout=True,
                                 gridspec_kw={"width_ratios": [1.25, 1, 0.85]})
        ax = axes[0]
        ridge_l = lines[lines["task"] == "ridge"]
        ridge_p = points[points["task"] == "ridge"]
        for i, L in enumerate(sorted(ridge_l["depth"].unique())):
            c = PALETTE[i % len(PALETTE)]
            th = ridge_l[ridge_l["depth"] == L].sort_values("alpha")
            ax.plot(th["alpha"], th["test_error"], color=c, label=f"$L = {L}$")
            rec.add("a", f"theory:L={L}", th["alpha"], th["test_error"])
            for feats, mfc, dx in (("deep", c, -0.06), ("gaussian", "white", 0.06)):
                pt = ridge_p[(ridge_p["depth"] == L) & (ridge_p["features"] == feats)]
                pt = pt.sort_values("alpha")
                ax.errorbar(pt["alpha"] * (1 + dx / 4), pt["test_error"], pt["test_error_sem"],
                            color=c, mfc=mfc, marker=MARKERS[i], ls="none", ms=4)
                rec.add("a", f"simulation:{feats}:L={L}", pt["alpha"], pt["test_error"],
                        pt["test_error_sem"])
        for xv, lab in ((peak_alpha, "$n = k$"), (1.0, "$n = d$")):
            ax.axvline(xv, color="0.6", ls=":", lw=0.8)
            ax.text(xv * 1.02, 0.97, lab, transform=ax.get_xaxis_transform(), va="top",
                    fontsize=7, color="0.4")
        ax.plot([], [], "o", color="0.4", label="deep features")
        ax.plot([], [], "o", color="0.4", mfc="white", label="Gaussian equivalent")
        ax.set(xlabel=r"$\alpha = n/d$", ylabel=r"test error $\epsilon_g$",
               title=f"ridge regression, $\\lambda = {lam:g}$", xlim=(0, None))
        ax.legend(loc="upper right", fontsize=6.5)

        ax = axes[1]
        log_l = lines[lines["task"] == "logistic"].sort_values("alpha")
        log_p = points[points["task"] == "logistic"].sort_values("alpha")
        if len(log_l):
            L = int(log_l["depth"].iloc[0])
            ax.plot(log_l["alpha"], log_l["test_error"], color=PALETTE[1], label="theory (GCM)")
            ax.errorbar(log_p["alpha"], log_p["test_error"], log_p["test_error_sem"],
                        color=PALETTE[1], marker="s", ls="none", ms=4, label="simulation")
            rec.add("b", f"theory:logistic:L={L}", log_l["alpha"], log_l["test_error"])
            rec.add("b", f"simulation:logistic:L={L}", log_p["alpha"], log_p["test_error"],
                    log_p["test_error_sem"])
            ax.set(title=f"logistic regression, $L = {L}$")
        ax.set(xlabel=r"$\alpha = n/d$", ylabel=r"classification error $\epsilon_g$",
               xlim=(0, None))
        ax.legend(loc="upper right")

        ax = axes[2]
        both = ridge_p[ridge_p["features"] == "deep"].merge(
            ridge_p[ridge_p["features"] == "gaussian"], on=["depth", "alpha"],
            suffixes=("_deep", "_gauss"))
        for i, L in enumerate(sorted(both["depth"].unique())):
            sub = both[both["depth"] == L]
            ax.errorbar(sub["test_error_gauss"], sub["test_error_deep"], sub["test_error_sem_deep"],
                        sub["test_error_sem_gauss"], color=PALETTE[i], marker=MARKERS[i],
                        ls="none", ms=4, label=f"$L = {L}$")
            rec.add("c", f"universality:L={L}", sub["test_error_gauss"], sub["test_error_deep"],
                    sub["test_error_sem_deep"])
        if len(both):
            lo = min(both["test_error_gauss"].min(), both["test_error_deep"].min()) * 0.9
            hi = max(both["test_error_gauss"].max(), both["test_error_deep"].max()) * 1.1
            ax.plot([lo, hi], [lo, hi], color="0.5", ls="--", lw=0.8, label="equal errors")
            ax.set(xlim=(lo, hi), ylim=(lo, hi))
        ax.set(xlabel=r"$\epsilon_g$, Gaussian features", ylabel=r"$\epsilon_g$, deep features",
               title="error universality")
        ax.legend(loc="upper left", fontsize=6.5)
        for a, label in zip(axes, "abc"):
            panel_label(a, label)
        footer(fig, f"{note} Lines: deterministic equivalent (ridge) / GCM saddle point "
               f"(logistic) with the layer-wise linearised covariances; markers: simulations "
               f"(mean $\\pm$ s.e.m. over seeds). {checks_verdict(checks)}.", height=0.08)
    return fig, rec.table()


def structured_figure(points: pd.DataFrame, lines: pd.DataFrame, spectra: pd.DataFrame,
                      checks: dict, note: str):
    """arXiv:2402.13999: (a) learning curves against ``n`` per exponent ``gamma`` (log axes),
    (b) eigenvalues of the feature covariance per ``gamma``."""
    import matplotlib.pyplot as plt

    rec = _Records()
    with style():
        fig, axes = plt.subplots(1, 2, figsize=(8.6, 3.4), constrained_layout=True,
                                 gridspec_kw={"width_ratios": [1.4, 1]})
        ax = axes[0]
        for i, g in enumerate(sorted(lines["gamma"].unique())):
            c = PALETTE[i % len(PALETTE)]
            th = lines[lines["gamma"] == g].sort_values("n")
            pt = points[points["gamma"] == g].sort_values("n")
            ax.plot(th["n"], th["test_error"], color=c, label=rf"$\gamma = {g:g}$")
            rec.add("a", f"theory:gamma={g:g}", th["n"], th["test_error"])
            if "test_error_lin" in th and "test_error_mc" in th:
                ax.plot(th["n"], th["test_error_lin"], color=c, ls="--", lw=0.9)
                rec.add("a", f"theory_linearised:gamma={g:g}", th["n"], th["test_error_lin"])
            ax.errorbar(pt["n"], pt["test_error"], pt["test_error_sem"], color=c,
                        marker=MARKERS[i], ls="none", ms=4)
            rec.add("a", f"simulation:gamma={g:g}", pt["n"], pt["test_error"],
                    pt["test_error_sem"])
        ax.plot([], [], color="0.3", label="det. equivalent, covariance by Monte Carlo")
        ax.plot([], [], color="0.3", ls="--", lw=0.9, label="det. equivalent, linearised covariance")
        ax.errorbar([], [], [], color="0.3", marker="o", ls="none", label="simulation")
        ax.set(xscale="log", yscale="log", xlabel="number of samples $n$",
               ylabel=r"test error $\epsilon_g$", title="ridge on deep structured features")
        ax.legend(loc="lower left", fontsize=6.5)
        ax = axes[1]
        for i, g in enumerate(sorted(spectra["gamma"].unique())):
            sp = spectra[(spectra["gamma"] == g) & (spectra["eigenvalue"] > 0)]
            ax.plot(sp["rank"], sp["eigenvalue"], color=PALETTE[i % len(PALETTE)],
                    label=rf"$\gamma = {g:g}$")
            rec.add("b", f"spectrum:gamma={g:g}", sp["rank"], sp["eigenvalue"])
        ax.set(xscale="log", yscale="log", xlabel="rank $i$",
               ylabel=r"eigenvalue $\omega_i$ of $\Omega$",
               title="feature covariance (linearised)")
        ax.legend(loc="lower left")
        for a, label in zip(axes, "ab"):
            panel_label(a, label)
        footer(fig, f"{note} First-layer rows $w_i \\sim N(0, C_\\gamma)$, "
               f"$C_\\gamma = \\mathrm{{diag}}(j^{{-\\gamma}})$. {checks_verdict(checks)}.", height=0.09)
    return fig, rec.table()


_BAYES_STYLE = {
    "bayes_optimal": ("Bayes optimal", "black", "-"),
    "ridge": ("ridge, optimal $\\lambda$", PALETTE[0], ":"),
    "random_features": ("random features, optimal $\\lambda$", PALETTE[1], "-"),
    "kernel": ("kernel limit, optimal $\\lambda$", PALETTE[2], "--"),
    "bayes_optimal_classification": ("Bayes optimal", "black", "-"),
    "square_classification": ("square loss, optimal $\\lambda$", PALETTE[3], "-"),
}


def bayes_figure(points: pd.DataFrame, theory: pd.DataFrame, checks: dict, note: str):
    """arXiv:2302.00375: (a) regression error over the target variance, (b) classification error, against ``alpha = n/d``."""
    import matplotlib.pyplot as plt

    rec = _Records()
    with style():
        fig, axes = plt.subplots(1, 2, figsize=(8.4, 3.4), constrained_layout=True)
        panels = (("a", axes[0], ("bayes_optimal", "kernel", "random_features", "ridge"),
                   r"$\epsilon_g / \mathrm{Var}(y)$", "regression"),
                  ("b", axes[1], ("bayes_optimal_classification", "square_classification"),
                   r"classification error $\epsilon_g$", "classification of sign$(y)$"))
        for panel, ax, methods, ylabel, title in panels:
            for method in methods:
                label, c, ls = _BAYES_STYLE[method]
                th = theory[theory["method"] == method].sort_values("alpha")
                ax.plot(th["alpha"], th["error"], color=c, ls=ls, lw=1.6 if ls == ":" else 1.3,
                        label=label, zorder=3 if ls == ":" else 2)
                rec.add(panel, f"theory:{method}", th["alpha"], th["error"])
                pt = points[points["method"] == method].sort_values("alpha")
                if len(pt):
                    ax.errorbar(pt["alpha"], pt["error"], pt["error_sem"], color=c, marker="o",
                                ls="none", ms=4.5, mec="white" if c != "black" else c, zorder=4)
                    rec.add(panel, f"simulation:{method}", pt["alpha"], pt["error"],
                            pt["error_sem"])
            ax.errorbar([], [], [], color="0.4", marker="o", ls="none",
                        label="simulation (mean $\\pm$ s.e.m. over teachers)")
            ax.set(xlabel=r"$\alpha = n/d$", ylabel=ylabel, title=title, xlim=(0, None))
            ax.legend(loc="upper right", fontsize=6.5)
            panel_label(ax, panel)
        footer(fig, f"{note} Theory: Bayes-optimal fixed point and Gaussian-covariate "
               f"saddle points; simulations divide each teacher's error by its empirical target "
               f"variance. {checks_verdict(checks)}.", height=0.09)
    return fig, rec.table()


def flat_minima_figure(points: pd.DataFrame, theory: pd.DataFrame, bayes_error: float,
                       sigma_star: float, checks: dict, note: str):
    """arXiv:2006.07897 (Gaussian-mixture panel): (a) test error against the penalty,
    (b) local energy against the perturbation size, (c) test error against local energy."""
    import matplotlib.pyplot as plt
    from matplotlib import cm

    rec = _Records()
    losses = sorted(theory["loss"].unique(), key=lambda s: (s != "square", s))
    with style():
        fig, axes = plt.subplots(1, 3, figsize=(10.8, 3.3), constrained_layout=True)
        ax = axes[0]
        for i, loss in enumerate(losses):
            c = PALETTE[i]
            th = theory[(theory["loss"] == loss) & np.isclose(theory["sigma"], sigma_star)]
            th = th.sort_values("lam")
            pt = points[(points["loss"] == loss) & np.isclose(points["sigma"], sigma_star)]
            ax.plot(th["lam"], th["test_error"], color=c, label=f"{loss} loss")
            ax.errorbar(pt["lam"], pt["test_error"], pt["test_error_sem"], color=c,
                        marker=MARKERS[i], ls="none", ms=4)
            rec.add("a", f"theory:{loss}", th["lam"], th["test_error"])
            rec.add("a", f"simulation:{loss}", pt["lam"], pt["test_error"], pt["test_error_sem"])
        ax.axhline(bayes_error, color="0.3", ls="--", lw=0.9, label="Bayes optimal")
        rec.add("a", "bayes_optimal", [np.nan], [bayes_error])
        ax.set(xscale="log", xlabel=r"penalty $\lambda$", ylabel=r"test error $\epsilon_g$",
               title="generalisation")
        ax.legend(loc="upper right")

        ax = axes[1]
        loss = losses[-1]
        lams = sorted(points.loc[points["loss"] == loss, "lam"].unique())
        colors = cm.viridis(np.linspace(0.0, 0.9, len(lams)))
        for lam, c in zip(lams, colors):
            th = theory[(theory["loss"] == loss) & np.isclose(theory["lam"], lam)].sort_values("sigma")
            pt = points[(points["loss"] == loss) & np.isclose(points["lam"], lam)].sort_values("sigma")
            ax.plot(th["sigma"], th["local_energy"], color=c, label=rf"$\lambda = {lam:g}$")
            ax.errorbar(pt["sigma"], pt["local_energy"], pt["local_energy_sem"], color=c,
                        marker="o", ls="none", ms=3.5)
            rec.add("b", f"theory:{loss}:lam={lam:g}", th["sigma"], th["local_energy"])
            rec.add("b", f"simulation:{loss}:lam={lam:g}", pt["sigma"], pt["local_energy"],
                    pt["local_energy_sem"])
        ax.axvline(sigma_star, color="0.6", ls=":", lw=0.8)
        ax.set(xlabel=r"perturbation $\sigma$ ($w \to w \odot (1 + \sigma \epsilon)$)",
               ylabel=r"local energy $\delta E_{\mathrm{train}}(\sigma)$",
               title=f"flatness ({loss} loss)", xlim=(0, None), ylim=(0, None))
        ax.legend(loc="upper left", fontsize=6.5)

        ax = axes[2]
        for i, loss in enumerate(losses):
            c = PALETTE[i]
            th = theory[(theory["loss"] == loss) & np.isclose(theory["sigma"], sigma_star)]
            th = th.sort_values("lam")
            pt = points[(points["loss"] == loss) & np.isclose(points["sigma"], sigma_star)]
            ax.plot(th["local_energy"], th["test_error"], color=c, label=f"{loss} loss")
            ax.errorbar(pt["local_energy"], pt["test_error"], pt["test_error_sem"],
                        pt["local_energy_sem"], color=c, marker=MARKERS[i], ls="none", ms=4)
            rec.add("c", f"theory:{loss}", th["local_energy"], th["test_error"])
            rec.add("c", f"simulation:{loss}", pt["local_energy"], pt["test_error"],
                    pt["test_error_sem"])
        ax.axhline(bayes_error, color="0.3", ls="--", lw=0.9)
        ax.annotate(r"Bayes optimal ($\lambda \to \infty$)", xy=(0.97, bayes_error),
                    xycoords=("axes fraction", "data"), xytext=(0, 3), textcoords="offset points",
                    fontsize=7, color="0.3", ha="right", va="bottom")
        ax.set(xlabel=rf"local energy at $\sigma = {sigma_star:g}$",
               ylabel=r"test error $\epsilon_g$", title="flatter minima generalise better")
        ax.legend(loc="upper left")
        for a, label in zip(axes, "abc"):
            panel_label(a, label)
        footer(fig, f"{note} Lines: replica saddle point (test error; local energy from the "
               f"fitted training margins); markers: ERM simulations (mean $\\pm$ s.e.m. over "
               f"seeds). {checks_verdict(checks)}.", height=0.09)
    return fig, rec.table()
