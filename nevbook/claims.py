"""The verdict a notebook gives on each claim: compare, decide, show, record.

The paper's stated values come from the claim registry (``nevbook.registry``).
In a notebook::

    check("2.1-01", production=prod_2023 / 1e6, sales=sales_2023 / 1e6,
          rests_on=rows(volumes, year=2023, measure=["nev_production", "nev_sales"]))
    not_checkable("2.3-06", missing="no public count of Jiangsu's battery hubs")
    assess("2.1-04", "partly", because=f"growth in 2020 was only {g:.1f}%",
           causes=["wording"], rests_on=rows(volumes, year=[2019, 2020], measure="nev_sales"))

Each returns a ``Verdict`` that renders as a small table, a verdict line and
the raw rows it rests on (``rests_on``, see ``nevbook.lineage``). A *partly* or
*differs* verdict names one or more causes from ``registry.CAUSES``.
"""
from dataclasses import dataclass
from html import escape

from IPython.display import Markdown

from . import latex_boxes, lineage, registry, trail, wording
from .registry import CAUSES, OUTCOME_VERDICTS, VERDICTS, Claim

# Colour of each verdict's box (the figure palette, colour-blind safe).
VERDICT_COLOURS = {"reproduced": "#009E73", "partly": "#E69F00", "differs": "#D55E00", "not checkable": "#7F7F7F",
                   "borne out": "#009E73", "not borne out": "#D55E00", "too early": "#7F7F7F"}
_given = []  # verdicts given in this session, for ``summary``


def label_of(claim):
    """How a verdict box names its claim: 'Claim 2.1-01' or, for an outcome, 'After the paper, A-01'."""
    return wording.say("claim label" if claim.group == "paper" else "outcome label", id=claim.id)


@dataclass(frozen=True)
class Published:
    """A computed value that is a published level, with the rounding step of its source."""

    value: float
    step: float


def published(level, per=1):
    """Mark a raw published level (optionally divided by ``per``) as rounded where its source rounded it.

    The step is read from the stored number: 9,920,000 was published to the 10,000
    (trailing zeros of a whole number), 35.7 to the tenth. Use it only for a level
    a source published rounded, never for a computed ratio or an exact count.
    """
    number = float(level)
    if number.is_integer() and number != 0:
        digits = str(int(abs(number)))
        step = 10.0 ** (len(digits) - len(digits.rstrip("0")))
    else:
        text = repr(abs(number))
        step = 10.0 ** -len(text.split(".")[1]) if "." in text and "e" not in text else 1.0
    return Published(number / per, step / per)


def anchor(claim_id):
    """The HTML id of a claim's verdict box, e.g. ``claim-2-1-01``."""
    return "claim-" + claim_id.lower().replace(".", "-")


