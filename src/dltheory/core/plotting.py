"""One plot style for every figure, and the figure writer (PDF + PNG + CSV).

Figures are rendered without a display (Agg) and written atomically; the PDF carries
no creation date so an unchanged figure is byte-identical across runs.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from .artifacts import atomic_path, write_table  # noqa: E402

__all__ = ["STYLE", "PALETTE", "MARKERS", "style", "save_figure", "panel_label", "footer",
           "log_ticks"]

# Okabe-Ito, readable by colour-blind readers and in greyscale print.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
           "#000000", "#F0E442"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "<", ">"]

STYLE = {
    "font.family": "serif",
    "mathtext.fontset": "cm",
    "font.size": 9,
    "axes.labelsize": 10,
    "axes.titlesize": 10,
    "legend.fontsize": 7.5,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "axes.linewidth": 0.8,
    "lines.linewidth": 1.3,
    "lines.markersize": 4.5,
    "errorbar.capsize": 2,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.direction": "in",
    "ytick.direction": "in",
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.03,
    "pdf.fonttype": 42,
}


@contextmanager
def style():
    """Context manager applying :data:`STYLE`."""
    with matplotlib.rc_context(STYLE):
        yield


def panel_label(ax, label: str) -> None:
    """Bold ``(a)``-style label at the top-left corner outside the axes."""
    ax.text(-0.16, 1.04, f"({label})", transform=ax.transAxes, fontweight="bold",
            fontsize=10, va="bottom", ha="left")


def checks_verdict(checks: dict) -> str:
    """``checks: 4/4 pass``: the verdict of a paper's checks.json, for a figure's footer."""
    return f"checks: {checks.get('n_passed', 0)}/{checks.get('n_claims', 0)} pass"


def footer(fig, text: str, height: float = 0.06) -> None:
    """Small grey provenance line under the figure (paper, scale, data used).

    With a constrained layout, ``height`` (figure fraction) is reserved for it.
    """
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        engine.set(rect=(0, height, 1, 1 - height))
    fig.text(0.5, height / 2, text, ha="center", va="center", fontsize=6.5, color="0.35",
             wrap=True)


def log_ticks(ax, ticks, axis: str = "x") -> None:
    """Put plain-number labels (0.5, 1, 2, 4) at ``ticks`` on a log axis, no minor labels."""
    from matplotlib.ticker import FixedLocator, NullFormatter, NullLocator, FuncFormatter

    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(FixedLocator(ticks))
    target.set_major_formatter(FuncFormatter(lambda t, _: f"{t:g}"))
    target.set_minor_locator(NullLocator())
    target.set_minor_formatter(NullFormatter())


def save_figure(fig, pdf_path, png_path=None, table=None, csv_path=None,
                meta: dict | None = None, dpi: int = 200) -> None:
    """Write ``fig`` as PDF (and PNG), and ``table`` (every plotted number) as CSV.

    All files are written atomically.  The PDF has no creation date, so its bytes
    depend only on the figure.
    """
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    with atomic_path(pdf_path) as tmp:
        fig.savefig(tmp, format="pdf", metadata={"CreationDate": None, "Producer": None})
    if png_path is not None:
        with atomic_path(png_path) as tmp:
            fig.savefig(tmp, format="png", dpi=dpi)
    if table is not None:
        if csv_path is None:
            csv_path = Path(pdf_path).with_suffix(".csv")
        write_table(csv_path, table, meta=meta)
    plt.close(fig)
