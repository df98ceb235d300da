"""The committed IEA extracts are exactly what the extraction code makes from the full IEA files."""
import pytest

from nevbook import paths
from nevbook.tools import iea_extract


@pytest.mark.parametrize("name", list(iea_extract.EXTRACTS))
def test_extract_rebuilds_identically(name):
    snapshot = paths.IEA_SNAPSHOTS / iea_extract.EXTRACTS[name]["snapshot"]
    if not snapshot.exists():
        pytest.skip(f"full IEA file not present at {snapshot} (set NEVBOOK_IEA_SNAPSHOTS); extract not rebuilt")
    assert iea_extract.build(name) == iea_extract.target(name).read_bytes()


def test_a_different_edition_is_refused(tmp_path):
    name = "gevo2024_cars"
    (tmp_path / iea_extract.EXTRACTS[name]["snapshot"]).write_text("region,category\nWorld,Historical\n")
    with pytest.raises(ValueError, match="is not the edition this extract was built from"):
        iea_extract.build(name, snapshot_dir=tmp_path)


def test_missing_snapshot_is_reported(tmp_path):
    with pytest.raises(iea_extract.SnapshotMissing, match="full IEA file not found"):
        iea_extract.build("gevo2023_projections", snapshot_dir=tmp_path)
