"""The verdicts in the form fact-checking tools read: schema.org ``ClaimReview`` as JSON-LD.

Each chapter page embeds one ``<script type="application/ld+json">`` block with a
``ClaimReview`` for every claim it checks (added by ``nevbook.sphinx_ext``). The
reviewed item is a ``Claim`` that appears in the paper (a ``ScholarlyArticle``
with its DOI, authors and date, read from ``references.bib`` and the source
registry); the rating carries the verdict as ``alternateName``.
"""
import json
import re

from . import paths, sources, stamp

PAPER_KEY = "bai-zhu-2024"
# The order of the verdicts as a rating; "not checkable" is no point on this scale and carries no value.
RATING = {"differs": 1, "partly": 2, "reproduced": 3}
REVIEWER = {"@type": "Organization", "name": "nev-book"}


def paper_entry():
    """The paper's BibTeX fields (author, title, journal, year, doi) from ``references.bib``."""
    text = (paths.ROOT / "references.bib").read_text(encoding="utf-8")
    match = re.search(r"@\w+\{" + re.escape(PAPER_KEY) + r",(.*?)\n\}", text, flags=re.S)
    if not match:
        raise KeyError(f"references.bib has no entry '{PAPER_KEY}'")
    fields = dict(re.findall(r"^\s*(\w+)\s*=\s*\{(.*)\},?\s*$", match.group(1), flags=re.M))
    return {name: value.replace("{", "").replace("}", "") for name, value in fields.items()}


def authors(bib_authors):
    """'Bai, Xuejie and Zhu, Zeyuan' -> schema.org persons named as the paper prints them (family name first)."""
    people = []
    for person in bib_authors.split(" and "):
        family, _, given = (part.strip() for part in person.partition(","))
        people.append({"@type": "Person", "name": f"{family} {given}".strip(),
                       "familyName": family, "givenName": given})
    return people


def article():
    entry = paper_entry()
    published = sources.registry()[PAPER_KEY].published
    return {
        "@type": "ScholarlyArticle",
        "headline": entry["title"],
        "author": authors(entry["author"]),
        "datePublished": published,
        "isPartOf": {"@type": "Periodical", "name": entry["journal"]},
        "identifier": {"@type": "PropertyValue", "propertyID": "DOI", "value": entry["doi"]},
        "sameAs": f"https://doi.org/{entry['doi']}",
    }


def review(entry, base_url=""):
    """The ``ClaimReview`` of one audit entry (a claim of the paper with its verdict)."""
    paper = article()
    rating = {"@type": "Rating", "alternateName": entry.verdict,
              "ratingExplanation": entry.record["because"] or entry.verdict}
    if entry.verdict in RATING:
        rating.update(ratingValue=RATING[entry.verdict], worstRating=min(RATING.values()),
                      bestRating=max(RATING.values()))
    return {
        "@type": "ClaimReview",
        "url": base_url + entry.page(),
        "claimReviewed": entry.claim.quote,
        "author": REVIEWER,
        "datePublished": stamp.build_date(),
        "itemReviewed": {
            "@type": "Claim",
            "author": paper["author"],
            "datePublished": paper["datePublished"],
            "appearance": paper,
        },
        "reviewRating": rating,
    }


def chapter_json_ld(entries, chapter, base_url=""):
    """The JSON-LD text for a chapter page: its claims of the paper, in registry order ('' if none)."""
    reviews = [review(entry, base_url) for entry in entries
               if entry.chapter == chapter and entry.claim.group == "paper"]
    if not reviews:
        return ""
    document = {"@context": "https://schema.org", "@graph": reviews}
    # "</" must not end the script element early
    return json.dumps(document, ensure_ascii=False, indent=1).replace("</", "<\\/")
