"""The package's shape: one module builds paths, no import cycle, and the notebooks never import the tools."""
import ast
import json

from nevbook import paths

MODULES = sorted(paths.PACKAGE.rglob("*.py"))


def module_name(path):
    parts = path.relative_to(paths.PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path):
    """The nevbook modules a module imports (``from . import x``, ``from .x import y``, ``from .. import x``)."""
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else module_name(path)
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            if node.module:
                found.add(f"{base}.{node.module}")
            else:
                found.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("nevbook."):
            found.add(node.module)
    known = {module_name(p) for p in MODULES}
    return {name for name in found if name in known}


def test_the_package_has_no_import_cycle():
    graph = {module_name(path): imports(path) for path in MODULES}
    visiting, done, cycles = set(), set(), []

    def visit(name, trail):
        if name in visiting:
            cycles.append(trail[trail.index(name):] + [name])
            return
        if name in done:
            return
        visiting.add(name)
        for neighbour in sorted(graph.get(name, ())):
            visit(neighbour, trail + [name])
        visiting.discard(name)
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    assert cycles == []


def test_only_paths_builds_paths_from_the_code_s_location():
    offenders = [module_name(p) for p in MODULES if "__" + "file__" in p.read_text() and p.name != "paths.py"]
    tells = ("__" + "file__", "sys.path." + "insert", "importlib." + "util")  # split so that this file does not match
    offenders += [p.name for p in (paths.ROOT / "tests").glob("*.py") if any(t in p.read_text() for t in tells)]
    assert offenders == []


def test_notebooks_import_no_tools():
    found = [path.name for path in sorted(paths.CHAPTERS.glob("*.ipynb"))
             if "nevbook.tools" in json.dumps(json.loads(path.read_text())["cells"])]
    assert found == []
