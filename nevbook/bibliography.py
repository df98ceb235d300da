"""Write the book's data sources as a BibTeX file, so chapters can cite them with {cite}.

The sources live once, in ``data/sources/*.yaml``; ``_generated/sources.bib`` is derived from them at build
time (``make book`` runs it through ``python -m nevbook.site``) and read by sphinxcontrib-bibtex next
to the committed ``references.bib`` (the paper and the works it cites).
"""
import re

from . import sources

KEY = re.compile(r"^@\w+\{([^,]+),", flags=re.M)  # the key of each entry in a .bib file


def _escape(text):
    """A braced BibTeX value: braces and backslashes dropped, % escaped (LaTeX reads it as a comment),
    capitals kept as written."""
    for char in ("\\", "{", "}"):
        text = text.replace(char, "")
    return "{{" + text.replace("%", "\\%") + "}}"


def entry(source):
    year = source.published[:4]
    fields = {
        "author": _escape(source.publisher),  # double braces: a corporate author, not a person
        "title": _escape(source.title),
        "year": year,
        "url": "{" + source.url + "}",
        "note": _escape(f"Published {source.published}; values read at {source.pages()}; "
                        f"accessed {source.accessed}. Licence: {source.licence}"),
    }
    body = ",\n".join(f"  {name} = {value}" for name, value in fields.items())
    return f"@misc{{{source.id},\n{body}\n}}\n"


def write(target, already_in=()):
    """Write every source not already in a committed .bib file (``already_in``: their keys)."""
    registry = sources.registry()
    keys = sorted(set(registry) - set(already_in))
    target.write_text("\n".join(entry(registry[key]) for key in keys), encoding="utf-8")
