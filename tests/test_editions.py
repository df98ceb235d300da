"""Two editions, one computation: every Chinese chapter computes exactly what its English twin computes.

``nevbook.twins`` compares each pair (cells, code beyond strings and comments, every verdict's values, causes
and raw rows). These tests run it over every chapter, show that it fails when a number changes in one edition
only, and check what both editions share: the claims' Chinese renderings, the interface wording, the glossary's
terms, the table of contents, the names of data values and the CJK font of the Chinese figures.
"""
import re
import warnings

import matplotlib
import nbformat
import pytest
import yaml

from nevbook import edition, paths, registry, twins, wording

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

ENGLISH = sorted(paths.CHAPTERS.glob("*.ipynb"))
CHINESE = sorted(paths.chapters("zh").glob("*.ipynb"))
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_chapter_has_a_chinese_twin_and_no_twin_is_alone():
    assert [path.name for path in CHINESE] == [path.name for path in ENGLISH]


@pytest.mark.parametrize("path", ENGLISH, ids=[p.stem for p in ENGLISH])
def test_the_chinese_chapter_computes_what_the_english_one_computes(path):
    assert twins.differences(path) == []


@pytest.fixture
def pair(tmp_path):
    """An English chapter and an exact copy of it as its 'Chinese' twin, in a scratch folder."""
    english = paths.CHAPTERS / "02_4_infrastructure.ipynb"
    twin = tmp_path / english.name
    twin.write_bytes(english.read_bytes())
    return english, twin


def cell_of(notebook, claim_id):
    """The number of the code cell that gives ``claim_id``'s verdict."""
    return next(number for number, cell in enumerate(notebook.cells)
                if cell.cell_type == "code" and f'"{claim_id}"' in cell.source and "check(" in cell.source)


def test_words_may_differ_and_fields_may_move_but_a_number_may_not(pair):
    english, twin = pair
    notebook = nbformat.read(twin, as_version=4)
    number = cell_of(notebook, "2.4-01")
    cell = notebook.cells[number]
    original = cell.source
    # the words, the order of the fields and a display scale (million -> 万) may change
    cell.source = original.replace('f"The growth is reproduced: {growth_may_2024:.1f}% from "',
                                   'f"增长率得以复现：由{may_2023 / 1e4:.0f}万台增至" f"{growth_may_2024:.2f}%"') \
        .replace('f"{may_2023 / 1e6:.3f} million (May 2023) to', 'f"（2023年5月）to')
    assert cell.source != original
    nbformat.write(notebook, twin)
    assert twins.differences(english, twin) == []
    # a percentage scaled differently is another computation
    assert code_edited(pair, "2.4-01", "gap / may_2024 * 100", "gap / may_2024 * 1000")


def code_edited(pair, claim_id, old, new):
    """Replace ``old`` by ``new`` in the twin's cell giving ``claim_id``; true when exactly that cell is reported."""
    english, twin = pair
    notebook = nbformat.read(twin, as_version=4)
    number = cell_of(notebook, claim_id)
    assert old in notebook.cells[number].source
    notebook.cells[number].source = notebook.cells[number].source.replace(old, new)
    nbformat.write(notebook, twin)
    return twins.differences(english, twin) == [
        f"chapter 02_4_infrastructure, cell {number}: the code differs beyond strings and comments"]


def test_a_number_changed_in_one_edition_fails_naming_chapter_and_cell(pair):
    assert code_edited(pair, "2.4-02", "added_2023 = swap_2023 - swap_2022", "added_2023 = swap_2023 - swap_2022 + 1")


def test_a_computed_value_changed_in_one_edition_fails_naming_the_measure(pair):
    english, twin = pair
    notebook = nbformat.read(twin, as_version=4)
    number = cell_of(notebook, "2.4-02")
    record = next(output.metadata["nevbook"]["verdict"] for output in notebook.cells[number].outputs
                  if "nevbook" in output.get("metadata", {}))
    record["measures"][0]["computed"] += 1
    record["because"] = "理由以本版语言书写，可以不同"  # the reason is the one field allowed to differ
    nbformat.write(notebook, twin)
    (problem,) = twins.differences(english, twin)
    assert problem.startswith(f"chapter 02_4_infrastructure, cell {number}: verdict 2.4-02: measures[0] is ")


def test_a_cell_added_in_one_edition_is_reported(pair):
    english, twin = pair
    notebook = nbformat.read(twin, as_version=4)
    cells = len(notebook.cells)
    notebook.cells.insert(2, nbformat.v4.new_markdown_cell("多出的一段"))
    nbformat.write(notebook, twin)
    found = twins.differences(english, twin)
    assert found[0] == f"chapter 02_4_infrastructure: {cells} cells in English, {cells + 1} in Chinese"
    assert "chapter 02_4_infrastructure, cell 2: a code cell in English, a markdown cell in Chinese" in found


@pytest.mark.parametrize("path", CHINESE, ids=[p.stem for p in CHINESE])
def test_every_markdown_cell_of_a_chinese_chapter_is_in_chinese(path):
    def prose(cell):  # without directive fences, their options and labels
        return "\n".join(line for line in cell.source.splitlines()
                         if not line.startswith(("```", ":")) and not re.fullmatch(r"\([\w-]+\)=", line))

    cells = nbformat.read(path, as_version=4).cells
    untranslated = [number for number, cell in enumerate(cells) if cell.cell_type == "markdown"
                    and re.search(r"[A-Za-z]{3}", prose(cell)) and not HAN.search(cell.source)]
    assert untranslated == [], f"cells still in English only: {untranslated}"


