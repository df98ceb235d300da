"""The generated bibliography has one parseable entry per data source, and none clashes with references.bib."""
from pybtex.database import parse_string

from nevbook import bibliography, paths, sources


def test_every_source_becomes_a_parseable_entry(tmp_path):
    committed = bibliography.KEY.findall(paths.REFERENCES_BIB.read_text())
    target = tmp_path / "sources.bib"
    bibliography.write(target, already_in=committed)
    parsed = parse_string(target.read_text(), "bibtex")
    assert set(parsed.entries) == set(sources.registry()) - set(committed)
    entry = parsed.entries["caam-2023"]
    assert entry.fields["year"] == "2024"
    assert "ecns.cn" in entry.fields["note"]
    assert "Association of Automobile Manufacturers" in str(entry.persons["author"][0])


def test_references_bib_holds_the_paper_and_complete_entries_apart_from_the_sources():
    parsed = parse_string(paths.REFERENCES_BIB.read_text(), "bibtex")
    assert parsed.entries["bai-zhu-2024"].fields["doi"].startswith("10.")
    incomplete = [key for key, entry in parsed.entries.items()
                  if not (entry.persons.get("author") and entry.fields.get("title") and entry.fields.get("year"))]
    assert incomplete == []
    assert set(parsed.entries) & (set(sources.registry()) - {"bai-zhu-2024"}) == set()


def test_every_generated_entry_formats_without_error(tmp_path):
    from pybtex.plugin import find_plugin

    target = tmp_path / "sources.bib"
    bibliography.write(target)
    style = find_plugin("pybtex.style.formatting", "plain")()
    for key, entry in parse_string(target.read_text(), "bibtex").entries.items():
        assert style.format_entry(key, entry).text.render_as("text"), key
