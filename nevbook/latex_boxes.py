"""Verdict boxes in the PDF: a coloured, titled frame whose title starts with the verdict in capitals.

The PDF shows a verdict's Markdown output (the HTML shows its HTML). That Markdown is parsed as MyST, so raw
LaTeX blocks can open and close a ``tcolorbox`` around it; the colours come from ``claims.VERDICT_COLOURS``
and the environment is added to the LaTeX preamble by ``nevbook.sphinx_ext``. In black-and-white print the
title's verdict word carries the verdict; in colour, the frame does too.
"""
ENVIRONMENT = "nevbookverdict"
SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
           "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def escape(text):
    """``text`` safe inside a LaTeX argument."""
    return "".join(SPECIAL.get(character, character) for character in text)


def colour_name(verdict):
    return "nevbook-" + verdict.replace(" ", "-")


def preamble(colours):
    """The colour of each verdict and the box environment: ``\\begin{nevbookverdict}{verdict}{title}``."""
    lines = [r"\usepackage[most]{tcolorbox}"]
    lines += [f"\\definecolor{{{colour_name(verdict)}}}{{HTML}}{{{colour.lstrip('#').upper()}}}"
              for verdict, colour in colours.items()]
    lines.append(
        f"\\newtcolorbox{{{ENVIRONMENT}}}[2]{{breakable, enhanced, colback=#1!6!white, colframe=#1, "
        r"boxrule=0.5pt, leftrule=3mm, arc=0.6mm, fonttitle=\bfseries\small, coltitle=white, "
        r"colbacktitle=#1!85!black, title={#2}, before skip=0.8em, after skip=0.8em}")
    return "\n".join(lines) + "\n"


def wrap(verdict, title, body, colour=None):
    """MyST Markdown: ``body`` inside the verdict's box, titled with the verdict first. ``verdict`` is the
    verdict's name as the edition prints it; ``colour`` the verdict whose colour the box takes (default: it)."""
    heading = escape(f"{verdict.upper()} · {title}")
    return (f"```{{raw}} latex\n\\begin{{{ENVIRONMENT}}}{{{colour_name(colour or verdict)}}}{{{heading}}}\n```\n\n"
            f"{body}\n\n```{{raw}} latex\n\\end{{{ENVIRONMENT}}}\n```")
