"""Time the book's builds and tests (a benchmark, not a test).

`make book` is incremental at two levels: make skips the build when no input
file changed, and Jupyter Book's execution cache skips notebooks whose code and
inputs (see scripts/cache_guard.py) did not change.

    make bench

Reports a cold build (no _build/), a no-change rebuild, a rebuild after a raw
data file changed (the cache guard must re-execute) and the full test suite,
and whether the no-change rebuild stays within a tenth of the cold build.
"""
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUILD = (["make", "book"],)
DATA_FILE = ROOT / "data" / "sources" / "caam.yaml"


def timed(*commands):
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    results = {"cold build": timed(*BUILD), "no-change rebuild": timed(*BUILD)}
    results["Sphinx rebuild, cached notebooks"] = timed(
        [str(BIN / "jupyter-book"), "build", ".", "--all", "-W", "-n", "--keep-going"]
    )
    original = DATA_FILE.read_bytes()
    try:
        DATA_FILE.write_bytes(original + b"\n# benchmark: a change the cache guard must notice\n")
        results["rebuild after a data change"] = timed(*BUILD)
    finally:
        DATA_FILE.write_bytes(original)
    timed(*BUILD)  # leave the cache matching the real data
    results["make test (pytest)"] = timed([str(BIN / "python"), "-m", "pytest", "-q"])
    width = max(map(len, results))
    for name, seconds in results.items():
        print(f"{name:<{width}}  {seconds:6.1f} s")
    ratio = results["no-change rebuild"] / results["cold build"]
    print(f"no-change rebuild / cold build = {ratio:.2f} ({'within' if ratio <= 0.1 else 'ABOVE'} the 0.10 target)")


if __name__ == "__main__":
    main()
