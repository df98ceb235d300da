"""What moved since the last release: claims, outcomes and figures against a published baseline.

A release's ``claims.json`` and the sha256 of its figures are kept in ``baselines/<version>/``. This module
compares them with the book as it is now and writes a Markdown table of every claim or outcome whose
computed value, verdict or lineage (the raw rows, or for a baseline without rows the raw files) moved, and
of every figure whose content changed::

    python -m nevbook.changes          # print the tables against the newest baseline (`make changes`)
    python -m nevbook.changes save     # keep the current state as the baseline of VERSION (at a release)
"""
import hashlib
import json
import sys

from . import audit, paths, wording

FIGURE_SUFFIXES = (".png", ".svg")


def newest_baseline():
    """The folder of the newest kept release (versions compared as numbers)."""
    folders = [p for p in paths.BASELINES.iterdir() if (p / "claims.json").exists()]
    if not folders:
        raise FileNotFoundError(f"no baseline in {paths.relative(paths.BASELINES)}/")
    return max(folders, key=lambda p: tuple(int(part) for part in p.name.split(".")))


def read_claims(folder):
    """``{id: export row}`` from a baseline's claims.json (a list in 0.1.0, a document with "claims" later)."""
    document = json.loads((folder / "claims.json").read_text(encoding="utf-8"))
    rows = document["claims"] if isinstance(document, dict) else document
    return {row["id"]: row for row in rows}


def figure_digests(folder):
    """``{file name: sha256}`` of every figure file in ``folder``."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.suffix in FIGURE_SUFFIXES}


def lineage_of(row):
    """What a row's verdict rests on: its raw rows (``file#row``) when recorded, else its raw files."""
    if "raw_rows" in row:
        return "rows", sorted(f"{r['file']}#{r['row']}" for r in row["raw_rows"])
    files = row["raw_files"]
    return "files", sorted(name for name in (files.split("; ") if isinstance(files, str) else files) if name)


def lineage_change(before, after):
    """A short text for a moved lineage, or '' when it did not move."""
    kind_before, old = lineage_of(before)
    kind_after, new = lineage_of(after)
    if kind_before != kind_after:  # compare at the coarser level both record
        old = sorted({item.split("#")[0] for item in old})
        new = sorted({item.split("#")[0] for item in new})
    if old == new:
        return ""
    added, dropped = sorted(set(new) - set(old)), sorted(set(old) - set(new))
    return "; ".join(f"{label} {listed(items)}" for label, items in (("now also", added), ("no longer", dropped))
                     if items)


def listed(items, shown=3):
    """``n: a, b, c …``: a count and the first few items."""
    return f"{len(items)}: {', '.join(items[:shown])}{' …' if len(items) > shown else ''}"


def claim_changes(before, after):
    """Rows ``(id, verdict, computed, lineage)`` for every claim or outcome that moved, added or removed."""
    moved = []
    for claim_id in sorted(set(before) | set(after), key=claim_order):
        old, new = before.get(claim_id), after.get(claim_id)
        if old is None:
            moved.append((claim_id, f"new: {new['verdict']}", new["computed"], "new"))
            continue
        if new is None:
            moved.append((claim_id, f"removed (was {old['verdict']})", "", ""))
            continue
        verdict = f"{old['verdict']} → {new['verdict']}" if old["verdict"] != new["verdict"] else ""
        computed = f"{old['computed']} → {new['computed']}" if old["computed"] != new["computed"] else ""
        lineage = lineage_change(old, new)
        if verdict or computed or lineage:
            moved.append((claim_id, verdict, computed, lineage))
    return moved


def claim_order(claim_id):
    """Sort ids like 2.1-03 by section numbers, then the running number."""
    section, _, number = claim_id.partition("-")
    return tuple(int(part) if part.isdigit() else 99 for part in section.split(".")), number  # outcomes last


def figure_changes(before, after):
    """Rows ``(figure file, what happened)`` for every figure file added, removed or changed."""
    rows = []
    for name in sorted(set(before) | set(after)):
        if name not in before:
            rows.append((name, "new"))
        elif name not in after:
            rows.append((name, "removed"))
        elif before[name] != after[name]:
            rows.append((name, "content changed"))
    return rows


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(version, claims_moved, figures_moved):
    """The two Markdown tables (or a sentence when nothing moved)."""
    lines = [wording.say("changes intro", version=version, claims=len(claims_moved), figures=len(figures_moved)), ""]
    if claims_moved:
        lines += [wording.say("changes claims head"), "|---|---|---|---|"]
        lines += [f"| {' | '.join(cell(part) for part in row)} |" for row in claims_moved]
        lines.append("")
    if figures_moved:
        lines += [wording.say("changes figures head"), "|---|---|"]
        lines += [f"| {cell(name)} | {what} |" for name, what in figures_moved]
    return "\n".join(lines).rstrip() + "\n"


def current_claims():
    entries = audit.collect()
    return {row["id"]: row for row in audit.export_rows(entries, audit.recorded_verdicts())}


def report(baseline=None):
    """The Markdown report of what moved since ``baseline`` (default: the newest)."""
    return markdown_for(list(current_claims().values()), baseline)


def markdown_for(rows, baseline=None):
    """The report for the export ``rows`` (as the site writes them) against ``baseline`` (default: the newest)."""
    baseline = baseline or newest_baseline()
    now = {row["id"]: row for row in rows}
    return markdown(baseline.name, claim_changes(read_claims(baseline), now),
                    figure_changes(json.loads((baseline / "figures.json").read_text(encoding="utf-8")),
                                   figure_digests(paths.FIGURES)))


def save():
    """Keep the current claims and figure digests as the baseline of the current version."""
    folder = paths.BASELINES / paths.VERSION.read_text(encoding="utf-8").strip()
    folder.mkdir(parents=True, exist_ok=True)
    rows = list(current_claims().values())
    (folder / "claims.json").write_text(json.dumps({"claims": rows}, indent=1, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
    (folder / "figures.json").write_text(json.dumps(figure_digests(paths.FIGURES), indent=1, sort_keys=True)
                                         + "\n", encoding="utf-8")
    return folder


def main(argv):
    if argv[:1] == ["save"]:
        print(f"changes: kept the baseline in {paths.relative(save())}/")
    else:
        print(report(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
