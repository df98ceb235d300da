"""The hover previews (nevbook.hover): a small Sphinx build of the real glossary and a chapter-like page gives
the preview of a glossary term, of a claim's verdict and of a page; the data file is the same bytes on a second
build; a summary table's claim ids become links to their verdict boxes; and the script asks no other host."""
import json
import re
import shutil

import pytest
from sphinx.application import Sphinx

from nevbook import audit, claims, hover, paths

CHAPTER = "02_1_demand"
SUMMARY_PAGE = """# A chapter

**Overview.** A first paragraph that links {term}`BEV` and cites {cite:p}`nowhere-2024`.

| claim | section | verdict |
|---|---|---|
| 2.1-01 | 2.1 | x |
| 9.9-99 | 9.9 | x |
"""


def build(folder):
    """Build the glossary and a page standing in for chapters/02_1_demand with the hover extension."""
    source = folder / "src"
    (source / "chapters").mkdir(parents=True)
    shutil.copy2(paths.ROOT / "glossary.md", source / "glossary.md")
    (source / "chapters" / f"{CHAPTER}.md").write_text(SUMMARY_PAGE, encoding="utf-8")
    (source / "index.md").write_text("# Index\n\n```{toctree}\nglossary\nchapters/" + CHAPTER + "\n```\n",
                                     encoding="utf-8")
    app = Sphinx(str(source), None, str(folder / "out"), str(folder / "doctrees"), "html", status=None,
                 warning=None, freshenv=True,
                 confoverrides={"extensions": ["myst_parser", "nevbook.hover"], "suppress_warnings": ["ref"],
                                "html_theme": "basic"})
    app.build()
    return folder / "out"


def previews_of(out):
    text = (out / "_static" / hover.DATA).read_text(encoding="utf-8")
    assert text.startswith("window.nevHoverPreviews = ") and text.endswith(";\n")
    return json.loads(text[len("window.nevHoverPreviews = "):-2])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(tmp_path_factory.mktemp("hover"))


def test_shorten_cuts_at_a_word_with_an_ellipsis():
    assert hover.shorten("  a  short\ntext ", 40) == "a short text"
    assert hover.shorten("one two three four", 12) == "one two…"
    assert len(hover.shorten("word " * 200, 100)) <= 100


def test_a_glossary_term_previews_its_definition(built):
    preview = previews_of(built)["glossary.html#term-BEV"]
    assert preview["kind"] == "term" and preview["title"] == "BEV"
    assert preview["text"].startswith("Battery electric vehicle, 纯电动汽车")
    see_also = previews_of(built)["glossary.html#term-APS"]["text"]
    assert see_also.endswith("See also STEPS and NZE.")  # {term} links read as their text


def test_a_claim_previews_its_verdict(built):
    entry = next(e for e in audit.collect() if e.claim.id == "2.1-01")
    preview = previews_of(built)[f"chapters/{CHAPTER}.html#{claims.anchor('2.1-01')}"]
    assert preview["kind"] == "claim" and preview["title"] == "Claim 2.1-01 (section 2.1)"
    assert preview["verdict"] == entry.verdict and preview["colour"] == claims.VERDICT_COLOURS[entry.verdict]
    assert preview["text"] == f"“{entry.claim.quote}”"
    assert preview["detail"].startswith(f"Verdict: {entry.verdict}. Computed: {entry.computed()}")
    # every claim with a verdict has a preview, keyed by the link the audit page gives it
    assert {e.page() for e in audit.collect() if e.chapter and e.record} <= set(previews_of(built))


def test_a_page_previews_its_title_and_first_paragraph_without_citation_keys(built):
    preview = previews_of(built)[f"chapters/{CHAPTER}.html"]
    assert preview == {"kind": "page", "title": "A chapter",
                       "text": "Overview. A first paragraph that links BEV and cites."}


def test_summary_table_links_each_claim_of_the_page_to_its_verdict_box(built):
    html = (built / "chapters" / f"{CHAPTER}.html").read_text(encoding="utf-8")
    assert '<a class="reference internal" href="#claim-2-1-01">2.1-01</a>' in html
    assert "<p>9.9-99</p>" in html  # not a claim of this chapter: left as text
    assert re.search(r'<script src="\.\./_static/nev-hover/previews\.js\?v=[0-9a-f]{8}"></script>', html)
    assert re.search(r'<script defer="defer" src="\.\./_static/nev-hover/nev-hover\.js\?v=[0-9a-f]{8}">', html)


def test_the_data_file_is_sorted_and_the_same_on_a_second_build(built, tmp_path):
    data = (built / "_static" / hover.DATA).read_bytes()
    assert data == (build(tmp_path) / "_static" / hover.DATA).read_bytes()
    keys = list(previews_of(built))
    assert keys == sorted(keys)


def test_the_script_is_local_and_asks_no_other_host():
    folder = paths.PACKAGE / "static" / hover.FOLDER
    for name in ("nev-hover.js", "nev-hover.css"):
        text = (folder / name).read_text(encoding="utf-8")
        assert not re.search(r"https?://|//[a-z]|fetch\(|XMLHttpRequest|import\(", text), name
