"""End-to-end: a changed raw value breaks the notebook check, figures are deterministic, the book builds strictly.

These tests run notebooks in a scratch copy of the book (NEVBOOK_ROOT points the package at it),
so the real data/ and figures/ are never touched.
"""

import pytest
from conftest import nbval, run_in

from nevbook import paths
from nevbook.data import update_checksum
from nevbook.tools import reproducible

NOTEBOOK = "chapters/02_1_demand.ipynb"
pytestmark = pytest.mark.slow


def edit_2023_nev_sales(copy, new_value):
    path = copy / "data/raw/caam/production_sales.csv"
    text = path.read_text()
    assert "2023,nev_sales,9495000," in text
    path.write_text(text.replace("2023,nev_sales,9495000,", f"2023,nev_sales,{new_value},"))


def test_committed_outputs_pass_in_a_clean_copy(book_copy):
    result = nbval(book_copy, NOTEBOOK)
    assert result.returncode == 0, result.stdout[-3000:]


def test_changed_raw_value_fails_naming_the_notebook(book_copy):
    edit_2023_nev_sales(book_copy, 9400000)
    update_checksum("caam/production_sales", raw_dir=book_copy / "data" / "raw")
    result = nbval(book_copy, NOTEBOOK)
    assert result.returncode != 0
    assert "FAILED chapters/02_1_demand.ipynb::Cell" in result.stdout
    assert "Cell outputs differ" in result.stdout and "mismatch" in result.stdout


def test_changed_raw_value_without_new_checksum_is_refused(book_copy):
    edit_2023_nev_sales(book_copy, 9400000)
    result = nbval(book_copy, NOTEBOOK)
    assert result.returncode != 0
    assert "FAILED chapters/02_1_demand.ipynb::Cell" in result.stdout
    assert "production_sales.csv: checksum mismatch" in result.stdout


def test_every_committed_figure_is_what_the_notebooks_write(built_book):
    """The strict build executes every notebook in a copy; its figures (PNG, SVG and the interactive charts'
    specs) must equal the committed ones, and each must have been written by that build, not left over from
    the copy."""
    result, copy = built_book
    assert result.returncode == 0

    def files(folder):  # both editions: figures/ and figures/zh/
        return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())

    committed = files(paths.FIGURES)
    assert committed and files(copy / "figures") == committed
    assert any(name.endswith(".json") for name in committed)
    assert any(name.startswith("zh/") for name in committed), "the Chinese edition's figures are missing"
    stale = [name for name in committed if (copy / "figures" / name).read_bytes() != (paths.FIGURES / name).read_bytes()]
    assert stale == [], "re-run the notebooks (make outputs) and commit the figures they write"
    # the copy keeps the committed files' times (copytree), so a file no notebook wrote keeps its old time
    unwritten = [name for name in committed
                 if (copy / "figures" / name).stat().st_mtime <= (paths.FIGURES / name).stat().st_mtime]
    assert unwritten == [], "no notebook writes these any more: remove them from figures/"


def test_book_builds_with_warnings_as_errors(built_book):
    result, copy = built_book
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    page = (copy / "_build/html/chapters/02_1_demand.html").read_text()
    assert "Verdict: differs." in page and "fig-2-1-nev" in page
    assert f"nev-book {paths.VERSION.read_text().strip()} · commit" in page
    assert 'id="claim-2-1-10"' in page
    assert (copy / "_build/html/claims.csv").exists()
    chinese = (copy / "_build/html/zh/chapters/02_1_demand.html").read_text()
    assert "结论：不符。" in chinese and 'id="claim-2-1-10"' in chinese and 'lang="zh-CN"' in chinese
    assert f"nev-book {paths.VERSION.read_text().strip()} · 提交" in chinese


def test_a_flipped_verdict_fails_the_audit_naming_the_claim(book_copy):
    # 2022 NEV exports of 1,168,000 would make 2023 growth about 3%, as the paper says.
    path = book_copy / "data/raw/caam/exports.csv"
    text = path.read_text()
    assert "2022,nev_exports,679000," in text
    path.write_text(text.replace("2022,nev_exports,679000,", "2022,nev_exports,1168000,"))
    update_checksum("caam/exports", raw_dir=book_copy / "data" / "raw")
    executed = run_in(book_copy, "-m", "nevbook.tools.refresh_outputs", str(book_copy / NOTEBOOK))
    assert executed.returncode == 0, executed.stderr[-3000:]
    result = run_in(book_copy, "-m", "nevbook.audit")
    assert result.returncode == 1
    assert "2.1-09: verdict is 'reproduced' but the registry records 'differs'" in result.stdout
    assert "problem(s)" in result.stdout


def test_two_clean_builds_are_identical(built_book, tmp_path):
    result, first = built_book
    assert result.returncode == 0
    second = reproducible.copy_book(tmp_path / "second" / "book")
    site = reproducible.build(second)
    assert reproducible.differences(first / "_build" / "html", site) == []
    assert reproducible.differences(first / "figures", second / "figures") == []
