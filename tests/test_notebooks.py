"""Structure of the committed notebooks: in the table of contents, clean outputs, each claim checked once."""
import json
import re
from collections import Counter

import pytest
import yaml

from nevbook import paths, registry

NOTEBOOKS = sorted(paths.CHAPTERS.glob("*.ipynb"))
BOTH_EDITIONS = NOTEBOOKS + sorted(paths.chapters("zh").glob("*.ipynb"))
BOTH_IDS = [paths.relative(p) for p in BOTH_EDITIONS]
VERDICT_LINE = re.compile(r"^claim (\S+) \| (" + "|".join(registry.VERDICTS + registry.OUTCOME_VERDICTS) + ")")


def outputs(path):
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] == "code":
            yield from ((cell, output) for output in cell["outputs"])


def checked_claims(path):
    found = []
    for _, output in outputs(path):
        text = "".join(output.get("data", {}).get("text/plain", []))
        match = VERDICT_LINE.match(text)
        if match:
            found.append(match.group(1))
    return found


def toc_files():
    toc = yaml.safe_load(paths.TOC.read_text())
    return [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]


def test_every_notebook_is_in_the_table_of_contents():
    listed = set(toc_files())
    assert {f"chapters/{path.stem}" for path in NOTEBOOKS} <= listed


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=BOTH_IDS)
def test_outputs_are_committed_and_clean(path):
    notebook = json.loads(path.read_text())
    code_cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert all(cell["execution_count"] for cell in code_cells), "run `make outputs` to commit outputs"
    for cell, output in outputs(path):
        assert output["output_type"] != "error", cell["source"]
        assert output.get("name") != "stderr", f"warning or stderr in output: {output.get('text')}"
        assert "execution" not in cell["metadata"], "timing metadata makes outputs change on every run"


def test_each_claim_is_checked_in_exactly_one_notebook():
    counts = Counter(claim for path in NOTEBOOKS for claim in checked_claims(path))
    assert [claim for claim, n in counts.items() if n > 1] == []
    reg = registry.load()
    assert set(counts) <= set(reg.claims) | set(reg.outcomes)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_chapter_checks_exactly_the_claims_it_declares(path):
    declared = json.loads(path.read_text())["metadata"].get("nevbook", {}).get("claims")
    assert declared is not None, "list the chapter's claim ids in the notebook metadata: nevbook.claims"
    assert sorted(checked_claims(path)) == sorted(declared)


def test_the_demand_chapter_covers_section_2_1():
    section = {claim for claim in registry.load().claims if claim.startswith("2.1-")}
    assert section | {"2-05", "2-06"} == set(checked_claims(paths.CHAPTERS / "02_1_demand.ipynb"))


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=BOTH_IDS)
def test_figures_have_alt_text_and_caption(path):
    for cell in json.loads(path.read_text())["cells"]:
        if "style.save(" in "".join(cell["source"]):
            mystnb = cell["metadata"].get("mystnb", {})
            assert mystnb.get("image", {}).get("alt"), "figure cell needs mystnb.image.alt"
            assert mystnb.get("figure", {}).get("caption"), "figure cell needs mystnb.figure.caption"


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=BOTH_IDS)
def test_chapter_has_learning_goals_and_exercises_with_solutions(path):
    cells = json.loads(path.read_text())["cells"]
    sources = ["".join(cell["source"]) for cell in cells]
    goals = "**学习目标" if path.parent.parent.name == "zh" else "**Learning goals.**"
    assert any(source.startswith(goals) for source in sources), "add learning goals"
    markers = [s.splitlines()[0] for s in sources if re.match(r"`{3,}\{exercise-(start|end)\}", s)]
    assert markers == [], "write each exercise as one {exercise} cell with its text inside"
    exercises = [re.search(r":label: (\S+)", s).group(1) for s in sources if re.match(r"`{3,}\{exercise\}", s)]
    solved = [re.search(r"\{solution-start\} (\S+)", s).group(1) for s in sources if s.startswith("```{solution-start}")]
    assert 2 <= len(exercises) <= 4, f"{len(exercises)} exercises"
    assert sorted(exercises) == sorted(solved), "every exercise needs its solution"
    inside_solution = False
    for cell, source in zip(cells, sources):
        if source.startswith("```{solution-start}"):
            inside_solution = True
        elif source.startswith("```{solution-end}"):
            inside_solution = False
        elif inside_solution and cell["cell_type"] == "code":
            assert not re.search(r"\b(check|assess|not_checkable|outcome)\(", source), "solutions give no verdicts"
            assert cell["outputs"], "solutions are executed"
            shown = ["".join(o.get("data", {}).get("text/plain", "")) for o in cell["outputs"]
                     if o["output_type"] == "execute_result"]
            assert not any(text[:1] in ("'", '"') for text in shown), "end a solution's sentence with Markdown(...)"


def test_exercise_labels_are_unique_in_the_book():
    labels = [match for path in NOTEBOOKS for cell in json.loads(path.read_text())["cells"]
              for match in re.findall(r":label: (\S+)", "".join(cell["source"]))]
    assert [label for label, n in Counter(labels).items() if n > 1] == []


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=BOTH_IDS)
def test_the_setup_cell_holds_imports_the_edition_and_the_style_only(path):
    """Helpers and constants sit where a reader first meets them, not hidden in the setup cell."""
    import ast

    first = next(cell for cell in json.loads(path.read_text())["cells"] if cell["cell_type"] == "code")
    allowed = {"style.apply()", f"edition.use({'zh' if path.parent.parent.name == 'zh' else 'en'!r})"}
    other = [ast.unparse(node) for node in ast.parse("".join(first["source"])).body
             if not isinstance(node, (ast.Import, ast.ImportFrom)) and ast.unparse(node) not in allowed]
    assert other == []


def test_growth_is_defined_once_in_the_package():
    code = "\n".join("".join(cell["source"]) for path in NOTEBOOKS for cell in json.loads(path.read_text())["cells"]
                     if cell["cell_type"] == "code")
    assert "def growth_pct" not in code and "pct_change(" not in code
    assert not re.search(r"/ ?\w+(\[[^\]]*\])?\.shift\(1?\) - 1\) \* 100", code), "use nevbook.series.growth_pct"
