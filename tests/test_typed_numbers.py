"""No typed numbers in a verdict's reason: its numbers come from computed values or the registry.

The test parses every notebook's code and reads the literal text of each
``because=`` / ``missing=`` argument of ``check``, ``assess``, ``not_checkable``
and ``outcome`` (the fixed parts of an f-string, plain strings, and string
variables of the same notebook that the argument uses). A digit or a number word
there is a typed number. The exceptions are few and explained in ``ALLOWED``.
"""
import ast
import json
import re

import pytest

from nevbook import paths

NOTEBOOKS = sorted(paths.CHAPTERS.glob("*.ipynb"))
VERDICT_CALLS = {"check", "assess", "not_checkable", "outcome"}
REASON_ARGUMENTS = {"because", "missing"}
NUMBER = re.compile(
    r"\d+(?:[.,]\d+)*|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred|dozens?)\b", re.IGNORECASE)
# Numbers that are names or dates, not results; each with the reason it may be typed.
ALLOWED = [
    (re.compile(r"\b(19|20)\d\d(s|-\d\d)?\b"), "a year or month: dates in the paper's quotes and headings"),
    (re.compile(r"\b863\b"), "the name of the 863 Program"),
    (re.compile(r"\bCO2\b"), "a chemical formula"),
    (re.compile(r"\b(section|chapter|§) ?\d(\.\d)*\b", re.IGNORECASE), "a section of the paper"),
    (re.compile(r"\b[A-Z]?\d\.\d-[A-Z]?\d+\b|\b\d-\d\d\b|\bA-\d\d\b"), "a claim id"),
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_no_typed_numbers_in_reasons(path):
    found = {claim: numbers for claim, text in reasons(path) if (numbers := typed_numbers(text))}
    assert found == {}, "compute these numbers or read them with nevbook.registry.stated()"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_no_box_prints_a_failed_condition(path):
    """A condition a reason rests on is asserted (claims.expect), never printed as 'NOT confirmed'."""
    text = path.read_text()
    assert "NOT confirmed" not in text and "NOT second" not in text
