"""Check the built PDFs of both editions: no missing glyphs, every chapter and figure present, key numbers
readable, every verdict box titled with its verdict.

    python -m nevbook.tools.check_pdf [en] [zh]      # or the path of one PDF
"""
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from .. import audit, claims, edition, paths, wording
from . import editions

MIN_PAGES_PER_CHAPTER = 5  # the shortest chapter (4.2) takes about six pages


def text_of(pdf):
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def normalise(text):
    """One space between words, straight quotes: LaTeX typesets ' as a curly apostrophe."""
    return " ".join(text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').split())


def expected_phrases(language):
    """What the PDF of an edition must say, besides its chapter titles and verdict boxes."""
    version = paths.VERSION.read_text().strip()
    with edition.using(language):
        rests_on = wording.say("rests on", rows=2, rows_s="s", sources=1, sources_s="")
    if language == "zh":
        return [f"版本 {version}（提交", "数据访问截至", "9.587", rests_on]
    return [f"Version {version} (commit", "data accessed up to", "Claims audit", "9.587",
            "What the data says differently", rests_on]


def chapter_titles(language):
    """Each page's first heading, in the order of the edition's table of contents."""
    root = editions.source(language)
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    titles = []
    for part in toc["parts"]:
        for chapter in part["chapters"]:
            source = root / (chapter["file"] + (".ipynb" if chapter["file"].startswith("chapters/") else ".md"))
            if source.suffix == ".ipynb":
                first = json.loads(source.read_text())["cells"][0]["source"]
                title = "".join(first).splitlines()[0].lstrip("# ").strip()
            else:  # the first heading (after any front matter)
                title = next(line for line in source.read_text().splitlines() if line.startswith("# "))
                title = title.lstrip("# ").strip()
            titles.append(normalise(title))
    return titles


def check(pdf, language="en"):
    """The problems of one edition's PDF (an empty list when it passes)."""
    problems = []
    log = pdf.with_suffix(".log").read_text(errors="replace")
    missing = sorted(set(re.findall(r"Missing character: There is no (.) ", log)))
    if missing:
        problems.append(f"glyphs missing from the fonts: {' '.join(missing)}")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, flags=re.M).group(1))
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    embedded = sum(1 for line in images.splitlines()[2:] if " image " in line)
    figures = len(list(paths.figures(language).glob("*.png")))
    chapters = len(list(editions.chapters(language).glob("*.ipynb")))
    if pages < MIN_PAGES_PER_CHAPTER * chapters:
        problems.append(f"only {pages} pages for {chapters} chapters: is a chapter missing?")
    if embedded < figures:
        problems.append(f"{embedded} images embedded, but {paths.relative(paths.figures(language))} holds {figures} figures")
    raw = text_of(pdf)
    # Chinese has no spaces between words, and a line break inside a phrase puts one in the extracted text
    squeeze = (lambda text: "".join(text.split())) if language == "zh" else (lambda text: text)
    text = squeeze(normalise(raw)).lower()
    titles = chapter_titles(language)
    expected = expected_phrases(language) + titles
    for phrase in expected:
        if squeeze(normalise(phrase)).lower() not in text:
            problems.append(f"text not found in the PDF: {phrase!r}")
    # Every verdict box, titled with its verdict first (what a reader of a black-and-white print sees)
    with edition.using(language):
        for entry in audit.collect(editions.chapters(language)):
            title = f"{wording.verdict_name(entry.verdict).upper()} · {claims.label_of(entry.claim)}"
            if squeeze(normalise(title)).lower() not in text:
                problems.append(f"no verdict box titled {title!r} for {entry.claim.id}")
    # The paper's numbering only: no LaTeX chapter number in front of "2.1 Demand" in the contents or a heading
    # (a running head sets its page number far apart from the title, so one space marks a chapter number).
    lines = [line.strip().replace("’", "'") for line in raw.splitlines()]
    for title in titles:
        # English: the title's start; Chinese titles are short, so the whole title, then the line's end or a space
        start = re.escape(title[:24]) if language == "en" else re.escape(title) + r"(\s|$)"
        if any(re.match(r"\d+ " + start, line) for line in lines):
            problems.append(f"a second number in front of the chapter title {title!r}")
    print(f"{paths.relative(pdf)}: {pages} pages, {embedded} images, {len(expected)} phrases checked")
    return problems


def main(argv):
    """``check_pdf [en] [zh]`` checks the editions' PDFs (default: both that are built); a path checks one file."""
    if argv and argv[0].endswith(".pdf"):
        targets = [(Path(argv[0]), "zh" if "-zh" in Path(argv[0]).name else "en")]
    else:
        targets = [(editions.pdf(language), language) for language in (argv or editions.EDITIONS)]
    problems = []
    for pdf, language in targets:
        problems += [f"{pdf.name}: {problem}" for problem in check(pdf, language)]
    for problem in problems:
        print(f"PDF problem: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
