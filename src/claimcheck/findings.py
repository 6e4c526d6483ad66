"""Findings: what reconciliation says about a figure or a proposition, as data.

Each finding has a stable kebab-case code users can filter on and gate CI
with, a severity, the claim ids it rests on and a one-sentence message with
the numbers in it. :data:`CATALOGUE` describes every code; the findings page
of the docs is generated from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from attrs import field, frozen

from .severities import SEVERITIES
from .wording import WordedWhenRead, Wording, worded

__all__ = [
    "CATALOGUE",
    "SEVERITIES",
    "Finding",
    "FindingKind",
    "Severity",
    "catalogue_markdown",
    "examples_from",
    "severity_rank",
]

Severity = Literal["info", "low", "medium", "high"]

_RANK: dict[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}


def severity_rank(severity: str) -> int:
    """The position of a severity in :data:`SEVERITIES` (higher is more serious).

    Raises :class:`KeyError` for a word that is not a severity.
    """
    return _RANK[severity]


@frozen(kw_only=True)
class FindingKind:
    """One code of the catalogue: its title, what it means and how severity is set."""

    code: str
    title: str
    meaning: str
    severity_rule: str


CATALOGUE: tuple[FindingKind, ...] = (
    FindingKind(
        code="contradiction",
        title="Contradiction",
        meaning="Two independent claimants give values that cannot both be true for the same period.",
        severity_rule="high when the larger claim is at least 2x the smaller, medium from 1.25x, else low; a step "
        "lower when either claim is hedged.",
    ),
    FindingKind(
        code="undated-disagreement",
        title="Disagreement that cannot be dated",
        meaning="On a running total, a smaller count and a larger one whose dates overlap: the smaller may have "
        "been given earlier, when the total was lower, so no contradiction can be shown until the claims are "
        "dated. A contradiction on a running total needs a provable order (the smaller count given on or after "
        "the larger) or the same day. Example: reports of 'dozens' killed, dated only by the article's whole "
        "span, against a monitor's 'at least 541' of 3 December.",
        severity_rule="low (date the claims to turn it into a contradiction or nothing).",
    ),
    FindingKind(
        code="internal-contradiction",
        title="Contradiction within one voice",
        meaning="Two claimants of one voice (a ministry and the government's own investigators) give values "
        "that cannot both be true for the same period: the voice contradicts itself.",
        severity_rule="as for contradictions (high from 2x, medium from 1.25x, else low; a step lower when hedged).",
    ),
    FindingKind(
        code="crowded-figure",
        title="Too many voices to pair",
        meaning="More than 100 independent claimants speak on the figure, so contradictions are listed only "
        "where one of its extreme voices takes part (the two with the lowest upper limits, the two with the "
        "highest lower limits), not for every pair of voices; this finding names those claims. Example: 2,000 "
        "claimants each giving another count list 7,990 contradictions (each voice against the four extreme "
        "ones) instead of 1,999,000.",
        severity_rule="info (it says what the list of contradictions leaves out).",
    ),
    FindingKind(
        code="revision",
        title="Revision",
        meaning="A claimant changed its own figure for the same moment, or lowered a running total: a later "
        "claim `supersedes` an earlier one with another value.",
        severity_rule="medium for a running total revised down, info otherwise.",
    ),
    FindingKind(
        code="update",
        title="Update of a running total",
        meaning="A claimant's later claim (`supersedes`) gives a larger value of a running total for a later "
        "moment: the count grew, nothing was corrected. A revision is a change of the figure for the same "
        "moment, or a running total going down. Example: registered refugees, 1,050 then 100,617.",
        severity_rule="info.",
    ),
    FindingKind(
        code="restatement",
        title="Restatement",
        meaning="A claimant's later claim (`supersedes`) gives the same value again: a restatement, not a revision.",
        severity_rule="info.",
    ),
    FindingKind(
        code="regression",
        title="Regression over time",
        meaning="A cumulative figure is claimed lower at a later date than an earlier claim established.",
        severity_rule="medium.",
    ),
    FindingKind(
        code="partisan-gap",
        title="Partisan gap",
        meaning="Claims by the side whose losses are counted and by its adversary differ (the ratio is adversary "
        "/ self), or a side's claims (its own official count, or its count of the enemy's losses) differ from "
        "independent voices' bounded values by at least 1.25x either way (the ratio is side / independent). "
        "Central values are lower medians of the claims' points; vague words take no part.",
        severity_rule="medium when the ratio is at least 2 or at most 0.5, low otherwise.",
    ),
    FindingKind(
        code="corroboration",
        title="Corroboration",
        meaning="Independent voices give precise values that share a count: each value is exact or an interval "
        "no wider than a fifth of its upper end ('about 2000'), not vague and not open above. Relays and repeats "
        "count once, and a belligerent side with its allies is one voice. 'Across sides' only when voices of "
        "opposing belligerent sides agree.",
        severity_rule="info (it is support, not a problem).",
    ),
    FindingKind(
        code="consistency",
        title="Consistent, not corroborated",
        meaning="Independent voices give values that overlap, but at least one is too wide to corroborate: a vague "
        "word ('many' and 17, 'dozens' and 93), an open bound ('about 5000' and 'more than 5000' touch at 5,001) "
        "or an interval wider than a fifth of its upper end ('up to 6').",
        severity_rule="info (the values do not conflict; they do not confirm each other either).",
    ),
    FindingKind(
        code="allied-agreement",
        title="Allies agree",
        meaning="Voices of one belligerent side (a government and its ally, such as Armenia and Artsakh) give "
        "values that share a count, and no independent voice does: allies are not independent confirmation.",
        severity_rule="info.",
    ),
    FindingKind(
        code="repeated-statement",
        title="One statement, several reports",
        meaning="The same statement reaches the corpus through several claims (relays, other documents); "
        "it counts as one voice.",
        severity_rule="info.",
    ),
    FindingKind(
        code="single-source",
        title="Single source",
        meaning="Every claim about the figure or proposition goes back to one original claimant.",
        severity_rule="low.",
    ),
    FindingKind(
        code="vague-only",
        title="Vague only",
        meaning="The figure is known only through vague words such as 'several' or 'dozens'.",
        severity_rule="low.",
    ),
    FindingKind(
        code="part-whole-mismatch",
        title="Parts do not add up",
        meaning="A claimant's parts of a figure cannot sum to its own total.",
        severity_rule="medium.",
    ),
    FindingKind(
        code="part-whole-gap",
        title="Total and parts from different claimants",
        meaning="A total claimed by one voice differs from the sum of its parts' best estimates, which rest "
        "on other claimants.",
        severity_rule="as for contradictions (high from 2x, medium from 1.25x); not reported below 1.25x.",
    ),
    FindingKind(
        code="parts-add-up",
        title="Parts add up",
        meaning="A claimant's parts of a figure sum to a value its total allows.",
        severity_rule="info (support).",
    ),
    FindingKind(
        code="bound-violation",
        title="Bound violated",
        meaning="A figure declared to be at most another is claimed larger than that other is claimed.",
        severity_rule="medium.",
    ),
    FindingKind(
        code="bound-satisfied",
        title="Bound satisfied",
        meaning="Every claim of a bounded figure fits under every claim of its bound.",
        severity_rule="info (support).",
    ),
    FindingKind(
        code="count-names-mismatch",
        title="Count and names disagree",
        meaning="A claim's count does not match the number of places it names.",
        severity_rule="medium when it names more places than its count allows, info when it names only some.",
    ),
    FindingKind(
        code="place-lists-differ",
        title="Place lists differ",
        meaning="Claimants list different places for the same figure.",
        severity_rule="low.",
    ),
    FindingKind(
        code="disputed-proposition",
        title="Disputed proposition",
        meaning="A statement asserted by one actor is denied by another.",
        severity_rule="medium when the two sides of a conflict disagree and neither the assertion nor the denial "
        "rests only on hedged claims, low otherwise.",
    ),
    FindingKind(
        code="reversal",
        title="Reversal",
        meaning="One actor both asserted and denied a statement (at different times, or undated): a change of "
        "position, not a dispute between actors. Its latest stance is the one a dispute with others counts. "
        "Example: the Artsakh president's decree dissolving the republic, later said to be void.",
        severity_rule="low.",
    ),
    FindingKind(
        code="doubted-proposition",
        title="Doubted proposition",
        meaning="A statement asserted by one actor is doubted by another (`stance: doubts`): a doubt is not a "
        "denial. Example: one actor says foreign fighters were deployed; an expert 'questioned the sources'.",
        severity_rule="low.",
    ),
    FindingKind(
        code="misattributed",
        title="Disowned attribution",
        meaning="A claim attributes a value or a stance to a claimant who disowns it (`disowned-by`); the claim "
        "is set aside as that claimant's voice. Example: an outlet writes that Human Rights Watch claimed only "
        "44 deaths, and Human Rights Watch says it never made that estimate.",
        severity_rule="medium.",
    ),
)
_CODES = frozenset(kind.code for kind in CATALOGUE)


@frozen(kw_only=True, repr=False)
class Finding(WordedWhenRead):
    """One thing reconciliation found, with the claims it rests on.

    ``message`` is given as text or as a :data:`~claimcheck.wording.Wording` of it, worded when first
    read (see :mod:`claimcheck.wording`); either way :attr:`message` is the text.
    """

    code: str
    severity: Severity
    _message: str | Wording[str] = field(alias="message", eq=worded, repr=False)
    claims: tuple[str, ...]
    figure: str | None = None
    proposition: str | None = None
    #: Other figures involved (the parts or the bound).
    related: tuple[str, ...] = ()
    #: The larger over the smaller value, where two values are compared.
    ratio: float | None = None
    #: The absolute difference between the two values compared.
    gap: int | None = None
    #: The date (EDTF) each cited claim covers, in the order of ``claims``.
    dates: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        # Both names checked at once against sets, not by a validator each: findings are made by the thousand.
        if self.code not in _CODES:
            raise ValueError(f"unknown finding code {self.code!r}: see claimcheck.findings.CATALOGUE")
        if self.severity not in _RANK:
            raise ValueError(f"unknown severity {self.severity!r}: one of {', '.join(SEVERITIES)}")

    @property
    def message(self) -> str:
        """One sentence with the numbers in it."""
        text: str = self._read("_message")
        return text

    @property
    def subject(self) -> str:
        """The id of the figure or proposition the finding is about."""
        return self.figure or self.proposition or ""


def catalogue_markdown(examples: Mapping[str, Finding] | None = None) -> str:
    """The findings catalogue as Markdown, with an example finding per code when given.

    ``docs/findings.md`` is this text with examples from the bundled corpus.
    """
    lines = [
        "# Findings catalogue",
        "",
        "Every finding reconciliation can report, by its stable code. Filter on codes and severities with",
        "`Reconciliation.select(code, severity)` or gate CI with `claimcheck report --fail-on CODE|SEVERITY`.",
        f"Severities, from least to most serious: {', '.join(SEVERITIES)}.",
        "",
        "This page is generated from `claimcheck.findings.CATALOGUE` (`python -m claimcheck.findings`);",
        "a test keeps the two identical.",
        "",
    ]
    for kind in CATALOGUE:
        lines += [f"## `{kind.code}`: {kind.title}", "", kind.meaning, "", f"Severity: {kind.severity_rule}", ""]
        example = (examples or {}).get(kind.code)
        if example is not None:
            cited = ", ".join(f"`{c}`" for c in example.claims)
            lines += [f"Example ({example.severity}, on `{example.subject}`): {example.message} ({cited})", ""]
    return "\n".join(lines)


def examples_from(findings: Iterable[Finding]) -> dict[str, Finding]:
    """The first finding of each code, most serious first: examples for the catalogue."""
    chosen: dict[str, Finding] = {}
    for finding in sorted(findings, key=lambda f: (-severity_rank(f.severity), f.subject, f.claims)):
        chosen.setdefault(finding.code, finding)
    return chosen


if __name__ == "__main__":  # pragma: no cover - `python -m claimcheck.findings > docs/findings.md`
    from claimcheck.load import load
    from claimcheck.reconcile import reconcile

    print(catalogue_markdown(examples_from(reconcile(load("claims")).findings)), end="")
