"""Figure of the real-data panel of Spigler et al. (arXiv:1905.10843): learning curves of
binary labels (regression and classification) and the target's power beyond rank P in the
kernel-PCA eigenbasis, whose exponent is the paper's estimate of beta."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.plotting import MARKERS, PALETTE, footer, panel_label, style
from ..core.plotting import checks_verdict
from .figures import draw_series, size_ticks

__all__ = ["real_data_figure"]

TASKS = {"regression": r"regression: $\epsilon=\langle(f_P-y)^2\rangle$",
         "classification": r"SVM classification: $\langle\mathrm{sign}\,f_P\neq y\rangle$"}


def real_data_figure(curves: pd.DataFrame, fits: pd.DataFrame, spectrum: pd.DataFrame,
                     checks: dict, note: str):
    """(a) regression and (b) classification learning curves with their tail fits (solid)
    and the kernel-PCA exponent (dashed; for classification on real data only: on the
    stand-in the 0/1 error is not predicted by it, see the claims); (c) ``R(P) = sum_{rho>P} c_rho^2`` against the
    rank with its fitted power law over the fitted ranks."""
    import matplotlib.pyplot as plt

    kernels = list(dict.fromkeys(fits["kernel"]))
    stand_in = "source" in fits and str(fits["source"].iloc[0]) == "stand_in"
    colors = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(kernels)}
    records: list = []
    with style():
        fig, axes = plt.subplots(1, 3, figsize=(10.0, 3.75), constrained_layout=True)
        for ax, (task, title) in zip(axes, TASKS.items()):
            show = not (stand_in and task == "classification")
            for i, k in enumerate(kernels):
                cur = curves[(curves["kernel"] == k) & (curves["task"] == task)]
                fit = fits[(fits["kernel"] == k) & (fits["task"] == task)].iloc[0].to_dict()
                draw_series(ax, cur, fit, k.capitalize(), colors[k], MARKERS[i % len(MARKERS)],
                            records, task, f"{k}|{task}", show_pred=show)
            ax.set(xscale="log", yscale="log", xlabel=r"training set size $P$",
                   ylabel=r"test error $\epsilon$", title=title)
            size_ticks(ax, curves["P"])
            claim = next((c for c in checks.get("claims", [])
                          if c["name"] == f"real_beta_kernel_independent_{task}"), None)
            if claim is not None:
                ax.text(0.97, 0.97, rf"max/min $\beta$ over kernels = {claim['measured']:.2f}"
                        "\n" + f"claim <= {claim['high']:g}: "
                        + ("pass" if claim["passed"] else "FAIL"),
                        transform=ax.transAxes, ha="right", va="top", fontsize=6.5)
            ax.legend(loc="lower left", fontsize=6.5,
                      title=(r"dashed: kernel-PCA $\beta$ (pred)" if show else
                             "stand-in: not predicted by kernel PCA"), title_fontsize=6)
        ax = axes[2]
        for k in kernels:
            sp = spectrum[spectrum["kernel"] == k].sort_values("rank")
            # ranks beyond N/4 are not shown: there R_N(P) drops to 0 at P = N (finite Gram matrix)
            sp = sp[(sp["tail_power"] > 0) & (sp["rank"] <= len(sp) // 4)]
            fit = fits[fits["kernel"] == k].iloc[0]
            ax.plot(sp["rank"], sp["tail_power"], color=colors[k], lw=1.2,
                    label=rf"{k.capitalize()}: $\beta_{{\rm PCA}}$={fit['beta_pred']:.2f}")
            lo, hi = int(fit["pca_rank_min"]), int(fit["pca_rank_max"])
            xs = np.geomspace(lo, hi, 20)
            ax.plot(xs, fit["pca_prefactor"] * xs ** -fit["beta_pred"], color="k", lw=0.9,
                    ls="--")
            ax.axvspan(lo, hi, color=colors[k], alpha=0.08, lw=0)
            for r, v in zip(sp["rank"], sp["tail_power"]):
                records.append({"panel": "pca", "series": k, "kind": "tail_power", "x": r,
                                "y": v, "y_err": np.nan})
        ax.set(xscale="log", yscale="log", xlabel=r"kernel-PCA rank $P$ (shown up to $N/4$)",
               ylabel=r"$R(P)=\sum_{\rho>P} c_\rho^2$",
               title="target power beyond rank $P$")
        ax.legend(loc="lower left", fontsize=6.5, title="dashed: fit over shaded ranks",
                  title_fontsize=6)
        for ax, lab in zip(axes, "abc"):
            panel_label(ax, lab)
        footer(fig, f"{note} Markers: mean over draws, band: +-1 s.e.; solid: tail fit; dashed in "
                    f"(a, b): slope -beta_PCA from (c). {checks_verdict(checks)}.", height=0.1)
    return fig, pd.DataFrame.from_records(records)
