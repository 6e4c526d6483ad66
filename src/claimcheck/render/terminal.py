"""One figure for the terminal (``claimcheck show``): plain text, control sequences stripped.

Claim files are untrusted; text from them could carry terminal escape
sequences, so everything is passed through :func:`~claimcheck.render.common.plain`.
"""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck.findings import Finding
from claimcheck.model import Corpus
from claimcheck.reconcile import FigureResult, PropositionResult

from .common import by_severity, claim_rows, estimate_line, plain

__all__ = ["render_figure", "render_proposition", "stream_figure", "stream_proposition"]


def render_figure(result: FigureResult, corpus: Corpus) -> str:
    """The figure's claims, findings, estimate and quotes as terminal text."""
    return "".join(stream_figure(result, corpus))


def render_proposition(result: PropositionResult, corpus: Corpus) -> str:
    """The proposition's stances, findings and quotes as terminal text."""
    return "".join(stream_proposition(result, corpus))


def stream_figure(result: FigureResult, corpus: Corpus) -> Iterator[str]:
    """The text of :func:`render_figure` a line at a time (each with its newline), made as it is written."""
    f = result.figure
    yield from _ended(
        f"{plain(f.label)} [{f.id}]",
        f"  {f.conflict} · {plain(f.measure)} · {plain(f.unit)}"
        + (f" · losses of {f.of}" if f.of else "")
        + (" · running total" if f.cumulative else ""),
        "",
    )
    rows = claim_rows(result, corpus)
    width = max([len("claimant"), *(len(r.claimant) for r in rows)])
    value_width = max([20, *(len(plain(r.value)) for r in rows)])
    yield from _ended(
        "Claims",
        f"  {'date':<23} {'as of':<12} {'claimant':<{width}}  {'relation':<11} {'value':<{value_width}} "
        f"{'interval':<22} source",
    )
    for r in rows:
        yield (
            f"  {r.date:<23} {r.as_of or '–':<12} "
            f"{plain(r.claimant):<{width}}  {r.relation:<11} {plain(r.value):<{value_width}} {r.interval:<22} "
            f"{r.source} {plain(r.locator)}"
            + (f" via {', '.join(r.via)}" if r.via else "")
            + ("" if r.standing == "standing" else f" ({r.standing})")
            + "\n"
        )
    yield from _findings(result.findings)
    est = result.estimate
    if est is not None:
        yield from _ended("", f"Estimate ({est.policy}): {estimate_line(est)}")
        yield from _ended(*(f"  {plain(reason)}" for reason in est.reasons))
    yield from _ended("", "Quotes")
    for r in rows:
        yield f"  {r.id}: “{plain(r.quote)}”" + (f" — {plain(r.translation)}" if r.translation else "") + "\n"


def stream_proposition(result: PropositionResult, corpus: Corpus) -> Iterator[str]:
    """The text of :func:`render_proposition` a line at a time (each with its newline), made as it is written."""
    p = result.proposition
    yield from _ended(
        f"{plain(p.statement)} [{p.id}]",
        f"  {p.conflict} · asserted by {', '.join(result.asserted_by) or '–'} · denied by "
        f"{', '.join(result.denied_by) or '–'}",
        "",
        "Claims",
    )
    claims = [corpus.claim(i) for i in result.claims]
    width = max((len(c.claimant) for c in claims), default=8)
    stances = {c.id: (c.stance or "") + (" (hedged)" if c.hedged else "") for c in claims}
    stance_width = max([8, *(len(stance) for stance in stances.values())])
    for c in claims:
        yield (
            f"  {c.date.text:<23} {c.claimant:<{width}}  {stances[c.id]:<{stance_width}} {c.source} "
            f"{plain(c.locator or '')}".rstrip()
            + "\n"
        )
    yield from _findings(result.findings)
    yield from _ended("", "Quotes")
    for c in claims:
        yield f"  {c.id}: “{plain(c.quote)}”" + (f" — {plain(c.translation)}" if c.translation else "") + "\n"


def _findings(findings: tuple[Finding, ...]) -> Iterator[str]:
    if findings:
        yield from _ended("", "Findings")
        yield from _ended(*(f"  {x.severity:<6} {x.code}: {plain(x.message)}" for x in by_severity(findings)))


def _ended(*lines: str) -> Iterator[str]:
    """Each line with its newline."""
    return (line + "\n" for line in lines)
