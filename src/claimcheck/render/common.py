"""What every report shows, computed once: the summary counts and each claim's row.

The Markdown, JSON and HTML renderers differ only in how they write these
down, so they share this module rather than each recounting findings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from fractions import Fraction
from urllib.parse import quote

from attrs import frozen

from claimcheck.estimate import ClaimView, Estimate
from claimcheck.findings import SEVERITIES, Finding, severity_rank
from claimcheck.model import Actor, Corpus, Figure
from claimcheck.reconcile import FigureResult, PropositionResult, Reconciliation
from claimcheck.score import ranked
from claimcheck.text import counted, plain
from claimcheck.values import Span

__all__ = [
    "ClaimRow",
    "Fact",
    "Layout",
    "Shown",
    "SourceRow",
    "Summary",
    "actor_fields",
    "actor_rows",
    "claim_rows",
    "contested",
    "counted",
    "figure_facts",
    "filter_line",
    "interval_text",
    "is_quiet",
    "layout",
    "link_address",
    "plain",
    "source_rows",
    "standing_text",
    "summarise",
]


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
    #: The exact interval of a share or a sum of money, when it is not whole numbers.
    exact: Span | None
    interval: str
    source: str
    source_title: str
    #: The source's address to link to, or empty (see :func:`link_address`).
    source_link: str
    locator: str
    via: tuple[str, ...]
    quote: str
    translation: str
    language: str
    standing: str
    note: str


def interval_text(low: int, high: int | None, exact: Span | None = None) -> str:
    """An interval as reports show it: ``[120, 120]``, ``[401, ∞)``, or a share's exact ``[22.75, 22.85]``."""
    if exact is not None:
        start = f"{'(' if exact.low_open else '['}{_decimal(exact.low)}"
        if exact.high is None:
            return f"{start}, ∞)"
        return f"{start}, {_decimal(exact.high)}{')' if exact.high_open else ']'}"
    if high is None:
        return f"[{low:,}, ∞)"
    return f"[{low:,}, {high:,}]"


def _decimal(x: Fraction) -> str:
    """An exact bound as reports show it: 22.75, 66.67 (two decimals at most), 2,000,000,000."""
    if x.denominator == 1:
        return f"{int(x):,}"
    return f"{float(x):,.2f}".rstrip("0").rstrip(".")


def standing_text(view: ClaimView) -> str:
    """Whether a claim stands, was disowned, revised or repeats another, in words."""
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
                # A hedged claim ("probably", "appeared") says so where its value is read.
                value=f"{view.text} (hedged)" if view.hedged else view.text,
                low=view.low,
                high=view.high,
                exact=view.exact,
                interval=interval_text(view.low, view.high, view.exact),
                source=source.id,
                source_title=source.title,
                source_link=link_address(source.url) or "",
                locator=claim.locator or "",
                via=claim.via,
                quote=claim.quote,
                translation=claim.translation or "",
                language=claim.language or source.language,
                standing=standing_text(view),
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
#: The same pattern per kind of loss: aircraft understated and civilians inflated do not average into one number.
PARTISAN_KIND_HEADER = ("side", "whose losses", "kind of loss", "vs others", "figures")


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


