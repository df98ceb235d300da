"""Every path the project uses, derived from one root.

The root is the first of these (``find_root``):

1. ``NEVBOOK_ROOT``, when set: another copy of the book (the regression tests do
   this to run a notebook on altered data without touching the real ``data/``);
2. the folder holding the package, when it is a book (the repository, where the
   package is imported from its source or installed editable);
3. the current folder, or its parent, when it is a book: the package installed
   from a wheel lives in site-packages, so a chapter bundle
   (``nevbook.tools.bundles``) is found from where its notebook runs (the kernel
   starts in ``chapters/``, the bundle's root is its parent);
4. otherwise the folder holding the package, so that a missing file is named there.

A folder is a book when it holds ``data/raw`` and ``data/sources``.
"""
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent  # the nevbook package of the running code (not of ROOT's copy)


def is_book(folder):
    """Whether ``folder`` holds a book's data: ``data/raw`` and ``data/sources``."""
    return (folder / "data" / "raw").is_dir() and (folder / "data" / "sources").is_dir()


def find_root(environ=None, package=PACKAGE, cwd=None):
    """The book's root folder, chosen as the module docstring says."""
    environ = os.environ if environ is None else environ
    if environ.get("NEVBOOK_ROOT"):
        return Path(environ["NEVBOOK_ROOT"]).resolve()
    cwd = Path.cwd() if cwd is None else Path(cwd)
    for folder in (package.parent, cwd, cwd.parent):
        if is_book(folder.resolve()):
            return folder.resolve()
    return package.parent.resolve()


ROOT = find_root()

# What the book is made of
DATA = ROOT / "data"
RAW = DATA / "raw"
SOURCES_DIR = DATA / "sources"  # one YAML file per publisher or topic
CLAIMS_DIR = DATA / "claims"
FIGURES = ROOT / "figures"  # written by the notebooks (deterministic), committed, checked by the tests
CHAPTERS = ROOT / "chapters"
VERSION = ROOT / "VERSION"
TOC = ROOT / "_toc.yml"
REFERENCES_BIB = ROOT / "references.bib"
ENVIRONMENT = (ROOT / "requirements.txt", ROOT / "constraints.txt")

# What the build writes (none of it committed)
GENERATED = ROOT / "_generated"  # page parts, sources.bib and the site files, from `python -m nevbook.site`
SITE_FILES = GENERATED / "site"  # copied to the root of the HTML site (html_extra_path)
BUILD = ROOT / "_build"
HTML = BUILD / "html"
PDF = BUILD / "latex" / "nev-book.pdf"
EXECUTION_CACHE = BUILD / ".jupyter_cache"
DIST = ROOT / "dist"
BASELINES = ROOT / "baselines"  # each release's claims.json and figure digests, for `make changes`

# What a copy of the book needs to build (tests and the reproducibility check build such copies).
BOOK_SOURCES = ("VERSION", "CHANGELOG.md", "_config.yml", "_toc.yml", "intro.md", "audit.md", "data.md",
                "changes.md", "teachers.md", "run-yourself.md", "glossary.md", "references.md", "build.md",
                "references.bib", "chapters", "data", "figures", "scripts", "baselines", "zh")

# The full IEA Global EV Data Explorer files stay outside the repository.
IEA_SNAPSHOTS = Path(
    os.environ.get("NEVBOOK_IEA_SNAPSHOTS", ROOT.parent / "shared" / "data-snapshots" / "iea")
)


def chapters(language="en"):
    """An edition's chapter notebooks: ``chapters/`` (English) or ``zh/chapters/`` (Chinese)."""
    return CHAPTERS if language == "en" else ROOT / language / "chapters"


def figures(language="en"):
    """Where an edition's figures are written: ``figures/`` (English) or ``figures/zh/`` (Chinese)."""
    return FIGURES if language == "en" else FIGURES / language


def dataset_files(name):
    """Return ``(csv_path, metadata_path)`` of a raw dataset such as ``"caam/annual"``."""
    base = RAW / name
    return base.with_suffix(".csv"), base.with_suffix(".yaml")


def relative(path):
    """Show ``path`` relative to the root, for messages and tables."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
