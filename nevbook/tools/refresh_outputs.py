"""Execute notebooks in place so that their committed outputs are current.

    python -m nevbook.tools.refresh_outputs [chapters/NAME.ipynb ...]   (default: every chapter of both editions)

Outputs are what nbval compares against, so refresh them only after you have
understood why they changed. Timing metadata is not recorded, so a rerun on
unchanged inputs leaves the files byte-identical.
"""
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .. import paths


def refresh(path):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=120, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)


def main(argv):
    targets = [Path(arg).resolve() for arg in argv] or [
        path for language in ("en", "zh") for path in sorted(paths.chapters(language).glob("*.ipynb"))]
    for path in targets:
        refresh(path)
        print(f"refreshed {paths.relative(path)}")


if __name__ == "__main__":
    main(sys.argv[1:])
