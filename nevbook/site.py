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

from . import (audit, bibliography, changes, claims, data, edition, export_schema, paths, registry, sources,  # noqa: E402
               style, trail, wording)

ORDER = registry.VERDICTS + (audit.UNCHECKED, audit.CHECKED_TWICE)  # the bars of the counts figure


def badge(verdict):
    colour = claims.VERDICT_COLOURS.get(verdict, "#000000")
    return (f'<span style="background: {colour}; color: white; padding: 0.05em 0.5em; '
            f'border-radius: 0.6em; white-space: nowrap">{escape(_verdict_name(verdict))}</span>')


def _verdict_name(verdict):
    return wording.verdict_name(verdict) if verdict in wording.VERDICT_NAMES else verdict


def _causes(entry):
    return wording.say("list separator").join(wording.cause_name(cause) for cause in entry.causes())


def _stated(claim):
    return wording.claim_text(claim, "stated" if claim.group == "paper" else "basis")


def audit_table(entries):
    """Registry claims (or outcomes) in order, as an HTML table."""
    head = wording.say("audit head")
    rows = ['<table class="nevbook-audit" style="font-size: 0.85em">',
            "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>", "<tbody>"]
    for entry in entries:
        claim_id = escape(entry.claim.id)
        link = f'<a href="{entry.page()}">{claim_id}</a>' if entry.chapter else claim_id
        why = escape((entry.record or {}).get("because", ""))
        if entry.causes():
            why += f"<br><small>{escape(wording.say('audit cause', causes=_causes(entry)))}</small>"
        why += trail_summary(entry)
        where = wording.say("audit section", section=entry.claim.section) if entry.claim.group == "paper" \
            else _stated(entry.claim)
        cells = (f"{link}<br><small>{escape(where)}</small>", escape(wording.quoted(entry.claim)),
                 escape(_stated(entry.claim)), escape(entry.computed()), badge(entry.verdict), why)
        rows.append("<tr>" + "".join(f'<td style="vertical-align: top">{cell}</td>' for cell in cells) + "</tr>")
    rows.append("</tbody></table>")
    return "\n".join(rows)


def trail_summary(entry):
    """The verdict's raw rows, as under its box: a line that opens into the table of rows."""
    table = trail.details(entry.rows(), data_page="data.html")
    return f"<small>{table}</small>" if table else ""


def audit_table_markdown(entries):
    """The audit table for the PDF: claim, stated, computed, verdict."""
    lines = [wording.say("audit md head"), "|---|---|---|---|--:|"]
    for entry in entries:
        verdict = _verdict_name(entry.verdict) + (f" ({_causes(entry)})" if entry.causes() else "")
        cells = (entry.claim.id, _stated(entry.claim), entry.computed(), verdict, str(len(entry.rows())))
        lines.append("| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |")
    return "\n".join(lines)


def differs_list(entries):
    """Every *differs* verdict with its explanation, as a Markdown list."""
    items = [wording.say("differs item", id=e.claim.id, section=e.claim.section, quote=e.claim.quote,
                         ours=wording.say("ours", text=wording.chinese_claim(e.claim.id, "quote"))
                         if edition.is_chinese() else "",
                         because=escape(e.record["because"]), causes=escape(_causes(e) or wording.say("cause not named")),
                         page=e.page())
             for e in entries if e.verdict == "differs"]
    return "\n".join(items) if items else wording.say("no differs")


def counts_figure(entries, target):
    counts = {verdict: sum(e.verdict == verdict for e in entries) for verdict in ORDER}
    counts = {verdict: n for verdict, n in counts.items() if n}
    style.apply()
    fig, ax = plt.subplots(figsize=(7, 2.8))
    labels = list(counts)[::-1]
    ax.barh([_verdict_name(label) for label in labels], [counts[label] for label in labels],
            color=[claims.VERDICT_COLOURS.get(label, "#000000") for label in labels])
    for y, label in enumerate(labels):
        ax.text(counts[label] + 0.3, y, str(counts[label]), va="center")
    ax.set_xlabel(wording.say("counts axis"))
    ax.set_title(wording.say("counts title", count=len(entries)))
    ax.grid(axis="y", visible=False)
    style.add_source(fig, wording.say("counts source"))
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


def dataset_key(where):
    """``caam/production_sales`` or ``claims/claims`` from the shown path ``data/raw/caam/production_sales.csv``."""
    return where.removeprefix("data/raw/").removeprefix("data/").removesuffix(".csv")


def data_list_markdown(using):
    """The raw files for the PDF: path, title, publisher, licence, checksum, sources, claims using it."""
    items = [kinds_summary(sources.registry()), ""]
    for dataset, where, _ in all_datasets():
        meta, key = dataset.meta, dataset_key(where)
        used = ", ".join(claim_id for claim_id, _ in using.get(dataset.name, [])) or wording.say("none")
        items.append(wording.say("data item", path=where, title=wording.dataset_text(key, meta, "title"),
                                 publisher=meta["publisher"],
                                 licence=meta["licence"], sha=meta["sha256"][:16],
                                 sources=", ".join(dataset.source_ids()), used=used))
    return "\n".join(items)


