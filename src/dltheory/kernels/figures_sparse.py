"""Figure of Petrini et al. 2022 (arXiv:2206.12314): lazy against feature learning."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.plotting import MARKERS, PALETTE, footer, log_ticks, panel_label, style
from ..core.plotting import checks_verdict
from .figures import draw_series, size_ticks

__all__ = ["petrini_figure"]

LABELS = {"lazy_kernel": "lazy limit (NTK regression)",
          "feature_limit": "feature limit (min-L1, sparse)",
          "lazy_net": r"network, lazy ($\alpha\sqrt{h}\gg1$)",
          "feature_net": r"network, feature ($\alpha\sqrt{h}\ll1$)"}


def petrini_figure(curves: pd.DataFrame, fits: pd.DataFrame, runs: pd.DataFrame,
                   checks: dict, note: str):
    """(a, b) learning curves per d (the networks at their d), (c) number of atoms against P."""
    import matplotlib.pyplot as plt

    records: list = []
    dims = sorted(int(d) for d in curves.loc[curves["method"] == "feature_limit", "d"].unique())
    with style():
        fig, axes = plt.subplots(1, len(dims) + 1, figsize=(3.3 * len(dims) + 2.8, 3.7),
                                 constrained_layout=True,
                                 gridspec_kw={"width_ratios": [1.2] * len(dims) + [1]})
        for k, d in enumerate(dims):
            ax = axes[k]
            for i, method in enumerate(["lazy_kernel", "feature_limit", "lazy_net", "feature_net"]):
                cur = curves[(curves["method"] == method) & (curves["d"] == d)]
                if cur.empty:
                    continue
                fit = fits[(fits["method"] == method) & (fits["d"] == d)].iloc[0].to_dict()
                series = f"{method}|d={d}"
                if method.endswith("_net"):  # networks: markers only (judged against the limits)
                    c = cur.sort_values("P")
                    ax.errorbar(c["P"], c["error_mean"], c["error_sem"].fillna(0), ls="none",
                                marker=MARKERS[i], mfc="white", color=PALETTE[i], ms=4.5,
                                label=LABELS[method])
                    for p_, v, s_ in zip(c["P"], c["error_mean"], c["error_sem"]):
                        records.append({"panel": "ab"[k], "series": series, "kind": "measured",
                                        "x": p_, "y": v, "y_err": s_})
                else:
                    draw_series(ax, cur, fit, LABELS[method], PALETTE[i], MARKERS[i], records,
                                "ab"[k], series, show_pred=bool(np.isfinite(fit["beta_pred"])))
            ax.set(xscale="log", yscale="log", xlabel=r"training set size $P$",
                   ylabel=r"test error $\epsilon$",
                   title=rf"constant target on $S^{{{d - 1}}}$ ($d={d}$)")
            size_ticks(ax, curves.loc[curves["d"] == d, "P"])
            ax.legend(fontsize=6, loc="lower left")
            panel_label(ax, "abc"[k])
        bx = axes[-1]
        for i, (method, d) in enumerate([(m, d) for m in ("feature_limit", "feature_net", "lazy_net")
                                         for d in dims]):
            g = runs[(runs["method"] == method) & (runs["d"] == d)].groupby("P")["n_atoms"].mean()
            if g.empty:
                continue
            color = PALETTE[{"feature_limit": 1, "feature_net": 3, "lazy_net": 2}[method]]
            bx.plot(g.index, g.values, marker="o" if d == dims[0] else "^",
                    ls="-" if method == "feature_limit" else "none", color=color,
                    mfc=color if method == "feature_limit" else "white",
                    label=f"{LABELS[method]}, d={d}")
            for p_, v in zip(g.index, g.values):
                records.append({"panel": "abc"[len(dims)], "series": f"{method}|d={d}",
                                "kind": "atoms", "x": p_, "y": v, "y_err": np.nan})
        grid = np.geomspace(runs["P"].min(), runs[runs["method"] == "feature_limit"]["P"].max(), 10)
        bx.plot(grid, grid, color="0.5", ls="--", label="$n_A = P$")
        bx.set(xscale="log", yscale="log", xlabel=r"training set size $P$",
               ylabel=r"number of atoms $n_A$", title="sparsity of the features")
        size_ticks(bx, runs.loc[runs["method"] == "feature_limit", "P"])
        top = float(runs["n_atoms"].max())
        log_ticks(bx, [t for t in (8, 16, 32, 64, 128, 256, 512, 1024, 4096) if t <= 2 * top], "y")
        bx.legend(fontsize=5.5)
        panel_label(bx, "abc"[len(dims)])
        footer(fig, f"{note} Solid: tail fit; dashed: predicted slopes, lazy 2d/(d-1) and "
                    f"feature (d+2)/(d-1) (derived here: the best rate of ~P ReLU atoms; the "
                    f"minimum-L1 predictor undershoots the target on ~80% of the sphere). Open "
                    f"markers: networks. {checks_verdict(checks)}.",
               height=0.12)
    return fig, pd.DataFrame.from_records(records)
