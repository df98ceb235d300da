"""`make changes`: claims, outcomes and figures that moved against a kept release."""
import json

from nevbook import changes, paths


def row(claim_id, verdict="reproduced", computed="sales 1.0", rows=None, files=None):
    found = {"id": claim_id, "verdict": verdict, "computed": computed}
    if rows is not None:
        found["raw_rows"] = [{"file": file, "row": number} for file, number in rows]
    if files is not None:
        found["raw_files"] = files
    return found


def by_id(*rows):
    return {r["id"]: r for r in rows}


def test_a_moved_verdict_value_or_row_is_listed_and_an_unmoved_claim_is_not():
    before = by_id(row("2.1-01", rows=[("a.csv", 2)]), row("2.1-02", rows=[("a.csv", 3)]),
                   row("2.1-03", rows=[("a.csv", 4)]), row("2.1-04", rows=[("a.csv", 5)]))
    after = by_id(row("2.1-01", rows=[("a.csv", 2)]), row("2.1-02", verdict="differs", rows=[("a.csv", 3)]),
                  row("2.1-03", computed="sales 1.1", rows=[("a.csv", 4)]), row("2.1-04", rows=[("b.csv", 5)]))
    moved = {claim_id: rest for claim_id, *rest in changes.claim_changes(before, after)}
    assert set(moved) == {"2.1-02", "2.1-03", "2.1-04"}
    assert moved["2.1-02"][0] == "reproduced → differs"
    assert moved["2.1-03"][1] == "sales 1.0 → sales 1.1"
    assert moved["2.1-04"][2] == "now also 1: b.csv#5; no longer 1: a.csv#5"


def test_added_and_removed_claims_are_listed_outcomes_after_the_paper():
    moved = changes.claim_changes(by_id(row("3.1-02")), by_id(row("A-01"), row("2.3-07", verdict="partly")))
    assert [entry[0] for entry in moved] == ["2.3-07", "3.1-02", "A-01"]
    assert moved[0][1] == "new: partly" and moved[1][1] == "removed (was reproduced)"


def test_a_baseline_with_files_only_is_compared_file_by_file():
    before = by_id(row("2-01", files="data/raw/x.csv; data/raw/y.csv"), row("2-02", files="data/raw/x.csv"))
    after = by_id(row("2-01", rows=[("data/raw/x.csv", 4)]), row("2-02", rows=[("data/raw/x.csv", 9)]))
    moved = changes.claim_changes(before, after)
    assert moved == [("2-01", "", "", "no longer 1: data/raw/y.csv")]


def test_figures_changed_added_and_removed(tmp_path):
    (tmp_path / "fig-a.svg").write_text("<svg>1</svg>")
    (tmp_path / "fig-b.svg").write_text("<svg>2</svg>")
    (tmp_path / "notes.txt").write_text("not a figure")
    now = changes.figure_digests(tmp_path)
    assert sorted(now) == ["fig-a.svg", "fig-b.svg"]
    before = {"fig-a.svg": now["fig-a.svg"], "fig-b.svg": "0" * 64, "fig-c.svg": "1" * 64}
    (tmp_path / "fig-d.png").write_bytes(b"png")
    assert changes.figure_changes(before, changes.figure_digests(tmp_path)) == [
        ("fig-b.svg", "content changed"), ("fig-c.svg", "removed"), ("fig-d.png", "new")]


def test_the_markdown_escapes_pipes_and_counts_what_moved():
    text = changes.markdown("9.9.9", [("2-01", "a → b", "x | y", "")], [("fig.svg", "new")])
    assert text.startswith("Against release 9.9.9: 1 claims and outcomes moved, 1 figure files changed.")
    assert "| 2-01 | a → b | x \\| y |  |" in text
    assert "| fig.svg | new |" in text


def test_the_kept_release_is_the_one_the_report_uses_and_it_reads():
    baseline = changes.newest_baseline()
    assert (baseline / "figures.json").exists()
    kept = changes.read_claims(baseline)
    assert len(kept) >= 60 and all("verdict" in entry for entry in kept.values())
    digests = json.loads((baseline / "figures.json").read_text(encoding="utf-8"))
    assert all(name.startswith("fig-") for name in digests)
    assert baseline.parent == paths.BASELINES
