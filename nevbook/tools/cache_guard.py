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

from .. import paths

STAMP = paths.BUILD / ".inputs.sha256"
STALE_ON_CHANGE = (paths.EXECUTION_CACHE, paths.BUILD / ".doctrees", paths.BUILD / "jupyter_execute")


def inputs():
    """Everything a notebook reads besides its own code: data (and the Chinese edition's claim renderings and
    names), the package it imports, the environment."""
    files = [p for p in paths.DATA.rglob("*") if p.is_file()]
    # the Chinese edition's claim renderings and names, which its notebooks read
    files += [p for folder in ("claims", "names") for p in (paths.ROOT / "zh" / folder).glob("*.yaml")]
    files += [p for p in [paths.ROOT / "zh" / "datasets.yaml"] if p.exists()]
    files += [p for p in (paths.ROOT / "nevbook").rglob("*.py") if "tools" not in p.relative_to(paths.ROOT).parts]
    files += list(paths.ENVIRONMENT)
    return sorted(files)


def fingerprint():
    digest = hashlib.sha256()
    for path in inputs():
        digest.update(path.relative_to(paths.ROOT).as_posix().encode() + b"\0")
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
    paths.BUILD.mkdir(exist_ok=True)
    STAMP.write_text(current + "\n")
    reason = "first build" if previous is None else "data/, nevbook/ or the pinned environment changed"
    print(f"cache guard: {reason}; notebooks will be re-executed")


if __name__ == "__main__":
    main()
