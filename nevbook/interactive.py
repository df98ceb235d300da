"""Chart specs for the interactive figures, read from the matplotlib figure itself.

``style.save`` calls :func:`write_spec` after writing the PNG and SVG: it reads what the figure plots (bar
containers with their tick labels, labelled lines and markers, twin axes, the legend, the axis labels with
their units, the titles, reference lines and annotations) and writes ``figures/<name>.json`` beside the
static files. The spec holds the values as plotted, rounded to six significant digits, with sorted keys, so
the same figure gives byte-identical files. On the HTML pages ``nevbook.sphinx_charts`` embeds the spec next
to the figure's image and ``_static/nev-charts/nev-charts.js`` draws it with Apache ECharts (a vendored copy,
see ``nevbook/static/nev-charts/README.md``): hovering shows the exact value, its unit and the source, and a
click on a legend entry hides or shows that series. The image stays for the PDF and for readers without
JavaScript.

Figures that are not data series (timelines of events, schematics) stay static: they are listed in
:data:`STATIC` with the reason, and no spec is written for them.
"""
import json
import math
import re

import matplotlib.dates as mdates
import numpy as np
from matplotlib.colors import to_hex
from matplotlib.container import BarContainer
from matplotlib.lines import Line2D
from matplotlib.text import Annotation

from . import edition, paths

SCHEMA = 1
STATIC = {
    "fig-1-nev-milestones": "a timeline of dated events: its points carry no values to read",
    "fig-2-2-clusters": "a schematic of clusters and firm sites, drawn as text boxes",
    "fig-2-2-provinces": "a tile map: each province a square, its shading and outline explained in the legend",
    "fig-3-2-chain": "a schematic of the industrial chain, drawn as text boxes and arrows",
    "fig-4-3-huawei-timeline": "a timeline of dated events: its points carry no values to read",
}
UNIT = re.compile(r"^(?P<what>.*?)\s*[(（](?P<unit>[^()（）]*)[)）]\s*$")  # "Sales (million)" or "销量（百万辆）"


class NotConvertible(ValueError):
    """The figure's artists cannot be read back faithfully as data series."""


def number(value):
    """A plotted number for the spec: None for a gap, an int when integral, else six significant digits."""
    if value is None:
        return None
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        return None
    if value == int(value) and abs(value) < 1e15:
        return int(value)
    return float(f"{value:.6g}")


def unit_of(label):
    """The unit of an axis label: what stands in its final parentheses, else the label itself."""
    label = " ".join(label.split())
    match = UNIT.match(label)
    if match and match.group("unit") and not match.group("unit").isalpha():
        return match.group("unit")
    if match and match.group("unit") in ("GWh", "MWh", "kWh", "million", "billion", "thousand"):
        return match.group("unit")
    return label[:1].lower() + label[1:] if label[:2] != label[:2].upper() else label


def clean(text):
    return " ".join(str(text).split())


def _hex(colour):
    return to_hex(colour, keep_alpha=False).upper()


def _is_date_axis(axis):
    converter = axis.get_converter() if hasattr(axis, "get_converter") else axis.converter
    return converter is not None and "date" in type(converter).__name__.lower()


def _date(value):
    """A date for the spec (ISO ``YYYY-MM-DD``) from a datetime64, Timestamp or Matplotlib date number."""
    if isinstance(value, (int, float, np.floating, np.integer)):
        value = mdates.num2date(float(value))
    text = np.datetime_as_string(np.datetime64(value, "D"), unit="D") if not hasattr(value, "date") else \
        value.date().isoformat()
    return str(text)


def _visible_label(artist):
    label = artist.get_label()
    return clean(label) if label and not str(label).startswith("_") else None


def _legend_entries(fig, axes):
    """``(label, colour)`` of every legend entry of these axes and of the figure, in legend order."""
    entries = []
    legends = [ax.get_legend() for ax in axes] + list(fig.legends)
    for legend in legends:
        if legend is None:
            continue
        for handle, text in zip(legend.legend_handles, legend.get_texts()):
            try:
                colour = handle.get_facecolor() if not isinstance(handle, Line2D) else handle.get_color()
                colour = _hex(colour)
            except (AttributeError, ValueError, TypeError):
                colour = None
            entries.append((clean(text.get_text()), colour))
    return entries


def _is_twin(ax, earlier):
    return any(other.get_position().bounds == ax.get_position().bounds
               and other in ax.get_shared_x_axes().get_siblings(ax) for other in earlier)


