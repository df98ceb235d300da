"""Every path the project uses, derived from one root.

The root is the repository folder. Set ``NEVBOOK_ROOT`` to point the package at
another copy of the book (the regression tests do this to run a notebook on
altered data without touching the real ``data/``).
"""
import os
from pathlib import Path

ROOT = Path(os.environ.get("NEVBOOK_ROOT", Path(__file__).resolve().parent.parent)).resolve()
DATA = ROOT / "data"
RAW = DATA / "raw"
SOURCES_DIR = DATA / "sources"  # one YAML file per publisher or topic
CLAIMS_DIR = DATA / "claims"
FIGURES = ROOT / "figures"
CHAPTERS = ROOT / "chapters"

# What a copy of the book needs to build (tests and the reproducibility check build such copies).
BOOK_SOURCES = ("VERSION", "CHANGELOG.md", "_config.yml", "_toc.yml", "intro.md", "audit.md", "data.md",
                "changes.md", "teachers.md", "run-yourself.md", "glossary.md", "references.md", "references.bib",
                "chapters", "data", "figures", "scripts")

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
