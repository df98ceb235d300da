"""One figure style for the whole book, and a deterministic ``save``.

Every figure gets a title, axis labels with units (set by the notebook), a
source line under the plot and alt text (in the notebook cell's metadata).
``save`` writes PNG and SVG to ``figures/`` with no timestamps or random ids,
so the same inputs give byte-identical files, and beside them the chart spec
``figures/<name>.json`` that the HTML pages draw as an interactive chart
(``nevbook.interactive``; figures listed in ``interactive.STATIC`` stay static).
"""
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib import font_manager

from . import edition, interactive, paths, wording

# Colour-blind-safe palette (Okabe–Ito), in a fixed order.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#7F7F7F",
}
DPI = 150
SOURCE_FONT_SIZE = 8
# The Chinese figures' font (Debian package fonts-noto-cjk): regular and bold faces, registered by file.
CJK_FONT = "Noto Sans CJK SC"
CJK_FONT_FILES = tuple(Path("/usr/share/fonts/opentype/noto") / f"NotoSansCJK-{face}.ttc" for face in ("Regular", "Bold"))


def cjk_font():
    """Register the CJK font files with matplotlib and return the family name; a clear error when missing."""
    missing = [str(path) for path in CJK_FONT_FILES if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"the Chinese figures need {missing[0]}: install the Debian package "
                                "fonts-noto-cjk (scripts/ensure-debian.sh fonts)")
    for path in CJK_FONT_FILES:
        font_manager.fontManager.addfont(str(path))
    return CJK_FONT


def apply():
    """Set the book's matplotlib/seaborn style (in the Chinese edition with the CJK font). Call once at the top
    of a notebook, after ``edition.use``."""
    sns.set_theme(context="notebook", style="whitegrid", palette=list(PALETTE.values()))
    mpl.rcParams.update(
        {
            "figure.figsize": (8, 4.8),
            "figure.dpi": 100,
            "savefig.dpi": DPI,
            "font.family": cjk_font() if edition.is_chinese() else "DejaVu Sans",
            "axes.titleweight": "bold",
            "axes.titlesize": 12,
            "axes.labelsize": 10,
            "legend.frameon": False,
            "svg.hashsalt": "nev-book",  # fixed ids inside SVG files
            "svg.fonttype": "path",
        }
    )


def add_source(fig, text):
    """Write the source line under the plot, left-aligned."""
    fig.text(0.01, 0.01, wording.say("figure source") + text, ha="left", va="bottom", fontsize=SOURCE_FONT_SIZE, color="#444444")


def save(fig, name, source=""):
    """Write ``figures/<name>.png`` and ``.svg`` deterministically, and the chart spec ``<name>.json`` (with
    ``source``, the source line) unless the figure is not a chart; return the paths of the PNG and SVG."""
    folder = paths.figures(edition.current())
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, metadata in ((".png", {"Software": None}), (".svg", {"Date": None, "Creator": None})):
        target = folder / f"{name}{suffix}"
        fig.savefig(target, metadata=metadata)
        written.append(target)
    interactive.write_spec(fig, name, source)
    return written


def finish(fig, name, source, bottom=0.04):
    """The tail of every figure cell: the source line, the layout (``bottom`` leaves room for the source
    line), ``save`` to ``figures/<name>`` and show it."""
    add_source(fig, source)
    fig.tight_layout(rect=(0, bottom, 1, 1))
    save(fig, name, source)
    plt.show()


def bars_and_share(years, bars, share, share_top, title, tick_size=None):
    """Vehicles by year as bars (million, left axis) and the NEV share of all vehicle sales as a line (%, right
    axis): chapter 2.1's Figure 1 and the epilogue's chart of sales and share.

    ``bars`` is a list of ``(values, colour, label)``, drawn side by side within each year; ``colour`` is one
    colour or a list with one per year. ``share`` holds the share in percent for the same ``years``, drawn on a
    right axis from 0 to ``share_top``. ``tick_size`` shrinks the year labels when there are many. Returns
    ``fig, ax`` (``ax`` is the left axis) so that the notebook can add its own marks and ``finish`` the figure.
    """
    fig, ax = plt.subplots()
    width = 0.8 / len(bars)
    for number, (values, colour, label) in enumerate(bars):
        offset = (number - (len(bars) - 1) / 2) * width  # centres the group of bars on the year
        ax.bar([year + offset for year in years], values, width, color=colour, label=label)
    ax.set_xticks(years)
    if tick_size is not None:
        ax.tick_params(axis="x", labelsize=tick_size)
    ax.grid(axis="x", visible=False)
    ax.set_xlabel(wording.say("axis year"))
    ax.set_ylabel(wording.say("axis million vehicles"))

    share_ax = ax.twinx()
    share_ax.plot(years, share, marker="o", color=PALETTE["vermillion"],
                  label=wording.say("share line"))
    share_ax.set_ylabel(wording.say("axis share"))
    share_ax.set_ylim(0, share_top)
    share_ax.grid(False)

    bar_handles, bar_labels = ax.get_legend_handles_labels()
    line_handles, line_labels = share_ax.get_legend_handles_labels()
    ax.legend(bar_handles + line_handles, bar_labels + line_labels, loc="upper left")
    ax.set_title(title)
    return fig, ax