def _reference_lines(ax, texts):
    """axvline/axhline as ``{"axis", "value", "label"}``; the label is the text drawn beside the line."""
    found = []
    for line in ax.get_lines():
        if _visible_label(line):
            continue
        x, y = list(line.get_xdata()), list(line.get_ydata())
        if len(x) != 2 or len(y) != 2:
            continue
        if x[0] == x[1] and list(map(float, y)) == [0.0, 1.0]:
            axis, value = "x", x[0]
        elif y[0] == y[1] and list(map(float, x)) == [0.0, 1.0]:
            axis, value = "y", y[0]
        else:
            continue
        data_point = (value, ax.get_ylim()[0]) if axis == "x" else (ax.get_xlim()[0], value)
        pixel = ax.transData.transform(data_point)
        nearest = []  # the text drawn closest beside the line (within 20 pixels) is its label
        for text in texts:
            if isinstance(text, Annotation) or not clean(text.get_text()):
                continue
            where = text.get_transform().transform(text.get_position())
            gap = abs(where[0] - pixel[0]) if axis == "x" else abs(where[1] - pixel[1])
            if gap < 20:
                nearest.append((gap, clean(text.get_text())))
        label = min(nearest)[1] if nearest else ""
        found.append({"axis": axis, "value": _x_value(ax, value) if axis == "x" else number(value),
                      "label": label, "colour": _hex(line.get_color()),
                      "dashed": line.get_linestyle() not in ("-", "solid")})
    return found


def _x_value(ax, value):
    return _date(value) if _is_date_axis(ax.xaxis) else number(value)


class _Categories:
    """The category axis of a bar panel: tick labels at tick positions."""

    def __init__(self, axis):
        ticks = [float(t) for t in axis.get_ticklocs()]
        # a tick label keeps its line breaks (the chart breaks it there too); spaces are normalised
        labels = ["\n".join(clean(part) for part in t.get_text().splitlines()) for t in axis.get_ticklabels()]
        if not ticks or len(ticks) != len(labels) or not all(labels):
            raise NotConvertible("a bar chart without a label on every tick")
        self.ticks, self.labels = ticks, labels
        spacing = min((b - a for a, b in zip(ticks, ticks[1:])), default=1.0)
        self.tolerance = spacing / 2

    def index(self, position):
        position = float(position)
        best = min(range(len(self.ticks)), key=lambda i: abs(self.ticks[i] - position))
        if abs(self.ticks[best] - position) > self.tolerance:
            raise NotConvertible(f"a bar or point at {position} matches no tick")
        return best


def _bar_series(ax, container, categories, legend_colours, limit):
    horizontal = getattr(container, "orientation", "vertical") == "horizontal"
    values, colours, offsets, bases, clipped = [None] * len(categories.labels), {}, [], [], []
    for patch in container.patches:
        if horizontal:
            centre, size, base = patch.get_y() + patch.get_height() / 2, patch.get_width(), patch.get_x()
        else:
            centre, size, base = patch.get_x() + patch.get_width() / 2, patch.get_height(), patch.get_y()
        index = categories.index(centre)
        offsets.append(round(centre - categories.ticks[index], 6))
        bases.append(float(base))
        values[index] = number(size)
        colours[index] = _hex(patch.get_facecolor())
        if values[index] is not None and limit is not None and float(base) + float(size) >= limit - 1e-9:
            clipped.append(index)
    name = _visible_label(container)
    base = {"kind": "bar", "offset": offsets[0] if offsets else 0, "stacked": any(b != 0 for b in bases)}
    if clipped:
        base["clipped"] = sorted(clipped)
    distinct = sorted(set(colours.values()))
    if name is None and len(distinct) > 1 and all(c in legend_colours for c in distinct):
        # one container coloured by the legend's groups: one series per legend entry, sharing each bar's place
        series = []
        for colour in sorted(distinct, key=lambda c: list(legend_colours).index(c)):
            split = [v if colours.get(i) == colour else None for i, v in enumerate(values)]
            series.append({**base, "name": legend_colours[colour], "values": split, "colour": colour,
                           "stacked": True})
        return series
    if name is None:
        name = legend_colours.get(distinct[0]) if len(distinct) == 1 and distinct[0] in legend_colours else None
    entry = {**base, "name": name, "values": values}
    if len(distinct) == 1:
        entry["colour"] = distinct[0]
    else:
        entry["colours"] = [colours.get(i) for i in range(len(values))]
    return [entry]


