"""Load a raw dataset from ``data/raw`` after checking it against its metadata.

Each dataset is a CSV file with a YAML sidecar of the same name. The sidecar
gives the title, publisher, licence, the sha256 of the CSV and a schema: the
columns with their types, ranges, allowed values and units, and the key that
must be unique. ``load`` refuses any file that does not match, with a
``DataError`` naming the file, the row (as numbered in the file, header = row 1)
and the column.
"""
import codecs
import csv
import hashlib
import io
import math
import re
import sys

import pandas as pd
import yaml

from . import paths, sources
from .errors import DataError, read_yaml

# Units a dataset may declare. A new unit is a deliberate change to this list.
KNOWN_UNITS = {
    "vehicles", "Vehicles", "percent", "percentage points", "GWh", "Wh/kg", "Wh/L", "charging points",
    "stations", "companies", "sites", "zones", "cities", "provinces", "year", "EUR", "USD", "g CO2/km",
}
INT64_MIN, INT64_MAX = -2**63, 2**63 - 1
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # no tab, line feed or carriage return
TYPES = {"integer", "number", "string", "unit", "source", "year", "date"}
# A `year` column needs no limits in its schema: an observed year must not be later than the year its source
# was published; a year a plan or projection looks ahead to says `ahead: true` and may lie up to AHEAD_LIMIT.
# A `date` column (YYYY, YYYY-MM or YYYY-MM-DD, kept as text) follows the same rule at the precision of both dates.
FIRST_YEAR, AHEAD_LIMIT = 1900, 2100
DATE_TEXT = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
REQUIRED_METADATA = ("title", "description", "publisher", "licence", "sha256", "key", "columns")

_loaded = {}  # name -> Dataset, in the order a notebook loaded them
# Set only by the lineage check (``nevbook.lineage_check``): a function ``(name, frame, meta) -> frame`` that
# alters a copy of the rows as ``load`` hands them to the notebook. The files themselves are never touched.
alter = None


def sha256(path):
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_metadata(meta_path):
    """Read a dataset's YAML sidecar and check that it is complete."""
    shown = paths.relative(meta_path)
    if not meta_path.exists():
        raise DataError(shown, "metadata file not found")
    meta = read_yaml(meta_path, shown)
    if not isinstance(meta, dict):
        raise DataError(shown, "expected a mapping")
    for field in REQUIRED_METADATA:
        if not meta.get(field):
            raise DataError(shown, f"missing required field '{field}'")
    names = [column.get("name") for column in meta["columns"]]
    for column in meta["columns"]:
        if column.get("type") not in TYPES:
            raise DataError(shown, f"type '{column.get('type')}' is not one of {sorted(TYPES)}", column=column.get("name"))
        if column["type"] in ("year", "date") and ({"min", "max"} & set(column)):
            raise DataError(shown, "a year column takes its limits from its sources' publication dates "
                            "(no min or max; `ahead: true` for years a plan or projection looks ahead to)",
                            column=column["name"])
        if column["type"] == "unit":
            unknown = set(column.get("allowed", [])) - KNOWN_UNITS
            if not column.get("allowed") or unknown:
                raise DataError(shown, f"a unit column needs allowed units from {sorted(KNOWN_UNITS)}", column=column["name"])
    if "source" not in meta and "source" not in [c["type"] for c in meta["columns"]]:
        raise DataError(shown, "name a dataset 'source' or give the rows a column of type 'source'")
    for key in meta["key"]:
        if key not in names:
            raise DataError(shown, f"key column '{key}' is not among the columns")
    return meta


