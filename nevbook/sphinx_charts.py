"""Sphinx extension: the interactive charts on the chapter pages.

For every figure of a chapter whose cell writes a chart spec (``figures/<name>.json``, see
``nevbook.interactive``), the HTML page gets, inside the figure and after its image, the spec as JSON and an
empty holder; ``_static/nev-charts/nev-charts.js`` draws the chart there with the one local copy of Apache
ECharts and only then hides the image. The image stays in the page for readers without JavaScript and the
PDF is not touched. The scripts are added to the pages that have a chart, and nowhere else. Set up from
``nevbook.sphinx_ext``.
"""
import re
from pathlib import Path

import nbformat
from docutils import nodes

from . import edition, interactive, paths, wording

STATIC_DIR = paths.PACKAGE / "static"
LIBRARY = "nev-charts/echarts-6.1.0.common.min.js"
SCRIPT = "nev-charts/nev-charts.js"
STYLE = "nev-charts/nev-charts.css"
MARK = 'class="nev-chart"'
FIGURE_CALL = re.compile(r"""\b(?:finish|save)\(\s*fig\s*,\s*["']([^"']+)["']""")


def figure_files(notebook):
    """``{figure id: figure file name}`` for the figure cells of a notebook (the id is the cell's
    ``mystnb.figure.name``, the file name the one passed to ``style.finish`` or ``style.save``)."""
    found = {}
    for cell in nbformat.read(notebook, as_version=4).cells:
        figure = cell.get("metadata", {}).get("mystnb", {}).get("figure", {})
        match = FIGURE_CALL.search(cell.source) if cell.cell_type == "code" else None
        if figure.get("name") and match:
            found[figure["name"]] = match.group(1)
    return found


def holder_html(spec_text, name):
    """The holder of one chart: hidden until the script draws it; the spec is inert JSON."""
    safe = spec_text.strip().replace("</", "<\\/")
    return (f'<div class="nev-chart" data-figure="{name}" hidden>'
            f'<button type="button" class="nev-chart-toggle" data-image-label="{wording.say("show image")}" '
            f'data-chart-label="{wording.say("show chart")}">{wording.say("show image")}</button>'
            f'<script type="application/json" class="nev-chart-spec">{safe}</script></div>')


def _add_charts(app, doctree, docname):
    if app.builder.format != "html" or not docname.startswith("chapters/"):
        return
    source = Path(app.env.doc2path(docname))
    if source.suffix != ".ipynb":
        return
    files = figure_files(source)
    for figure in doctree.findall(nodes.figure):
        name = next((files[i] for i in figure["ids"] if i in files), None)
        spec = paths.figures(edition.of_sphinx(app.config)) / f"{name}.json" if name else None
        if spec is None or not spec.exists() or name in interactive.STATIC:
            continue
        image = next(iter(figure.findall(nodes.image)), None)
        if image is None:
            continue
        holder = nodes.raw("", holder_html(spec.read_text(encoding="utf-8"), name), format="html")
        image.parent.insert(image.parent.index(image) + 1, holder)


def _add_scripts(app, pagename, templatename, context, doctree):
    if MARK in context.get("body", ""):
        app.add_css_file(STYLE)
        app.add_js_file(LIBRARY)
        app.add_js_file(SCRIPT)


def _static_path(app, config):
    config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def setup(app):
    app.connect("config-inited", _static_path)
    app.connect("doctree-resolved", _add_charts)
    app.connect("html-page-context", _add_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