def _line_series(ax, line, categories, date_axis):
    xs, ys = line.get_xdata(), line.get_ydata()
    kind = "line" if line.get_linestyle() not in ("None", "none", "", " ") else "points"
    entry = {"kind": kind, "name": _visible_label(line), "colour": _hex(line.get_color())}
    marker = line.get_marker()
    if marker not in (None, "None", "none", "", " "):
        entry["marker"] = {"o": "circle", "s": "square", "D": "diamond", "d": "diamond", "^": "triangle"}.get(
            marker, "circle")
    if line.get_drawstyle().startswith("steps"):
        entry["step"] = line.get_drawstyle().split("-")[-1] if "-" in line.get_drawstyle() else "pre"
    if kind == "line" and line.get_linestyle() not in ("-", "solid"):
        entry["dashed"] = True
    if categories is not None:
        values = [None] * len(categories.labels)
        for x, y in zip(xs, ys):
            values[categories.index(x)] = number(y)
        entry["values"] = values
    else:
        entry["points"] = [[_date(x) if date_axis else number(x), number(y)] for x, y in zip(xs, ys)]
    return entry


def _collection_series(ax, collection, categories, date_axis):
    offsets = collection.get_offsets()
    colours = collection.get_facecolor()
    entry = {"kind": "points", "name": _visible_label(collection), "marker": "circle",
             "colour": _hex(colours[0]) if len(colours) else "#444444"}
    paths_ = collection.get_paths()
    if paths_ and len(paths_[0].vertices) == 5:  # a diamond ("D") marker is a closed four-sided path
        entry["marker"] = "diamond"
    if categories is not None:
        values = [None] * len(categories.labels)
        for x, y in offsets:
            values[categories.index(x)] = number(y)
        entry["values"] = values
    else:
        entry["points"] = [[_date(x) if date_axis else number(x), number(y)] for x, y in offsets]
    return entry


def _notes(ax, categories, date_axis):
    """Annotations that point at data (``ax.annotate``): their text, at the point they name."""
    notes = []
    for text in ax.texts:
        if not isinstance(text, Annotation) or text.xycoords != "data" or not clean(text.get_text()):
            continue
        x, y = text.xy
        if categories is not None:
            try:
                where = categories.labels[categories.index(x)]
            except NotConvertible:
                continue
        else:
            where = _date(x) if date_axis else number(x)
        notes.append({"x": where, "y": number(y), "text": clean(text.get_text())})
    return notes


def _clipped_labels(ax, series, categories, horizontal):
    """The text drawn on a bar cut at the axis limit (such as "343% (off scale)"), for its tooltip: of the
    texts within the bar's category, the one nearest the bar's cut end."""
    labels = {}
    limit = ax.get_xlim()[1] if horizontal else ax.get_ylim()[1]
    for entry in series:
        for index in entry.get("clipped", []):
            centre = categories.ticks[index] + entry["offset"]
            end = ax.transData.transform((limit, centre) if horizontal else (centre, limit))
            candidates = []
            for text in ax.texts:
                if isinstance(text, Annotation) or not clean(text.get_text()):
                    continue
                position = text.get_position()[1 if horizontal else 0]
                if abs(float(position) - categories.ticks[index]) <= categories.tolerance:
                    where = text.get_transform().transform(text.get_position())
                    candidates.append((float(np.hypot(*(where - end))), clean(text.get_text())))
            if candidates:
                labels[categories.labels[index]] = min(candidates)[1]
    return labels


def _value_axis(ax, horizontal, side):
    label = clean(ax.get_xlabel() if horizontal else ax.get_ylabel())
    low, high = ax.get_xlim() if horizontal else ax.get_ylim()
    return {"label": label, "unit": unit_of(label) if label else "", "min": number(low), "max": number(high),
            "side": side}


