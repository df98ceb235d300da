"""The generated bibliography has one parseable entry per data source, and none clashes with references.bib."""
import re

from pybtex.database import parse_string

from nevbook import bibtex, paths, sources


def test_every_source_becomes_a_parseable_entry(tmp_path):
    committed = re.findall(r"^@\w+\{([^,]+),", (paths.ROOT / "references.bib").read_text(), flags=re.M)
    target = tmp_path / "sources.bib"
    bibtex.write(target, already_in=committed)
    parsed = parse_string(target.read_text(), "bibtex")
    assert set(parsed.entries) == set(sources.registry()) - set(committed)
    entry = parsed.entries["caam-2023"]
    assert entry.fields["year"] == "2024"
    assert "ecns.cn" in entry.fields["note"]
    assert "Association of Automobile Manufacturers" in str(entry.persons["author"][0])


def test_the_paper_and_its_references_are_in_references_bib():
    parsed = parse_string((paths.ROOT / "references.bib").read_text(), "bibtex")
    assert "bai-zhu-2024" in parsed.entries
    assert len(parsed.entries) == 12  # the paper and the 11 works of its reference list


def test_every_generated_entry_formats_without_error(tmp_path):
    from pybtex.plugin import find_plugin

    target = tmp_path / "sources.bib"
    bibtex.write(target)
    style = find_plugin("pybtex.style.formatting", "plain")()
    for key, entry in parse_string(target.read_text(), "bibtex").entries.items():
        assert style.format_entry(key, entry).text.render_as("text"), key
