"""Build the book twice from clean copies of the same commit and compare the results byte by byte.

    python -m nevbook.tools.reproducible         # the HTML sites and the figures (also a test)
    python -m nevbook.tools.reproducible --pdf   # the PDF (`make pdf-reproducible`, run by .ci/run)

The PDF's date is the commit's: ``SOURCE_DATE_EPOCH`` (set from the last commit, as ``make pdf`` does) with
``FORCE_SOURCE_DATE=1``, which XeTeX honours for the creation date, the document id and ``\today``.

Compares every file of the two HTML sites and the figures the notebooks wrote. Differences that are
unavoidable are listed in ALLOWED with the reason.
"""
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .. import paths, stamp
from . import editions

ALLOWED = {  # relative path -> reason
    "build.html": "the build report lists each notebook's execution time, which differs from run to run "
                  "(the page is left out of the search index, so searchindex.js stays identical)",
    "zh/build.html": "the same report in the Chinese edition",
}


def execute_into_cache(copy):
    """Execute the chapters of ``copy`` into its execution cache, one per core, as ``make book`` does
    (``scripts/execute-parallel.sh``); Jupyter Book then takes every result from the cache."""
    env = dict(os.environ, NEVBOOK_ROOT=str(copy), JUPYTERCACHE=str(copy / "_build" / ".jupyter_cache"))
    jcache = Path(sys.executable).parent / "jcache"
    notebooks = sorted(str(path) for language in editions.EDITIONS
                       for path in editions.chapters(language, copy).glob("*.ipynb"))
    subprocess.run([str(jcache), "notebook", "add", *notebooks], cwd=copy, env=env, input="y\n", text=True,
                   check=True, capture_output=True)
    subprocess.run([str(jcache), "project", "execute", "--executor", "local-parallel", "--timeout", "120"],
                   cwd=copy, env=env, check=True, capture_output=True)


def build(copy):
    """Build the HTML site of a book copy (all notebooks executed); return the site folder."""
    env = dict(os.environ, NEVBOOK_ROOT=str(copy))
    python = Path(sys.executable)
    subprocess.run([str(python), "-m", "nevbook.site"], cwd=copy, env=env, check=True, capture_output=True)
    subprocess.run([str(python), "-m", "nevbook.tools.bundles"], cwd=copy, env=bundle_environment(copy),
                   check=True, capture_output=True)
    execute_into_cache(copy)
    result = editions.build_both(copy, env=env)
    if result.returncode:
        raise RuntimeError(f"the build of {copy} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return copy / "_build" / "html"


def bundle_environment(copy):
    """The environment of the chapter bundles of ``copy``: dated by the commit being built (a copy is no git
    checkout, so without it the zip entries would carry the time of the build)."""
    return dict(os.environ, NEVBOOK_ROOT=str(copy),
                SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH") or str(stamp.source_date_epoch()))


def pdf_environment(copy):
    """The environment of a reproducible PDF build of ``copy``: dated by the commit being built."""
    env = dict(os.environ, NEVBOOK_ROOT=str(copy), FORCE_SOURCE_DATE="1")
    env.setdefault("SOURCE_DATE_EPOCH", str(stamp.source_date_epoch()))
    return env


def build_pdf(copy):
    """Build the PDFs of both editions of a book copy; return their paths."""
    env = pdf_environment(copy)
    python = Path(sys.executable)
    subprocess.run([str(python), "-m", "nevbook.site"], cwd=copy, env=env, check=True, capture_output=True)
    built = []
    for language in editions.EDITIONS:
        result = editions.build(language, "pdf", root=copy, strict=False, env=env, capture=True)
        if result.returncode:
            raise RuntimeError(f"the {language} PDF of {copy} failed:\n{(result.stdout + result.stderr)[-3000:]}")
        built.append(editions.pdf(language, copy))
    return built


def differences(first, second):
    """Relative paths that differ between two trees (present in one only, or different bytes)."""
    found = []
    comparison = filecmp.dircmp(first, second)

    def walk(cmp, prefix=""):
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(comparison)
    return sorted(path for path in found if path not in ALLOWED)


def copy_book(target):
    """Copy what the book is built from (``paths.BOOK_SOURCES``) into ``target``; return it."""
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for part in paths.BOOK_SOURCES:
        source = paths.ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=ignore)
        else:
            shutil.copy2(source, target / part)
    return target


def main(argv):
    if argv[:1] == ["--pdf"]:
        with tempfile.TemporaryDirectory() as tmp:
            first, second = (build_pdf(copy_book(Path(tmp) / name / "book")) for name in ("first", "second"))
            differ = [one.name for one, other in zip(first, second) if one.read_bytes() != other.read_bytes()]
        print("two PDF builds of each edition are identical" if not differ else f"the two builds differ: {differ}")
        return 1 if differ else 0
    with tempfile.TemporaryDirectory() as tmp:
        sites = [build(copy_book(Path(tmp) / name / "book")) for name in ("first", "second")]
        found = differences(*sites)
        found += [f"figures/{p}" for p in differences(sites[0].parent.parent / "figures",
                                                       sites[1].parent.parent / "figures")]
    for path in found:
        print(f"differs: {path}")
    print("two clean builds are identical" if not found else f"{len(found)} file(s) differ")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
