"""The audit trail: a verdict records exactly the rows it names, and the lineage check proves the names right."""
import nbformat
import pytest

from nevbook import claims, data, lineage, lineage_check
from nevbook.lineage import rows


@pytest.fixture
def session(monkeypatch):
    """A clean notebook session: nothing loaded, no verdicts given."""
    monkeypatch.setattr(data, "_loaded", {})
    monkeypatch.setattr(claims, "_given", [])
    monkeypatch.setattr(lineage, "LENIENT", False)


def test_a_filter_records_only_its_rows(session):
    volumes = data.load("caam/production_sales")
    picked = rows(volumes, year=2023, measure=["nev_production", "nev_sales"])
    records = picked.records()
    assert [(r["key"]["year"], r["key"]["measure"]) for r in records] == [(2023, "nev_production"),
                                                                        (2023, "nev_sales")]
    for record in records:
        line = (data.paths.RAW / "caam/production_sales.csv").read_text().splitlines()[record["row"] - 1]
        assert line.startswith(f"2023,{record['key']['measure']},{record['value']},vehicles,")
        assert record["source"] == line.rsplit(",", 1)[1]


def test_a_filtered_frame_and_a_name_pick_the_same_rows(session):
    volumes = data.load("caam/production_sales")
    by_frame = rows(volumes.query("year == 2022 and measure == 'nev_sales'"))
    assert by_frame == rows("caam/production_sales", year=2022, measure="nev_sales")
    joined = by_frame + rows(volumes, year=2023, measure="nev_sales") + by_frame
    assert len(joined) == 2 and [r["key"]["year"] for r in joined.records()] == [2022, 2023]


def test_a_claim_with_no_data_records_no_rows(session):
    verdict = claims.not_checkable("2.3-06", missing="no public count")
    assert verdict.record()["rows"] == [] and verdict.record()["datasets"] == []
    assert "Rests on" not in verdict._repr_html_()


def test_a_verdict_shows_and_records_its_rows(session):
    volumes = data.load("caam/production_sales")
    annual = volumes.pivot(index="year", columns="measure", values="value")
    verdict = claims.check("2.1-01", production=annual.loc[2023, "nev_production"] / 1e6,
                           sales=annual.loc[2023, "nev_sales"] / 1e6,
                           rests_on=rows(volumes, year=2023, measure=["nev_production", "nev_sales"]))
    record = verdict.record()
    assert record["datasets"] == ["caam/production_sales"] and record["sources"] == ["caam-2023"]
    assert "Rests on 2 raw rows from 1 source" in verdict._repr_html_()
    assert 'href="../data.html#data-caam-production-sales"' in verdict._repr_html_()


@pytest.mark.parametrize("match, problem", [
    ({"year": 2023, "measure": "nev_prodution"}, "nev_prodution"),
    ({"yaer": 2023}, "no column 'yaer'"),
])
def test_a_wrong_pick_fails_at_once(session, match, problem):
    volumes = data.load("caam/production_sales")
    with pytest.raises(KeyError, match=problem):
        rows(volumes, **match)


def test_a_reshaped_frame_is_refused(session):
    volumes = data.load("caam/production_sales")
    with pytest.raises(TypeError, match="not a reshaped one"):
        rows(volumes.pivot(index="year", columns="measure", values="value"))


def test_a_dataset_not_loaded_is_refused(session):
    with pytest.raises(KeyError, match="was not loaded"):
        rows("caam/exports", year=2023)


def test_in_lenient_mode_a_pick_that_misses_picks_nothing_and_a_flip_is_recorded(session, monkeypatch):
    monkeypatch.setattr(lineage, "LENIENT", True)
    monkeypatch.setattr(lineage, "flips", [])
    volumes = data.load("caam/production_sales")
    assert rows(volumes, year=1900) == lineage.NO_ROWS
    assert claims.expect(False, "sales rose") is False
    assert lineage.flips == ["expected: sales rose"]


SETUP = "from nevbook.data import load\nfrom nevbook.lineage import rows\nfrom nevbook.claims import check"
COMPUTE = ("volumes = load('caam/production_sales')\n"
           "annual = volumes.pivot(index='year', columns='measure', values='value')\n"
           "share = annual.loc[2023, 'nev_sales'] / annual.loc[2023, 'vehicle_sales'] * 100")


