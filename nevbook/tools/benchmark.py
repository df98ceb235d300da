"""Time the book's builds and tests (a benchmark, not a test).

    make bench

Prints one table: a cold `make book EDITIONS=en` (the English edition alone), a cold `make book` (both
editions), a no-change rebuild, a rebuild after touching one notebook, a rebuild after a raw data file changed
(the cache guard must re-execute everything), `make test`, `make pdf` (both PDFs), the bare execution time of
all notebooks of both editions (nbclient, no Sphinx) and `make lineage`. Targets: the cold build of both
editions at most 2.2 times the English-only cold build, the no-change rebuild within 10% of the cold build,
the cold HTML build within 1.3 times the bare execution time, and the lineage check under 10 minutes.
`make book` is incremental at two levels: make skips the build when no input file changed, and Jupyter
Book's execution cache skips notebooks whose code and inputs (nevbook/tools/cache_guard.py) did not change.
"""
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .. import paths

BIN = Path(sys.executable).parent
DATA_FILE = paths.SOURCES_DIR / "caam.yaml"
TOUCHED = paths.CHAPTERS / "02_1_demand.ipynb"


def timed(*command):
    start = time.perf_counter()
    subprocess.run(command, cwd=paths.ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    print(f"  ({' '.join(command)}: {seconds:.1f} s)", flush=True)
    return seconds


def bare_execution():
    """Execute every chapter of both editions once with nbclient, in a scratch copy (figures and outputs
    untouched)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "book"
        for part in (paths.DATA, paths.FIGURES, paths.ROOT / "zh", paths.CHAPTERS):
            shutil.copytree(part, copy / part.relative_to(paths.ROOT))
        env = dict(os.environ, NEVBOOK_ROOT=str(copy))
        notebooks = sorted(str(p) for folder in ("chapters", "zh/chapters") for p in (copy / folder).glob("*.ipynb"))
        start = time.perf_counter()
        subprocess.run([str(BIN / "python"), "-m", "nevbook.tools.refresh_outputs", *notebooks],
                       cwd=copy, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start


def main():
    results = {}
    shutil.rmtree(paths.BUILD, ignore_errors=True)
    results["cold make book EDITIONS=en"] = timed("make", "book", "EDITIONS=en")
    shutil.rmtree(paths.BUILD, ignore_errors=True)
    results["cold make book"] = timed("make", "book")
    results["no-change make book"] = timed("make", "book")
    os.utime(TOUCHED)
    results["make book after touching one notebook"] = timed("make", "book")
    original = DATA_FILE.read_bytes()
    try:
        DATA_FILE.write_bytes(original + b"\n# benchmark: a change the cache guard must notice\n")
        results["make book after a data change"] = timed("make", "book")
    finally:
        DATA_FILE.write_bytes(original)
    timed("make", "book")  # leave the cache matching the real data
    results["make test"] = timed("make", "test")
    results["make pdf"] = timed("make", "pdf")
    results["bare execution of all notebooks (both editions)"] = bare_execution()
    results["make lineage"] = timed("make", "lineage")
    width = max(map(len, results))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    for name, seconds in results.items():
        print(f"{name:<{width}}  {seconds:6.1f} s")
    both = results["cold make book"] / results["cold make book EDITIONS=en"]
    no_change = results["no-change make book"] / results["cold make book"]
    cold = results["cold make book"] / results["bare execution of all notebooks (both editions)"]
    print(f"both editions / English alone = {both:.2f} (target <= 2.2); no-change / cold = {no_change:.2f} "
          f"(target <= 0.10); cold / bare execution = {cold:.2f} (target <= 1.3); "
          f"make lineage {results['make lineage']:.0f} s (target < 600)")


if __name__ == "__main__":
    main()
