"""How this book was built: each notebook's execution, the key packages, and each page's last change.

``{nevbook-build-report}`` (a directive, used on ``build.md``) becomes, once every notebook has been
executed, a table of each chapter's execution time, method and status (from myst-nb's execution data)
and a table of the versions of the packages the book is built with. Execution times differ from run to
run, so that page is left out of the search index and of the byte-for-byte comparison of two builds.

``last_changed(path)`` gives the date and commit of the last change to a page's source, from git; the
Sphinx extension shows it at the foot of every page next to the version stamp.
"""
import subprocess
from functools import lru_cache
from importlib import metadata

from docutils import nodes
from myst_nb.sphinx_ import NbMetadataCollector
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from . import paths, wording

PACKAGES = ("jupyter-book", "sphinx", "myst-nb", "jupyter-cache", "nbclient", "pandas", "numpy", "matplotlib",
            "seaborn", "PyYAML", "nbval", "pytest")
REPORT_KEY = "has_build_report"


class BuildReportNode(nodes.General, nodes.Element):
    """Placeholder, replaced by the tables once all notebooks have run."""


class BuildReport(SphinxDirective):
    def run(self):
        NbMetadataCollector.set_doc_data(self.env, self.env.docname, REPORT_KEY, True)
        return [BuildReportNode()]


def table(header, rows):
    """A docutils table with a header row and plain-text cells."""
    group = nodes.tgroup(cols=len(header))
    group += [nodes.colspec(colwidth=1) for _ in header]
    head, body = nodes.thead(), nodes.tbody()
    for cells, parent in [(header, head)] + [(row, body) for row in rows]:
        row = nodes.row()
        row += [nodes.entry("", nodes.paragraph(text=str(cell))) for cell in cells]
        parent += row
    group += [head, body]
    result = nodes.table(classes=["colwidths-auto"])
    result += group
    return result


def execution_rows(doc_data):
    """``(notebook, method, seconds, status)`` for every executed notebook, in file order."""
    rows = []
    for docname in sorted(doc_data):
        executed = doc_data[docname].get("exec_data")
        if executed:
            seconds = "" if executed.get("runtime") is None else f"{executed['runtime']:.1f}"
            status = wording.say("report ran" if executed.get("succeeded") else "report failed")
            rows.append((f"{docname}.ipynb", executed.get("method", ""), seconds, status))
    return rows


def package_rows():
    return [(name, metadata.version(name)) for name in PACKAGES]


class BuildReportTransform(SphinxPostTransform):
    default_priority = 8

    def run(self, **kwargs):
        for node in list(self.document.findall(BuildReportNode)):
            executed = execution_rows(NbMetadataCollector.get_doc_data(self.env))
            node.replace_self([
                table(wording.say("report head"), executed),
                nodes.paragraph(text=wording.say("report count", count=len(executed))),
                table(wording.say("report packages"), package_rows()),
            ])


def pages_to_update(app, env):
    """When a notebook ran again, the page with the report is written again too."""
    if not NbMetadataCollector.new_exec_data(env):
        return []
    return [docname for docname, data in NbMetadataCollector.get_doc_data(env).items() if data.get(REPORT_KEY)]


@lru_cache(maxsize=None)
def last_changed(path):
    """``(date, commit, edited)`` of the last commit that changed ``path`` (relative to the book), with
    ``edited`` true when the file has changes not yet committed; ``()`` when it was never committed and
    None outside a git checkout."""
    def git(*args):
        return subprocess.run(["git", *args, "--", str(path)], cwd=paths.ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    try:
        found = git("log", "-1", "--format=%cs %h").split()
        edited = bool(git("status", "--porcelain"))
    except (OSError, subprocess.CalledProcessError):
        return None
    return (*found, edited) if len(found) == 2 else ()


def page_note(path):
    """The line at the foot of a page: when its content last changed."""
    changed = last_changed(path)
    if changed is None:
        return wording.say("page date unknown")
    if not changed:
        return wording.say("page not committed")
    date, commit, edited = changed
    return wording.say("page changed", date=date, commit=commit, edited=wording.say("page edited") * edited)


def setup(app):
    app.add_node(BuildReportNode)
    app.add_directive("nevbook-build-report", BuildReport)
    app.add_post_transform(BuildReportTransform)
    app.connect("env-updated", pages_to_update)
