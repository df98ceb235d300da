"""How the raw rows behind a verdict are shown: the line and table under each verdict box and on the audit page.

A verdict's rows come as records (``nevbook.lineage.row_record``). Up to
``lineage.LISTED_ROWS`` rows of one dataset are listed one per line; a larger
pick shows one summary line (dataset, the key values selected, the count), and
the export lists every row.
"""
from html import escape

from . import lineage, sources, wording

CELL = 'style="padding: 0.1em 0.6em; text-align: {}"'
COLUMNS = (("dataset", "left"), ("key", "left"), ("value", "right"), ("unit", "left"), ("source", "left"))


def dataset_anchor(name):
    """The HTML id of a dataset's entry in the data appendix, e.g. ``data-caam-production-sales``."""
    return "data-" + name.replace("/", "-").replace("_", "-")


def line(records):
    """'Rests on 4 raw rows from 2 sources'."""
    count, sources_count = len(records), len(lineage.sources_of(records))
    return wording.say("rests on", rows=count, rows_s="s" * (count != 1), sources=sources_count,
                       sources_s="s" * (sources_count != 1))


def markdown(records):
    """The trail line with the rows counted per dataset, for the PDF ('' when there are no rows)."""
    if not records:
        return ""
    parts = [wording.say("rows of dataset", name=name, rows=len(group), rows_s="s" * (len(group) != 1))
             for name, group in lineage.groups(records)]
    return f"{line(records)}{wording.say('trail colon')}{wording.say('trail list separator').join(parts)}{wording.say('trail end')}"


def source_link(registry, source_id):
    """The source's publisher, linked to the first non-mirror page where its values were read."""
    source = registry.get(source_id)
    if source is None:
        return escape(source_id)
    return f'<a href="{escape(source.citable_page()["url"])}" title="{escape(source_id)}">{escape(source.publisher)}</a>'


def _cells(values):
    return "<tr>" + "".join(f"<td {CELL.format(align)}>{text}</td>" for text, (_, align) in zip(values, COLUMNS)) + "</tr>"


def details(records, data_page="../data.html"):
    """The trail line that opens into the table of rows ('' when there are no rows).

    ``data_page`` is the data appendix relative to the page the table is on.
    """
    if not records:
        return ""
    registry = sources.registry()
    head = "".join(f"<th {CELL.format(align)}>{wording.say('trail ' + name)}</th>" for name, align in COLUMNS)
    body = []
    for name, group in lineage.groups(records):
        dataset_link = f'<a href="{data_page}#{dataset_anchor(name)}">{escape(name)}</a>'
        if len(group) > lineage.LISTED_ROWS:
            ids = lineage.sources_of(group)
            body.append(f"<tr><td {CELL.format('left')}>{dataset_link}</td>"
                        f'<td {CELL.format("left")} colspan="3">'
                        f"{escape(wording.say('many rows', rows=len(group), selection=lineage.selection_text(group)))}</td>"
                        f"<td {CELL.format('left')}>{', '.join(source_link(registry, i) for i in ids)}</td></tr>")
            continue
        for record in group:
            body.append(_cells((dataset_link, escape(lineage.key_text(record)), escape(lineage.value_text(record)),
                                escape(lineage.unit_text(record)), source_link(registry, record["source"]))))
    return (f'<details class="nevbook-trail"><summary>{escape(line(records))}</summary>'
            f'<table style="margin: 0.3em 0; font-size: 0.85em"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></details>")
