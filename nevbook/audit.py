"""The claims audit: every registry claim, its verdict and its trail, read from the chapters.

The chapters are the one source of truth. Each verdict a notebook displays
stores a record in its output metadata (``claims.Verdict.record``); nbval keeps
the committed outputs equal to a fresh run, so reading them reads the truth.
This module collects those records, joins them with the registry, and gives the
export rows; ``nevbook.site`` writes the pages and files from them::

    python -m nevbook.audit          # print the audit table; exit 1 on a problem (`make claims`)
    python -m nevbook.audit record   # record the current verdicts in the registry (review the diff!)
"""
import csv
import io
import sys
from dataclasses import dataclass, field

import nbformat

from . import claims, data, edition, lineage, paths, registry

EXPORT_COLUMNS = ("id", "group", "section", "quote", "stated", "computed", "unit", "verdict", "recorded_verdict",
                  "cause", "cause_codes", "chapter_page", "raw_files", "source_ids", "row_count", "raw_rows")


UNCHECKED, CHECKED_TWICE = "unchecked", "checked twice"  # what the audit says of a claim with no single verdict


@dataclass
class Entry:
    """One registry claim with what the chapters said about it."""

    claim: registry.Claim
    records: list = field(default_factory=list)  # (chapter stem, record) for every check found

    @property
    def record(self):
        return self.records[0][1] if len(self.records) == 1 else None

    @property
    def chapter(self):
        return self.records[0][0] if len(self.records) == 1 else None

    @property
    def verdict(self):
        if not self.records:
            return UNCHECKED
        return self.record["verdict"] if self.record else CHECKED_TWICE

    def computed(self):
        """Computed values as the verdict box shows them (one digit more than the paper)."""
        if not self.record:
            return ""
        stated = {value.measure: value for value in registry.load().values.get(self.claim.id, [])}
        shown = []
        for m in self.record["measures"]:
            if m["computed"] is not None:
                value = stated.get(m["measure"])
                number = (value.format(m["computed"], value.computed_decimals()) if value
                          else f"{m['computed']:,.2f}")
                shown.append(f"{m['measure']} {number}")
        return "; ".join(shown)

    def units(self):
        return "; ".join(dict.fromkeys(m["unit"] for m in (self.record or {}).get("measures", [])))

    def page(self):
        return f"chapters/{self.chapter}.html#{claims.anchor(self.claim.id)}" if self.chapter else ""

    def datasets(self):
        """The raw datasets the verdict rests on (only those its recorded rows come from)."""
        return (self.record or {}).get("datasets", [])

    def source_ids(self):
        """The sources of the rows the verdict rests on."""
        return (self.record or {}).get("sources", [])

    def rows(self):
        """The raw rows the verdict rests on, as recorded by the chapter."""
        return (self.record or {}).get("rows", [])

    def causes(self):
        return (self.record or {}).get("causes", [])


def verdict_records(notebook_path):
    """Yield every verdict record stored in a notebook's outputs."""
    notebook = nbformat.read(notebook_path, as_version=4)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("nevbook", {}).get("verdict")
            if record:
                yield record


def collect(chapters=None):
    """Join the registry with the verdicts found in the chapter notebooks (default: the current edition's),
    in registry order."""
    reg = registry.load()
    entries = {claim_id: Entry(claim) for claim_id, claim in {**reg.claims, **reg.outcomes}.items()}
    for path in sorted((chapters or paths.chapters(edition.current())).glob("*.ipynb")):
        for record in verdict_records(path):
            if record["claim"] not in entries:
                raise KeyError(f"{paths.relative(path)} checks claim {record['claim']}, which is not in the registry")
            entries[record["claim"]].records.append((path.stem, record))
    return list(entries.values())


def problems(entries, recorded):
    """What makes the audit fail: unchecked, doubly checked, or a verdict that moved."""
    found = []
    for entry in entries:
        claim_id = entry.claim.id
        if entry.verdict in (UNCHECKED, CHECKED_TWICE):
            where = ", ".join(chapter for chapter, _ in entry.records)
            found.append(f"{claim_id}: {entry.verdict}{f' ({where})' if where else ''}")
        elif recorded.get(claim_id) != entry.verdict:
            registry_file = "claims.csv" if entry.claim.group == "paper" else "outcomes.csv"
            found.append(f"{claim_id}: verdict is '{entry.verdict}' but the registry records "
                         f"'{recorded.get(claim_id) or 'nothing'}' (if the change is right, record it in "
                         f"data/claims/{registry_file}: `python -m nevbook.audit record`)")
    return found


