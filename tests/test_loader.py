"""The loader accepts a good dataset and stops every kind of bad input with a clear error."""
import hashlib
import re

import pytest

from nevbook.data import load_dataset, update_checksum
from nevbook.sources import Source, load_file
from nevbook.errors import DataError

GOOD_CSV = "year,measure,value,unit,source\n2022,nev_sales,6887000,vehicles,src-a\n2023,nev_sales,9495000,vehicles,src-b\n"
SCHEMA = """\
title: Test volumes
description: A small dataset for the loader tests
publisher: Test publisher
licence: CC0
sha256: {sha}
key: [year, measure]
columns:
  - {{name: year, type: year}}
  - {{name: measure, type: string, allowed: [nev_sales, vehicle_sales]}}
  - {{name: value, type: number, min: 0}}
  - {{name: unit, type: unit, allowed: [vehicles]}}
  - {{name: source, type: source}}
"""
SOURCES = {name: Source(id=name, publisher="P", title="T", url="u", read_at=(), published=published,
                        accessed="2026-11", licence="CC0")
           for name, published in (("src-a", "2023-01"), ("src-b", "2024-01-12"))}


def write(raw_dir, csv_text, fix_checksum=True):
    """Write dataset 'test/volumes' with ``csv_text`` (text, or bytes as they are) and a matching checksum."""
    folder = raw_dir / "test"
    folder.mkdir(parents=True, exist_ok=True)
    data = csv_text if isinstance(csv_text, bytes) else csv_text.encode("utf-8")
    (folder / "volumes.csv").write_bytes(data)
    sha = hashlib.sha256(data).hexdigest() if fix_checksum else "0" * 64
    (folder / "volumes.yaml").write_text(SCHEMA.format(sha=sha), encoding="utf-8")


def load(raw_dir):
    return load_dataset("test/volumes", raw_dir=raw_dir, registry=SOURCES)


def test_good_dataset_loads_with_types(tmp_path):
    write(tmp_path, GOOD_CSV)
    frame = load(tmp_path).frame
    assert list(frame.columns) == ["year", "measure", "value", "unit", "source"]
    assert frame["year"].dtype == "int64" and frame["value"].dtype == "float64"
    assert frame.loc[1, "value"] == 9495000.0


def replace_cell(text, old, new):
    assert old in text
    return text.replace(old, new, 1)


