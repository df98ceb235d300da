"""Keep the execution cache honest: clear it when the notebooks' inputs change.

Jupyter Book's cache keys each notebook on its code only, so a changed raw file
would otherwise be served from stale results. This script fingerprints every
input a notebook reads besides its own code (data/, the nevbook package and the
pinned environment). When the fingerprint differs from the one recorded at the
last build, it deletes the execution cache and Sphinx's parsed documents so that
the next build re-executes and re-reads every notebook.
"""
import hashlib
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
STAMP = BUILD / ".inputs.sha256"
STALE_ON_CHANGE = (BUILD / ".jupyter_cache", BUILD / ".doctrees", BUILD / "jupyter_execute")


def inputs():
    files = [p for p in (ROOT / "data").rglob("*") if p.is_file()]
    files += list((ROOT / "nevbook").rglob("*.py"))
    files += [ROOT / "requirements.txt", ROOT / "constraints.txt"]
    return sorted(files)


def fingerprint():
    digest = hashlib.sha256()
    for path in inputs():
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def main():
    current = fingerprint()
    previous = STAMP.read_text().strip() if STAMP.exists() else None
    if previous == current:
        print("cache guard: inputs unchanged, cached notebook results are valid")
        return
    for path in STALE_ON_CHANGE:
        shutil.rmtree(path, ignore_errors=True)
    BUILD.mkdir(exist_ok=True)
    STAMP.write_text(current + "\n")
    reason = "first build" if previous is None else "data/, nevbook/ or the pinned environment changed"
    print(f"cache guard: {reason}; notebooks will be re-executed")


if __name__ == "__main__":
    main()