def _panel(fig, ax, twins):
    members = [ax, *twins]
    containers = [c for member in members for c in member.containers if isinstance(c, BarContainer)]
    horizontal = any(getattr(c, "orientation", "vertical") == "horizontal" for c in containers)
    date_axis = _is_date_axis(ax.xaxis)
    categories = None
    if containers:
        categories = _Categories(ax.yaxis if horizontal else ax.xaxis)
    legend = _legend_entries(fig, members)
    legend_colours = {}
    for label, colour in legend:
        if colour is not None:
            legend_colours.setdefault(colour, label)
    x0, _, width, _ = ax.get_position().bounds
    panel = {"title": clean(ax.get_title()), "horizontal": horizontal, "axes": [], "series": [],
             "lines": [], "notes": [], "box": [number(round(x0, 4)), number(round(width, 4))]}
    if categories is not None:
        category_axis = ax.yaxis if horizontal else ax.xaxis
        panel["categories"] = categories.labels
        panel["category_label"] = clean(ax.get_ylabel() if horizontal else ax.get_xlabel())
        panel["inverted"] = bool(category_axis.get_inverted())
    else:
        low, high = ax.get_xlim()
        panel["x"] = {"type": "time" if date_axis else "value", "label": clean(ax.get_xlabel()),
                      "min": _x_value(ax, low), "max": _x_value(ax, high)}
    texts = [t for member in members for t in member.texts]
    for number_, member in enumerate(members):
        side = "left" if number_ == 0 else "right"
        panel["axes"].append(_value_axis(member, horizontal, side))
        limit = None if horizontal else member.get_ylim()[1]
        found = []
        for container in member.containers:
            if isinstance(container, BarContainer):
                found += _bar_series(member, container, categories, legend_colours, limit)
        for line in member.get_lines():
            if _visible_label(line):
                found.append(_line_series(member, line, categories, date_axis))
        for collection in member.collections:
            if _visible_label(collection) and len(collection.get_offsets()):
                found.append(_collection_series(member, collection, categories, date_axis))
        stacked = {}
        for entry in found:
            if entry["kind"] == "bar":
                stacked[entry["offset"]] = stacked.get(entry["offset"], False) or entry["stacked"]
        for entry in found:
            entry["axis"] = number_
            if entry["kind"] == "bar" and stacked[entry["offset"]]:
                # bars drawn on one another: one stack; a segment of zero height is not drawn
                entry["stacked"] = True
                entry["values"] = [None if v == 0 else v for v in entry["values"]]
        panel["series"] += found
        lines = _reference_lines(member, texts)
        along = "y" if horizontal else "x"
        for line in lines:
            if categories is not None and line["axis"] == along:
                # a line between categories: its place in category slots (0 is the first category)
                line["value"] = number(round(float(np.interp(
                    line["value"], categories.ticks, range(len(categories.ticks)))), 4))
        panel["lines"] += lines
        panel["notes"] += _notes(member, categories, date_axis)
        if categories is not None:
            labels = _clipped_labels(member, found, categories, horizontal)
            panel["notes"] += [{"x": x, "text": text, "y": None} for x, text in sorted(labels.items())]
    order = [label for label, _ in legend]
    panel["series"].sort(key=lambda s: order.index(s["name"]) if s["name"] in order else len(order))
    for entry in panel["series"]:
        if entry["name"] is None:
            entry["name"] = panel["axes"][entry["axis"]]["label"] or panel["title"] or "values"
    return panel


def chart_spec(fig, name, source):
    """The chart spec of a finished figure (a dict), or raise ``NotConvertible``."""
    if name in STATIC:
        raise NotConvertible(STATIC[name])
    panels, seen = [], []
    for ax in fig.axes:
        if not ax.axison:
            raise NotConvertible("an axes drawn without axis (a schematic)")
        if _is_twin(ax, seen):
            continue
        twins = [other for other in fig.axes if other is not ax and _is_twin(other, [ax])]
        seen.append(ax)
        panels.append(_panel(fig, ax, twins))
    if not panels or not any(panel["series"] for panel in panels):
        raise NotConvertible("no bars, labelled lines or labelled markers")
    suptitle = fig._suptitle.get_text() if fig._suptitle is not None else ""
    title = clean(suptitle) or panels[0]["title"]
    if not suptitle and len(panels) == 1:
        panels[0]["title"] = ""
    width, height = fig.get_size_inches()
    return {"schema": SCHEMA, "name": name, "title": title, "source": clean(source),
            "aspect": number(round(height / width, 4)), "panels": panels}


def dumps(spec):
    """The spec as deterministic JSON text: sorted keys, one trailing newline."""
    return json.dumps(spec, sort_keys=True, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def write_spec(fig, name, source):
    """Write ``figures/<name>.json`` for a chart, or remove a stale one for a static figure; return the path
    written, or None."""
    target = paths.figures(edition.current()) / f"{name}.json"
    try:
        spec = chart_spec(fig, name, source)
    except Exception:  # noqa: BLE001 - never break a notebook; tests/test_interactive.py names every figure
        # without a spec that is not listed in STATIC
        if target.exists():
            target.unlink()
        return None
    target.write_text(dumps(spec), encoding="utf-8")  # always written, like the PNG and SVG (tests check it)
    return target
