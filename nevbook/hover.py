"""Sphinx extension: a short preview when the pointer rests on a link (or the link has keyboard focus).

Three kinds of link get a preview, all from what the book itself holds, with no request to any other host at
build time or at view time:

- a glossary term (``{term}`` role, ``glossary.html#term-…``): the term and its definition, from the
  glossary page's doctree;
- a claim (``chapters/….html#claim-2-1-01``, the id of a verdict box): the claim, the paper's words and the
  verdict with its reason, from the verdicts recorded in the chapters (``nevbook.audit``);
- a page of the book (a cross-reference to a chapter or an appendix page): its title and first paragraph.

A citation link already carries the reference as its ``title`` (sphinxcontrib-bibtex); the script shows that
text in the same box instead of the browser's own tooltip.

After the sources are read and before any page is written, the previews are written sorted into one file,
``_static/nev-hover/previews.js`` (a JSON object assigned to ``window.nevHoverPreviews``, so that the site works
from a folder too, where a browser will not fetch a JSON file); ``_static/nev-hover/nev-hover.js`` (nev-book's
own, no library) shows them. In the chapter pages' verdict summary tables each claim id becomes a link to its
verdict box, so the claims have links there too. The PDF is not touched. Set up from ``nevbook.sphinx_ext``.

Why not sphinx-tippy 0.4.3: it names each page's script with a random ``uuid4`` (two builds differ), orders a
page's tips by iterating a set of strings (differs with the hash seed), writes its Wikipedia/DOI/RTD caches
into the site root even when those tips are off, and needs tippy.js and Popper besides.
"""
import json
import re
from functools import lru_cache

from docutils import nodes
from sphinx import addnodes

from . import audit, claims, paths, wording

STATIC_DIR = paths.PACKAGE / "static"
FOLDER = "nev-hover"
DATA = f"{FOLDER}/previews.js"
SCRIPT = f"{FOLDER}/nev-hover.js"
STYLE = f"{FOLDER}/nev-hover.css"
GLOSSARY = "glossary"
TERM_TEXT, CLAIM_TEXT, PAGE_TEXT = 420, 360, 300  # longest preview text, in characters


