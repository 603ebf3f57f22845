"""Headline figures of the teacher-student papers: ODE lines, SGD markers with error bars.

Every function takes the collected ``curves`` (seed means and standard errors per
``(source, spec, t)``), the paper's ``summary`` and its ``checks`` and returns
``(figure, table of every plotted number)``.  Conventions: ODE = lines (seed mean of the
trajectories started from each run's initial weights), SGD = markers with error bars
(standard error over seeds).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.plotting import MARKERS, PALETTE, checks_verdict, footer, panel_label, style
from .analysis import linear_fit, seed_stats

__all__ = ["dynamics_figure", "overparam_figure", "dfa_figure", "continual_figure",
           "maslow_figure"]


class _Table:
    """Collects every plotted number: ``(panel, series, x, y, y_err)``."""

    def __init__(self):
        self.rows = []

    def add(self, panel, series, x, y, err=None):
        err = np.full(np.size(x), np.nan) if err is None else np.asarray(err, float)
        for a, b, c in zip(np.atleast_1d(x), np.atleast_1d(y), np.atleast_1d(err)):
            self.rows.append({"panel": panel, "series": series, "x": float(a), "y": float(b),
                              "y_err": float(c)})

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows)


def _curve(curves, source, spec, value="eps"):
    c = curves[(curves["source"] == source) & (curves["spec"] == spec)].sort_values("t")
    return c["t"].to_numpy(), c[f"{value}_mean"].to_numpy(), c[f"{value}_sem"].to_numpy()


def _plot_pair(ax, tab, panel, curves, spec, label, color, marker, value="eps", t_min=0.0,
               every=1):
    """ODE line and SGD markers (with error bars) of one spec."""
    t, y, _ = _curve(curves, "ode", spec, value)
    keep = t >= t_min
    ax.plot(t[keep], y[keep], color=color, lw=1.4, label=f"{label}")
    tab.add(panel, f"ode:{spec}:{value}", t[keep], y[keep])
    t, y, e = _curve(curves, "sim", spec, value)
    if t.size:
        keep = np.nonzero(t >= t_min)[0][::every]
        ax.errorbar(t[keep], y[keep], e[keep], ls="none", marker=marker, ms=3.6, mfc="white",
                    mec=color, color=color, mew=0.9, elinewidth=0.8, zorder=3)
        tab.add(panel, f"sim:{spec}:{value}", t[keep], y[keep], e[keep])


def _legend_sources(ax, loc="best"):
    ax.plot([], [], color="0.3", lw=1.4, label="ODE")
    ax.errorbar([], [], [], ls="none", marker="o", mfc="white", mec="0.3", color="0.3",
                label="SGD (mean $\\pm$ s.e.)")


def _claim(checks, name):
    return next((c for c in checks.get("claims", []) if c["name"] == name), {})


def _final_stats(summary, by):
    f = summary[summary["kind"] == "final"]
    return seed_stats(f, ["source", *by], "eps")


def dynamics_figure(curves, summary, checks, section, note):
    """arXiv:1906.08632: (a) eps_g(t) at K = M for two N; (b) SGD - ODE relative deviation;
    (c) eps_g* against K, first layer only vs both layers."""
    import matplotlib.pyplot as plt

    tab = _Table()
    with style():
        fig, (ax_a, ax_r, ax_b) = plt.subplots(1, 3, figsize=(11.0, 3.3), constrained_layout=True)
        cur = section["curve"]
        for i, N in enumerate(sorted(cur["N"])):
            spec = f"curve_N{N}"
            gap = _claim(checks, f"{spec}_gap_mean").get("measured", np.nan)
            t, y, _ = _curve(curves, "ode", spec)
            keep = t >= 0.1
            ax_a.plot(t[keep], y[keep], color=PALETTE[i], label=f"$N={N}$")
            tab.add("a", f"ode:{spec}", t[keep], y[keep])
            ts, ys, es = _curve(curves, "sim", spec)
            pick = np.nonzero(ts >= 0.1)[0][i::2]  # alternate points: both N stay visible
            ax_a.errorbar(ts[pick], ys[pick], es[pick], ls="none", marker=MARKERS[i], ms=3.8,
                          mfc="white", mec=PALETTE[i], color=PALETTE[i], mew=0.9)
            tab.add("a", f"sim:{spec}", ts[pick], ys[pick], es[pick])
            both = np.intersect1d(t, ts)
            yo = y[np.searchsorted(t, both)]
            ysim, esim = ys[np.searchsorted(ts, both)], es[np.searchsorted(ts, both)]
            keep = (both >= 0.1) & (yo > 1e-3)
            dev = (ysim - yo) / yo
            ax_r.errorbar(both[keep], dev[keep], esim[keep] / yo[keep], marker=MARKERS[i], ms=3.5,
                          mfc="white", mec=PALETTE[i], color=PALETTE[i], lw=0.8,
                          label=rf"$N={N}$: mean $|\Delta|$ = {100 * gap:.1f}%")
            tab.add("b", f"deviation:{spec}", both[keep], dev[keep], esim[keep] / yo[keep])
        ax_a.set(xscale="log", yscale="log", xlabel=r"$t = $ steps$/N$", ylabel=r"$\epsilon_g$",
                 title=rf"$K=M={section['M']}$, $\eta={cur['eta']}$, first layer")
        _legend_sources(ax_a)
        ax_a.legend(loc="lower left")
        ax_r.axhline(0, color="0.3", lw=0.8)
        ax_r.set(xscale="log", xlabel=r"$t$", ylabel=r"$(\epsilon_g^{\rm SGD} - \epsilon_g^{\rm ODE})"
                 r"\,/\,\epsilon_g^{\rm ODE}$", title="SGD vs ODE: deviation shrinks with $N$")
        ax_r.legend(loc="lower left", fontsize=7)

        fin = section["final"]
        st = _final_stats(summary, ["mode", "K"])
        scale = fin["eta"] * fin["sigma"] ** 2
        for i, (mode, label) in enumerate((("first", "first layer only"), ("both", "both layers"))):
            o = st[(st["source"] == "ode") & (st["mode"] == mode)].sort_values("K")
            s = st[(st["source"] == "sim") & (st["mode"] == mode)].sort_values("K")
            ax_b.plot(o["K"], o["mean"] / scale, color=PALETTE[i], marker=".", label=label)
            ax_b.errorbar(s["K"] + (i - 0.5) * 0.12, s["mean"] / scale, s["sem"] / scale,
                          ls="none", marker=MARKERS[i], mfc="white", mec=PALETTE[i],
                          color=PALETTE[i], ms=5)
            tab.add("c", f"ode:{mode}", o["K"], o["mean"] / scale)
            tab.add("c", f"sim:{mode}", s["K"], s["mean"] / scale, s["sem"] / scale)
        _legend_sources(ax_b)
        ax_b.set(xlabel=r"student hidden units $K$", ylabel=r"$\epsilon_g^*\,/\,(\eta\sigma^2)$",
                 title=rf"$M={section['M']}$, $\eta={fin['eta']}$, $\sigma={fin['sigma']}$",
                 xticks=fin["K"], ylim=(0, None))
        ax_b.legend(loc="upper left")
        for ax, lab in zip((ax_a, ax_r, ax_b), "abc"):
            panel_label(ax, lab)
        footer(fig, f"{note} (c): eps_g* = mean of eps_g over t in {fin['window']}, from the "
                    f"specialised state. {checks_verdict(checks)}.", height=0.08)
    return fig, tab.frame()


def overparam_figure(curves, summary, checks, section, note):
    """arXiv:1901.09085: (a) eps_g(t) for K = M + L; (b) eps_g* against L (erf); (c) linear network."""
    import matplotlib.pyplot as plt

    tab = _Table()
    with style():
        fig, axes = plt.subplots(1, 3, figsize=(11.0, 3.3), constrained_layout=True)
        ax_a, ax_b, ax_c = axes
        cur = section["curve"]
        for i, L in enumerate(cur["L"]):
            _plot_pair(ax_a, tab, "a", curves, f"curve_L{L}", f"$L={L}$", PALETTE[i], MARKERS[i],
                       t_min=0.1, every=2)
        ax_a.set(xscale="log", yscale="log", xlabel=r"$t$", ylabel=r"$\epsilon_g$",
                 title=rf"$M={section['M']}$, $\eta={cur['eta']}$, $\sigma={cur['sigma']}$")
        _legend_sources(ax_a)
        ax_a.legend(loc="lower left")

        fin = section["final"]
        st = _final_stats(summary, ["panel", "eta", "L"])
        for i, eta in enumerate(sorted(fin["eta"])):
            scale = eta * fin["sigma"] ** 2
            o = st[(st["source"] == "ode") & (st["panel"] == "final") & (st["eta"] == eta)].sort_values("L")
            ax_b.plot(o["L"], o["mean"] / scale, color=PALETTE[i], marker=".",
                      label=rf"$\eta={eta:g}$")
            tab.add("b", f"ode:eta{eta:g}", o["L"], o["mean"] / scale)
            s = st[(st["source"] == "sim") & (st["panel"] == "final") & (st["eta"] == eta)].sort_values("L")
            if len(s):
                ax_b.errorbar(s["L"], s["mean"] / scale, s["sem"] / scale, ls="none",
                              marker=MARKERS[i], ms=5, mfc="white", mec=PALETTE[i], color=PALETTE[i])
                tab.add("b", f"sim:eta{eta:g}", s["L"], s["mean"] / scale, s["sem"] / scale)
            if eta == min(fin["eta"]):
                fit = linear_fit(o["L"], o["mean"] / scale)
                xs = np.array([min(fin["L"]), max(fin["L"])])
                ax_b.plot(xs, fit["intercept"] + fit["slope"] * xs, color="0.4", ls="--", lw=0.9,
                          label=rf"linear fit, $R^2={fit['r2']:.3f}$")
        _legend_sources(ax_b)
        ax_b.set(xlabel=r"excess units $L = K - M$", ylabel=r"$\epsilon_g^*\,/\,(\eta\sigma^2)$",
                 title=r"erf, specialised start", xticks=fin["L"], ylim=(0, None))
        ax_b.legend(loc="upper left")

        lin = section["linear"]
        scale = lin["eta"] * lin["sigma"] ** 2
        closed = summary[summary["kind"] == "closed"].sort_values("L")
        ax_c.plot(closed["L"], closed["eps"] / scale, color="0.2", lw=1.2,
                  label=r"$K\eta\sigma^2/[2(2-K\eta)]$")
        tab.add("c", "closed_form", closed["L"], closed["eps"] / scale)
        o = st[(st["source"] == "ode") & (st["panel"] == "linear")].sort_values("L")
        ax_c.plot(o["L"], o["mean"] / scale, ls="none", marker="x", color=PALETTE[2], ms=6, label="ODE")
        tab.add("c", "ode", o["L"], o["mean"] / scale)
        s = st[(st["source"] == "sim") & (st["panel"] == "linear")].sort_values("L")
        ax_c.errorbar(s["L"], s["mean"] / scale, s["sem"] / scale, ls="none", marker="o", ms=5,
                      mfc="white", mec=PALETTE[2], color=PALETTE[2], label=r"SGD (mean $\pm$ s.e.)")
        tab.add("c", "sim", s["L"], s["mean"] / scale, s["sem"] / scale)
        ax_c.set(xlabel=r"excess units $L = K - M$", ylabel=r"$\epsilon_g^*\,/\,(\eta\sigma^2)$",
                 title=rf"linear network, $\eta={lin['eta']}$", xticks=lin["L"], ylim=(0, None))
        ax_c.legend(loc="upper left")
        for ax, lab in zip(axes, "abc"):
            panel_label(ax, lab)
        footer(fig, f"{note} (b, c): eps_g* = mean of eps_g over t in {fin['window']} (b, "
                    f"eta = {fin['eta_simulated']}) and {lin['window']} (c); (b) from the specialised "
                    f"state (excess units started near zero). {checks_verdict(checks)}.", height=0.08)
    return fig, tab.frame()


def dfa_figure(curves, summary, checks, section, note):
    """arXiv:2011.12428: (a) eps_g(t) for DFA and BP; (b) cos(v, b)(t): align, then memorise."""
    import matplotlib.pyplot as plt

    tab = _Table()
    names = {"dfa": "DFA", "bp": "BP"}
    with style():
        fig, (ax_a, ax_b) = plt.subplots(1, 2, figsize=(8.2, 3.3), constrained_layout=True)
        for i, algo in enumerate(section["algorithms"]):
            _plot_pair(ax_a, tab, "a", curves, algo, names[algo], PALETTE[i], MARKERS[i],
                       value="eps_rel", t_min=0.01, every=2)
            _plot_pair(ax_b, tab, "b", curves, algo, names[algo], PALETTE[i], MARKERS[i],
                       value="align", t_min=0.01, every=2)
        d = summary[(summary["kind"] == "dfa") & (summary["source"] == "ode")
                    & (summary["algorithm"] == "dfa")]
        t_al, t_me = d["t_align"].mean(), d["t_memorise"].mean()
        for ax in (ax_a, ax_b):
            ax.axvspan(0.01, t_al, color="0.92", lw=0, zorder=0)
            ax.axvspan(t_al, t_me, color=PALETTE[5], alpha=0.12, lw=0, zorder=0)
        ax_b.text(np.sqrt(0.01 * t_al), -0.9, "align", ha="center", fontsize=8, color="0.3")
        ax_b.text(np.sqrt(t_al * t_me), -0.9, "memorise", ha="center", fontsize=8, color="0.3")
        ax_b.axhline(section["align_level"], color="0.5", ls=":", lw=0.8)
        tab.add("b", "t_align_mean", [t_al], [section["align_level"]])
        tab.add("a", "t_memorise_mean", [t_me], [np.nan])
        ax_a.set(xscale="log", yscale="log", xlabel=r"$t$",
                 ylabel=r"$\epsilon_g(t)\,/\,\epsilon_g(0)$",
                 title=rf"$K={section['K']}$, $M={section['M']}$, $\eta={section['eta']}$")
        _legend_sources(ax_a)
        ax_a.legend(loc="lower left")
        ax_b.set(xscale="log", xlabel=r"$t$", ylabel=r"alignment $\cos\angle(v, b)$",
                 ylim=(-1.02, 1.05), title="second layer vs feedback vector")
        ax_b.legend(loc="lower right")
        for ax, lab in zip((ax_a, ax_b), "ab"):
            ax.set_xlim(0.01, section["t_max"])
            panel_label(ax, lab)
        footer(fig, f"{note} Shaded: align phase (t < t_align, grey) and memorise phase "
                    f"(to eps_g(0)/2, blue), seed means of the DFA ODE. {checks_verdict(checks)}.",
               height=0.1)
    return fig, tab.frame()


def _forgetting_panel(ax, tab, panel, summary, rho=1.0, color=PALETTE[1], label=None, sims=True):
    f = summary[(summary["kind"] == "forget") & np.isclose(summary["rho"], rho)]
    st = seed_stats(f, ["source", "V"], "forgetting")
    o = st[st["source"] == "ode"].sort_values("V")
    ax.plot(o["V"], o["mean"], color=color, label=label or "ODE")
    ax.fill_between(o["V"], o["mean"] - o["sem"], o["mean"] + o["sem"], color=color, alpha=0.15,
                    lw=0)
    tab.add(panel, f"ode:rho{rho:g}", o["V"], o["mean"], o["sem"])
    s = st[st["source"] == "sim"].sort_values("V")
    if sims and len(s):
        ax.errorbar(s["V"], s["mean"], s["sem"], ls="none", marker="o", ms=5, mfc="white",
                    mec=color, color=color, label=r"SGD (mean $\pm$ s.e.)")
        tab.add(panel, f"sim:rho{rho:g}", s["V"], s["mean"], s["sem"])


def _switch_panel(ax, tab, panel, curves, section, similarities):
    for i, V in enumerate(similarities):
        spec = f"V{V:g}_rho1"
        _plot_pair(ax, tab, panel, curves, spec, f"$V={V:g}$", PALETTE[i], MARKERS[i], every=2)
        _plot_pair(ax, tab, panel, curves, spec, "_nolegend_", PALETTE[i], MARKERS[i],
                   value="eps_2", t_min=section["t_switch"], every=2)
        ax.lines[-1].set_linestyle("--")
    ax.axvline(section["t_switch"], color="0.5", lw=0.8, ls=":")
    ax.set(yscale="log", xlabel=r"$t$", ylabel=r"$\epsilon_g$ (teacher 1: solid, 2: dashed)",
           title="errors across the task switch")
    _legend_sources(ax)
    ax.legend(loc="lower left", ncol=2, fontsize=7)


def continual_figure(curves, summary, checks, section, note):
    """arXiv:2107.04384: (a) errors across the switch; (b) forgetting against V; (c) against V and rho."""
    import matplotlib.pyplot as plt

    tab = _Table()
    with style():
        fig, axes = plt.subplots(1, 3, figsize=(11.0, 3.4), constrained_layout=True)
        sims = section["feature_similarity_simulated"]
        shown = [sims[0], sims[len(sims) // 2 - (len(sims) % 2 == 0)], sims[-1]]
        _switch_panel(axes[0], tab, "a", curves, section, list(dict.fromkeys(shown)))
        _forgetting_panel(axes[1], tab, "b", summary)
        c = _claim(checks, "forgetting_max_at_intermediate_similarity")
        axes[1].axvline(c.get("details", {}).get("V_star", np.nan), color="0.6", ls=":", lw=0.8)
        axes[1].set(xlabel=r"feature similarity $V$", ylabel=r"forgetting $\Delta\epsilon_{g,1}$",
                    title=r"identical readouts ($\rho = 1$)", ylim=(min(0, axes[1].get_ylim()[0]), None))
        axes[1].legend(loc="upper right")
        for i, rho in enumerate(section["readout_similarity"]):
            _forgetting_panel(axes[2], tab, "c", summary, rho, PALETTE[i % len(PALETTE)],
                              rf"$\rho={rho:g}$", sims=False)
        axes[2].set(xlabel=r"feature similarity $V$", ylabel=r"forgetting $\Delta\epsilon_{g,1}$",
                    title=r"readout similarity $\rho$ (ODE)")
        axes[2].legend(loc="upper right", fontsize=7)
        for ax, lab in zip(axes, "abc"):
            panel_label(ax, lab)
        footer(fig, f"{note} Forgetting = eps_g1(t_end) - eps_g1(t_switch), t_switch = "
                    f"{section['t_switch']}, t_end = {section['t_end']}; band: s.e. over seeds. "
                    f"{checks_verdict(checks)}.", height=0.1)
    return fig, tab.frame()


def maslow_figure(curves, summary, checks, section, note):
    """arXiv:2205.09029: (a) errors across the switch; (b) forgetting against V; (c) node re-use."""
    import matplotlib.pyplot as plt

    tab = _Table()
    with style():
        fig, axes = plt.subplots(1, 3, figsize=(11.0, 3.4), constrained_layout=True)
        sims = section["feature_similarity_simulated"]
        _switch_panel(axes[0], tab, "a", curves, section, [sims[0], sims[1], sims[-1]])
        _forgetting_panel(axes[1], tab, "b", summary)
        axes[1].set(xlabel=r"task similarity $V$", ylabel=r"forgetting $\Delta\epsilon_{g,1}$",
                    title="Maslow's hammer", ylim=(min(0, axes[1].get_ylim()[0]), None))
        axes[1].legend(loc="upper right")
        st = seed_stats(summary[summary["kind"] == "reuse"], ["source", "V"], "reuse")
        o = st[st["source"] == "ode"].sort_values("V")
        s = st[st["source"] == "sim"].sort_values("V")
        ax = axes[2]
        ax.plot(o["V"], o["mean"], color=PALETTE[0], label="node re-use (ODE)")
        ax.fill_between(o["V"], o["mean"] - o["sem"], o["mean"] + o["sem"], color=PALETTE[0],
                        alpha=0.15, lw=0)
        ax.errorbar(s["V"], s["mean"], s["sem"], ls="none", marker="o", ms=5, mfc="white",
                    mec=PALETTE[0], color=PALETTE[0], label=r"SGD (mean $\pm$ s.e.)")
        ax.plot(o["V"], 1 - o["mean"], color=PALETTE[2], ls="--", label="node activation (ODE)")
        tab.add("c", "ode:reuse", o["V"], o["mean"], o["sem"])
        tab.add("c", "sim:reuse", s["V"], s["mean"], s["sem"])
        tab.add("c", "ode:activation", o["V"], 1 - o["mean"])
        ax.set(xlabel=r"task similarity $V$", ylim=(-0.02, 1.02),
               ylabel="task-1 unit's share of head 2", title="node re-use vs activation")
        ax.legend(loc="center right", fontsize=7)
        for a, lab in zip(axes, "abc"):
            panel_label(a, lab)
        footer(fig, f"{note} Re-use: share |v2_k| sqrt(Q_kk) of the unit that carried task 1, "
                    f"at t_end; forgetting = eps_g1(t_end) - eps_g1(t_switch), t_switch = "
                    f"{section['t_switch']}. {checks_verdict(checks)}.", height=0.1)
    return fig, tab.frame()