@dataclass
class Verdict:
    """A claim, what the paper states, what the data gives, the verdict and the raw rows behind it."""

    claim: Claim
    verdict: str
    rows: list  # (StatedValue, computed or None, matches or None, source rounding step)
    because: str = ""
    rests_on: lineage.Rows = lineage.NO_ROWS
    causes: tuple = ()

    COLUMNS = (("measure", "left"), ("unit", "left"), ("stated", "right"), ("computed", "right"),
               ("rule", "left"), ("agrees", "left"))

    def _cells(self):
        for stated, computed, matches, step in self.rows:
            shown = "—" if computed is None else stated.format(computed, stated.computed_decimals())
            mark = "—" if matches is None else wording.say("yes" if matches else "no")
            yield stated, shown, mark, step

    def precision_notes(self):
        """A sentence for each measure whose paper value has more digits than its source."""
        return [wording.say("more precise", shown=stated.shown(), measure=stated.measure, step=f"{step:,g}",
                            unit=wording.unit_name(stated.unit))
                for stated, computed, _, step in self.rows
                if computed is not None and step and stated.more_precise_than(step)]

    def trail(self):
        """The records of the raw rows this verdict rests on."""
        return self.rests_on.records()

    def trail_line(self):
        return trail.line(self.trail())

    def _repr_markdown_(self):
        """The box for the PDF: MyST Markdown inside a coloured LaTeX frame titled with the verdict."""
        lines = [self.quoted(), ""]
        if self.rows:
            lines += ["| " + " | ".join(self.headings()) + " |", "|---|---|--:|--:|---|---|"]
            for stated, shown, mark, step in self._cells():
                lines.append(f"| {stated.measure} | {wording.unit_name(stated.unit)} | {stated.shown()} | {shown} | "
                             f"{stated.rule(step)} | {mark} |")
            lines.append("")
        lines.append(f"**{self.verdict_line()}** {self.reason()}".rstrip())
        if self.rests_on:
            lines += ["", trail.markdown(self.trail())]
        return latex_boxes.wrap(wording.verdict_name(self.verdict),
                                wording.say("box title", label=self.label(), where=self.where()),
                                "\n".join(lines), colour=self.verdict)

    def _repr_html_(self):
        colour = VERDICT_COLOURS[self.verdict]
        css_class = self.verdict.replace(" ", "-")
        html = [
            f'<div id="{anchor(self.claim.id)}" class="nevbook-verdict nevbook-{css_class}" '
            f'style="border-left: 6px solid {colour}; padding: 0.4em 1em; margin: 0.5em 0;">',
            f"<p><strong>{escape(self.label())}</strong>{escape(wording.say('box where', where=self.where()))}"
            f"{escape(self.quoted())}</p>",
        ]
        if self.rows:
            cell = 'style="padding: 0.15em 0.7em; text-align: {}"'
            head = "".join(f"<th {cell.format(align)}>{escape(name)}</th>"
                           for name, (_, align) in zip(self.headings(), self.COLUMNS))
            html.append(f'<table style="margin: 0.3em 0 0.6em 0"><thead><tr>{head}</tr></thead><tbody>')
            for stated, shown, mark, step in self._cells():
                values = (stated.measure, wording.unit_name(stated.unit), stated.shown(), shown, stated.rule(step), mark)
                row = "".join(
                    f"<td {cell.format(align)}>{escape(value)}</td>"
                    for value, (_, align) in zip(values, self.COLUMNS)
                )
                html.append(f"<tr>{row}</tr>")
            html.append("</tbody></table>")
        html.append(
            f'<p><strong style="color: {colour}">{escape(self.verdict_line())}</strong> {escape(self.reason())}</p>'
        )
        html.append(trail.details(self.trail()) + "</div>")
        return "\n".join(html)

    def headings(self):
        """The column headings of the box's table, in the edition's language."""
        return [wording.say(f"column {name}") for name, _ in self.COLUMNS]

    def verdict_line(self):
        return wording.say("verdict line", verdict=wording.verdict_name(self.verdict))

    def reason(self):
        """The reason as the box shows it: the notebook's text, the causes and any note on precision."""
        parts = [self.because] + self.precision_notes()
        if self.causes:
            names = wording.say("list separator").join(wording.cause_name(cause) for cause in self.causes)
            parts.append(wording.say("causes plural" if len(self.causes) > 1 else "causes", causes=names))
        return wording.say("sentence separator").join(part for part in parts if part)

    def quoted(self):
        """The paper's words in quotation marks; an epilogue expectation is in our own words."""
        return wording.quoted(self.claim)

    def label(self):
        return label_of(self.claim)

    def where(self):
        if self.claim.group == "paper":
            return wording.say("section", section=self.claim.section)
        return wording.say("expected by", basis=wording.claim_text(self.claim, "basis"))

    def record(self):
        """The verdict as plain data: what the claims audit collects from the notebooks.

        ``rows`` are the raw rows the verdict rests on; ``datasets`` and ``sources`` are theirs.
        """
        records = self.trail()
        return {
            "claim": self.claim.id,
            "group": self.claim.group,
            "verdict": self.verdict,
            "because": self.because,
            "causes": list(self.causes),
            "datasets": [name for name, _ in lineage.groups(records)],
            "sources": lineage.sources_of(records),
            "rows": records,
            "measures": [
                {"measure": stated.measure, "unit": stated.unit, "stated": stated.value,
                 "computed": computed, "agrees": matches, "source_step": step or None}
                for stated, computed, matches, step in self.rows
            ],
        }

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"text/plain": repr(self), "text/html": self._repr_html_(), "text/markdown": self._repr_markdown_()}
        return data, {"nevbook": {"verdict": self.record()}}

    def __repr__(self):
        parts = [f"claim {self.claim.id} | {self.verdict}"]
        for stated, shown, mark, _ in self._cells():
            parts.append(f"{stated.measure}: stated {stated.shown()}, computed {shown} {stated.unit}, agrees: {mark}")
        if self.reason():
            parts.append(self.reason())
        if self.rests_on:
            parts.append(self.trail_line().lower())
        return " | ".join(parts)


def _refuse(message, error=ValueError):
    """Raise, or in the lineage check's lenient mode record the message as a flip."""
    if lineage.LENIENT:
        lineage.flips.append(message)
        return
    raise error(message)


def expect(condition, what):
    """Assert a condition a verdict's reason rests on; the lineage check records a failure as a flip."""
    if not condition:
        _refuse(f"expected: {what}", AssertionError)
    return bool(condition)