def used_by(claim_pages):
    """'Verdicts resting on its rows: 2.1-01, 2.1-02', each linked to its verdict box."""
    if not claim_pages:
        return f"<p>{wording.say('no verdict rests')}</p>"
    links = ", ".join(f'<a href="{escape(page)}">{escape(claim_id)}</a>' if page else escape(claim_id)
                      for claim_id, page in claim_pages)
    return f"<p>{wording.say('verdicts resting', links=links)}</p>"


def kinds_summary(registry):
    """One sentence: how many sources were read on a non-mirror page, and the pages by kind."""
    counted = {kind: 0 for kind in sources.KINDS}
    for source in registry.values():
        for page in source.read_at:
            counted[page["kind"]] += 1
    citable = sum(not source.mirror_only() for source in registry.values())
    by_kind = wording.say("list separator").join(wording.say("kind count", count=n, kind=wording.kind_name(kind))
                                                 for kind, n in counted.items())
    return wording.say("kinds summary", citable=citable, total=len(registry), share=100 * citable / len(registry),
                       by_kind=by_kind)


def data_table(using, files=""):
    """Every raw file with its publisher, title, licence, checksum, sources and the verdicts using it.

    ``files`` leads from the data page to the site root, where the raw files are (``../`` in the Chinese edition)."""
    registry = sources.registry()
    parts = [f"<p>{escape(kinds_summary(registry))}</p>"]
    for dataset, where, anchor in all_datasets():
        meta = dataset.meta
        links = []
        for source_id in dataset.source_ids():
            source = registry[source_id]
            pages = ", ".join(f'<a href="{escape(p["url"])}">{escape(p.get("relay", wording.say("page")))}</a> '
                              f'({escape(wording.kind_name(sources.page_kind(p)))})' for p in source.read_at)
            original = f'<a href="{escape(source.url)}">{escape(source.url)}</a>'
            links.append("<li>" + wording.say(
                "data source item", id=escape(source_id), publisher=escape(source.publisher),
                title=escape(source.title), published=escape(source.published), accessed=escape(source.accessed),
                original=original, pages=pages, licence=escape(source.licence)) + "</li>")
        parts.append(
            f'<div id="{anchor}" class="nevbook-dataset"><h3>{escape(where)}</h3>'
            f"<p><strong>{escape(wording.dataset_text(dataset_key(where), meta, 'title'))}</strong>"
            f"{escape(wording.say('trail end'))} {escape(wording.dataset_text(dataset_key(where), meta, 'description'))}</p>"
            "<p>" + wording.say("data facts", publisher=escape(meta["publisher"]), licence=escape(meta["licence"]),
                                rows=len(dataset.frame), sha=meta["sha256"], href=f"{files}files/{escape(where)}")
            + "</p>"
            f"{used_by(using.get(dataset.name, [])) if where.startswith('data/raw/') else ''}"
            f"<ul>{''.join(links)}</ul></div>"
        )
    return "\n".join(parts)


def write_page_parts(entries, rows, target, files=""):
    """The parts the audit, data and changes pages include, in the current edition, into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    paper = [entry for entry in entries if entry.claim.group == "paper"]
    after = [entry for entry in entries if entry.claim.group == "after"]
    using = audit.claims_using(entries)
    parts = {
        "audit-table.html": audit_table(paper), "audit-after.html": audit_table(after),
        "audit-table.md": audit_table_markdown(paper), "audit-after.md": audit_table_markdown(after),
        "audit-differs.md": differs_list(entries),
        "data-table.html": data_table(using, files), "data-table.md": data_list_markdown(using),
        "changes-since-release.md": changes.markdown_for(rows),
    }
    for name, text in parts.items():
        (target / name).write_text(text + "\n", encoding="utf-8")
    counts_figure(paper, target / "verdict-counts.png")


def write_site(entries, rows, target=None, chinese_entries=None):
    """Write every generated part into ``target`` (default ``_generated/``), replacing what was there; with
    ``chinese_entries`` (the verdicts of the Chinese chapters) the Chinese parts too, into ``zh/`` of it."""
    target = target or paths.GENERATED
    site_files = target / paths.SITE_FILES.relative_to(paths.GENERATED)
    shutil.rmtree(target, ignore_errors=True)
    site_files.mkdir(parents=True)
    write_page_parts(entries, rows, target)
    if chinese_entries:
        with edition.using("zh"):
            write_page_parts(chinese_entries, rows, target / "zh", files="../")
        # the Chinese site's extra files (its chapter bundles, written by nevbook.tools.bundles) go here
        (target / "zh" / "site").mkdir(exist_ok=True)
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
    chinese = paths.ROOT / "zh" / "chapters"
    write_site(entries, list(audit.export_rows(entries, audit.recorded_verdicts())),
               chinese_entries=audit.collect(chinese) if chinese.is_dir() else None)
    print(f"site: wrote {paths.relative(paths.GENERATED)}/ for {len(entries)} claims")
    return 0


if __name__ == "__main__":
    sys.exit(main())
