"""What every report shows, computed once: the summary counts and each claim's row.

The Markdown, JSON and HTML renderers differ only in how they write these
down, so they share this module rather than each recounting findings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from attrs import frozen

from claimcheck.estimate import ClaimView, Estimate
from claimcheck.findings import SEVERITIES, Finding
from claimcheck.model import Corpus, Figure
from claimcheck.reconcile import FigureResult, Reconciliation
from claimcheck.text import plain

__all__ = ["ClaimRow", "Fact", "Summary", "claim_rows", "contested", "figure_facts", "plain", "summarise"]

@frozen(kw_only=True)
class Summary:
    """Corpus-wide counts shown at the top of every report."""

    claims: int
    figures: int
    propositions: int
    actors: int
    sources: int
    findings: int
    #: (code, severity) -> count, sorted by code then severity.
    by_code: tuple[tuple[str, str, int], ...]
    by_severity: tuple[tuple[str, int], ...]


def summarise(result: Reconciliation, corpus: Corpus) -> Summary:
    """Count what the reconciliation found."""
    findings = result.findings
    pairs = Counter((f.code, f.severity) for f in findings)
    severities = Counter(f.severity for f in findings)
    return Summary(
        claims=len(corpus.claims),
        figures=len(corpus.figures),
        propositions=len(corpus.propositions),
        actors=len(corpus.actors),
        sources=len(corpus.sources),
        findings=len(findings),
        by_code=tuple((code, sev, n) for (code, sev), n in sorted(pairs.items())),
        by_severity=tuple((sev, severities[sev]) for sev in reversed(SEVERITIES) if severities[sev]),
    )


@frozen(kw_only=True)
class ClaimRow:
    """One claim as a report row: who, when, what, where from, in whose words."""

    id: str
    claimant: str
    side: str
    relation: str
    date: str
    as_of: str
    value: str
    low: int
    high: int | None
    interval: str
    source: str
    locator: str
    via: tuple[str, ...]
    quote: str
    translation: str
    language: str
    standing: str
    note: str


def _interval(low: int, high: int | None) -> str:
    if high is None:
        return f"[{low:,}, ∞)"
    return f"[{low:,}, {high:,}]"


def _standing(view: ClaimView) -> str:
    if view.disowned_by:
        return f"disowned by {view.disowned_by}"
    if view.superseded_by:
        return f"revised by {view.superseded_by}"
    if view.repeat_of:
        return f"repeats {view.repeat_of}"
    return "standing"


def claim_rows(figure: FigureResult, corpus: Corpus) -> list[ClaimRow]:
    """The figure's claims, ordered by date then id, as rows."""
    rows = []
    for view in figure.claims:
        claim = corpus.claim(view.id)
        source = corpus.source(claim.source)
        rows.append(
            ClaimRow(
                id=view.id,
                claimant=view.claimant,
                side=view.side or "none",
                relation=view.relation,
                date=claim.date.text,
                as_of=claim.as_of.text if claim.as_of else "",
                value=view.text,
                low=view.low,
                high=view.high,
                interval=_interval(view.low, view.high),
                source=source.id,
                locator=claim.locator or "",
                via=claim.via,
                quote=claim.quote,
                translation=claim.translation or "",
                language=claim.language or source.language,
                standing=_standing(view),
                note=claim.note or "",
            )
        )
    rows.sort(key=lambda r: (corpus.claim(r.id).date.earliest or corpus.claim(r.id).date.latest, r.id))
    return rows


@frozen(kw_only=True)
class Fact:
    """One fact in a figure's header: a label, plain text, and ids a renderer may link."""

    label: str
    text: str = ""
    ids: tuple[str, ...] = ()
    #: Whether the ids name figures (which the HTML report links to).
    figures: bool = False


def figure_facts(figure: Figure) -> list[Fact]:
    """What a figure counts, in the order reports show it."""
    facts = [
        Fact(label="conflict", ids=(figure.conflict,)),
        Fact(label="measure", text=figure.measure),
        Fact(label="unit", text=figure.unit),
    ]
    if figure.of:
        facts.append(Fact(label="losses of", ids=(figure.of,)))
    if figure.period:
        facts.append(Fact(label="period", text=figure.period.text))
    if figure.cumulative:
        facts.append(Fact(label="running total"))
    if figure.parts:
        facts.append(Fact(label="parts", ids=figure.parts, figures=True))
    if figure.at_most:
        facts.append(Fact(label="at most", ids=figure.at_most, figures=True))
    return facts


#: What the partisan-pattern table means, for every report format.
PARTISAN_NOTE = (
    "How each side's claims compare with everyone else's on the same figures of losses (geometric mean of "
    "ratios): below 1 on its own losses means it reports fewer than others; above 1 on the enemy's, more."
)
PARTISAN_HEADER = ("side", "own losses vs others", "figures", "enemy losses vs others", "figures")


def number_text(value: int | None, none: str = "–") -> str:
    """A count as reports show it: 3,360, or ``none`` when there is no value."""
    return none if value is None else f"{value:,}"


def estimate_range(estimate: Estimate | None) -> str:
    """An estimate as one table cell: ``low / best / high``, or a dash when there is none."""
    if estimate is None:
        return "–"
    return " / ".join([number_text(estimate.low), number_text(estimate.best), number_text(estimate.high, "unbounded")])


def estimate_line(estimate: Estimate) -> str:
    """An estimate in words: ``low 2,840 · best 2,840 · high unbounded``."""
    return (
        f"low {number_text(estimate.low)} · best {number_text(estimate.best)} · "
        f"high {number_text(estimate.high, 'unbounded')}"
    )


def ratio_text(value: float | None) -> str:
    """A ratio as reports show it: 1.49×, ∞ or a dash."""
    if value is None:
        return "–"
    return "∞" if value == float("inf") else f"{value:.2f}×"


def partisan_rows(result: Reconciliation) -> list[tuple[str, str, str, str, str]]:
    """The partisan pattern per side, as table cells (the side still to be escaped by the renderer)."""
    return [
        (p.side, ratio_text(p.own_ratio), str(len(p.own_figures)), ratio_text(p.enemy_ratio), str(len(p.enemy_figures)))
        for p in result.partisan
    ]


#: Findings that make a figure contested, and so worth a chart.
CONTESTING = frozenset({"contradiction", "partisan-gap", "part-whole-gap", "regression", "revision"})


def contested(result: Reconciliation) -> list[FigureResult]:
    """Figures worth a chart: claims that disagree, or a claimant that changed its figure."""
    return [f for f in result.figures if any(x.code in CONTESTING for x in f.findings)]


def by_severity(findings: Sequence[Finding]) -> list[Finding]:
    """Most serious first, then by code, for stable reading order."""
    order = {s: i for i, s in enumerate(reversed(SEVERITIES))}
    return sorted(findings, key=lambda f: (order[f.severity], f.code, f.claims))
