"""Sphinx extension: stamp the book, embed each chapter's ClaimReview JSON-LD, style the PDF's verdict boxes.

Sets ``version``, ``release`` and ``today`` (the PDF title page shows release and
date) and the HTML footer, all from ``nevbook.stamp``; adds to the head of each
chapter page a JSON-LD block with a ``ClaimReview`` per claim it checks
(``nevbook.claimreview``); adds the verdict box environment to the LaTeX preamble
(``nevbook.latex_boxes``); dates each page by its last commit and provides the build report
(``nevbook.build_report``); sets up ``nevbook.bundle_link`` (each chapter's bundle in its download
menu), ``nevbook.sphinx_charts`` (the interactive charts) and ``nevbook.hover`` (the hover previews). Listed in ``_config.yml`` under
``sphinx.extra_extensions``.
"""
from functools import lru_cache

from html import escape

from . import audit, build_report, claimreview, claims, edition, latex_boxes, stamp, wording

def _stamp(app, config):
    # one Sphinx build makes one edition: everything the package writes from here on is in its language
    edition.use(edition.of_sphinx(config))
    config.version = stamp.version()
    # the PDF title page prints "Version <release>" and the date: carry the commit and data vintage there too
    config.release = stamp.release()
    config.today = stamp.build_date()
    elements = dict(config.latex_elements or {})
    elements["preamble"] = elements.get("preamble", "") + latex_boxes.preamble(claims.VERDICT_COLOURS)
    config.latex_elements = {**elements, "releasename": wording.say("release name")}
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = f"<p>{stamp.line()}{wording.say('trail end')}<br>{wording.say('licence note')}</p>"
    config.html_theme_options = options


@lru_cache(maxsize=1)
def _entries():
    return tuple(audit.collect())


def _claim_reviews(app, pagename, templatename, context, doctree):
    if not pagename.startswith("chapters/"):
        return
    base_url = app.config.html_baseurl or ""
    text = claimreview.chapter_json_ld(_entries(), pagename.split("/", 1)[1], base_url)
    if text:
        context["metatags"] = context.get("metatags", "") + f'\n<script type="application/ld+json">\n{text}\n</script>\n'


def _page_date(app, pagename, templatename, context, doctree):
    """At the foot of every page from a source file: when its content last changed, and the version."""
    if doctree is None or pagename not in app.env.found_docs:
        return
    note = build_report.page_note(app.env.doc2path(pagename, base=False))
    context["body"] = context.get("body", "") + (
        f'<p class="nevbook-page-date"><small>{note} nev-book {stamp.version()}{wording.say("trail end")}</small></p>\n')


def other_edition(pagename, here):
    """``(language, href)`` of the same page in the other edition, relative to this page: the Chinese edition
    is the folder ``zh/`` of the English site."""
    up = "../" * pagename.count("/")
    if here == "zh":
        return "en", f"{up}../{pagename}.html"
    return "zh", f"{up}zh/{pagename}.html"


def _language_links(app, pagename, templatename, context, doctree):
    """On every page: ``hreflang`` links to both editions, and on content pages the switcher at the top."""
    here = edition.of_sphinx(app.config)
    there, href = other_edition(pagename, here)
    own = f"{'../' * pagename.count('/')}{pagename}.html"
    links = {here: own, there: href}
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<link rel="alternate" hreflang="{HREFLANG[language]}" href="{escape(links[language])}">'
        for language in edition.EDITIONS)
    if doctree is not None and "body" in context:
        with edition.using(here):
            label, title = wording.say("switch label"), wording.say("switch title")
        context["body"] = (f'<p class="nevbook-language" style="text-align: right; margin: 0 0 0.5em 0"><a href="{escape(href)}" hreflang="{HREFLANG[there]}" '
                           f'lang="{HREFLANG[there]}" title="{escape(title)}">{label}</a></p>\n') + context["body"]


HREFLANG = {"en": "en", "zh": "zh-Hans"}


def setup(app):
    app.setup_extension("nevbook.bundle_link")
    app.setup_extension("nevbook.sphinx_charts")  # the interactive charts on the chapter pages
    app.setup_extension("nevbook.hover")  # the hover previews of terms, claims, pages and citations
    app.connect("config-inited", _stamp)
    app.connect("html-page-context", _claim_reviews)
    app.connect("html-page-context", _page_date)
    app.connect("html-page-context", _language_links)
    build_report.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
