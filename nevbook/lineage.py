"""The raw rows a verdict rests on.

A notebook names the rows behind a verdict with ``rows``, picking them from a
frame that ``nevbook.data.load`` returned (or a filtered part of it)::

    volumes = load("caam/production_sales")
    check("2.1-01", production=..., sales=...,
          rests_on=rows(volumes, year=2023, measure=["nev_production", "nev_sales"]))

Each keyword names a column; a single value must match exactly, a list (or a
``range``) lists the values allowed. ``+`` joins picks from several datasets.
A pick is exact: every listed value must occur in the selected rows, so a typo
fails at once. ``make lineage`` then proves that the outputs of the verdict
depend on every picked row and on no other row (``nevbook.lineage_check``).
"""
from dataclasses import dataclass

import pandas as pd

from . import data, paths

# A claim resting on more rows than this from one dataset shows a summary line in its box.
LISTED_ROWS = 12
# Set by the lineage check (``nevbook.lineage_check``), which runs notebooks on altered rows where a
# verdict may flip: then a missing reason or a failed ``claims.expect`` is recorded in ``flips``, not
# raised, and a pick that no longer matches picks nothing.
LENIENT = False
flips = []


@dataclass(frozen=True)
class Rows:
    """Raw rows as ``(dataset name, row index in the loaded frame)`` pairs, in the order picked.

    ``exempt`` maps a pick to the reason a single change of that row cannot be expected to move
    the verdict's outputs (a row compared against a maximum, a threshold): the lineage check
    then reports such a row instead of failing on it.
    """

    picks: tuple = ()
    exempt: tuple = ()  # ((pick, reason), ...)

    def __add__(self, other):
        if not isinstance(other, Rows):
            return NotImplemented
        return Rows(tuple(dict.fromkeys(self.picks + other.picks)), tuple(dict(self.exempt + other.exempt).items()))

    def compared_only(self, reason):
        """Mark these rows as ones the outputs compare against rather than compute from (say why)."""
        if not reason:
            raise ValueError("compared_only() needs the reason a single changed row may leave the outputs as they are")
        return Rows(self.picks, tuple((pick, reason) for pick in self.picks))

    def __len__(self):
        return len(self.picks)

    def records(self):
        """One plain record per row: dataset, file row, key, value, unit and source id."""
        notes = dict(self.exempt)
        records = []
        for pick in self.picks:
            record = row_record(data.loaded_dataset(pick[0]), pick[1])
            if pick in notes:
                record["compared_only"] = notes[pick]
            records.append(record)
        return records


NO_ROWS = Rows()


def _dataset_name(frame):
    name = frame if isinstance(frame, str) else getattr(frame, "attrs", {}).get("dataset")
    if name is None:
        raise TypeError("rows() takes a frame returned by load() (or a filtered part of it) or a dataset name, "
                        "not a reshaped one (pivot, groupby): pass the loaded frame and filter by column")
    return name


def rows(frame, **match):
    """Pick the rows of a loaded dataset whose columns hold the given values.

    ``frame`` is a frame from ``load()``, a filtered part of one (its index still the
    loaded rows), or a dataset name already loaded in this notebook.
    """
    try:
        return _pick(frame, match)
    except (KeyError, ValueError, TypeError):
        if LENIENT:  # the lineage check alters rows; a pick must never be what moves an output
            return NO_ROWS
        raise


def _pick(frame, match):
    name = _dataset_name(frame)
    dataset = data.loaded_dataset(name)
    loaded = dataset.frame
    if isinstance(frame, pd.DataFrame):
        keys = dataset.meta["key"]
        if not set(keys) <= set(frame.columns) or not frame.index.isin(loaded.index).all() \
                or not frame[keys].equals(loaded.loc[frame.index, keys]):
            raise ValueError(f"rows(): pass the frame load('{name}') returned or a filtered part of it, "
                             "not a reshaped one (pivot, groupby, reset_index)")
        selected = loaded.loc[frame.index]
    else:
        selected = loaded
    for column, wanted in match.items():
        if column not in loaded.columns:
            raise KeyError(f"rows(): {name} has no column '{column}' (columns: {list(loaded.columns)})")
        values = list(wanted) if isinstance(wanted, (list, tuple, set, range, pd.Index)) else [wanted]
        missing = [value for value in values if not (selected[column] == value).any()]
        if missing:
            raise KeyError(f"rows(): no row of {name} has {column} = {missing[0]!r} among the rows selected")
        selected = selected[selected[column].isin(values)]
    if selected.empty:
        raise KeyError(f"rows(): no row of {name} matches {match}")
    return Rows(tuple((name, int(index)) for index in selected.index))


def value_column(meta, row):
    """The column a row's value is read from: its first filled number column outside the key, else its
    first filled text column outside the key, else the key's last column."""
    columns = [c for c in meta["columns"] if c["name"] not in meta["key"] and _plain(row[c["name"]]) is not None]
    for kinds in (("number", "integer", "year"), ("string",)):
        for column in columns:
            if column["type"] in kinds:
                return column["name"]
    return meta["key"][-1]


def row_record(dataset, index):
    """The record of one raw row, as the audit and the export show it."""
    meta, row = dataset.meta, dataset.frame.loc[index]
    column = value_column(meta, row)
    unit_columns = [c["name"] for c in meta["columns"] if c["type"] == "unit"]
    source_columns = [c["name"] for c in meta["columns"] if c["type"] == "source"]
    unit = _plain(row[unit_columns[0]]) if unit_columns else None
    return {
        "dataset": dataset.name,
        "file": paths.relative(paths.dataset_files(dataset.name)[0]),
        "row": int(index) + 2,  # as numbered in the file, the header being row 1
        "key": {name: _plain(row[name]) for name in meta["key"]},
        "column": column,
        "value": _plain(row[column]),
        "unit": "" if unit is None else str(unit),
        "source": str(row[source_columns[0]]) if source_columns else meta["source"],
    }


def _plain(value):
    """A cell as a JSON-friendly Python value."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def value_text(record):
    """A row's value as a table shows it: numbers with a thousands separator, years and text as they are."""
    value = record["value"]
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "year" not in (record["unit"], record["column"]):
        return f"{value:,}"
    return str(value)


def unit_text(record):
    """The unit, or for a dataset without units the name of the value's column."""
    return record["unit"] or record["column"]


def key_text(record):
    return ", ".join(f"{name} {value}" for name, value in record["key"].items())


def groups(records):
    """Records grouped by dataset, in order: ``[(dataset, [records])]``."""
    grouped = {}
    for record in records:
        grouped.setdefault(record["dataset"], []).append(record)
    return list(grouped.items())


def selection_text(records):
    """What a large pick holds, from its key columns: 'year 2030; mode 4 values; …'."""
    parts = []
    for name in records[0]["key"]:
        values = list(dict.fromkeys(record["key"][name] for record in records))
        shown = ", ".join(map(str, values)) if len(values) <= 3 else f"{len(values)} values"
        parts.append(f"{name} {shown}")
    return "; ".join(parts)


def sources_of(records):
    return list(dict.fromkeys(record["source"] for record in records))