def run_check(tmp_path, trail):
    """The lineage check on a two-cell notebook that checks claim 2.1-03 with the given trail."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(SETUP), nbformat.v4.new_code_cell(COMPUTE),
                      nbformat.v4.new_code_cell(f"check('2.1-03', nev_share=share, rests_on={trail})")]
    path = tmp_path / "tiny.ipynb"
    nbformat.write(notebook, path)
    [report] = lineage_check.check_notebook(path, lineage_check.ForkRunner(2))
    return report


@pytest.mark.slow
def test_the_check_passes_an_exact_trail(tmp_path):
    report = run_check(tmp_path, "rows(volumes, year=2023, measure=['nev_sales', 'vehicle_sales'])")
    assert (report.rows, report.necessary, report.failures) == (2, 2, [])


@pytest.mark.slow
def test_the_check_finds_a_missing_row(tmp_path):
    report = run_check(tmp_path, "rows(volumes, year=2023, measure='nev_sales')")
    assert report.necessary == 1
    assert any(failure.startswith("not sufficient: changing the values") for failure in report.failures)


@pytest.mark.slow
def test_the_check_names_a_row_that_is_not_needed(tmp_path):
    report = run_check(tmp_path, "rows(volumes, year=[2022, 2023], measure=['nev_sales', 'vehicle_sales'])")
    assert report.necessary == 2
    assert sorted(report.failures) == [
        "not necessary: no change of caam/production_sales row 52 (year 2022, measure nev_sales) moves any of "
        "its outputs",
        "not necessary: no change of caam/production_sales row 56 (year 2022, measure vehicle_sales) moves any "
        "of its outputs",
    ]


@pytest.mark.slow
def test_a_maximum_s_candidates_are_proven_by_a_large_change(tmp_path):
    """A row below the maximum moves it only when raised far: the check tries that before it gives up."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(SETUP), nbformat.v4.new_code_cell(
        "volumes = load('caam/production_sales')\n"
        "nev = volumes.query('measure == \"nev_sales\" and year in [2022, 2023]').set_index('year')['value']\n"
        "check('2.1-01', production=nev.max() / 1e6, sales=nev.max() / 1e6, because='x', causes=['wording'],\n"
        "      rests_on=rows(volumes, year=[2022, 2023], measure='nev_sales'))")]
    path = tmp_path / "maximum.ipynb"
    nbformat.write(notebook, path)
    [report] = lineage_check.check_notebook(path, lineage_check.ForkRunner(2))
    assert (report.rows, report.necessary, report.failures, report.exempt) == (2, 2, [], [])


def test_an_altered_row_changes_keys_or_values_only_where_asked():
    volumes = data.load_dataset("caam/production_sales")
    frame = volumes.frame.copy()
    altered = lineage_check.alter_rows(frame.copy(), volumes.meta, [0], "values")
    assert altered.loc[0, "value"] != frame.loc[0, "value"] and altered.loc[0, "year"] == frame.loc[0, "year"]
    assert altered.drop(index=0).equals(frame.drop(index=0))
    keyed = lineage_check.alter_rows(frame.copy(), volumes.meta, [0], "key")
    assert keyed.loc[0, "year"] != frame.loc[0, "year"] and keyed.loc[0, "measure"].endswith(lineage_check.MARK)
    assert keyed.loc[0, "value"] == frame.loc[0, "value"] and keyed.loc[0, "source"] == frame.loc[0, "source"]


@pytest.mark.slow
def test_a_failed_alteration_is_a_fault_of_the_check_not_a_moved_output(tmp_path, monkeypatch):
    def broken(*args):
        raise RuntimeError("cannot alter")

    monkeypatch.setattr(lineage_check, "alter_rows", broken)
    with pytest.raises(RuntimeError, match="failed to run a notebook on altered rows"):
        run_check(tmp_path, "rows(volumes, year=2023, measure=['nev_sales', 'vehicle_sales'])")


def test_a_row_without_a_number_shows_its_text_and_names_the_column(session):
    plan = data.load("technology/plan_targets")
    [record] = rows(plan, version="final", horizon=2025, area="key technologies").records()
    assert record["column"] == "target" and isinstance(record["value"], str) and record["value"]
    assert record["unit"] == "" and lineage.unit_text(record) == "target"


@pytest.mark.parametrize("path", sorted(data.paths.CHAPTERS.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_read_data_only_through_load(path):
    """The lineage check alters rows where load() hands them out, so no notebook may read data another way."""
    import ast

    readers = {"read_csv", "read_excel", "read_json", "read_parquet", "open", "load_dataset", "read_text"}
    notebook = nbformat.read(path, as_version=4)
    found = [node for cell in notebook.cells if cell.cell_type == "code" for node in ast.walk(ast.parse(cell.source))
             if isinstance(node, ast.Call)
             and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) in readers]
    assert found == []
