"""One version, stamped everywhere: VERSION, the changelog and the build stamp agree."""
import re

from nevbook import paths, stamp


def test_version_is_semantic():
    assert re.fullmatch(r"\d+\.\d+\.\d+", stamp.version())


def test_changelog_has_an_entry_for_the_version():
    changelog = (paths.ROOT / "CHANGELOG.md").read_text()
    released = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", changelog, flags=re.M)
    assert released and released[0] == stamp.version(), "newest changelog entry must match VERSION"
    assert "## [Unreleased]" in changelog


def test_build_date_honours_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert stamp.build_date() == "2023-11-14"


def test_stamp_line_names_version_commit_date_and_data_vintage(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    line = stamp.line()
    assert line.startswith(f"nev-book {stamp.version()} · commit ")
    assert "built 2023-11-14" in line and f"data accessed up to {stamp.data_vintage()}" in line
