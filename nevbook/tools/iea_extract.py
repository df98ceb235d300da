"""Rebuild the committed IEA extracts from the full Global EV Data Explorer files.

The full files (CC BY 4.0, International Energy Agency) stay outside the
repository; ``paths.IEA_SNAPSHOTS`` says where. Each extract keeps the rows it
selects exactly as published (same columns, same text, same order), so anyone
who downloads the full file from the IEA can check it::

    python -m nevbook.tools.iea_extract          # rewrite data/raw/iea/*.csv
    python -m nevbook.tools.iea_extract --check  # compare without writing
"""
import csv
import hashlib
import io
import sys

from .. import paths

HISTORY_REGIONS = ("World", "China", "Europe", "EU27", "USA", "Brazil", "Indonesia", "Thailand")
VEHICLE_PARAMETERS = ("EV sales", "EV sales share", "EV stock", "EV stock share")

EXTRACTS = {
    "gevo2024_cars": {
        "snapshot": "IEA Global EV Data 2024.csv",
        "sha256": "52ba4ad28eb58f505122c46c2aa21730f1cfc1974d293b1d9bc59828a06d184a",
        "keep": lambda row: row["region"] in HISTORY_REGIONS
        and row["category"] == "Historical"
        and row["mode"] == "Cars"
        and row["parameter"] in VEHICLE_PARAMETERS,
    },
    "gevo2024_charging": {
        "snapshot": "IEA Global EV Data 2024.csv",
        "sha256": "52ba4ad28eb58f505122c46c2aa21730f1cfc1974d293b1d9bc59828a06d184a",
        "keep": lambda row: row["region"] in ("World", "China", "Europe", "USA")
        and row["category"] == "Historical"
        and row["parameter"] == "EV charging points",
    },
    # GEVO 2025 edition (data to 2024), read in a re-saved copy: sorted by value, first column renamed
    # region_country, an extra "Aggregate group" column. Rows are kept as they stand in that copy.
    "gevo2025_cars": {
        "snapshot": "EVDataExplorer2025-resaved-copy.csv",
        "sha256": "2c1e70964577648fbc97c1875a7cd966d34446af46d18a3caa79c1754f46eb05",
        "keep": lambda row: row["region_country"] in ("World", "China", "Europe", "EU27", "USA")
        and row["category"] == "Historical"
        and row["mode"] == "Cars"
        and row["parameter"] in ("EV sales", "EV sales share")
        and row["year"] in ("2023", "2024"),
    },
    "gevo2023_projections": {
        "snapshot": "IEA Global EV Data 2023.csv",
        "sha256": "ec59a2ddf7402a54b700c3ad3f0966b46e8fd254989450e4aa1d26daca1323a7",
        "keep": lambda row: row["region"] == "World"
        and row["category"] in ("Projection-STEPS", "Projection-APS")
        and row["parameter"] in VEHICLE_PARAMETERS
        and row["year"] in ("2025", "2030"),
    },
}


class SnapshotMissing(FileNotFoundError):
    """The full IEA file is not on this machine."""


def build(name, snapshot_dir=None):
    """Return the bytes of extract ``name`` built from its full IEA file."""
    spec = EXTRACTS[name]
    snapshot = (snapshot_dir or paths.IEA_SNAPSHOTS) / spec["snapshot"]
    if not snapshot.exists():
        raise SnapshotMissing(f"full IEA file not found: {snapshot}")
    content = snapshot.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    if digest != spec["sha256"]:
        raise ValueError(f"{snapshot}: sha256 {digest} is not the edition this extract was built from ({spec['sha256']})")
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(row for row in reader if spec["keep"](row))
    return out.getvalue().encode("utf-8")


def target(name):
    return paths.RAW / "iea" / f"{name}.csv"


def main(argv):
    check_only = "--check" in argv
    stale = []
    for name in EXTRACTS:
        built = build(name)
        if check_only:
            if target(name).read_bytes() != built:
                stale.append(name)
            print(f"{name}: {'differs' if name in stale else 'identical'}")
        else:
            target(name).write_bytes(built)
            print(f"{name}: wrote {paths.relative(target(name))} (sha256 {hashlib.sha256(built).hexdigest()})")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
