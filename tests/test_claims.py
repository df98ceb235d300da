"""The verdict logic does what the book says it does, on a small fixture registry (not the live one)."""
import pandas as pd
import pytest

from nevbook import claims, registry
from nevbook.errors import DataError

# A registry of a few claims shaped like the paper's: the tests below do not change when the real one does.
CLAIMS = pd.DataFrame([
    ("2.1-01", "2.1", "volume", "9.587m / 9.495m", "production and sales reached 9.587 and 9.495 million"),
    ("2.1-03", "2.1", "share", "31.6%", "a market share of 31.6%"),
    ("2.1-04", "2.1", "trend", "rapid growth from 2020", "rapid growth began in 2020"),
    ("2.1-05", "2.1", "volume", "300,000 (2016)", "a low of 300,000 units in 2016"),
    ("2.1-09", "2.1", "growth", "+3%", "exports grew by 3%"),
    ("2.1-10", "2.1", "volume", "1.4m", "1.4 million sold worldwide"),
    ("2-06", "2", "share", ">30%", "a share above 30%"),
    ("2.3-06", "2.3", "count", "69 hubs", "Jiangsu has 69 hubs"),
    ("4.3-02", "4.3", "timeline", "2020", "the HI brand, launched in 2020"),
], columns=["id", "section", "kind", "stated", "quote"])
VALUES = pd.DataFrame([
    ("2.1-01", "production", "9.587", "million vehicles", "equal", 0.0005, None),
    ("2.1-01", "sales", "9.495", "million vehicles", "equal", 0.0005, None),
    ("2.1-03", "nev_share", "31.6", "percent", "equal", 0.05, None),
    ("2.1-05", "sales_2016", "300000", "vehicles", "equal", 50000, None),
    ("2.1-09", "growth", "3", "percent", "equal", 0.5, None),
    ("2.1-10", "world_sales", "1.4", "million vehicles", "equal", 0.05, None),
    ("2-06", "nev_share_2023", "30", "percent", "more_than", None, None),
    ("2.3-06", "hubs_jiangsu", "69", "hubs", "equal", 0, None),
    ("4.3-02", "hi_launch_year", "2020", "year", "equal", 0, None),
], columns=["claim", "measure", "stated", "unit", "comparison", "tolerance", "note"])


@pytest.fixture(autouse=True)
def fixture_registry(monkeypatch):
    reg = registry.build_registry(CLAIMS, VALUES)
    reg.outcomes["A-01"] = registry.Claim("A-01", "after the paper", "outcome", "the paper, section 2.1",
                                             "NEV demand keeps growing after 2023", "after")
    monkeypatch.setattr(registry, "load", lambda: reg)
    monkeypatch.setattr(claims, "_given", [])


def test_a_stated_value_for_a_claim_not_in_the_registry_is_refused():
    values = VALUES.assign(claim=VALUES["claim"].replace({"2.1-03": "2.1-99"}))
    with pytest.raises(DataError, match="row 4, column 'claim': claim '2.1-99' is not in claims.csv"):
        registry.build_registry(CLAIMS, values)


def test_all_values_match_within_tolerance_is_reproduced():
    verdict = claims.check("2.1-01", production=9.587, sales=9.4954)
    assert verdict.verdict == "reproduced"


def test_value_just_outside_tolerance_differs():
    verdict = claims.check("2.1-03", nev_share=31.66, because="off by a rounding step", causes=["wording"])
    assert verdict.verdict == "differs"


def test_some_values_matching_is_partly():
    verdict = claims.check("2.1-01", production=9.587, sales=9.0, because="sales differ", causes=["other measure"])
    assert verdict.verdict == "partly"
    assert "sales: stated 9.495, computed 9.0000 million vehicles, agrees: no" in repr(verdict)


def test_more_than_comparison():
    assert claims.check("2-06", nev_share_2023=30.5).verdict == "reproduced"
    assert claims.check("2-06", nev_share_2023=30.0, because="exactly 30", causes=["wording"]).verdict == "differs"


def test_a_mismatch_needs_a_reason():
    with pytest.raises(ValueError, match="needs a reason"):
        claims.check("2.1-10", world_sales=13.8)


def test_measures_must_match_the_registry():
    with pytest.raises(ValueError, match=r"states \['production', 'sales'\]"):
        claims.check("2.1-01", production=9.587)


def test_unknown_claim():
    with pytest.raises(KeyError, match="9.9-99"):
        claims.check("9.9-99", x=1)


def test_not_checkable_shows_what_is_missing():
    verdict = claims.not_checkable("2.3-06", missing="no public count of hubs")
    text = verdict._repr_markdown_()
    assert "**Verdict: not checkable.** no public count of hubs" in text
    assert "| hubs_jiangsu | hubs | 69 | — |" in text


def test_assess_rejects_unknown_verdicts():
    with pytest.raises(ValueError, match="verdict must be one of"):
        claims.assess("2.1-04", "plausible", because="?")


def test_markdown_shows_stated_computed_and_rule():
    text = claims.check("2.1-05", sales_2016=507000, because="wrong year", causes=["wrong year"])._repr_markdown_()
    assert "| sales_2016 | vehicles | 300,000 | 507,000 | within ± 50,000 | no |" in text


def test_the_pdf_box_is_framed_in_its_verdict_colour_and_titled_with_the_verdict_first():
    text = claims.check("2.1-05", sales_2016=507000, because="100% & more", causes=["wrong year"])._repr_markdown_()
    opening, closing = text.split("\n")[:3], text.split("\n")[-3:]
    assert opening == ["```{raw} latex", r"\begin{nevbookverdict}{nevbook-differs}{DIFFERS · Claim 2.1-05 (section 2.1)}",
                       "```"]
    assert closing == ["```{raw} latex", r"\end{nevbookverdict}", "```"]
    assert "**Verdict: differs.** 100% & more" in text  # Markdown text stays Markdown (Sphinx escapes it)


