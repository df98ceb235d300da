"""Adding a year is a data change, nothing else: with a synthetic next year in every series, every chapter runs
and no verdict on a claim of the paper moves (its data window is fixed by nevbook.series.PAPER_YEARS)."""
import pandas as pd
import pytest

from nevbook import data
from nevbook.tools import next_year
from nevbook.tools.reproducible import copy_book


def test_a_synthetic_row_is_the_last_year_moved_on_with_its_numbers_raised():
    meta = {"key": ["year", "measure"], "columns": [
        {"name": "year", "type": "year"}, {"name": "measure", "type": "string"},
        {"name": "value", "type": "integer"}, {"name": "unit", "type": "unit"}, {"name": "source", "type": "source"}]}
    frame = pd.DataFrame({"year": [2024, 2025, 2025], "measure": ["a", "a", "b"], "value": [10, 20, 30],
                          "unit": ["vehicles"] * 3, "source": ["s1", "s2", "s2"]})
    added = next_year.next_year_rows(frame, meta, "year")
    assert added["year"].tolist() == [2026, 2026] and added["measure"].tolist() == ["a", "b"]
    assert added["value"].tolist() == [22, 33] and set(added["source"]) == {next_year.SOURCE_ID}


def test_event_lists_and_projections_get_no_synthetic_year():
    years = {name: next_year.observed_year_column(data.load_dataset(name).meta) for name in data.all_names()}
    assert years["caam/production_sales"] == "year"
    assert years["policy/nev_milestones"] is None  # an event list: its year is not in the key
    assert years["iea/gevo2023_projections"] is None  # projection years lie ahead


@pytest.mark.slow
def test_every_chapter_runs_with_a_year_more_and_the_papers_verdicts_stay(tmp_path):
    extended, failures, paper_moves, _ = next_year.check(copy_book(tmp_path / "book"))
    assert "caam/production_sales" in extended
    assert failures == {}, f"chapters that fail with one more year of data: {failures}"
    assert paper_moves == {}, f"verdicts on the paper's claims that depend on the newest year: {paper_moves}"
