"""Adding a year is a data change, nothing else: run every chapter on a copy of the book with one more year.

    python -m nevbook.tools.next_year [NOTEBOOK ...] [--keep DIR]   (default: every chapter, a temporary copy)

Copies the book to a temporary folder, gives every series with an observed ``year`` in its key a synthetic row
for the year after its last one (the last year's rows, values raised by a tenth, citing a synthetic source
published the year after), re-records the checksums, and executes every chapter there. It reports any
chapter that fails and any verdict on a claim of the paper that moves: the paper's data window is fixed
(``nevbook.series.PAPER_YEARS``), so its verdicts must not depend on the newest year. Outcomes after the
paper may move; they are listed.
"""
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd

from .. import audit, data
from .reproducible import copy_book

SOURCE_ID = "synthetic-next-year"
RAISE = 1.1


def observed_year_column(meta):
    """The dataset's series year: a column of type ``year`` (not ``ahead``) in its key, or None (event lists)."""
    return next((c["name"] for c in meta["columns"]
                 if c["type"] == "year" and not c.get("ahead") and c["name"] in meta["key"]), None)


def next_year_rows(frame, meta, year_column):
    """The rows of the last year, moved one year on, their numbers raised and their source synthetic."""
    last = frame[year_column].max()
    added = frame[frame[year_column] == last].copy()
    added[year_column] = last + 1
    for column in meta["columns"]:
        name = column["name"]
        if name in meta["key"] or name == year_column:
            continue
        if column["type"] == "integer":
            added[name] = added[name].map(lambda v: v if pd.isna(v) else int(round(v * RAISE)))
        elif column["type"] == "number":
            added[name] = added[name] * RAISE
        elif column["type"] == "source":
            added[name] = SOURCE_ID
    return added


def add_next_year(root):
    """Add the synthetic year to every dataset under ``root/data/raw`` that has one; return their names."""
    raw = root / "data" / "raw"
    newest = 0
    extended = []
    for name in data.all_names(raw):
        meta = data.read_metadata((raw / name).with_suffix(".yaml"))
        year_column = observed_year_column(meta)
        if year_column is None or not any(c["type"] == "source" for c in meta["columns"]):
            continue
        csv_path = (raw / name).with_suffix(".csv")
        frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
        typed = frame.assign(**{year_column: frame[year_column].astype(int)})
        added = next_year_rows(typed_numbers(typed, meta), meta, year_column)
        newest = max(newest, int(added[year_column].max()))
        text = csv_path.read_text(encoding="utf-8")
        csv_path.write_text(text + added.to_csv(index=False, header=False, lineterminator="\n"), encoding="utf-8")
        data.update_checksum(name, raw_dir=raw)
        extended.append(name)
    published = f"{newest + 1}-01"
    (root / "data" / "sources" / "synthetic.yaml").write_text(
        f"{SOURCE_ID}:\n  publisher: nev-book test\n  title: A synthetic year, for the next-year test only\n"
        f"  url: https://example.org/\n  read_at:\n    - url: https://example.org/\n      kind: publisher\n"
        f"  published: \"{published}\"\n  accessed: \"{published}\"\n  licence: none\n", encoding="utf-8")
    return extended


def typed_numbers(frame, meta):
    """Number columns as numbers (empty cells as missing), the rest as the text of the file."""
    for column in meta["columns"]:
        if column["type"] in ("integer", "number"):
            frame[column["name"]] = pd.to_numeric(frame[column["name"]].replace("", None))
    return frame


def verdicts(chapters):
    """``{claim id: verdict}`` from the executed notebooks in ``chapters``."""
    return {record["claim"]: record["verdict"] for path in sorted(chapters.glob("*.ipynb"))
            for record in audit.verdict_records(path)}


def run(root, names=()):
    """Execute the chapters ``names`` (default: all) of the book at ``root``, one per core:
    ``{notebook: error tail}`` for those that fail."""
    env = dict(os.environ, NEVBOOK_ROOT=str(root))
    notebooks = [nb for nb in sorted((root / "chapters").glob("*.ipynb")) if not names or nb.name in names]

    def execute(notebook):
        return notebook, subprocess.run([sys.executable, "-m", "nevbook.tools.refresh_outputs", str(notebook)],
                                        env=env, capture_output=True, text=True)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        done = list(pool.map(execute, notebooks))
    return {notebook.name: result.stderr.strip().splitlines()[-1:] for notebook, result in done if result.returncode}


def check(root, names=()):
    """Extend the book at ``root`` by a year and run it: ``(extended, failures, paper moves, outcome moves)``."""
    before = verdicts(root / "chapters")
    extended = add_next_year(root)
    failures = run(root, names)
    after = verdicts(root / "chapters")
    groups = {entry.claim.id: entry.claim.group for entry in audit.collect()}
    moved = {claim: (before[claim], after.get(claim)) for claim in before if after.get(claim) != before[claim]}
    paper = {claim: change for claim, change in moved.items() if groups.get(claim) == "paper"}
    after_paper = {claim: change for claim, change in moved.items() if groups.get(claim) != "paper"}
    return extended, failures, paper, after_paper


def main(argv):
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    names = [Path(arg).name for arg in argv if arg.endswith(".ipynb")]
    with tempfile.TemporaryDirectory() as tmp:
        extended, failures, paper, after_paper = check(copy_book(keep or Path(tmp) / "book"), names)
    print(f"next year: {len(extended)} datasets extended: {', '.join(extended)}")
    for notebook, error in failures.items():
        print(f"failed: {notebook}: {' '.join(error)}")
    for claim, (old, new) in {**paper, **after_paper}.items():
        print(f"moved: {claim}: {old} -> {new}{'' if claim in after_paper else ' (a claim of the paper!)'}")
    return 1 if failures or paper else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