def shorten(text, limit):
    """``text`` on one line, cut at a word before ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:.–—-(")
    return cut + "…"


def plain_text(node):
    """The text of a doctree node as a reader sees it, less its citations: before the references are
    resolved a citation reads as its bibliography key, so it is left out (with the space before it)."""
    parts = []
    for text in node.findall(nodes.Text):
        if any(isinstance(up, addnodes.pending_xref) and up.get("refdomain") == "cite" for up in _ancestors(text)):
            continue
        parts.append(text.astext())
    joined = re.sub(r"\(\s*[;,]?\s*\)", "", " ".join("".join(parts).split()))
    return re.sub(r"\s+([.,;:!?)])", r"\1", joined).strip()


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def term_previews(doctree, uri):
    """``{uri#id: preview}`` for every term of the glossary doctree."""
    found = {}
    for item in doctree.findall(nodes.definition_list_item):
        terms = [child for child in item.children if isinstance(child, nodes.term)]
        definition = next((child for child in item.children if isinstance(child, nodes.definition)), None)
        if not terms or definition is None:
            continue
        text = shorten(plain_text(definition), TERM_TEXT)
        for term in terms:
            for node_id in term["ids"]:
                found[f"{uri}#{node_id}"] = {"kind": "term", "title": term.astext().strip(), "text": text}
    return found


def claim_preview(entry):
    """The preview of one verdict box: its label and section, the paper's words, the verdict and reason."""
    claim, record = entry.claim, entry.record
    box = claims.Verdict(claim, entry.verdict, [], record.get("because", ""), causes=tuple(record.get("causes") or []))
    reason = box.reason()
    computed, units = entry.computed(), entry.units()
    if computed:
        shown = f"{computed} ({units})" if units and "; " not in units and units not in computed else computed
        reason = wording.say("preview computed", shown=shown, reason=reason).strip()
    return {"kind": "claim", "title": wording.say("box title", label=box.label(), where=box.where()),
            "verdict": wording.verdict_name(entry.verdict), "colour": claims.VERDICT_COLOURS[entry.verdict],
            "text": shorten(box.quoted(), CLAIM_TEXT // 2),
            "detail": shorten(f"{box.verdict_line()} {reason}".strip(), CLAIM_TEXT)}


def claim_previews(entries):
    """``{chapters/page.html#claim-…: preview}`` for every claim with one verdict."""
    return {entry.page(): claim_preview(entry) for entry in entries if entry.chapter and entry.record}


def first_paragraph(doctree):
    """The text of the first paragraph that stands directly in a section (not in a box or a table)."""
    for paragraph in doctree.findall(nodes.paragraph):
        if isinstance(paragraph.parent, nodes.section):
            return plain_text(paragraph)
    return ""


def page_preview(title, doctree):
    return {"kind": "page", "title": title, "text": shorten(first_paragraph(doctree), PAGE_TEXT)}


def collect(env, builder, entries):
    """Every preview of the book, keyed by the link target relative to the site root."""
    previews = {}
    for docname in sorted(env.found_docs):
        doctree = env.get_doctree(docname)
        uri = builder.get_target_uri(docname)
        title = env.titles[docname].astext() if docname in env.titles else docname
        previews[uri] = page_preview(title, doctree)
        if docname == GLOSSARY:
            previews.update(term_previews(doctree, uri))
    previews.update(claim_previews(entries))
    return dict(sorted(previews.items()))


def script_text(previews):
    """The data file: one JSON object, keys sorted, assigned to ``window.nevHoverPreviews``."""
    text = json.dumps(previews, ensure_ascii=False, sort_keys=True, indent=0, separators=(",", ":"))
    return "window.nevHoverPreviews = " + text.replace("</", "<\\/") + ";\n"


@lru_cache(maxsize=1)
def _entries():
    return tuple(audit.collect())


def _write_previews(app, env):
    if app.builder.format != "html":
        return []
    target = app.builder.outdir / "_static" / DATA
    target.parent.mkdir(parents=True, exist_ok=True)
    text = script_text(collect(env, app.builder, _entries()))
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return []


def link_claims(doctree, own_claims):
    """In a verdict summary table (first column 'claim'), make each id of a claim whose verdict box is on
    this page (``own_claims``) a link to that box."""
    for table in doctree.findall(nodes.table):
        head = next(iter(table.findall(nodes.thead)), None)
        first = next(iter(head.findall(nodes.entry)), None) if head else None
        body = next(iter(table.findall(nodes.tbody)), None)
        if first is None or body is None or first.astext().strip().lower() != "claim":
            continue
        for row in body.children:
            paragraph = next(iter(row.children[0].findall(nodes.paragraph)), None) if row.children else None
            text = paragraph.astext().strip() if paragraph else ""
            if text in own_claims:
                del paragraph[:]
                paragraph += nodes.reference(text, text, internal=True, refuri=f"#{claims.anchor(text)}")


def _link_claims(app, doctree, docname):
    if app.builder.format != "html" or not docname.startswith("chapters/"):
        return
    chapter = docname.split("/", 1)[1]
    link_claims(doctree, {entry.claim.id for entry in _entries() if entry.chapter == chapter})


def _add_scripts(app, pagename, templatename, context, doctree):
    if doctree is None:
        return
    app.add_css_file(STYLE)
    app.add_js_file(DATA)
    app.add_js_file(SCRIPT, loading_method="defer")


def _static_path(app, config):
    """The script's folder is in ``nevbook/static``, which ``nevbook.sphinx_charts`` adds too."""
    if str(STATIC_DIR) not in map(str, config.html_static_path):
        config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def setup(app):
    app.connect("config-inited", _static_path)
    app.connect("env-updated", _write_previews)
    app.connect("doctree-resolved", _link_claims)
    app.connect("html-page-context", _add_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

