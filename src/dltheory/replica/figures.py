"""Headline figures of the replica-family papers: theory as lines, simulations as markers
with error bars (standard error over seeds), the paper's symbols on the axes.

Each function returns ``(figure, long table of every plotted number)``; the table
has columns ``panel, series, x, y, y_err`` (plus extras) and becomes the figure's CSV.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.plotting import MARKERS, PALETTE, footer, panel_label, style

__all__ = ["memories_figure", "diffusion_figure", "generative_figure", "recall_figure", "claim_line"]


def _claim(checks: dict, name: str) -> dict:
    return next((c for c in checks.get("claims", []) if c["name"] == name), {})


def claim_line(checks: dict, name: str, fmt: str = "{:.3g}") -> str:
    """``"<name>: <measured> [pass|FAIL]"`` for a claim of ``checks.json`` (empty if absent)."""
    c = _claim(checks, name)
    if not c:
        return ""
    value = c.get("measured")
    shown = fmt.format(value) if isinstance(value, (int, float)) and np.isfinite(value) else "n/a"
    return f"{shown} ({'pass' if c.get('passed') else 'FAIL'})"


def _records(panel, series, x, y, err=None, **extra):
    err = np.full(len(x), np.nan) if err is None else np.asarray(err, float)
    return [{"panel": panel, "series": series, "x": float(a), "y": float(b), "y_err": float(e), **extra}
            for a, b, e in zip(x, y, err)]


# --------------------------------------------------------------------- goldt2021_memories
def _model_label(name: str) -> str:
    """``hopfield_P2_relu`` -> ``Hopfield, ReLU synapses``."""
    parts = name.split("_")
    prior = {"hopfield": "Hopfield", "sparse": "sparse Hopfield", "tsodyks": "Tsodyks"}.get(parts[0], parts[0])
    synapses = {"relu": "ReLU synapses", "linear": "linear synapses"}.get(parts[-1], parts[-1])
    return f"{prior}, {synapses}"


def memories_figure(summary: pd.DataFrame, theory: pd.DataFrame, checks: dict, note: str,
                    window: tuple[float, float] = (0.75, 1.25)):
    """(a) P = 1: MSE against Delta/Delta_c for every rank-1 model; (b) P > 1 models.

    Lines: state evolution (solid) and PCA spiked-Wigner theory (dashed, rank 1);
    filled markers: AMP; open markers: PCA; shaded: the critical window left out of
    the theory-vs-simulation checks.
    """
    import matplotlib.pyplot as plt

    models = list(dict.fromkeys(summary["model"]))
    ranks = {m: int(m.split("_P")[1][0]) if "_P" in m else 1 for m in models}
    panels = [[m for m in models if ranks[m] == 1], [m for m in models if ranks[m] > 1]]
    panels = [p for p in panels if p]
    records = []
    with style():
        fig, axes = plt.subplots(1, len(panels), figsize=(3.6 * len(panels) + 0.4, 3.3),
                                 constrained_layout=True, squeeze=False)
        for j, (ax, group) in enumerate(zip(axes[0], panels)):
            for i, model in enumerate(group):
                color = PALETTE[(i + 2 * j) % len(PALETTE)]
                th = theory[theory["model"] == model].sort_values("ratio")
                sm = summary[summary["model"] == model].sort_values("ratio")
                label = _model_label(model)
                if i == 0 or j > 0:
                    ax.plot(th["ratio"], th["mse_se"], color="0.15", lw=1.4,
                            label="state evolution" if i == 0 else None, zorder=2)
                    records += _records(chr(97 + j), f"SE:{model}", th["ratio"], th["mse_se"])
                    if th["mse_pca_theory"].notna().any():
                        ax.plot(th["ratio"], th["mse_pca_theory"], color="0.45", ls="--", lw=1.1,
                                label="PCA theory (BBP)", zorder=2)
                        records += _records(chr(97 + j), f"PCA_theory:{model}", th["ratio"],
                                            th["mse_pca_theory"])
                marker = MARKERS[i % len(MARKERS)]
                ax.errorbar(sm["ratio"], sm["mse_amp"], sm["mse_amp_sem"].fillna(0), ls="none",
                            marker=marker, color=color, ms=4.5, label=f"AMP, {label}", zorder=4)
                ax.errorbar(sm["ratio"], sm["mse_pca"], sm["mse_pca_sem"].fillna(0), ls="none",
                            marker=marker, mfc="white", mec=color, color=color, ms=4.5,
                            label=f"PCA, {label}", zorder=3)
                records += _records(chr(97 + j), f"AMP:{model}", sm["ratio"], sm["mse_amp"], sm["mse_amp_sem"])
                records += _records(chr(97 + j), f"PCA:{model}", sm["ratio"], sm["mse_pca"], sm["mse_pca_sem"])
            ax.axvline(1.0, color="0.6", ls=":", lw=0.9)
            ax.axvspan(*window, color="0.93", lw=0, zorder=0)
            P = ranks[group[0]]
            ax.set(xlabel=r"$\Delta / \Delta_c$", ylabel="MSE per pattern entry",
                   xlim=(0, theory["ratio"].max() + 0.02), ylim=(-0.02, 1.2),
                   title=f"$P = {P}$ stored pattern{'s' if P > 1 else ''}")
            ax.legend(loc="lower right", fontsize=6.8)
            panel_label(ax, chr(97 + j))
        lines = [f"{m.split('_')[1]} {m.split('_')[-1]}: {claim_line(checks, 'amp_matches_se_' + m, '{:.2f}')}"
                 for m in models if claim_line(checks, "amp_matches_se_" + m)]
        if lines:
            axes[0][0].text(0.03, 0.97, "AMP vs SE, max z-score:\n" + "\n".join(lines),
                            transform=axes[0][0].transAxes, fontsize=6.8, va="top")
        axes[0][-1].text(0.5 * (window[0] + window[1]), 0.5, "critical\nwindow\n(not in\nchecks)",
                         ha="center", va="center", fontsize=6.5, color="0.4")
        footer(fig, note, height=0.09)
    return fig, pd.DataFrame(records)


# ------------------------------------------------------------ merger2025_linear_diffusion
_KL_LABEL = {"learnt_target": r"$D_{KL}(p_\theta\,\|\,p)$", "target_learnt": r"$D_{KL}(p\,\|\,p_\theta)$"}


def _training_label(name: str) -> str:
    if name == "plain":
        return "least squares"
    if name.startswith("ridge_"):
        return rf"ridge $\lambda={name.split('_', 1)[1]}$"
    if name.startswith("early_stop_"):
        return rf"early stop $\tau={name.rsplit('_', 1)[1]}$"
    return name


def diffusion_figure(summary: pd.DataFrame, theory: pd.DataFrame, checks: dict, note: str):
    """(a) excess KL per dimension over its N -> inf optimum against N/d (N > d), both
    directions, isotropic and power-law data, with the d/(4N) law; (b) KL per dimension
    against N/d across the transition for every training (isotropic data)."""
    import matplotlib.pyplot as plt

    records = []
    plain = summary["training"].iloc[0] if "plain" not in set(summary["training"]) else "plain"
    with style():
        fig, (ax_a, ax_b) = plt.subplots(1, 2, figsize=(9.2, 3.5), constrained_layout=True)
        xs = np.geomspace(1.2, summary["ratio"].max() * 1.2, 50)
        ax_a.plot(xs, 0.25 / xs, color="0.1", ls="--", lw=1.0, label=r"$d/(4N)$", zorder=1)
        records += _records("a", "law_d_over_4N", xs, 0.25 / xs)
        th = theory[(theory["training"] == plain) & (theory["ratio"] > 1.05)].sort_values("ratio")
        for i, k in enumerate(("learnt_target", "target_learnt")):
            color = PALETTE[i]
            y = th[f"kl_{k}"] - th[f"opt_{k}"]
            ax_a.plot(th["ratio"], y, color=color, lw=1.3, zorder=2)
            records += _records("a", f"theory:{k}", th["ratio"], y)
            for spec, mfc, marker, ms in (("power", "white", "s", 6), ("isotropic", color, "o", 3.2)):
                sm = summary[(summary["spectrum"] == spec) & (summary["training"] == plain)
                             & (summary["ratio"] > 1)].sort_values("ratio")
                ax_a.errorbar(sm["ratio"], sm[f"excess_{k}"], sm[f"excess_{k}_sem"].fillna(0), ls="none",
                              marker=marker, color=color, mfc=mfc, mec=color, ms=ms, zorder=3 + (spec == "isotropic"),
                              label=f"{_KL_LABEL[k]}, {'isotropic' if spec == 'isotropic' else 'power-law'} data")
                records += _records("a", f"sim:{k}:{spec}", sm["ratio"], sm[f"excess_{k}"], sm[f"excess_{k}_sem"])
        ax_a.set(xscale="log", yscale="log", xlabel=r"$N/d$",
                 ylabel=r"$(D_{KL} - D_{KL}^{N\to\infty})\,/\,d$", title=r"generalisation: excess $D_{KL}/d \simeq d/(4N)$")
        ax_a.plot([], [], color="0.4", lw=1.3, label="theory (Marchenko-Pastur)")
        ax_a.legend(fontsize=6.5, loc="lower left")
        asym = claim_line(checks, "kl_asymptote_learnt_target", "{:.3f}")
        if asym:
            ax_a.text(0.97, 0.97, rf"$(D_{{KL}}/d)\,N/d \to$ {asym}" + "\n(expected 1/4)",
                      transform=ax_a.transAxes, ha="right", va="top", fontsize=7)
        panel_label(ax_a, "a")

        names = list(dict.fromkeys(theory["training"]))
        iso = summary[summary["spectrum"] == "isotropic"]
        k = "learnt_target"
        colors = iter([c for c in PALETTE if c != "#000000"][2:] + PALETTE[:2])
        for i, name in enumerate(names):
            color = "0.1" if name == plain else next(colors)
            tt = theory[(theory["training"] == name)].sort_values("ratio")
            finite = np.isfinite(tt[f"kl_{k}"])
            ax_b.plot(tt["ratio"][finite], tt[f"kl_{k}"][finite], color=color, lw=1.2, zorder=2)
            records += _records("b", f"theory:{name}", tt["ratio"][finite], tt[f"kl_{k}"][finite])
            sm = iso[(iso["training"] == name) & np.isfinite(iso[f"kl_{k}"])].sort_values("ratio")
            ax_b.errorbar(sm["ratio"], sm[f"kl_{k}"], sm[f"kl_{k}_sem"].fillna(0), ls="none",
                          marker=MARKERS[i % len(MARKERS)], color=color, ms=4, label=_training_label(name))
            records += _records("b", f"sim:{name}", sm["ratio"], sm[f"kl_{k}"], sm[f"kl_{k}_sem"])
        ax_b.axvspan(summary["ratio"].min() / 1.2, 1.0, color="0.93", lw=0, zorder=0)
        ax_b.text(0.5 * (summary["ratio"].min() / 1.2 + 1.0) ** 0.5 * 1.1, 0.02,
                  "least squares:\nsampler collapses\n(memorisation)", fontsize=6.3, color="0.35",
                  ha="center", va="bottom", transform=ax_b.get_xaxis_transform())
        ax_b.axvline(1.0, color="0.6", ls=":", lw=0.9)
        ax_b.set(xscale="log", yscale="log", xlabel=r"$N/d$", ylabel=_KL_LABEL[k] + r"$\,/\,d$",
                 title="memorisation $\\to$ generalisation at $N \\sim d$")
        ax_b.legend(fontsize=6.5, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        panel_label(ax_b, "b")
        footer(fig, note, height=0.09)
    return fig, pd.DataFrame(records)


# ------------------------------------------------------------- maillard2026_memorisation
def generative_figure(summary: pd.DataFrame, theory: pd.DataFrame, checks: dict, note: str):
    """(a) memorisation m (and its no-memorisation level m_fresh) against gamma = n/d;
    (b) convergence q; (c) latent recovery Q, for every latent strength theta."""
    import matplotlib.pyplot as plt

    records = []
    thetas = sorted(summary["theta"].unique())
    with style():
        fig, axes = plt.subplots(1, 3, figsize=(10.4, 3.4), constrained_layout=True)
        ax_m, ax_q, ax_Q = axes
        for i, theta in enumerate(thetas):
            color, marker = PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)]
            th = theory[theory["theta"] == theta].sort_values("gamma")
            sm = summary[summary["theta"] == theta].sort_values("gamma")
            lab = rf"$\theta={theta:g}$"
            for ax, col, panel in ((ax_m, "m", "a"), (ax_q, "q", "b"), (ax_Q, "Q", "c")):
                ax.plot(th["gamma"], th[col], color=color, lw=1.2, zorder=2)
                ax.errorbar(sm["gamma"], sm[col], sm[f"{col}_sem"].fillna(0), ls="none", marker=marker,
                            color=color, ms=4 if i == 0 else 6, mfc=color if i == 0 else "white",
                            label=lab, zorder=4 - i)
                records += _records(panel, f"theory:{col}:theta{theta:g}", th["gamma"], th[col])
                records += _records(panel, f"sim:{col}:theta{theta:g}", sm["gamma"], sm[col], sm[f"{col}_sem"])
            if i == 0:
                ax_m.plot(th["gamma"], th["m_fresh"], color="0.5", ls="--", lw=1.0, zorder=1,
                          label=r"$m$ of fresh data")
                ax_m.errorbar(sm["gamma"], sm["m_fresh"], sm["m_fresh_sem"].fillna(0), ls="none", marker=".",
                              color="0.5", ms=4, zorder=2)
                records += _records("a", "theory:m_fresh", th["gamma"], th["m_fresh"])
                records += _records("a", "sim:m_fresh", sm["gamma"], sm["m_fresh"], sm["m_fresh_sem"])
            g_c = 1 / theta**2
            for ax in (ax_q, ax_Q):
                ax.axvline(g_c, color=color, ls=":", lw=0.9)
            ax_Q.text(g_c * 1.08, 0.9 - 0.4 * i, rf"$\gamma_c = 1/\theta^2$", color=color, fontsize=6.8,
                      transform=ax_Q.get_xaxis_transform(), va="top")
        ax_m.set(xscale="log", xlabel=r"$\gamma = n/d$", ylabel=r"memorisation $m$", ylim=(0, 1.05),
                 title="memorisation at small load")
        ax_q.set(xscale="log", xlabel=r"$\gamma = n/d$", ylabel=r"convergence $q$", ylim=(-0.02, 1.05),
                 title="convergence: continuous, blind to $\\theta$")
        ax_Q.set(xscale="log", xlabel=r"$\gamma = n/d$", ylabel=r"latent recovery $Q$", ylim=(-0.02, 1.05),
                 title="latent recovery: sharp (BBP)")
        ax_m.legend(fontsize=7, loc="upper right")
        ax_q.plot([], [], color="0.3", lw=1.2, label="theory")
        ax_q.legend(fontsize=7, loc="upper left")
        blind = claim_line(checks, "q_blind_to_latent", "{:.3f}")
        if blind:
            ax_q.text(0.97, 0.04, rf"max $|\Delta q|$ across $\theta$: {blind}", transform=ax_q.transAxes,
                      ha="right", va="bottom", fontsize=6.8)
        for ax, lab in zip(axes, "abc"):
            panel_label(ax, lab)
        footer(fig, note, height=0.09)
    return fig, pd.DataFrame(records)


# ------------------------------------------------------------ giorlandino2026_factual_recall
_RECALL = {"coupled": ("optimal memory", "o", 0), "decoupled": ("decoupled model", "s", 1),
           "hebbian": ("Hebbian rule", "^", 2)}


def recall_figure(summary: pd.DataFrame, scores: pd.DataFrame, theory: pd.DataFrame, checks: dict, note: str):
    """(a) ``p_c log p_c / d^2`` against ``d`` for every model, with the asymptote 1/2;
    (b) histogram of the score gap ``delta`` at the optimal capacity (largest d)."""
    import matplotlib.pyplot as plt

    records = []
    with style():
        fig, (ax_a, ax_b) = plt.subplots(1, 2, figsize=(8.2, 3.4), constrained_layout=True)
        ax_a.axhline(0.5, color="0.1", ls="--", lw=1.0, label=r"theory, $d\to\infty$: $p_c\log p_c/d^2 = 1/2$")
        records += _records("a", "law", theory["d"], np.full(len(theory), 0.5))
        for model, (label, marker, k) in _RECALL.items():
            sm = summary[summary["model"] == model].sort_values("d")
            if not len(sm):
                continue
            color = PALETTE[k]
            ax_a.errorbar(sm["d"], sm["c"], sm["c_sem"].fillna(0), marker=marker, color=color, ms=4.5,
                          mfc=color if model != "decoupled" else "white", lw=0.8, label=label)
            records += _records("a", f"sim:{model}", sm["d"], sm["c"], sm["c_sem"])
        trend = claim_line(checks, "capacity_trend_toward_half", "{:.1f}")
        if trend:
            ax_a.text(0.97, 0.34, f"trend toward 1/2:\nslope/stderr = {trend}", transform=ax_a.transAxes,
                      ha="right", va="center", fontsize=7)
        ax_a.set(xscale="log", yscale="log", xlabel=r"embedding dimension $d$", ylabel=r"$p_c \log p_c\,/\,d^2$",
                 title="storage capacity")
        ticks = sorted(summary["d"].unique())
        ax_a.set_xticks(ticks, [str(t) for t in ticks])
        ax_a.minorticks_off()
        ax_a.set_yticks([0.03, 0.1, 0.3, 0.5, 1.0], ["0.03", "0.1", "0.3", "0.5", "1"])
        ax_a.legend(fontsize=6.8, loc="center left", bbox_to_anchor=(0.0, 0.55))
        panel_label(ax_a, "a")

        if len(scores):
            d_top = scores["d"].max()
            top = scores[scores["d"] == d_top]
            bins = np.linspace(min(-3.0, top["delta"].min()), max(3.0, top["delta"].max()), 61)
            for name, color in (("hebbian", PALETTE[2]), ("optimal", PALETTE[0])):
                gap = top.loc[top["memory"] == name, "delta"]
                ax_b.hist(gap, bins=bins, density=True, color=color, alpha=0.55 if name == "hebbian" else 0.8,
                          label=f"{'optimal' if name == 'optimal' else 'Hebbian'} memory "
                                f"(std {gap.std():.2f})")
                hist, edges = np.histogram(gap, bins=bins, density=True)
                records += _records("b", f"hist:{name}", 0.5 * (edges[1:] + edges[:-1]), hist)
            ax_b.axvline(0.0, color="0.2", ls=":", lw=1.0)
            ax_b.text(0.08, 0.8, "extreme-value threshold\n(largest competitor)", transform=ax_b.get_yaxis_transform(),
                      fontsize=6.5, va="top", color="0.3")
            p_mean = int(round(top["p"].mean()))
            ax_b.set(xlabel=r"$\delta = (s_{\mu\mu} - \max_{\nu\neq\mu} s_{\mu\nu})\,/\,\mathrm{std}_\nu\, s_{\mu\nu}$",
                     ylabel="density", yscale="log",
                     title=rf"score gaps at capacity ($d={d_top}$, $p \approx {p_mean}$)")
            ax_b.legend(fontsize=6.8, loc="upper left")
        panel_label(ax_b, "b")
        footer(fig, note, height=0.09)
    return fig, pd.DataFrame(records)