def partisan_kind_rows(result: Reconciliation) -> list[tuple[str, str, str, str, str]]:
    """The partisan pattern per side and kind of loss, as table cells (the side still to be escaped)."""
    return [
        (p.side, k.whose, k.losses, ratio_text(k.ratio), str(len(k.figures))) for p in result.partisan for k in p.kinds
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


# --- what a report shows, and in which order ------------------------------------------------------


@frozen(kw_only=True)
class Shown:
    """Which findings a report shows: all by default; the summary always counts every finding.

    ``min_severity`` hides findings below it; ``only`` (when not empty) keeps
    just those codes; ``skip`` hides those codes.
    """

    min_severity: str | None = None
    only: frozenset[str] = frozenset()
    skip: frozenset[str] = frozenset()

    def __call__(self, finding: Finding) -> bool:
        """Whether the report shows this finding."""
        if self.min_severity is not None and severity_rank(finding.severity) < severity_rank(self.min_severity):
            return False
        if self.only and finding.code not in self.only:
            return False
        return finding.code not in self.skip

    def words(self) -> str:
        """The filter in words (empty when everything is shown)."""
        parts = []
        if self.min_severity is not None:
            parts.append(f"severity {self.min_severity} and above")
        if self.only:
            parts.append("only " + ", ".join(sorted(self.only)))
        if self.skip:
            parts.append("skipping " + ", ".join(sorted(self.skip)))
        return "; ".join(parts)


#: Severities the triage at the top of every report lists.
TRIAGE_SEVERITIES = frozenset({"high", "medium"})
#: Findings that say nothing more about a one-claimant figure than its one claim does: such a figure
#: goes into the compact table at the end of a report instead of a section of its own.
QUIET_CODES = frozenset({"single-source", "vague-only", "bound-satisfied", "repeated-statement", "parts-add-up"})


@frozen(kw_only=True)
class Layout:
    """The order of a report: triage first, then figures by conflict, most contested first, then the quiet ones."""

    summary: Summary
    shown: Shown
    #: Findings shown, as many as the summary counts when nothing is filtered.
    shown_count: int
    #: Figures with high or medium findings shown, most contested first, each with those findings.
    triage: tuple[tuple[FigureResult, tuple[Finding, ...]], ...]
    #: Propositions with high or medium findings shown, each with those findings.
    triage_propositions: tuple[tuple[PropositionResult, tuple[Finding, ...]], ...]
    #: (conflict id, its figures most contested first), conflicts in id order.
    sections: tuple[tuple[str, tuple[FigureResult, ...]], ...]
    #: Figures with one claimant and nothing else to say, by conflict then id.
    quiet: tuple[FigureResult, ...]


def is_quiet(result: FigureResult) -> bool:
    """Whether a figure has one voice and no finding beyond what its one claim already shows."""
    return len({c.voice for c in result.claims}) <= 1 and all(f.code in QUIET_CODES for f in result.findings)


def layout(result: Reconciliation, corpus: Corpus, shown: Shown | None = None) -> Layout:
    """Arrange the report: what comes first, in which order, and what is filtered."""
    shown = shown or Shown()
    order = ranked(result.figures)
    triage = []
    for fr in order:
        urgent = tuple(f for f in by_severity(fr.findings) if f.severity in TRIAGE_SEVERITIES and shown(f))
        if urgent:
            triage.append((fr, urgent))
    triage_props = []
    for pr in result.propositions:
        urgent = tuple(f for f in by_severity(pr.findings) if f.severity in TRIAGE_SEVERITIES and shown(f))
        if urgent:
            triage_props.append((pr, urgent))
    triage_props.sort(key=lambda item: (-severity_rank(item[1][0].severity), item[0].proposition.id))
    by_conflict: dict[str, list[FigureResult]] = {}
    quiet = []
    for fr in order:
        if is_quiet(fr):
            quiet.append(fr)
        else:
            by_conflict.setdefault(fr.figure.conflict, []).append(fr)
    quiet.sort(key=lambda fr: (fr.figure.conflict, fr.figure.id))
    return Layout(
        summary=summarise(result, corpus),
        shown=shown,
        shown_count=sum(1 for f in result.findings if shown(f)),
        triage=tuple(triage),
        triage_propositions=tuple(triage_props),
        sections=tuple((c, tuple(figs)) for c, figs in sorted(by_conflict.items())),
        quiet=tuple(quiet),
    )


def filter_line(lay: Layout) -> str:
    """What the filter hides, in one sentence (empty when nothing is filtered)."""
    if not lay.shown.words():
        return ""
    return f"Showing {lay.shown_count:,} of {lay.summary.findings:,} findings ({lay.shown.words()})."


# --- sources and actors by name ----------------------------------------------------------------------

#: Characters kept as they are in an address a report links to; anything else is percent-encoded, so
#: an address cannot close a Markdown link or an HTML attribute.
_URL_SAFE = ":/?#[]@!$&*+,;=%~-._"


def link_address(url: str | None) -> str | None:
    """The address to link to, percent-encoded; ``None`` unless it is an ``http`` or ``https`` address."""
    if url is None:
        return None
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https") or not rest:
        return None
    return quote(plain(url), safe=_URL_SAFE)


@frozen(kw_only=True)
class SourceRow:
    """A source as reports list it."""

    id: str
    title: str
    publisher: str
    published: str
    url: str
    #: The address to link to, or empty when there is none or it is not http(s).
    link: str
    archive: str
    kind: str
    language: str


def source_rows(corpus: Corpus) -> list[SourceRow]:
    """Every source, by id."""
    return [
        SourceRow(
            id=s.id,
            title=s.title,
            publisher=s.publisher or "",
            published=s.published.text if s.published else "",
            url=s.url or "",
            link=link_address(s.url) or "",
            archive=s.archive or "",
            kind=s.kind,
            language=s.language,
        )
        for s in sorted(corpus.sources, key=lambda s: s.id)
    ]


def actor_fields(actor: Actor) -> dict[str, str]:
    """What reports say of an actor besides its id, by column heading.

    The one place to add a field the model gains (standing, party): the
    Markdown and HTML "Actors" tables show every key in this order.
    """
    return {
        "name": actor.name,
        "kind": actor.kind,
        "parent": actor.parent or "",
        "sides": "; ".join(f"{conflict}: {side}" for conflict, side in sorted(actor.sides.items())),
    }


def actor_rows(corpus: Corpus) -> list[tuple[str, dict[str, str]]]:
    """Every actor by id, with :func:`actor_fields`."""
    return [(a.id, actor_fields(a)) for a in sorted(corpus.actors, key=lambda a: a.id)]
