"""Verdicts in the forms other tools read: claims.json against its schema, ClaimReview JSON-LD on each chapter.

Validation is offline: the schemas below hold the fields schema.org's ClaimReview and
the fact-check tools that read it expect; nothing is fetched.
"""
import json
import re

import jsonschema
import pytest

from nevbook import audit, claimreview, claims, export_schema, registry

THING = {"type": "object", "required": ["@type"]}
PERSON = {"type": "object", "required": ["@type", "name"], "properties": {"@type": {"const": "Person"}}}
CLAIM_REVIEW = {
    "type": "object",
    "required": ["@type", "url", "claimReviewed", "author", "datePublished", "itemReviewed", "reviewRating"],
    "properties": {
        "@type": {"const": "ClaimReview"},
        "url": {"type": "string", "pattern": r"^(https?://[^ ]+/)?chapters/[0-9a-z_]+\.html#claim-[0-9a-z-]+$"},
        "claimReviewed": {"type": "string", "minLength": 10},
        "author": {"type": "object", "required": ["@type", "name"]},
        "datePublished": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "itemReviewed": {
            "type": "object",
            "required": ["@type", "author", "datePublished", "appearance"],
            "properties": {
                "@type": {"const": "Claim"},
                "author": {"type": "array", "minItems": 1, "items": PERSON},
                "appearance": {
                    "type": "object",
                    "required": ["@type", "headline", "author", "datePublished", "identifier", "sameAs"],
                    "properties": {
                        "@type": {"const": "ScholarlyArticle"},
                        "identifier": {"type": "object", "required": ["propertyID", "value"],
                                       "properties": {"propertyID": {"const": "DOI"},
                                                      "value": {"pattern": r"^10\.\d+/"}}},
                        "sameAs": {"pattern": r"^https://doi\.org/10\."},
                    },
                },
            },
        },
        "reviewRating": {
            "type": "object",
            "required": ["@type", "alternateName"],
            "properties": {"@type": {"const": "Rating"}, "alternateName": {"enum": list(registry.VERDICTS)}},
            "dependentRequired": {"ratingValue": ["bestRating", "worstRating"]},
        },
    },
}
JSON_LD = {
    "type": "object",
    "required": ["@context", "@graph"],
    "properties": {"@context": {"const": "https://schema.org"},
                   "@graph": {"type": "array", "minItems": 1, "items": CLAIM_REVIEW}},
}
SCRIPT = re.compile(r'<script type="application/ld\+json">\s*(.*?)\s*</script>', re.S)


def test_the_claims_export_follows_its_own_schema():
    jsonschema.Draft202012Validator.check_schema(export_schema.SCHEMA)
    rows = list(audit.export_rows(audit.collect(), audit.recorded_verdicts()))
    document = json.loads(json.dumps(export_schema.document(rows)))
    jsonschema.validate(document, export_schema.SCHEMA)
    broken = dict(document, claims=[dict(rows[0], verdict="maybe")])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, export_schema.SCHEMA)


def test_each_chapter_s_json_ld_is_valid_and_reviews_its_claims():
    entries = audit.collect()
    chapters = sorted({entry.chapter for entry in entries if entry.chapter and entry.claim.group == "paper"})
    assert chapters
    for chapter in chapters:
        document = json.loads(claimreview.chapter_json_ld(entries, chapter))
        jsonschema.validate(document, JSON_LD)
        ids = [review["url"].rsplit("#", 1)[1] for review in document["@graph"]]
        assert ids == [claims.anchor(e.claim.id) for e in entries if e.chapter == chapter and e.claim.group == "paper"]


def test_the_paper_is_named_from_its_bibliography_entry():
    paper = claimreview.article()
    assert [person["name"] for person in paper["author"]] == ["Bai Xuejie", "Zhu Zeyuan"]
    assert paper["identifier"]["value"] == "10.19602/j.chinaeconomist.2024.11.02"


def test_the_ratings_follow_the_verdicts():
    entries = {entry.claim.id: entry for entry in audit.collect()}
    differs = next(e for e in entries.values() if e.verdict == "differs")
    not_checkable = next(e for e in entries.values() if e.verdict == "not checkable")
    assert claimreview.review(differs)["reviewRating"]["ratingValue"] == 1
    assert "ratingValue" not in claimreview.review(not_checkable)["reviewRating"]


@pytest.mark.slow
def test_the_built_chapters_embed_valid_claim_reviews(built_book):
    result, copy = built_book
    assert result.returncode == 0, result.stderr[-3000:]
    pages = sorted((copy / "_build" / "html" / "chapters").glob("*.html"))
    reviewed = 0
    for page in pages:
        blocks = SCRIPT.findall(page.read_text(encoding="utf-8"))
        assert len(blocks) <= 1, page.name
        for block in blocks:
            document = json.loads(block)
            jsonschema.validate(document, JSON_LD)
            reviewed += len(document["@graph"])
    assert reviewed == len(registry.load().claims)
