"""No typed numbers in a verdict's reason: its numbers come from computed values or the registry.

The test parses every notebook's code and reads the literal text of each
``because=`` / ``missing=`` argument of ``check``, ``assess``, ``not_checkable``
and ``outcome`` (the fixed parts of an f-string, plain strings, and string
variables of the same notebook that the argument uses). A digit or a number word
there is a typed number. The exceptions are few and explained in ``ALLOWED``. Both editions are
scanned; Chinese number words (两倍, 三分之一, 三成, 十余…) count as typed numbers too.
"""
import ast
import json
import re

import pytest

from nevbook import paths

NOTEBOOKS = sorted(paths.CHAPTERS.glob("*.ipynb")) + sorted(paths.chapters("zh").glob("*.ipynb"))
IDS = [paths.relative(p) for p in NOTEBOOKS]
VERDICT_CALLS = {"check", "assess", "not_checkable", "outcome"}
REASON_ARGUMENTS = {"because", "missing"}
NUMBER = re.compile(
    r"\d+(?:[.,]\d+)*|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred|dozens?)\b"
    r"|[一二两三四五六七八九十]+(?:倍|成(?![本为功立])|分之[一二三四五六七八九十]+)|十余|数十|数百|上百|几十", re.IGNORECASE)
# Digits touch Chinese characters without a word boundary, so the exceptions look at ASCII neighbours only.
A, Z = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
# Numbers that are names or dates, not results; each with the reason it may be typed.
ALLOWED = [
    (re.compile(A + r"(19|20)\d\d(s|-\d\d)?" + Z), "a year or month: dates in the paper's quotes and headings"),
    (re.compile(r"(?<![0-9.])(1[0-2]|0?[1-9])月((?:[12]\d|3[01]|0?[1-9])日)?"), "a month or day (7月, 2024年5月31日), "
     "as the English names them (July)"),
    (re.compile(A + r"863" + Z), "the name of the 863 Program"),
    (re.compile(A + r"CO2" + Z), "a chemical formula"),
    (re.compile(r"\b(section|chapter|§) ?\d(\.\d)*\b|第 ?\d(\.\d)* ?[节章]", re.IGNORECASE), "a section of the paper"),
    (re.compile(A + r"[A-Z]?\d\.\d-[A-Z]?\d+" + Z + "|" + A + r"\d-\d\d" + Z + "|" + A + r"A-\d\d" + Z),
     "a claim id"),
]


def literal_text(node, strings):
    """The typed text of a reason expression: literal parts only, formatted values left out."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(literal_text(part, strings) for part in node.values if not isinstance(part, ast.FormattedValue))
    if isinstance(node, ast.Name):
        return strings.get(node.id, "")
    return " ".join(literal_text(child, strings) for child in ast.iter_child_nodes(node)
                    if not isinstance(child, ast.FormattedValue))


def reasons(path):
    """Yield ``(claim id, typed text)`` for every verdict call in a notebook."""
    cells = json.loads(path.read_text())["cells"]
    trees = [ast.parse("".join(cell["source"])) for cell in cells if cell["cell_type"] == "code"]
    strings = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                    and isinstance(node.value, (ast.Constant, ast.JoinedStr, ast.BinOp)):
                strings[node.targets[0].id] = literal_text(node.value, strings)
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in VERDICT_CALLS:
                claim = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else "?"
                texts = [keyword.value for keyword in node.keywords if keyword.arg in REASON_ARGUMENTS]
                if getattr(node.func, "id") in ("assess", "outcome") and len(node.args) >= 3:
                    texts.append(node.args[2])
                if getattr(node.func, "id") == "not_checkable" and len(node.args) >= 2:
                    texts.append(node.args[1])
                yield claim, " ".join(literal_text(text, strings) for text in texts)


def typed_numbers(text):
    for pattern, _ in ALLOWED:
        text = pattern.sub(" ", text)
    return [match.group(0) for match in NUMBER.finditer(text)]


def test_the_scanner_finds_typed_numbers_and_skips_computed_ones(tmp_path):
    code = ('n = 16\nnote = "about seven of them"\n'
            'check("x", because=f"{n} cities, not 14,000; " + note)\n'
            'assess("y", "partly", f"In 2020 the share was {share:.1f}%.")\n')
    notebook = {"cells": [{"cell_type": "code", "source": code}]}
    path = tmp_path / "scanner-test.ipynb"
    path.write_text(json.dumps(notebook))
    found = {claim: typed_numbers(text) for claim, text in reasons(path)}
    assert found == {"x": ["14,000", "seven"], "y": []}


def test_the_scanner_reads_chinese_dates_and_number_words():
    assert typed_numbers("论断2-06：2023年5月至2024年，约为两倍，三成，三分之一，2.3-04") == ["两倍", "三成", "三分之一"]
    assert typed_numbers("三元锂电池的成本") == [] and typed_numbers("增长16%") == ["16"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_typed_numbers_in_reasons(path):
    found = {claim: numbers for claim, text in reasons(path) if (numbers := typed_numbers(text))}
    assert found == {}, "compute these numbers or read them with nevbook.registry.stated()"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_box_prints_a_failed_condition(path):
    """A condition a reason rests on is asserted (claims.expect), never printed as 'NOT confirmed'."""
    text = path.read_text()
    assert "NOT confirmed" not in text and "NOT second" not in text