def _check_reason(claim_id, verdict, because, causes):
    if verdict != "reproduced" and not because:
        _refuse(f"claim {claim_id}: a '{verdict}' verdict needs a reason: pass because='…'")
    unknown = [cause for cause in causes if cause not in CAUSES]
    if unknown:
        raise ValueError(f"claim {claim_id}: unknown cause {unknown[0]!r}; causes are {sorted(CAUSES)}")
    if verdict in ("partly", "differs") and not causes:
        _refuse(f"claim {claim_id}: a '{verdict}' verdict names its cause(s): pass causes=[…] from {sorted(CAUSES)}")


def _rows_of(claim_id, rests_on):
    if not isinstance(rests_on, lineage.Rows):
        raise TypeError(f"claim {claim_id}: rests_on takes rows(...) (joined with +), not {type(rests_on).__name__}")
    return rests_on


def check(claim_id, because="", rests_on=lineage.NO_ROWS, causes=(), **computed):
    """Compare computed values with the claim's stated values and give the verdict.

    Pass one keyword per stated measure (a number, or ``published(level)`` for a level its
    source rounded). All measures agree: *reproduced*; some: *partly*; none: *differs*.
    Any verdict but *reproduced* needs ``because``; *partly* and *differs* need ``causes``.
    ``rests_on`` names the raw rows the numbers come from.
    """
    reg = registry.load()
    claim = reg.claim(claim_id)
    stated_values = reg.values.get(claim_id, [])
    expected = {value.measure for value in stated_values}
    if set(computed) != expected:
        raise ValueError(f"claim {claim_id} states {sorted(expected)}; got {sorted(computed)}")
    rows = []
    for value in stated_values:
        given = computed[value.measure]
        number, step = (given.value, given.step) if isinstance(given, Published) else (float(given), 0.0)
        rows.append((value, number, value.matches(number, step), step))
    agreed = sum(matches for _, _, matches, _ in rows)
    verdict = "reproduced" if agreed == len(rows) else "differs" if agreed == 0 else "partly"
    causes = tuple(causes)
    _check_reason(claim_id, verdict, because, causes if verdict != "reproduced" else ())
    if verdict == "reproduced":
        causes = ()
    if any(step and stated.more_precise_than(step) for stated, _, _, step in rows) \
            and "source less precise" not in causes:
        causes += ("source less precise",)
    return _give(Verdict(claim, verdict, rows, because, _rows_of(claim_id, rests_on), causes))


def assess(claim_id, verdict, because, rests_on=lineage.NO_ROWS, causes=()):
    """A verdict on a trend or qualitative claim, argued from numbers shown above it."""
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {VERDICTS}")
    if not because:
        raise ValueError(f"claim {claim_id}: an assessed verdict always needs a reason: pass because='…'")
    causes = tuple(causes) or (("not public",) if verdict == "not checkable" else ())
    _check_reason(claim_id, verdict, because, causes)
    reg = registry.load()
    rows = [(value, None, None, 0.0) for value in reg.values.get(claim_id, [])]
    return _give(Verdict(reg.claim(claim_id), verdict, rows, because, _rows_of(claim_id, rests_on), causes))


def outcome(outcome_id, verdict, because, rests_on=lineage.NO_ROWS):
    """Hold an expectation of the paper (or of its sources) against what happened after it."""
    if verdict not in OUTCOME_VERDICTS:
        raise ValueError(f"an outcome is one of {OUTCOME_VERDICTS}")
    reg = registry.load()
    if outcome_id not in reg.outcomes:
        raise KeyError(f"'{outcome_id}' is not in data/claims/outcomes.csv")
    if not because:
        raise ValueError(f"{outcome_id}: an outcome needs the number behind it: pass because='…'")
    return _give(Verdict(reg.outcomes[outcome_id], verdict, [], because, _rows_of(outcome_id, rests_on)))


def not_checkable(claim_id, missing, rests_on=lineage.NO_ROWS):
    """The claim cannot be checked from public data: say what is missing."""
    return assess(claim_id, "not checkable", because=missing, rests_on=rests_on)


def _give(verdict):
    _given.append(verdict)
    return verdict


def summary(verdicts=None):
    """A table of the verdicts given so far in this notebook (or of ``verdicts``)."""
    verdicts = _given if verdicts is None else verdicts
    lines = [wording.say("summary head"), "|---|---|---|---|"]
    for verdict in verdicts:
        claim = verdict.claim
        states = wording.claim_text(claim, "stated" if claim.group == "paper" else "basis")
        section = claim.section if claim.group == "paper" else wording.say("after the paper")
        lines.append(f"| {claim.id} | {section} | {wording.verdict_name(verdict.verdict)} | {states} |")
    counts = {name: sum(v.verdict == name for v in verdicts) for name in VERDICTS + OUTCOME_VERDICTS}
    lines += ["", wording.say("list separator").join(wording.say("summary count", verdict=wording.verdict_name(name),
                                                                 count=count)
                                                     for name, count in counts.items() if count)]
    return Markdown("\n".join(lines))