def _convert(text, column):
    """Turn one CSV cell into a typed value, or raise ValueError with the reason."""
    kind = column["type"]
    if kind in ("integer", "year"):
        try:
            value = int(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a whole number") from None
        if not INT64_MIN <= value <= INT64_MAX:
            raise ValueError(f"'{text}' is too large to hold as a whole number (64-bit)")
        if kind == "year" and not FIRST_YEAR <= value <= AHEAD_LIMIT:
            raise ValueError(f"{value} is not a year between {FIRST_YEAR} and {AHEAD_LIMIT}")
    elif kind == "date":
        if not DATE_TEXT.match(text) or not FIRST_YEAR <= int(text[:4]) <= AHEAD_LIMIT:
            raise ValueError(f"'{text}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        value = text
    elif kind == "number":
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a number") from None
        if not math.isfinite(value):
            raise ValueError(f"'{text}' is not a finite number")
    else:
        value = text
    if "allowed" in column and value not in column["allowed"]:
        what = "unknown unit" if kind == "unit" else "value"
        raise ValueError(f"{what} '{text}' is not one of {column['allowed']}")
    if "min" in column and value < column["min"]:
        raise ValueError(f"{value:g} is below the minimum {column['min']}")
    if "max" in column and value > column["max"]:
        raise ValueError(f"{value:g} is above the maximum {column['max']}")
    return value


def read_text(csv_path):
    """The file's text; refused at the first byte that is not UTF-8, a control character or a byte-order mark."""
    shown, data = paths.relative(csv_path), csv_path.read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        raise DataError(shown, "the file starts with a byte-order mark (BOM): save it as UTF-8 without BOM", row=1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as problem:
        raise DataError(shown, f"byte {data[problem.start]:#04x} is not UTF-8 text (save the file as UTF-8)",
                        **position(data, problem.start)) from None
    control = CONTROL.search(text)
    if control:
        offset = len(text[:control.start()].encode("utf-8"))
        raise DataError(shown, f"control character {ord(control.group()):#04x} in the text", **position(data, offset))
    return text


def position(data, offset):
    """The row (header = 1) and the column (from the header) of byte ``offset`` of a CSV file."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    cell = data.count(b",", line_start, offset)
    header = data.split(b"\n", 1)[0].decode("utf-8", errors="replace").strip().split(",")
    return {"row": data.count(b"\n", 0, offset) + 1, "column": header[cell] if cell < len(header) else None}


def rows_of(reader, shown):
    """``(row number, cells)`` for each data row; a malformed CSV line is refused with its row number."""
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as problem:
            raise DataError(shown, f"not a readable CSV line ({problem})", row=reader.line_num) from None
        yield reader.line_num, cells


def read_header(reader, columns, shown):
    """The header row, refused unless it names each schema column exactly once."""
    try:
        header = next(reader, None) or []
    except csv.Error as problem:
        raise DataError(shown, f"not a readable CSV line ({problem})", row=1) from None
    if not header:
        raise DataError(shown, "the file is empty (no header row)", row=1)
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise DataError(shown, "column appears more than once in the header", row=1, column=repeated[0])
    for name in columns:
        if name not in header:
            raise DataError(shown, f"column is missing (the header has {header})", row=1, column=name)
    for name in header:
        if name not in columns:
            raise DataError(shown, "column is not in the metadata schema", row=1, column=name)
    return header


def too_late_for_source(record, columns, meta, registry):
    """An observed year or date later than the publication of the row's source: ``(column, problem)``, else None."""
    source_column = next((name for name, c in columns.items() if c["type"] == "source"), None)
    source = registry.get(record[source_column] if source_column else meta.get("source"))
    published = getattr(source, "published", None)
    if not published:
        return None
    for name, column in columns.items():
        value = record.get(name)
        if value is None or column.get("ahead") or column["type"] not in ("year", "date"):
            continue
        text = str(value)
        precision = min(len(text), len(published))
        if text[:precision] > published[:precision]:
            return name, f"{value} is later than its source '{source.id}' was published ({published})"
    return None


def validate(csv_path, meta, registry):
    """Parse ``csv_path`` against ``meta`` and return a typed DataFrame (``registry``: source id -> Source)."""
    shown = paths.relative(csv_path)
    if not csv_path.exists():
        raise DataError(shown, "file not found")
    actual = sha256(csv_path)
    if actual != meta["sha256"]:
        raise DataError(
            shown,
            f"checksum mismatch: the file's sha256 is {actual} but its metadata says {meta['sha256']}. "
            "If the change is deliberate, record it with `make checksums`.",
        )
    columns = {column["name"]: column for column in meta["columns"]}
    reader = csv.reader(io.StringIO(read_text(csv_path), newline=""))
    header = read_header(reader, columns, shown)
    records, seen = [], {}
    for row_number, cells in rows_of(reader, shown):
        if len(cells) != len(header):
            raise DataError(shown, f"expected {len(header)} cells, found {len(cells)}", row=row_number)
        record = {}
        for name, text in zip(header, cells):
            column = columns[name]
            if text.strip() == "":
                if column.get("optional"):
                    record[name] = None
                    continue
                raise DataError(shown, "empty value", row=row_number, column=name)
            try:
                record[name] = _convert(text, column)
            except ValueError as problem:
                raise DataError(shown, str(problem), row=row_number, column=name) from None
            if column["type"] == "source" and text not in registry:
                raise DataError(shown, f"unknown source id '{text}' (not in data/sources/)", row=row_number, column=name)
        too_late = too_late_for_source(record, columns, meta, registry)
        if too_late:
            raise DataError(shown, too_late[1], row=row_number, column=too_late[0])
        key = tuple(record[name] for name in meta["key"])
        if key in seen:
            raise DataError(
                shown, f"duplicate key {dict(zip(meta['key'], key))} (first on row {seen[key]})",
                row=row_number, column=meta["key"][-1],
            )
        seen[key] = row_number
        records.append(record)
    if not records:
        raise DataError(shown, "the file has a header but no rows", row=2)
    frame = pd.DataFrame.from_records(records, columns=header)
    for name, column in columns.items():
        if column["type"] in ("integer", "year") and not column.get("optional"):
            frame[name] = frame[name].astype("int64")
        elif column["type"] == "number":
            frame[name] = frame[name].astype("float64")
    return frame


class Dataset:
    """A validated dataset: its rows (``frame``), metadata and the sources it cites."""

    def __init__(self, name, frame, meta):
        self.name, self.frame, self.meta = name, frame, meta

    def source_ids(self):
        source_columns = [c["name"] for c in self.meta["columns"] if c["type"] == "source"]
        if source_columns:
            return sorted(set(self.frame[source_columns[0]]))
        return [self.meta["source"]]


def load_dataset(name, raw_dir=None, registry=None):
    """Validate dataset ``name`` (e.g. ``"caam/annual"``) and return a ``Dataset``."""
    raw_dir = raw_dir or paths.RAW
    registry = sources.registry() if registry is None else registry
    meta_path = (raw_dir / name).with_suffix(".yaml")
    meta = read_metadata(meta_path)
    if "source" in meta and meta["source"] not in registry:
        raise DataError(paths.relative(meta_path), f"unknown source id '{meta['source']}'", column="source")
    frame = validate((raw_dir / name).with_suffix(".csv"), meta, registry)
    frame.attrs["dataset"] = name
    return Dataset(name, frame, meta)


def load(name):
    """Load a raw dataset as a DataFrame and remember it for the chapter's Sources section and its verdicts.

    The frame keeps the file's row order as its index (row 0 is the file's row 2), which is how
    ``nevbook.lineage.rows`` names the rows a verdict rests on.
    """
    dataset = load_dataset(name)
    if alter is not None:
        dataset = Dataset(name, alter(name, dataset.frame.copy(), dataset.meta), dataset.meta)
    _loaded[name] = dataset
    return dataset.frame.copy()


def loaded_dataset(name):
    """The dataset ``name`` as this notebook loaded it; a clear error if it did not."""
    if name not in _loaded:
        raise KeyError(f"dataset '{name}' was not loaded in this notebook: call load('{name}') first")
    return _loaded[name]


def loaded():
    """The datasets loaded so far in this session, in loading order."""
    return list(_loaded.values())


def update_checksum(name, raw_dir=None):
    """Record the current sha256 of a dataset's CSV in its metadata file."""
    raw_dir = raw_dir or paths.RAW
    csv_path, meta_path = (raw_dir / name).with_suffix(".csv"), (raw_dir / name).with_suffix(".yaml")
    text = meta_path.read_text(encoding="utf-8")
    old = yaml.safe_load(text).get("sha256") or ""
    new = sha256(csv_path)
    if old != new:
        line = re.compile(r"^sha256:.*$", flags=re.M)
        if not line.search(text):
            raise DataError(paths.relative(meta_path), "no 'sha256:' line to record the checksum in")
        meta_path.write_text(line.sub(f"sha256: {new}", text, count=1), encoding="utf-8")
    return old, new


def all_names(raw_dir=None):
    """Names of every dataset under ``data/raw`` (``publisher/dataset``)."""
    raw_dir = raw_dir or paths.RAW
    return sorted(p.relative_to(raw_dir).with_suffix("").as_posix() for p in raw_dir.rglob("*.yaml"))


def main(argv):
    """``python -m nevbook.data check|checksums``: validate or re-record every dataset and the claim registry."""
    command = argv[0] if argv else "check"
    for folder in (paths.RAW, paths.CLAIMS_DIR):
        for name in all_names(folder):
            shown = paths.relative(folder / name)
            if command == "checksums":
                old, new = update_checksum(name, raw_dir=folder)
                print(f"{shown}: {'unchanged' if old == new else f'{old[:12]}… -> {new[:12]}…'}")
            else:
                rows = len(load_dataset(name, raw_dir=folder).frame)
                print(f"{shown}: ok ({rows} rows)")


if __name__ == "__main__":
    main(sys.argv[1:])
