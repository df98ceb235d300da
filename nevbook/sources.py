"""The source registry: every publication a raw value was read from, listed once.

The YAML files in ``data/sources/`` map a source id to its publisher, title,
original URL, the page(s) where the values were read, publication and access
dates and licence. Ids must be unique across the files.
"""
import ipaddress
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import yaml

from . import paths
from .errors import DataError, read_yaml

REQUIRED = ("publisher", "title", "url", "read_at", "published", "accessed", "licence")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Who published a page where a value was read; a mirror copies someone else's article and names it.
KINDS = ("publisher", "government", "news", "trade", "mirror")
PAGE_FIELDS = ("url", "relay", "what", "kind", "original")
ORIGINAL_FIELDS = ("outlet", "title", "date", "url")
# Hosts no reader can trust as a publisher: a raw cloud load balancer or virtual machine name.
MACHINE_HOSTS = re.compile(r"\.(elb\.amazonaws\.com|compute(-\d)?\.amazonaws\.com|cloudapp\.net|cloudapp\.azure\.com)$")


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    url: str
    read_at: tuple  # of dicts: url, and optionally relay (who published the page) and what
    published: str
    accessed: str
    licence: str
    note: str = ""

    def pages(self):
        """The URLs of the pages where values were read, as one string."""
        return "; ".join(page["url"] for page in self.read_at)

    def citable_page(self):
        """The first page that is not a mirror (else the first page): where a link to the source points."""
        return next((page for page in self.read_at if page.get("kind") != "mirror"), self.read_at[0])

    def mirror_only(self):
        """True when every page the values were read at is a mirror."""
        return all(page.get("kind") == "mirror" for page in self.read_at)


def page_kind(page):
    """How a page is described to readers: its kind, and for a mirror the article it copies."""
    kind = page.get("kind", "kind not given")
    original = page.get("original")
    if kind == "mirror" and original:
        return f"mirror of {original['outlet']}, '{original['title']}' ({original['date']})"
    return kind


def machine_host(url):
    """The host of ``url`` when it is a bare IP address or a cloud machine name, else None."""
    host = urlsplit(url).hostname or ""
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        return host if MACHINE_HOSTS.search(host) else None


def parse(raw, file):
    """Validate the parsed YAML mapping and return ``{id: Source}``."""
    if not isinstance(raw, dict) or not raw:
        raise DataError(file, "expected a mapping of source ids to sources")
    registry = {}
    for source_id, entry in raw.items():
        if not isinstance(entry, dict):
            raise DataError(file, "expected a mapping of fields", row=source_id)
        for field in REQUIRED:
            if entry.get(field) in (None, "", []):
                raise DataError(file, "missing required field", row=source_id, column=field)
        for field in ("published", "accessed"):
            if not DATE.match(str(entry[field])):
                raise DataError(
                    file, f"'{entry[field]}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                    row=source_id, column=field,
                )
        pages = entry["read_at"]
        if not isinstance(pages, list) or not all(isinstance(p, dict) and p.get("url") for p in pages):
            raise DataError(file, "expected a list of pages, each with a url", row=source_id, column="read_at")
        for number, page in enumerate(pages, start=1):
            check_page(page, file, source_id, f"read_at[{number}]")
        unknown = set(entry) - set(REQUIRED) - {"note"}
        if unknown:
            raise DataError(file, f"unknown field(s) {sorted(unknown)}", row=source_id)
        registry[source_id] = Source(
            id=source_id,
            publisher=str(entry["publisher"]),
            title=str(entry["title"]),
            url=str(entry["url"]),
            read_at=tuple(pages),
            published=str(entry["published"]),
            accessed=str(entry["accessed"]),
            licence=str(entry["licence"]),
            note=str(entry.get("note", "")),
        )
    return registry


def check_page(page, file, source_id, column):
    """Refuse a read-at page with unknown fields, an unknown kind, or a mirror without its original."""
    unknown = set(page) - set(PAGE_FIELDS)
    if unknown:
        raise DataError(file, f"unknown page field(s) {sorted(unknown)}", row=source_id, column=column)
    host = machine_host(page["url"])
    if host:
        raise DataError(file, f"'{host}' is a bare IP address or a cloud machine, not a publisher: cite the "
                        "publisher's, a news or a trade page", row=source_id, column=column)
    kind = page.get("kind")
    if kind not in KINDS:
        raise DataError(file, f"kind '{kind}' is not one of {', '.join(KINDS)}", row=source_id, column=column)
    original = page.get("original")
    if kind == "mirror":
        if not isinstance(original, dict) or any(not original.get(field) for field in ORIGINAL_FIELDS):
            raise DataError(file, "a mirror page must name its original: "
                            f"original: {{{', '.join(ORIGINAL_FIELDS)}}}", row=source_id, column=column)
    elif original is not None:
        raise DataError(file, "only a mirror page names an original", row=source_id, column=column)


def load_file(file):
    """Read and validate one sources file; return ``{id: Source}``."""
    if not file.exists():
        raise DataError(paths.relative(file), "file not found")
    # Dates stay strings: BaseLoader does not turn 2024-01-12 into a date object.
    raw = read_yaml(file, paths.relative(file), loader=yaml.BaseLoader)
    return parse(raw, paths.relative(file))


def load_registry(folder=None):
    """Read every ``*.yaml`` in ``folder`` (default ``data/sources/``) into one registry."""
    folder = folder or paths.SOURCES_DIR
    registry, origin = {}, {}
    for file in sorted(folder.glob("*.yaml")):
        for source_id, source in load_file(file).items():
            if source_id in registry:
                raise DataError(paths.relative(file), f"source id already defined in {origin[source_id]}",
                                row=source_id)
            registry[source_id] = source
            origin[source_id] = paths.relative(file)
    if not registry:
        raise DataError(paths.relative(folder), "no sources found")
    return registry


@lru_cache(maxsize=1)
def registry():
    """The project's source registry, read once per session."""
    return load_registry()
