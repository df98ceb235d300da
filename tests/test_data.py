"""Every committed dataset and source passes validation, and the registries agree with each other."""
import re

import pytest
import yaml

from nevbook import data, paths, registry, sources
from nevbook.errors import DataError


@pytest.mark.parametrize("name", data.all_names())
def test_committed_dataset_is_valid(name):
    dataset = data.load_dataset(name)
    assert len(dataset.frame) > 0


def test_every_source_is_cited_by_some_dataset():
    cited = set()
    for name in data.all_names():
        cited |= set(data.load_dataset(name).source_ids())
    for name in ("claims", "stated_values", "outcomes"):
        cited |= set(data.load_dataset(name, raw_dir=paths.CLAIMS_DIR).source_ids())
    assert set(sources.registry()) - cited == set(), "sources listed in data/sources/ but never cited"


def caam_sources():
    return yaml.load((paths.SOURCES_DIR / "caam.yaml").read_text(), Loader=yaml.BaseLoader)


def test_sources_file_needs_every_field():
    raw = caam_sources()
    entry = dict(raw["caam-2023"])
    del entry["accessed"]
    with pytest.raises(DataError, match=r"row caam-2023, column 'accessed': missing required field"):
        sources.parse({"caam-2023": entry}, "sources.yaml")


def test_sources_file_rejects_a_bad_date():
    raw = caam_sources()
    entry = dict(raw["caam-2023"], published="12 Jan 2024")
    with pytest.raises(DataError, match=r"column 'published': '12 Jan 2024' is not a date"):
        sources.parse({"caam-2023": entry}, "sources.yaml")


def test_a_source_id_defined_twice_is_refused(tmp_path):
    text = (paths.SOURCES_DIR / "caam.yaml").read_text()
    (tmp_path / "a.yaml").write_text(text)
    (tmp_path / "b.yaml").write_text(text)
    with pytest.raises(DataError, match=r"b.yaml, row caam-2014: source id already defined in"):
        sources.load_registry(tmp_path)


def test_nev_volumes_never_exceed_all_vehicles():
    frame = data.load_dataset("caam/production_sales").frame
    wide = frame.pivot(index="year", columns="measure", values="value")
    both = wide[["nev_sales", "vehicle_sales"]].dropna()
    assert (both["nev_sales"] < both["vehicle_sales"]).all()
    split = wide[["bev_sales", "phev_sales", "nev_sales"]].dropna()
    assert ((split["bev_sales"] + split["phev_sales"]) <= split["nev_sales"] * 1.001).all()


def test_the_live_registry_holds_every_claim_of_the_paper_with_ids_of_the_scheme():
    """The paper's claims are all in the registry (the 60 of the list in ../shared/paper and the 8 that the
    sentence-by-sentence sweep of issue 12 added), named section-number
    (``2.1-01``; ``F`` for a figure, ``2.1-F1``), and the outcomes ``A-nn``."""
    reg = registry.load()
    assert len(reg.claims) == 84
    assert [i for i in reg.claims if not re.fullmatch(r"\d(\.\d)?-(F?\d+)", i)] == []
    assert [i for i in reg.outcomes if not re.fullmatch(r"A-\d\d", i)] == []
    misplaced = [claim_id for claim_id, claim in reg.claims.items()  # 3.1-03 may sit in section 3.1.1
                 if f"{claim.section}.".find(claim_id.split("-")[0] + ".") != 0]
    assert misplaced == []
