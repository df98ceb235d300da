"""Check the built PDF: no missing glyphs, every chapter and figure present, key numbers readable.

    python -m nevbook.tools.check_pdf [_build/latex/nev-book.pdf]
"""
import re
import subprocess
import sys
from pathlib import Path

import yaml

from .. import audit, claims, paths

MIN_PAGES_PER_CHAPTER = 5  # the shortest chapter (4.2) takes about six pages


def text_of(pdf):
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def normalise(text):
    """One space between words, straight quotes: LaTeX typesets ' as a curly apostrophe."""
    return " ".join(text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').split())


def main(argv):
    pdf = Path(argv[0]) if argv else paths.PDF
    problems = []
    log = pdf.with_suffix(".log").read_text(errors="replace")
    missing = sorted(set(re.findall(r"Missing character: There is no (.) ", log)))
    if missing:
        problems.append(f"glyphs missing from the fonts: {' '.join(missing)}")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, flags=re.M).group(1))
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    embedded = sum(1 for line in images.splitlines()[2:] if " image " in line)
    figures = len(list(paths.FIGURES.glob("*.png")))
    chapters = len(list(paths.CHAPTERS.glob("*.ipynb")))
    if pages < MIN_PAGES_PER_CHAPTER * chapters:
        problems.append(f"only {pages} pages for {chapters} chapters: is a chapter missing?")
    if embedded < figures:
        problems.append(f"{embedded} images embedded, but figures/ holds {figures} figures")
    raw = text_of(pdf)
    text = normalise(raw)
    version = paths.VERSION.read_text().strip()
    expected = [f"Version {version} (commit", "data accessed up to", "Claims audit", "9.587",
                "What the data says differently", "Rests on 2 raw rows from 1 source"]
    toc = yaml.safe_load(paths.TOC.read_text())
    titles = []
    for part in toc["parts"]:
        for chapter in part["chapters"]:
            source = paths.ROOT / (chapter["file"] + (".ipynb" if chapter["file"].startswith("chapters/") else ".md"))
            if source.suffix == ".ipynb":
                first = __import__("json").loads(source.read_text())["cells"][0]["source"]
                title = "".join(first).splitlines()[0].lstrip("# ").strip()
            else:  # the first heading (after any front matter)
                title = next(line for line in source.read_text().splitlines() if line.startswith("# "))
                title = title.lstrip("# ").strip()
            expected.append(normalise(title))
            titles.append(normalise(title))
    for phrase in expected:
        if phrase.lower() not in text.lower():
            problems.append(f"text not found in the PDF: {phrase!r}")
    # Every verdict box, titled with its verdict first (what a reader of a black-and-white print sees)
    for entry in audit.collect():
        if f"{entry.verdict.upper()} · {claims.label_of(entry.claim)}".lower() not in text.lower():
            problems.append(f"no verdict box titled {entry.verdict.upper()!r} for {entry.claim.id}")
    # The paper's numbering only: no LaTeX chapter number in front of "2.1 Demand" in the contents or a heading
    # (a running head sets its page number far apart from the title, so one space marks a chapter number).
    lines = [line.strip().replace("’", "'") for line in raw.splitlines()]
    for title in titles:
        start = title[:24]
        if any(re.match(r"\d+ " + re.escape(start), line) for line in lines):
            problems.append(f"a second number in front of the chapter title {title!r}")
    print(f"{pdf.name}: {pages} pages, {embedded} images, {len(expected)} phrases checked")
    for problem in problems:
        print(f"PDF problem: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
