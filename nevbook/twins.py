"""One computation, two editions: each Chinese chapter against its English twin.

``zh/chapters/NAME.ipynb`` is the English ``chapters/NAME.ipynb`` with its words
translated. This module finds every way the two could compute differently:

- **structure**: the same cells in the same order, of the same types, with the same tags and figure names;
- **code**: each code cell does the same arithmetic. Both cells are parsed and compared with every string
  literal and comment set aside; an f-string keeps its fields (``{...}``), which may be reordered and given
  another format spec or display scale (a division by 10**k, k >= 3: ``{x / 1e6:.2f} million`` ↔
  ``{x / 1e4:,.0f}万``);
- **results**: each verdict a cell displays stores its record in the output metadata; the records of the
  two editions must be identical (verdict, computed values, causes, raw rows, datasets, sources) except the
  reason text, which is in the edition's language.

    python -m nevbook.twins [NAME ...]   # every chapter with a Chinese twin when no name is given

prints each difference as ``chapter NAME, cell N: ...`` and exits 1 when there is one.
"""
import ast
import sys
from pathlib import Path

import nbformat

from . import paths

LANGUAGE_FIELDS = ("because",)  # record fields written in the edition's language
STRING = "<string>"
SCALE = "<power of ten>"


def chinese_chapters():
    return paths.ROOT / "zh" / "chapters"


def twin_of(english):
    """The Chinese twin of an English chapter notebook (which may not exist)."""
    return chinese_chapters() / Path(english).name


def _is_display_scale(node):
    """A thousand, ten thousand (万), a million, a hundred million (亿)...: 10**k with k >= 3."""
    if not (isinstance(node, ast.Constant) and type(node.value) in (int, float)) or node.value < 1000:
        return False
    return f"{node.value:e}".startswith("1.000000e+")


class _Skeleton(ast.NodeTransformer):
    """Set aside what an edition may change: string literals, and the order, format and scale of f-string fields."""

    def visit_Constant(self, node):
        return ast.Constant(STRING) if isinstance(node.value, str) else node

    def visit_JoinedStr(self, node):
        fields = [self._field(part) for part in node.values if isinstance(part, ast.FormattedValue)]
        if not fields:
            return ast.Constant(STRING)
        return ast.Call(ast.Name("<f-string>", ast.Load()), [ast.Constant(text) for text in sorted(fields)], [])

    def _field(self, part):
        value = part.value
        if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Div) and _is_display_scale(value.right):
            value = ast.BinOp(value.left, ast.Div(), ast.Name(SCALE, ast.Load()))
        return ast.dump(self.visit(value)) + f"!{part.conversion}"


def skeleton(source):
    """The code of a cell with what an edition may change set aside, as a comparable string."""
    return ast.dump(_Skeleton().visit(ast.parse(source)))


def _figure_name(cell):
    return cell.metadata.get("mystnb", {}).get("figure", {}).get("name")


def _records(cell):
    found = []
    for output in cell.get("outputs", []):
        record = output.get("metadata", {}).get("nevbook", {}).get("verdict")
        if record:
            found.append({key: value for key, value in record.items() if key not in LANGUAGE_FIELDS})
    return found


def _record_difference(english, chinese):
    """The first field in which two lists of verdict records differ, or None."""
    if len(english) != len(chinese):
        return f"{len(english)} verdict(s) in English, {len(chinese)} in Chinese"
    for en, zh in zip(english, chinese):
        for key in sorted(set(en) | set(zh)):
            if en.get(key) != zh.get(key):
                return f"verdict {en.get('claim')}: {_first_change(key, en.get(key), zh.get(key))}"
    return None


def _first_change(key, english, chinese):
    """'computed' of a measure, or one row, rather than the whole list."""
    if isinstance(english, list) and isinstance(chinese, list) and len(english) == len(chinese):
        for number, (en, zh) in enumerate(zip(english, chinese)):
            if en != zh:
                return f"{key}[{number}] is {en!r} in English, {zh!r} in Chinese"
    return f"{key} is {english!r} in English, {chinese!r} in Chinese"


def differences(english_path, chinese_path=None):
    """Every difference between a chapter and its Chinese twin, as ``chapter NAME, cell N: ...`` lines."""
    english_path = Path(english_path)
    chinese_path = Path(chinese_path) if chinese_path else twin_of(english_path)
    name = english_path.stem
    if not chinese_path.exists():
        return [f"chapter {name}: no Chinese twin at {paths.relative(chinese_path)}"]
    english = nbformat.read(english_path, as_version=4)
    chinese = nbformat.read(chinese_path, as_version=4)
    found = []
    if english.metadata.get("nevbook") != chinese.metadata.get("nevbook"):
        found.append(f"chapter {name}: the notebook metadata 'nevbook' differs")
    if len(english.cells) != len(chinese.cells):
        found.append(f"chapter {name}: {len(english.cells)} cells in English, {len(chinese.cells)} in Chinese")
    for number, (en, zh) in enumerate(zip(english.cells, chinese.cells)):
        where = f"chapter {name}, cell {number}"
        if en.cell_type != zh.cell_type:
            found.append(f"{where}: a {en.cell_type} cell in English, a {zh.cell_type} cell in Chinese")
            continue
        if en.metadata.get("tags") != zh.metadata.get("tags"):
            found.append(f"{where}: tags {en.metadata.get('tags')} in English, {zh.metadata.get('tags')} in Chinese")
        if _figure_name(en) != _figure_name(zh):
            found.append(f"{where}: figure {_figure_name(en)!r} in English, {_figure_name(zh)!r} in Chinese")
        if en.cell_type != "code":
            continue
        try:
            same_code = skeleton(en.source) == skeleton(zh.source)
        except SyntaxError as error:
            found.append(f"{where}: the code does not parse ({error.msg}, line {error.lineno})")
            continue
        if not same_code:
            found.append(f"{where}: the code differs beyond strings and comments")
        problem = _record_difference(_records(en), _records(zh))
        if problem:
            found.append(f"{where}: {problem}")
    return found


def main(argv):
    names = argv or sorted(path.stem for path in chinese_chapters().glob("*.ipynb"))
    found = [line for name in names for line in differences(paths.CHAPTERS / f"{name}.ipynb")]
    for line in found:
        print(line)
    print(f"{len(names)} chapter(s) compared, {len(found)} difference(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