def recorded_verdicts():
    """The verdict recorded for each claim and outcome in the registry (column ``verdict``)."""
    recorded = {}
    for name in ("claims", "outcomes"):
        frame = data.load_dataset(name, raw_dir=paths.CLAIMS_DIR).frame
        recorded.update({row.id: row.verdict for row in frame.itertuples() if isinstance(row.verdict, str)})
    return recorded


def record_verdicts(entries):
    """Write the chapters' current verdicts into the registry's ``verdict`` columns (a deliberate step:
    review the diff) and refresh the checksums."""
    given = {entry.claim.id: entry.verdict for entry in entries if entry.record}
    for name in ("claims", "outcomes"):
        path = paths.CLAIMS_DIR / f"{name}.csv"
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            row["verdict"] = given.get(row["id"], row.get("verdict", ""))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
        data.update_checksum(name, raw_dir=paths.CLAIMS_DIR)


def export_rows(entries, recorded):
    for entry in entries:
        yield {
            "id": entry.claim.id,
            "group": entry.claim.group,
            "section": entry.claim.section,
            "quote": entry.claim.quote,
            "stated": entry.claim.stated,
            "computed": entry.computed(),
            "unit": entry.units(),
            "verdict": entry.verdict,
            "recorded_verdict": recorded.get(entry.claim.id, ""),
            "cause": (entry.record or {}).get("because", ""),
            "cause_codes": entry.causes(),
            "chapter_page": entry.page(),
            "raw_files": [paths.relative(paths.dataset_files(name)[0]) for name in entry.datasets()],
            "source_ids": entry.source_ids(),
            "row_count": len(entry.rows()),
            "raw_rows": entry.rows(),
        }


def row_text(record):
    """One raw row on one line: ``file#row (key) = value unit [source]``."""
    return (f"{record['file']}#{record['row']} ({lineage.key_text(record)}) {record['column']} = "
            f"{record['value']} {record['unit']}".rstrip() + f" [{record['source']}]")


def flat_row(row):
    """An export row for CSV: lists joined with '; ', raw rows with ' | '."""
    flat = dict(row)
    for name in ("cause_codes", "raw_files", "source_ids"):
        flat[name] = "; ".join(row[name])
    flat["raw_rows"] = " | ".join(row_text(record) for record in row["raw_rows"])
    return flat


def claims_using(entries):
    """For each raw dataset, the claims and outcomes whose verdicts rest on its rows: ``{name: [(id, page)]}``."""
    using = {}
    for entry in entries:
        for name in entry.datasets():
            using.setdefault(name, []).append((entry.claim.id, entry.page()))
    return using


def to_csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat_row(row) for row in rows)
    return out.getvalue()


def table_text(entries):
    """The audit as a fixed-width text table for the terminal."""
    lines = [f"{'claim':<8} {'verdict':<14} {'stated':<42} computed"]
    for entry in entries:
        lines.append(f"{entry.claim.id:<8} {entry.verdict:<14} {entry.claim.stated[:42]:<42} {entry.computed()}")
    return "\n".join(lines)


def main(argv):
    entries = collect()
    recorded = recorded_verdicts()
    if argv[:1] == ["record"]:
        record_verdicts(entries)
        print("recorded the current verdicts in data/claims/claims.csv and outcomes.csv; review `git diff`")
        return 0
    print(table_text(entries))
    found = problems(entries, recorded)
    counts = {}
    for entry in entries:
        counts[entry.verdict] = counts.get(entry.verdict, 0) + 1
    print("\n" + ", ".join(f"{verdict}: {n}" for verdict, n in counts.items()))
    if found:
        print(f"\n{len(found)} problem(s):\n  " + "\n  ".join(found))
        return 1
    print("audit: every claim checked exactly once; verdicts match the registry")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
