"""Each page's last-changed date comes from git; the build page lists every notebook's execution."""
import subprocess

import pytest

from nevbook import build_report, paths


@pytest.fixture
def repository(tmp_path, monkeypatch):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)
    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    (tmp_path / "page.md").write_text("# A page\n")
    git("add", "page.md")
    git("commit", "-q", "-m", "a page", "--date", "2026-01-02T03:04:05+00:00")
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    build_report.last_changed.cache_clear()
    yield tmp_path
    build_report.last_changed.cache_clear()


def test_a_committed_page_is_dated_by_its_last_commit(repository):
    note = build_report.page_note("page.md")
    assert note.startswith("Content last changed on ") and "(commit " in note and "not yet" not in note


def test_an_edited_or_new_page_says_so(repository):
    (repository / "page.md").write_text("# A page, edited\n")
    (repository / "new.md").write_text("# New\n")
    assert build_report.page_note("page.md").endswith(", with changes not yet committed.")
    assert build_report.page_note("new.md") == "Content not yet committed."


def test_outside_a_checkout_the_date_is_unknown(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    build_report.last_changed.cache_clear()
    assert build_report.page_note("page.md") == "Content date unknown (not built from a git checkout)."
    build_report.last_changed.cache_clear()


def test_execution_rows_list_each_executed_notebook_in_order():
    doc_data = {"chapters/b": {"exec_data": {"method": "cache", "runtime": 2.04, "succeeded": True}},
                "intro": {},
                "chapters/a": {"exec_data": {"method": "cache", "runtime": None, "succeeded": False}}}
    assert build_report.execution_rows(doc_data) == [
        ("chapters/a.ipynb", "cache", "", "failed"), ("chapters/b.ipynb", "cache", "2.0", "ran without error")]
    assert ("pandas", __import__("pandas").__version__) in build_report.package_rows()


@pytest.mark.slow
def test_the_built_site_dates_its_pages_and_reports_every_notebook(built_book):
    result, copy = built_book
    assert result.returncode == 0, result.stderr[-3000:]
    html = copy / "_build" / "html"
    for page in [html / "intro.html", *sorted((html / "chapters").glob("*.html"))]:
        assert 'class="nevbook-page-date"' in page.read_text(encoding="utf-8"), page.name
    report = (html / "build.html").read_text(encoding="utf-8")
    notebooks = sorted(p.stem for p in (copy / "chapters").glob("*.ipynb"))
    assert report.count("ran without error") == len(notebooks)
    assert all(f"chapters/{name}.ipynb" in report for name in notebooks)
