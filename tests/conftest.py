"""Fixtures shared by the tests: a scratch copy of the book, one strict build of it, and how to run in it.

Tests that execute notebooks or build the book are marked ``slow``; ``make unit`` runs the others.
"""
import os
import shutil
import subprocess
import sys

import pytest

from nevbook import paths
from nevbook.tools import editions
from nevbook.tools.reproducible import bundle_environment, copy_book, execute_into_cache


@pytest.fixture
def book_copy(tmp_path):
    """A copy of the book's sources; run things in it with ``run_in(copy, ...)``."""
    return copy_book(tmp_path / "book")


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """One strict build (-W -n --keep-going, all notebooks executed, with the chapter bundles) of both editions
    of a copy of the book.

    Returns the completed process and the copy; tests read ``copy / "_build/html"`` (the Chinese edition is
    its ``zh/`` folder).
    """
    copy = copy_book(tmp_path_factory.mktemp("built") / "book")
    generated = run_in(copy, "-m", "nevbook.site")
    assert generated.returncode == 0, generated.stderr[-3000:]
    bundles = subprocess.run([sys.executable, "-m", "nevbook.tools.bundles"], cwd=copy, capture_output=True,
                             text=True, timeout=600, env=bundle_environment(copy))
    assert bundles.returncode == 0, bundles.stderr[-3000:]
    execute_into_cache(copy)
    return editions.build_both(copy, env=dict(os.environ, NEVBOOK_ROOT=str(copy))), copy


def run_in(copy, *args, timeout=600):
    """Run a command with the nevbook package pointed at ``copy`` (NEVBOOK_ROOT)."""
    env = dict(os.environ, NEVBOOK_ROOT=str(copy), PYTHONWARNINGS="ignore")
    return subprocess.run(
        [sys.executable, *args], cwd=copy, env=env, capture_output=True, text=True, timeout=timeout
    )


def nbval(copy, notebook):
    """Run nbval on one notebook of a book copy, against its committed outputs."""
    shutil.copy2(paths.ROOT / "tests" / "nbval_sanitize.cfg", copy / "nbval_sanitize.cfg")
    (copy / "pytest.ini").write_text("[pytest]\n")
    return run_in(
        copy, "-m", "pytest", "-c", "pytest.ini", "--rootdir", ".", "-p", "no:cacheprovider", "--color=no", "-ra",
        "--nbval", "--nbval-current-env", "--nbval-sanitize-with", "nbval_sanitize.cfg", notebook,
    )
