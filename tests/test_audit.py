"""The claims audit reads the verdicts the chapters give, and catches unchecked, doubled or moved verdicts."""
import csv
import io
import json

import nbformat
import pandas as pd
import pytest

from nevbook import audit, claims, data, paths, registry, site

VERDICT_PREFIX = "claim "


def test_every_stored_record_matches_the_output_it_belongs_to():
    """The export is read from output metadata; it must agree with the text nbval compares."""
    found = 0
    for path in sorted(paths.CHAPTERS.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                record = output.get("metadata", {}).get("nevbook", {}).get("verdict")
                text = output.get("data", {}).get("text/plain", "")
                if text.startswith(VERDICT_PREFIX):
                    assert record, f"{path.name}: a verdict without its record (re-run `make outputs`)"
                    assert text.startswith(f"claim {record['claim']} | {record['verdict']}")
                    found += 1
    assert found > 0


def entry(claim_id, *verdicts):
    claim = registry.load().claim(claim_id)
    records = [("chapter", {"claim": claim_id, "verdict": v, "because": "", "measures": [], "datasets": []})
               for v in verdicts]
    return audit.Entry(claim, records)


def test_problems_name_the_claim():
    entries = [entry("2.1-01", "reproduced"), entry("2.1-02"), entry("2.1-03", "reproduced", "reproduced"),
               entry("2.1-05", "differs")]
    found = audit.problems(entries, {"2.1-01": "reproduced", "2.1-05": "reproduced"})
    assert found == [
        "2.1-02: unchecked",
        "2.1-03: checked twice (chapter, chapter)",
        "2.1-05: verdict is 'differs' but the registry records 'reproduced' "
        "(if the change is right, record it in data/claims/claims.csv: `python -m nevbook.audit record`)",
    ]


def test_no_problem_when_everything_agrees():
    assert audit.problems([entry("2.1-01", "reproduced")], {"2.1-01": "reproduced"}) == []


def test_export_has_one_row_per_registry_claim_with_its_trail():
    entries = audit.collect()
    rows = list(audit.export_rows(entries, audit.recorded_verdicts()))
    reg = registry.load()
    assert [row["id"] for row in rows] == list(reg.claims) + list(reg.outcomes)
    assert {row["group"] for row in rows} == {"paper", "after"}
    parsed = list(csv.DictReader(io.StringIO(audit.to_csv(rows))))
    row = next(r for r in parsed if r["id"] == "2.1-01")
    assert row["verdict"] == "reproduced"
    assert row["computed"] == "production 9.5870; sales 9.4950"
    assert row["chapter_page"] == "chapters/02_1_demand.html#claim-2-1-01"
    assert "data/raw/caam/production_sales.csv" in row["raw_files"]
    assert "caam-2023" in row["source_ids"].split("; ")


def test_site_files_are_written(tmp_path):
    entries = audit.collect()
    site.write_site(entries, list(audit.export_rows(entries, {})), target=tmp_path / "_generated")
    exported = json.loads((tmp_path / "_generated/site/claims.json").read_text())
    assert exported["$schema"] == "claims.schema.json" and (tmp_path / "_generated/site/claims.schema.json").exists()
    assert len([row for row in exported["claims"] if row["group"] == "paper"]) == len(registry.load().claims)
    table = (tmp_path / "_generated/audit-table.html").read_text()
    assert 'href="chapters/02_1_demand.html#claim-2-1-10"' in table
    assert (tmp_path / "_generated/site/files/data/raw/caam/production_sales.csv").exists()
    assert "production_sales.csv" in (tmp_path / "_generated/data-table.html").read_text()


@pytest.mark.parametrize("verdict", ["reproduced", "differs"])
def test_badge_uses_the_verdict_colour(verdict):
    assert claims.VERDICT_COLOURS[verdict] in site.badge(verdict)


def test_the_book_checks_every_claim_once_with_its_recorded_verdict():
    """What `make claims` enforces: no claim unchecked or doubled, no verdict moved unacknowledged."""
    assert audit.problems(audit.collect(), audit.recorded_verdicts()) == []


def test_trails_are_exact_where_they_used_to_list_every_loaded_file():
    entries = {entry.claim.id: entry for entry in audit.collect()}
    assert entries["2.3-06"].rows() == []  # not checkable: computes nothing
    assert entries["5.3-04"].datasets() == ["byd_plants/overseas_plants"]
    assert entries["2.1-01"].source_ids() == ["caam-2023"]  # only the 2023 release holds the 2023 levels


def test_every_recorded_row_is_the_row_of_the_raw_file_it_names():
    checked = 0
    for entry in audit.collect():
        for record in entry.rows():
            frame = data.load_dataset(record["dataset"]).frame
            row = frame.loc[record["row"] - 2]
            assert {name: row[name] for name in record["key"]} == record["key"], (entry.claim.id, record)
            value = row[record["column"]]
            assert (None if pd.isna(value) else value) == record["value"], (entry.claim.id, record)
            checked += 1
    assert checked > 0


def test_every_computed_verdict_rests_on_rows():
    for entry in audit.collect():
        if entry.record and any(m["computed"] is not None for m in entry.record["measures"]):
            assert entry.rows(), f"{entry.claim.id} computes values but names no raw rows (pass rests_on=rows(...))"


def test_the_data_appendix_lists_the_claims_using_each_file():
    using = audit.claims_using(audit.collect())
    assert ("2.1-01", "chapters/02_1_demand.html#claim-2-1-01") in using["caam/production_sales"]
    assert all(name in data.all_names() for name in using)