def test_the_latex_preamble_defines_one_colour_per_verdict_and_escapes_titles():
    from nevbook import latex_boxes
    preamble = latex_boxes.preamble(claims.VERDICT_COLOURS)
    assert r"\definecolor{nevbook-not-checkable}{HTML}{7F7F7F}" in preamble
    assert preamble.count(r"\definecolor") == len(claims.VERDICT_COLOURS)
    assert latex_boxes.escape("50% of $x_1 & {y}") == r"50\% of \$x\_1 \& \{y\}"


def test_stated_value_that_is_not_a_number_is_rejected():
    claims_frame = pd.DataFrame([{"id": "x-1", "section": "x", "kind": "share", "stated": "1%", "quote": "q"}])
    values = pd.DataFrame([{"claim": "x-1", "measure": "m", "stated": "one", "unit": "percent",
                            "comparison": "equal", "tolerance": 0.5, "note": None}])
    with pytest.raises(DataError, match=r"row 2, column 'stated': 'one' is not a number"):
        registry.build_registry(claims_frame, values)


def test_equal_comparison_needs_a_tolerance():
    claims_frame = pd.DataFrame([{"id": "x-1", "section": "x", "kind": "share", "stated": "1%", "quote": "q"}])
    values = pd.DataFrame([{"claim": "x-1", "measure": "m", "stated": "1", "unit": "percent",
                            "comparison": "equal", "tolerance": float("nan"), "note": None}])
    with pytest.raises(DataError, match=r"column 'tolerance': an 'equal' comparison needs a tolerance"):
        registry.build_registry(claims_frame, values)


def test_html_box_is_coloured_by_verdict_and_escapes_text():
    html = claims.check("2.1-09", growth=77.2, because="share rose <3 points & more", causes=["other measure"])._repr_html_()
    assert 'class="nevbook-verdict nevbook-differs"' in html
    assert claims.VERDICT_COLOURS["differs"] in html
    assert "share rose &lt;3 points &amp; more" in html
    assert '<td style="padding: 0.15em 0.7em; text-align: right">77.2</td>' in html


def test_years_print_without_a_thousands_separator():
    text = claims.check("4.3-02", hi_launch_year=2020)._repr_markdown_()
    assert "| hi_launch_year | year | 2020 | 2020 | within ± 0 | yes |" in text


def test_outcomes_have_their_own_verdicts_and_need_a_reason():
    verdict = claims.outcome("A-01", "borne out", because="sales grew 35% in 2024")
    assert repr(verdict).startswith("claim A-01 | borne out")
    assert "After the paper, A-01" in verdict._repr_markdown_()
    assert verdict.record()["group"] == "after"
    with pytest.raises(ValueError, match="an outcome is one of"):
        claims.outcome("A-01", "reproduced", because="x")
    with pytest.raises(ValueError, match="needs the number behind it"):
        claims.outcome("A-01", "too early", because="")


def test_a_partly_or_differs_verdict_names_a_known_cause():
    with pytest.raises(ValueError, match="names its cause"):
        claims.check("2.1-03", nev_share=20.0, because="far off")
    with pytest.raises(ValueError, match="unknown cause 'typo'"):
        claims.check("2.1-03", nev_share=20.0, because="far off", causes=["typo"])
    verdict = claims.check("2.1-03", nev_share=20.0, because="far off", causes=["dropped digit"])
    assert verdict.record()["causes"] == ["dropped digit"]
    assert "Cause: dropped digit." in verdict._repr_markdown_()


def test_not_checkable_gives_its_cause():
    assert claims.not_checkable("2.3-06", missing="no count").record()["causes"] == ["not public"]


@pytest.mark.parametrize("level, per, value, step", [
    (9_920_000, 1e6, 9.92, 0.01),
    (9_924_000, 1e6, 9.924, 0.001),
    (35.7, 1, 35.7, 0.1),
    (2_862_000, 1e3, 2862.0, 1.0),
])
def test_published_reads_the_rounding_step_from_the_stored_number(level, per, value, step):
    marked = claims.published(level, per=per)
    assert marked.value == pytest.approx(value) and marked.step == pytest.approx(step)


def test_a_less_precise_source_is_compared_by_overlapping_rounding_intervals():
    stated = registry.StatedValue("x", "m", "9.924", 9.924, "million", "equal", 0.0005, "")
    assert not stated.matches(9.92)  # as if the source were exact
    assert stated.matches(9.92, step=0.01)  # [9.915, 9.925] overlaps [9.9235, 9.9245]
    assert not stated.matches(9.91, step=0.01)  # [9.905, 9.915] does not
    assert stated.more_precise_than(0.01) and not stated.more_precise_than(0.001)


def test_the_box_says_when_the_paper_is_more_precise_than_its_source():
    volumes_sales = claims.published(9_500_000, per=1e6)  # a source that rounds to 0.1 million
    verdict = claims.check("2.1-01", production=9.587, sales=volumes_sales)
    assert verdict.verdict == "reproduced"
    assert verdict.causes == ("source less precise",)
    assert "more precise than any source found" in verdict._repr_markdown_()
    assert "within ± 0.0005 (source rounded to 0.1)" in verdict._repr_markdown_()


def test_stated_reads_the_paper_s_number_from_the_registry():
    assert registry.stated("2.1-01", "sales").shown() == "9.495"
    with pytest.raises(KeyError, match="not 'exports'"):
        registry.stated("2.1-01", "exports")
