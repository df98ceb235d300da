"""The schema of ``claims.json``: the export states what each field means, as JSON Schema.

``claims.json`` is ``{"$schema": "claims.schema.json", "title", "description", "claims": [...]}``;
``claims.schema.json`` sits next to it at the site root. ``claims.csv`` holds the
same rows with lists joined by ``"; "`` and raw rows by ``" | "``.
"""
from . import audit, registry

SCHEMA_FILE = "claims.schema.json"
VERDICTS = list(registry.VERDICTS + registry.OUTCOME_VERDICTS) + [audit.UNCHECKED, audit.CHECKED_TWICE]

RAW_ROW = {
    "type": "object",
    "description": "One raw row a verdict rests on.",
    "required": ["dataset", "file", "row", "key", "column", "value", "unit", "source"],
    "properties": {
        "dataset": {"type": "string", "description": "dataset name, e.g. caam/production_sales"},
        "file": {"type": "string", "description": "the CSV file in the repository (and under files/ on the site)"},
        "row": {"type": "integer", "minimum": 2, "description": "row number in the file, the header being row 1"},
        "key": {"type": "object", "description": "the row's key columns and their values"},
        "column": {"type": "string", "description": "the column the value is read from"},
        "value": {"type": ["number", "string", "null"], "description": "the row's value"},
        "unit": {"type": "string", "description": "its unit ('' where the dataset gives none)"},
        "source": {"type": "string", "description": "source id in data/sources/ (publisher, pages read)"},
        "compared_only": {"type": "string",
                          "description": "why a single change of this row need not move the verdict's numbers"},
    },
}

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_FILE,
    "title": "nev-book claims export",
    "type": "object",
    "required": ["$schema", "title", "claims"],
    "properties": {
        "$schema": {"const": SCHEMA_FILE},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "claims": {"type": "array", "items": {
            "type": "object",
            "required": ["id", "group", "section", "quote", "stated", "computed", "unit", "verdict",
                         "recorded_verdict", "cause", "cause_codes", "chapter_page", "raw_files", "source_ids",
                         "row_count", "raw_rows"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "description": "claim id (section-number) or outcome id (A-nn)"},
                "group": {"enum": ["paper", "after"], "description": "a claim of the paper, or an outcome after it"},
                "section": {"type": "string"},
                "quote": {"type": "string", "description": "the paper's words (claims) or ours (outcomes)"},
                "stated": {"type": "string", "description": "what the paper states, in words"},
                "computed": {"type": "string", "description": "the computed values as the verdict box shows them"},
                "unit": {"type": "string"},
                "verdict": {"enum": VERDICTS},
                "recorded_verdict": {"type": "string", "description": "the verdict recorded in the registry"},
                "cause": {"type": "string", "description": "the reason the verdict box gives"},
                "cause_codes": {"type": "array", "items": {"enum": sorted(registry.CAUSES)},
                                "description": "why a partly or differs verdict departs from the paper"},
                "chapter_page": {"type": "string", "description": "the verdict box, relative to the site root"},
                "raw_files": {"type": "array", "items": {"type": "string"}},
                "source_ids": {"type": "array", "items": {"type": "string"}},
                "row_count": {"type": "integer", "minimum": 0},
                "raw_rows": {"type": "array", "items": RAW_ROW},
            },
        }},
    },
}


def document(rows):
    """The whole ``claims.json`` document for the export rows."""
    return {
        "$schema": SCHEMA_FILE,
        "title": "nev-book: every claim of Bai and Zhu (2024) with its verdict and the raw rows it rests on",
        "description": "One entry per claim and per outcome; causes: " + "; ".join(
            f"{code}: {meaning}" for code, meaning in registry.CAUSES.items()),
        "claims": list(rows),
    }
