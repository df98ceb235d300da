"""Build the book's two editions: English at the root of the site, Chinese (中文版) under ``zh/``.

    python -m nevbook.tools.editions html [en] [zh]   # `make book` (EDITIONS="en zh" by default)
    python -m nevbook.tools.editions pdf [en] [zh]    # `make pdf`

Each edition is its own Jupyter Book project: the English one is the repository root (``_config.yml``),
the Chinese one the folder ``zh/`` (``zh/_config.yml``), whose notebooks run the same code over the same
data (``nevbook.twins``). Both are built from the repository root, so they share one execution cache
(``_build/.jupyter_cache``), and are built at the same time, one process each. The Chinese build writes
into ``_build/zh/`` and its HTML is then copied to ``_build/html/zh/``, so the language switcher on each
page finds the same page in the other edition.
"""
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import paths

EDITIONS = ("en", "zh")
PDF_NAMES = {"en": "nev-book.pdf", "zh": "nev-book-zh.pdf"}


def source(language, root=None):
    """The folder holding the edition's ``_config.yml`` and ``_toc.yml``."""
    root = Path(root or paths.ROOT)
    return root if language == "en" else root / language


def chapters(language, root=None):
    return source(language, root) / "chapters"


def build_folder(language, root=None):
    """Where Jupyter Book writes the edition (its ``html`` and ``latex`` folders)."""
    root = Path(root or paths.ROOT)
    return root / "_build" if language == "en" else root / "_build" / language / "_build"


def site(language, root=None):
    """The edition's pages in the finished site."""
    root = Path(root or paths.ROOT)
    return root / "_build" / "html" if language == "en" else root / "_build" / "html" / language


def pdf(language, root=None):
    return build_folder(language, root) / "latex" / PDF_NAMES[language]


def command(language, builder="html", root=None, strict=True, rebuild=False):
    """The ``jupyter-book build`` command line of one edition."""
    root = Path(root or paths.ROOT)
    line = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(source(language, root))]
    if language != "en":
        line += ["--path-output", str(root / "_build" / language)]
    if builder == "pdf":
        line += ["--builder", "pdflatex"]
    if rebuild:
        line.append("--all")
    if strict:
        line += ["-W", "-n", "--keep-going"]
    return line


def build(language, builder="html", root=None, strict=True, rebuild=False, env=None, capture=False):
    """Build one edition (from the repository root, for the shared cache); return the completed process.

    The Chinese HTML is copied under ``zh/`` of the English site once it is built."""
    root = Path(root or paths.ROOT)
    result = subprocess.run(command(language, builder, root, strict, rebuild), cwd=root,
                            env=env or dict(os.environ), capture_output=capture, text=True)
    if result.returncode == 0 and builder == "html" and language != "en":
        target = site(language, root)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(build_folder(language, root) / "html", target)
    return result


def build_together(languages, builder="html", root=None, strict=True, rebuild=False, env=None):
    """Build several editions at once, one process each (a Sphinx build uses one core); return one completed
    process with every output, edition by edition, and the first failure's return code (0 when all passed)."""
    with ThreadPoolExecutor(max_workers=len(languages)) as pool:
        results = list(pool.map(lambda language: build(language, builder, root, strict, rebuild, env, capture=True),
                                languages))
    failed = next((result.returncode for result in results if result.returncode), 0)
    return subprocess.CompletedProcess(
        [result.args for result in results], failed,
        "".join(f"--- {language}: {' '.join(result.args)}\n{result.stdout}" for language, result in zip(languages, results)),
        "".join(result.stderr for result in results))


def build_both(root, env=None):
    """Build both editions' HTML strictly and from scratch (the tests' and the reproducibility check's build)."""
    return build_together(EDITIONS, root=root, rebuild=True, env=env)


def main(argv):
    builder, languages = argv[0], argv[1:] or list(EDITIONS)
    unknown = [language for language in languages if language not in EDITIONS]
    if builder not in ("html", "pdf") or unknown:
        print(f"usage: python -m nevbook.tools.editions html|pdf [{' '.join(EDITIONS)}]", file=sys.stderr)
        return 2
    result = build_together(languages, builder, strict=builder == "html")
    print(result.stdout[-40000:], end="", flush=True)
    print(result.stderr[-40000:], end="", file=sys.stderr, flush=True)
    return 1 if result.returncode else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
