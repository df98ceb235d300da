"""The claim registry: what the paper states, and the words a verdict may use.

``data/claims/claims.csv`` lists the paper's claims (id, section, quote).
``data/claims/stated_values.csv`` holds the numbers each claim states, one row
per measure, with a unit, a comparison and a tolerance. These are the only
numbers typed into the project by hand: everything compared with them is
computed in a notebook from raw data. ``data/claims/outcomes.csv`` holds the
epilogue's expectations. All three are validated like any raw dataset.

In a notebook, ``stated("2.1-09").shown()`` quotes the paper's number as it prints it.
"""
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from . import paths, wording
from .data import load_dataset
from .errors import DataError

VERDICTS = ("reproduced", "partly", "differs", "not checkable")
# Verdicts of the epilogue on the paper's expectations, held against what happened after it.
OUTCOME_VERDICTS = ("borne out", "not borne out", "too early")
# Why a *partly* or *differs* verdict departs from the paper: a small fixed list, exported with each verdict.
CAUSES = {
    "dropped digit": "a digit or an order of magnitude was lost or added",
    "wrong year": "the number belongs to another year or period",
    "production vs sales": "production is reported as sales, or the reverse",
    "other measure": "another measure, basis or coverage (share for growth, cars for all vehicles, …)",
    "unnamed scenario": "a projection whose scenario or source is not named",
    "wording": "the numbers hold but the wording overstates, understates or misplaces them",
    "source less precise": "the paper gives more digits than any public source",
    "not public": "the data needed to check it is not public",
    "revised data": "the publisher later revised the value",
}
COMPARISONS = {name: english for name, (english, _) in wording.COMPARISONS.items()}  # both editions: wording


@dataclass(frozen=True)
class Claim:
    id: str
    section: str
    kind: str
    stated: str
    quote: str
    group: str = "paper"  # or "after": an expectation checked against what happened after the paper


@dataclass(frozen=True)
class StatedValue:
    claim: str
    measure: str
    text: str  # as typed in the registry, so the book shows its precision
    value: float
    unit: str
    comparison: str
    tolerance: float | None
    note: str

    def decimals(self):
        """Digits after the point in the stated value."""
        return len(self.text.split(".")[1]) if "." in self.text else 0

    def shown(self):
        """The stated number as the book prints it (thousands separated, precision kept)."""
        return self.format(self.value, self.decimals())

    def format(self, number, decimals):
        """Years print as 2020, other numbers with a thousands separator."""
        return f"{number:.{decimals}f}" if self.unit == "year" else _format(number, decimals)

    def computed_decimals(self):
        """One digit more than the paper gives, except for large whole numbers, years and exact counts."""
        if self.decimals() == 0 and (abs(self.value) >= 1000 or self.unit == "year" or self.tolerance == 0):
            return 0
        return self.decimals() + 1

    def matches(self, computed, step=0.0):
        """Whether ``computed`` agrees; ``step`` is its source's rounding step (0: exact).

        An equality allows for the rounding of both numbers: the paper's (its tolerance)
        and the source's (half a step), so the two rounding intervals overlap.
        """
        if self.comparison == "equal":
            return abs(computed - self.value) <= self.tolerance + step / 2 + 1e-9
        if self.comparison == "more_than":
            return computed > self.value
        if self.comparison == "less_than":
            return computed < self.value
        return computed >= self.value  # at_least

    def rule(self, step=0.0):
        tolerance = "" if self.tolerance is None else f"{self.tolerance:,g}"
        text = wording.comparison_rule(self.comparison).format(tolerance=tolerance)
        if step and self.comparison == "equal":
            text += wording.say("source rounded", step=f"{step:,g}")
        return text

    def more_precise_than(self, step):
        """The paper gives more digits than a source rounded to ``step``."""
        return step > 2 * (self.tolerance or 0) + 1e-12


@dataclass(frozen=True)
class Registry:
    claims: dict  # id -> Claim (the paper's claims)
    values: dict  # id -> list of StatedValue
    outcomes: dict = field(default_factory=dict)  # id -> Claim (expectations checked after the paper)

    def claim(self, claim_id):
        if claim_id in self.claims:
            return self.claims[claim_id]
        if claim_id in self.outcomes:
            return self.outcomes[claim_id]
        raise KeyError(f"claim '{claim_id}' is not in data/claims/claims.csv or outcomes.csv")


def build_registry(claims_frame, values_frame, values_file="data/claims/stated_values.csv"):
    """Combine the two registry tables, checking that they agree."""
    claims = {row.id: Claim(row.id, row.section, row.kind, row.stated, row.quote) for row in claims_frame.itertuples()}
    values = {}
    for row_number, row in enumerate(values_frame.itertuples(), start=2):
        if row.claim not in claims:
            raise DataError(values_file, f"claim '{row.claim}' is not in claims.csv", row=row_number, column="claim")
        try:
            number = float(row.stated)
        except ValueError:
            raise DataError(values_file, f"'{row.stated}' is not a number", row=row_number, column="stated") from None
        if row.comparison not in COMPARISONS:
            raise DataError(values_file, f"comparison '{row.comparison}' is not one of {sorted(COMPARISONS)}",
                            row=row_number, column="comparison")
        tolerance = None if pd.isna(row.tolerance) else float(row.tolerance)
        if row.comparison == "equal" and tolerance is None:
            raise DataError(values_file, "an 'equal' comparison needs a tolerance", row=row_number, column="tolerance")
        values.setdefault(row.claim, []).append(
            StatedValue(row.claim, row.measure, row.stated, number, row.unit, row.comparison, tolerance,
                        "" if pd.isna(row.note) else row.note)
        )
    return Registry(claims, values)


@lru_cache(maxsize=1)
def load():
    """The project's claim registry, validated like any raw dataset."""
    claims = load_dataset("claims", raw_dir=paths.CLAIMS_DIR).frame
    values = load_dataset("stated_values", raw_dir=paths.CLAIMS_DIR).frame
    built = build_registry(claims, values)
    outcomes = load_dataset("outcomes", raw_dir=paths.CLAIMS_DIR).frame
    for row in outcomes.itertuples():
        built.outcomes[row.id] = Claim(row.id, "after the paper", "outcome", row.basis, row.statement, "after")
    return built


def stated(claim_id, measure=None):
    """The paper's stated value for ``measure`` of a claim (the only one if ``measure`` is None).

    Use it to quote the paper's number in a reason: ``stated("4.1-02", "share").shown()``
    gives the number as the paper prints it, ``.value`` the number itself.
    """
    values = load().values.get(claim_id, [])
    if measure is None and len(values) == 1:
        return values[0]
    for value in values:
        if value.measure == measure:
            return value
    raise KeyError(f"claim {claim_id} states {[v.measure for v in values]}, not {measure!r}")


def _format(number, decimals):
    return f"{number:,.{decimals}f}"
