"""Write the generated parts of the audit and data pages, the claims export and the bibliography of sources.

Everything lands in ``_generated/`` (``paths.GENERATED``, not committed): the pages
``audit.md`` and ``data.md`` include the Markdown/HTML parts, and ``_generated/site/``
is copied to the root of the HTML site (``claims.csv``, ``claims.json`` with its
schema, the raw data)::

    python -m nevbook.site     # `make book` and `make pdf` run it before Sphinx
"""
import json
import shutil
import sys
from html import escape

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from . import audit, bibliography, changes, claims, data, export_schema, paths, registry, sources, style, trail  # noqa: E402

ORDER = registry.VERDICTS + (audit.UNCHECKED, audit.CHECKED_TWICE)  # the bars of the counts figure


def badge(verdict):
    colour = claims.VERDICT_COLOURS.get(verdict, "#000000")
    return (f'<span style="background: {colour}; color: white; padding: 0.05em 0.5em; '
            f'border-radius: 0.6em; white-space: nowrap">{escape(verdict)}</span>')


def audit_table(entries):
    """Registry claims (or outcomes) in order, as an HTML table."""
    head = ("claim", "the paper says", "stated", "computed", "verdict", "why, or what is missing; raw data")
    rows = ['<table class="nevbook-audit" style="font-size: 0.85em">',
            "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>", "<tbody>"]
    for entry in entries:
        claim_id = escape(entry.claim.id)
        link = f'<a href="{entry.page()}">{claim_id}</a>' if entry.chapter else claim_id
        why = escape((entry.record or {}).get("because", ""))
        if entry.causes():
            why += f"<br><small>cause: {escape(', '.join(entry.causes()))}</small>"
        why += trail_summary(entry)
        where = f"§{entry.claim.section}" if entry.claim.group == "paper" else entry.claim.stated
        said = f"“{escape(entry.claim.quote)}”" if entry.claim.group == "paper" else escape(entry.claim.quote)
        cells = (f"{link}<br><small>{escape(where)}</small>", said,
                 escape(entry.claim.stated), escape(entry.computed()), badge(entry.verdict), why)
        rows.append("<tr>" + "".join(f'<td style="vertical-align: top">{cell}</td>' for cell in cells) + "</tr>")
    rows.append("</tbody></table>")
    return "\n".join(rows)


def trail_summary(entry):
    """The verdict's raw rows, as under its box: a line that opens into the table of rows."""
    table = trail.details(entry.rows(), data_page="data.html")
    return f"<small>{table}</small>" if table else ""


def audit_table_markdown(entries):
    """The audit table for the PDF: claim, stated, computed, verdict."""
    lines = ["| claim | stated | computed | verdict | raw rows |", "|---|---|---|---|--:|"]
    for entry in entries:
        verdict = entry.verdict + (f" ({', '.join(entry.causes())})" if entry.causes() else "")
        cells = (entry.claim.id, entry.claim.stated, entry.computed(), verdict, str(len(entry.rows())))
        lines.append("| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |")
    return "\n".join(lines)


def differs_list(entries):
    """Every *differs* verdict with its explanation, as a Markdown list."""
    items = [f"- **{e.claim.id}** (section {e.claim.section}), the paper: “{e.claim.quote}”. "
             f"{escape(e.record['because'])} Cause: {escape(', '.join(e.causes()) or 'not named')}. "
             f"<a href=\"{e.page()}\">See the check</a>."
             for e in entries if e.verdict == "differs"]
    return "\n".join(items) if items else "No claim differs from the data."


def counts_figure(entries, target):
    counts = {verdict: sum(e.verdict == verdict for e in entries) for verdict in ORDER}
    counts = {verdict: n for verdict, n in counts.items() if n}
    style.apply()
    fig, ax = plt.subplots(figsize=(7, 2.8))
    labels = list(counts)[::-1]
    ax.barh(labels, [counts[label] for label in labels],
            color=[claims.VERDICT_COLOURS.get(label, "#000000") for label in labels])
    for y, label in enumerate(labels):
        ax.text(counts[label] + 0.3, y, str(counts[label]), va="center")
    ax.set_xlabel("Number of claims")
    ax.set_title(f"Verdicts on the paper's {len(entries)} checked statements")
    ax.grid(axis="y", visible=False)
    style.add_source(fig, "nev-book claim registry and chapter notebooks.")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    fig.savefig(target, metadata={"Software": None})
    plt.close(fig)


def all_datasets():
    """Yield ``(dataset, path shown, anchor)`` for every raw file and registry table."""
    for folder in (paths.RAW, paths.CLAIMS_DIR):
        for name in data.all_names(folder):
            dataset = data.load_dataset(name, raw_dir=folder)
            where = paths.relative((folder / name).with_suffix(".csv"))
            yield dataset, where, trail.dataset_anchor(name if folder == paths.RAW else f"claims/{name}")