BAD_INPUTS = {
    "text in a number": (replace_cell(GOOD_CSV, "9495000", "9.495m"), 3, "value", "'9.495m' is not a number"),
    "empty value": (replace_cell(GOOD_CSV, ",9495000,", ",,"), 3, "value", "empty value"),
    "negative volume": (replace_cell(GOOD_CSV, "6887000", "-6887000"), 2, "value", "below the minimum 0"),
    "duplicate key": (GOOD_CSV + "2023,nev_sales,9495001,vehicles,src-a\n", 4, "measure", "duplicate key"),
    "unknown source id": (replace_cell(GOOD_CSV, "src-b", "src-z"), 3, "source", "unknown source id 'src-z'"),
    "unknown unit": (replace_cell(GOOD_CSV, "9495000,vehicles", "9495000,cars"), 3, "unit", "unknown unit 'cars'"),
    "value outside the allowed list": (replace_cell(GOOD_CSV, "2023,nev_sales", "2023,nev_salez"), 3, "measure", "'nev_salez' is not one of"),
    "year after its source": (replace_cell(GOOD_CSV, "2023,", "2025,"), 3, "year",
                              "2025 is later than its source 'src-b' was published (2024-01-12)"),
    "not a year": (replace_cell(GOOD_CSV, "2023,", "20233,"), 3, "year", "is not a year between"),
    "missing column": (GOOD_CSV.replace(",unit", "").replace(",vehicles", ""), 1, "unit", "column is missing"),
    "renamed column": (replace_cell(GOOD_CSV, "value", "valu"), 1, "value", "column is missing"),
    "short row": (GOOD_CSV + "2024,nev_sales,1\n", 4, None, "expected 5 cells, found 3"),
    "latin-1 text": (replace_cell(GOOD_CSV, "src-b", "src-\u00e9").encode("latin-1"), 3, "source", "byte 0xe9 is not UTF-8"),
    "UTF-16 file": (GOOD_CSV.encode("utf-16"), 1, None, "not UTF-8"),
    "byte-order mark": (b"\xef\xbb\xbf" + GOOD_CSV.encode(), 1, None, "byte-order mark"),
    "header and no rows": (GOOD_CSV.split("\n")[0] + "\n", 2, None, "a header but no rows"),
    "empty file": ("", 1, None, "the file is empty"),
    "integer too large": (replace_cell(GOOD_CSV, "2023,", "99999999999999999999,"), 3, "year", "too large to hold"),
    "number too large": (replace_cell(GOOD_CSV, "9495000", "1e999"), 3, "value", "not a finite number"),
    "NUL byte": (replace_cell(GOOD_CSV, "9495000", "94\x0095000"), 3, "value", "control character 0x00"),
    "column twice": (replace_cell(GOOD_CSV, "unit,source", "unit,unit"), 1, "unit", "more than once"),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_names_file_row_and_column(tmp_path, case):
    csv_text, row, column, problem = BAD_INPUTS[case]
    write(tmp_path, csv_text)
    with pytest.raises(DataError) as error:
        load(tmp_path)
    message = str(error.value)
    assert "volumes.csv" in message
    assert f"row {row}" in message
    if column:
        assert f"column '{column}'" in message
    assert problem in message


def test_missing_file(tmp_path):
    write(tmp_path, GOOD_CSV)
    (tmp_path / "test" / "volumes.csv").unlink()
    with pytest.raises(DataError, match=r"volumes.csv: file not found"):
        load(tmp_path)


def test_missing_metadata(tmp_path):
    write(tmp_path, GOOD_CSV)
    (tmp_path / "test" / "volumes.yaml").unlink()
    with pytest.raises(DataError, match=r"volumes.yaml: metadata file not found"):
        load(tmp_path)


def test_checksum_mismatch_after_an_edit(tmp_path):
    write(tmp_path, GOOD_CSV)
    path = tmp_path / "test" / "volumes.csv"
    path.write_text(replace_cell(GOOD_CSV, "9495000", "9400000"), encoding="utf-8")
    with pytest.raises(DataError, match=r"volumes.csv: checksum mismatch"):
        load(tmp_path)
    update_checksum("test/volumes", raw_dir=tmp_path)
    assert load(tmp_path).frame.loc[1, "value"] == 9400000.0


BAD_METADATA = {
    "a year column with a maximum": ("type: year}", "type: year, max: 2025}", r"column 'year': a year column takes"),
    "unknown unit in the schema": ("allowed: [vehicles]", "allowed: [furlongs]",
                                   r"volumes.yaml, column 'unit': a unit column needs allowed units"),
    "invalid YAML": ("licence: CC0", "licence: CC BY: 4.0", r"volumes.yaml, row 4: not valid YAML"),
    "missing field": ("licence: CC0\n", "", r"missing required field 'licence'"),
}


@pytest.mark.parametrize("case", BAD_METADATA, ids=list(BAD_METADATA))
def test_bad_metadata_is_refused(tmp_path, case):
    old, new, message = BAD_METADATA[case]
    write(tmp_path, GOOD_CSV)
    meta = tmp_path / "test" / "volumes.yaml"
    meta.write_text(meta.read_text().replace(old, new))
    with pytest.raises(DataError, match=message):
        load(tmp_path)


def test_metadata_in_another_encoding_is_refused_with_its_line(tmp_path):
    write(tmp_path, GOOD_CSV)
    meta = tmp_path / "test" / "volumes.yaml"
    meta.write_bytes(meta.read_text().replace("Test publisher", "Test publisher \u00e9").encode("latin-1"))
    with pytest.raises(DataError, match=r"volumes.yaml, row 3: byte 0xe9 is not UTF-8"):
        load(tmp_path)


def test_sources_file_in_another_encoding_is_refused(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes("src:\n  publisher: Soci\u00e9t\u00e9\n".encode("latin-1"))
    with pytest.raises(DataError, match=r"bad.yaml, row 2: byte 0xe9 is not UTF-8"):
        load_file(path)


DATED_SCHEMA = """\
title: Dated counts
description: Counts at a date
publisher: Test publisher
licence: CC0
sha256: {sha}
key: [as_of]
columns:
  - {{name: as_of, type: date}}
  - {{name: value, type: integer, min: 0}}
  - {{name: source, type: source}}
"""


@pytest.mark.parametrize("cell, problem", [
    ("2024-01", None), ("2024-01-12", None), ("2023", None),
    ("2024-02", "2024-02 is later than its source 'src-b' was published (2024-01-12)"),
    ("2024-01-13", "2024-01-13 is later than its source"),
    ("2024-13", "'2024-13' is not a date"), ("Jan 2024", "'Jan 2024' is not a date"),
])
def test_a_date_is_checked_for_form_and_against_its_source(tmp_path, cell, problem):
    text = f"as_of,value,source\n{cell},5,src-b\n"
    folder = tmp_path / "test"
    folder.mkdir()
    (folder / "dated.csv").write_text(text, encoding="utf-8")
    (folder / "dated.yaml").write_text(DATED_SCHEMA.format(sha=hashlib.sha256(text.encode()).hexdigest()))
    if problem is None:
        frame = load_dataset("test/dated", raw_dir=tmp_path, registry=SOURCES).frame
        assert frame.loc[0, "as_of"] == cell
    else:
        with pytest.raises(DataError, match=r"dated.csv, row 2, column 'as_of': " + re.escape(problem)):
            load_dataset("test/dated", raw_dir=tmp_path, registry=SOURCES)


def test_a_checksum_is_recorded_in_an_empty_sha256_field(tmp_path):
    write(tmp_path, GOOD_CSV)
    meta = tmp_path / "test" / "volumes.yaml"
    meta.write_text(re.sub(r"^sha256: .*$", 'sha256: ""', meta.read_text(), flags=re.M))
    update_checksum("test/volumes", raw_dir=tmp_path)
    text = meta.read_text()
    assert text.startswith("title: Test volumes") and f"sha256: {hashlib.sha256(GOOD_CSV.encode()).hexdigest()}" in text
    assert len(load(tmp_path).frame) == 2
