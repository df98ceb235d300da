"""Every path the project uses, derived from one root.

The root is the repository folder. Set ``NEVBOOK_ROOT`` to point the package at
another copy of the book (the regression tests do this to run a notebook on
altered data without touching the real ``data/``).
"""
import os
from pathlib import Path

ROOT = Path(os.environ.get("NEVBOOK_ROOT", Path(__file__).resolve().parent.parent)).resolve()
PACKAGE = Path(__file__).resolve().parent  # the nevbook package of the running code (not of ROOT's copy)

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
                "references.bib", "chapters", "data", "figures", "scripts", "baselines")

# The full IEA Global EV Data Explorer files stay outside the repository.
IEA_SNAPSHOTS = Path(
    os.environ.get("NEVBOOK_IEA_SNAPSHOTS", ROOT.parent / "shared" / "data-snapshots" / "iea")
)


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