def data_list_markdown(using):
    """The raw files for the PDF: path, title, publisher, licence, checksum, sources, claims using it."""
    items = [kinds_summary(sources.registry()), ""]
    for dataset, where, _ in all_datasets():
        meta = dataset.meta
        used = ", ".join(claim_id for claim_id, _ in using.get(dataset.name, [])) or "none"
        items.append(f"- `{where}`: {meta['title']}. Publisher: {meta['publisher']}. Licence: {meta['licence']}. "
                     f"sha256 `{meta['sha256'][:16]}…`. Sources: {', '.join(dataset.source_ids())}. "
                     f"Verdicts resting on its rows: {used}.")
    return "\n".join(items)


def used_by(claim_pages):
    """'Verdicts resting on its rows: 2.1-01, 2.1-02', each linked to its verdict box."""
    if not claim_pages:
        return "<p>No verdict rests on its rows (it is shown in a chapter or used for context).</p>"
    links = ", ".join(f'<a href="{escape(page)}">{escape(claim_id)}</a>' if page else escape(claim_id)
                      for claim_id, page in claim_pages)
    return f"<p>Verdicts resting on its rows: {links}.</p>"


def kinds_summary(registry):
    """One sentence: how many sources were read on a non-mirror page, and the pages by kind."""
    counted = {kind: 0 for kind in sources.KINDS}
    for source in registry.values():
        for page in source.read_at:
            counted[page["kind"]] += 1
    citable = sum(not source.mirror_only() for source in registry.values())
    by_kind = ", ".join(f"{n} {kind}" for kind, n in counted.items())
    return (f"{citable} of {len(registry)} sources ({100 * citable / len(registry):.0f}%) were read on at least one "
            f"page of the publisher, a government, a news outlet or a trade outlet; the pages by kind: {by_kind}. "
            "A mirror page names the article it copies.")


def data_table(using):
    """Every raw file with its publisher, title, licence, checksum, sources and the verdicts using it."""
    registry = sources.registry()
    parts = [f"<p>{escape(kinds_summary(registry))}</p>"]
    for dataset, where, anchor in all_datasets():
        meta = dataset.meta
        links = []
        for source_id in dataset.source_ids():
            source = registry[source_id]
            pages = ", ".join(f'<a href="{escape(p["url"])}">{escape(p.get("relay", "page"))}</a> '
                              f'({escape(sources.page_kind(p))})' for p in source.read_at)
            links.append(f"<li><code>{escape(source_id)}</code>: {escape(source.publisher)}, "
                         f"<em>{escape(source.title)}</em> (published {escape(source.published)}, "
                         f"accessed {escape(source.accessed)}; original: "
                         f'<a href="{escape(source.url)}">{escape(source.url)}</a>). Read at: {pages}. '
                         f"Licence: {escape(source.licence)}.</li>")
        parts.append(
            f'<div id="{anchor}" class="nevbook-dataset"><h3>{escape(where)}</h3>'
            f"<p><strong>{escape(meta['title'])}</strong>. {escape(meta['description'])}</p>"
            f"<p>Publisher: {escape(meta['publisher'])}. Licence: {escape(meta['licence'])}. "
            f"Rows: {len(dataset.frame)}. sha256: <code>{meta['sha256']}</code>. "
            f'<a href="files/{escape(where)}">Download the CSV</a>.</p>'
            f"{used_by(using.get(dataset.name, [])) if where.startswith('data/raw/') else ''}"
            f"<ul>{''.join(links)}</ul></div>"
        )
    return "\n".join(parts)


def write_site(entries, rows, target=None):
    """Write every generated part into ``target`` (default ``_generated/``), replacing what was there."""
    target = target or paths.GENERATED
    site_files = target / paths.SITE_FILES.relative_to(paths.GENERATED)
    shutil.rmtree(target, ignore_errors=True)
    site_files.mkdir(parents=True)
    paper = [entry for entry in entries if entry.claim.group == "paper"]
    after = [entry for entry in entries if entry.claim.group == "after"]
    using = audit.claims_using(entries)
    parts = {
        "audit-table.html": audit_table(paper), "audit-after.html": audit_table(after),
        "audit-table.md": audit_table_markdown(paper), "audit-after.md": audit_table_markdown(after),
        "audit-differs.md": differs_list(entries),
        "data-table.html": data_table(using), "data-table.md": data_list_markdown(using),
        "changes-since-release.md": changes.markdown_for(rows),
    }
    for name, text in parts.items():
        (target / name).write_text(text + "\n", encoding="utf-8")
    counts_figure(paper, target / "verdict-counts.png")
    (site_files / "claims.csv").write_text(audit.to_csv(rows), encoding="utf-8")
    (site_files / "claims.json").write_text(
        json.dumps(export_schema.document(rows), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (site_files / export_schema.SCHEMA_FILE).write_text(
        json.dumps(export_schema.SCHEMA, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    committed_keys = bibliography.KEY.findall(paths.REFERENCES_BIB.read_text(encoding="utf-8"))
    bibliography.write(target / "sources.bib", already_in=committed_keys)
    # under files/: Sphinx would skip a folder named data (it is in exclude_patterns)
    shutil.copytree(paths.DATA, site_files / "files" / "data")


def main():
    entries = audit.collect()
    write_site(entries, list(audit.export_rows(entries, audit.recorded_verdicts())))
    print(f"site: wrote {paths.relative(paths.GENERATED)}/ for {len(entries)} claims")
    return 0


if __name__ == "__main__":
    sys.exit(main())