def test_every_page_of_the_chinese_edition_exists_and_is_in_chinese():
    def files(toc):
        return [chapter["file"] for part in yaml.safe_load(toc.read_text())["parts"] for chapter in part["chapters"]]

    assert files(paths.ROOT / "zh" / "_toc.yml") == files(paths.TOC)
    for page in ("intro", *files(paths.TOC)):
        if not page.startswith("chapters/"):
            assert HAN.search((paths.ROOT / "zh" / f"{page}.md").read_text(encoding="utf-8")), page


def test_every_claim_and_outcome_has_its_chinese_text():
    reg = registry.load()
    found = wording.chinese_claims()
    missing = [f"{claim_id}: {field}" for claim_id in reg.claims for field in ("quote", "stated")
               if not HAN.search(found.get(claim_id, {}).get(field, ""))]
    missing += [f"{claim_id}: {field}" for claim_id in reg.outcomes for field in ("statement", "basis")
                if not HAN.search(found.get(claim_id, {}).get(field, ""))]
    assert missing == []
    assert sorted(set(found) - set(reg.claims) - set(reg.outcomes)) == []


def test_the_wording_has_both_editions_with_the_same_fields():
    fields = re.compile(r"{(\w+)")
    for key, (english, chinese) in wording.TEXT.items():
        assert type(english) is type(chinese), key
        if isinstance(english, str):
            # English alone marks plurals ({rows_s}); every other field is in both
            plural = {field for field in fields.findall(english) if field.endswith("_s")}
            assert set(fields.findall(english)) - plural == set(fields.findall(chinese)), key
        else:
            assert len(english) == len(chinese), key
    assert set(wording.VERDICT_NAMES) == set(registry.VERDICTS + registry.OUTCOME_VERDICTS)
    assert set(wording.CAUSE_NAMES) == set(registry.CAUSES)
    assert set(wording.COMPARISONS) == set(registry.COMPARISONS)
    units = {value.unit for values in registry.load().values.values() for value in values}
    assert units <= set(wording.UNIT_NAMES)


def test_a_verdict_box_speaks_the_edition_of_its_notebook():
    from nevbook import claims

    with edition.using("zh"):
        box = claims.assess("2.4-03", "partly", because="理由。", causes=["wording"])
        markdown = box._repr_markdown_()
    assert "部分复现 · 论断 2.4-03（第 2.4 节）" in markdown and "结论：部分复现。" in markdown
    assert "“NIO has taken the lead" in markdown and "（本书译：" in markdown  # the paper in English, then ours
    assert "原因：措辞不当。" in markdown
    assert edition.current() == "en"
    assert "PARTLY · Claim 2.4-03 (section 2.4)" in claims.assess(
        "2.4-03", "partly", because="A reason.", causes=["wording"])._repr_markdown_()


def test_names_of_data_values_pass_through_in_english_and_are_looked_up_in_chinese():
    assert wording.name("Guangdong") == "Guangdong"
    with edition.using("zh"):
        assert wording.name("Guangdong") == "广东" and wording.month_name(7) == "7月"
        with pytest.raises(KeyError, match="zh/names/<chapter>.yaml"):
            wording.name("Atlantis")
    assert wording.month_name(7) == "July"


def test_one_chinese_name_per_value_across_chapters(tmp_path, monkeypatch):
    names = tmp_path / "zh" / "names"
    names.mkdir(parents=True)
    (names / "a.yaml").write_text('"JAC": 江淮\n', encoding="utf-8")
    (names / "b.yaml").write_text('"JAC": 江淮汽车\n', encoding="utf-8")
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    wording.chinese_names.cache_clear()
    try:
        with pytest.raises(ValueError, match="'JAC' is '江淮汽车' here but '江淮'"):
            wording.chinese_names()
    finally:
        wording.chinese_names.cache_clear()


def glossary_terms(path):
    """The term lines of a glossary page: ``[[term, alias, …], …]`` per entry."""
    text = path.read_text(encoding="utf-8")
    body = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    entries, current = [], []
    for line in body.splitlines()[1:]:
        if line and not line.startswith(" "):
            current.append(line.strip())
        elif current:
            entries.append(current)
            current = []
    return entries + ([current] if current else [])


def test_the_glossaries_are_one_list_of_terms_chinese_first():
    english = [entry[0] for entry in glossary_terms(paths.ROOT / "glossary.md")]
    chinese = glossary_terms(paths.ROOT / "zh" / "glossary.md")
    assert all(len(entry) == 2 and HAN.search(entry[0]) for entry in chinese), "Chinese term, then the English one"
    assert sorted(entry[1] for entry in chinese) == sorted(english)


def test_matplotlib_draws_chinese_with_the_cjk_font():
    from nevbook import style

    family = style.cjk_font()
    found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert "NotoSansCJK" in found
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font" would be a warning
        fig, ax = plt.subplots()
        ax.set_title("新能源汽车销量（万辆）", fontfamily=family)
        fig.canvas.draw()
        plt.close(fig)


def test_every_dataset_has_a_chinese_title_and_description():
    from nevbook import data

    names = {name for name in data.all_names(paths.RAW)} | {f"claims/{name}" for name in data.all_names(paths.CLAIMS_DIR)}
    found = wording.chinese_datasets()
    assert sorted(set(found) ^ names) == []
    assert [name for name, texts in found.items()
            if not (HAN.search(texts.get("title", "")) and HAN.search(texts.get("description", "")))] == []
