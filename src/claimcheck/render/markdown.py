"""The Markdown report: readable in a terminal, on a code-hosting site, and in a diff."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from claimcheck import __version__
from claimcheck.findings import Finding
from claimcheck.model import Corpus
from claimcheck.reconcile import FigureResult, PropositionResult, Reconciliation

from .common import (
    PARTISAN_HEADER,
    PARTISAN_KIND_HEADER,
    PARTISAN_NOTE,
    Layout,
    Shown,
    actor_rows,
    by_severity,
    claim_rows,
    counted,
    estimate_line,
    estimate_range,
    figure_facts,
    filter_line,
    layout,
    link_address,
    partisan_kind_rows,
    partisan_rows,
    plain,
    ratio_text,
    source_rows,
)

__all__ = ["render_markdown", "stream_markdown"]


#: Characters that Markdown reads as markup; each gets a backslash that makes it a plain character.
_MARKUP = "\\`*_[]<>|#"
_HAS_MARKUP = re.compile("[" + re.escape(_MARKUP) + "]")


@lru_cache(maxsize=4096)
def cell(text: str) -> str:
    """Text made safe for one Markdown table cell: one line, no pipes, no raw HTML or markup.

    Kept for the texts seen last: a report's cells repeat (claimants, dates, values: 120,020 cells but
    32,599 texts at 10,000 claims).
    """
    text = plain(text)
    if _HAS_MARKUP.search(text) is None:  # most text: one scan instead of one per character
        return text
    for ch in _MARKUP:
        text = text.replace(ch, "\\" + ch)
    return text


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    head = list(header)
    return ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|", *_table_rows(rows)]


def _table_rows(rows: Iterable[Iterable[str]]) -> list[str]:
    return ["| " + " | ".join(row) + " |" for row in rows]


@lru_cache(maxsize=4096)
def _source_name(title: str, link: str) -> str:
    # Kept: a corpus has few sources and many quotes, each naming its source.
    return f"[{cell(title)}]({link})" if link else f"*{cell(title)}*"


def _source_ref(title: str, link: str, locator: str) -> str:
    """A source by its title, linked when it has an http(s) address, with the locator."""
    return f"{_source_name(title, link)} {cell(locator)}".rstrip()


def _finding_line(finding: Finding, cite: bool = True) -> str:
    line = f"**{finding.severity}** `{finding.code}`: {cell(finding.message)}"
    return line + " (" + ", ".join(f"`{c}`" for c in finding.claims) + ")" if cite else line


def _figure(result: FigureResult, corpus: Corpus, shown: Shown) -> list[str]:
    f = result.figure
    out = [f'#### <a id="fig-{f.id}"></a>{cell(f.label)} (`{f.id}`)', ""]
    facts = [
        " ".join(x for x in (fact.label, cell(fact.text), ", ".join(f"`{i}`" for i in fact.ids)) if x)
        for fact in figure_facts(f)
    ]
    out += [" · ".join(facts), ""]
    rows = claim_rows(result, corpus)
    out += _table(
        ["claim", "claimant", "relation", "date", "as of", "value", "interval", "source", "locator", "via", "status"],
        (
            [
                f"`{r.id}`",
                cell(r.claimant),
                f"{r.relation} ({cell(r.side)})",
                r.date,
                r.as_of,
                cell(r.value),
                r.interval,
                f"[`{r.source}`](#src-{r.source})",
                cell(r.locator),
                cell(", ".join(r.via)),
                cell(r.standing),
            ]
            for r in rows
        ),
    )
    out.append("")
    findings = [x for x in by_severity(result.findings) if shown(x)]
    if findings:
        out.append("**Findings**")
        out.append("")
        out.extend(f"- {_finding_line(x)}" for x in findings)
        out.append("")
    est = result.estimate
    if est is not None:
        out.append(f"**Estimate** ({est.policy} policy): {estimate_line(est)}")
        out.append("")
        out.extend(f"- {cell(reason)}" for reason in est.reasons)
        out.append("")
    out.append("**Quotes**")
    out.append("")
    for r in rows:
        ref = _source_ref(r.source_title, r.source_link, r.locator)
        quote = f"- `{r.id}` ({cell(r.claimant)}, {ref}): “{cell(r.quote)}”"
        if r.translation:
            quote += f" — *{cell(r.translation)}*"
        out.append(quote)
    out.append("")
    return out


def _quiet(figures: Sequence[FigureResult], corpus: Corpus, shown: Shown) -> Iterator[list[str]]:
    """One row per figure with one claimant and nothing else to say, instead of a section each.

    Yielded a figure's rows at a time: a large corpus has tens of thousands of such figures.
    """
    yield [
        "## Other figures",
        "",
        "One claimant each, and nothing to say beyond its claim: one row per figure (claim, value, source, "
        "findings shown).",
        "",
        *_table(["figure", "conflict", "claimant", "date", "value", "source", "status", "findings"], ()),
    ]
    for fr in figures:
        f = fr.figure
        codes = ", ".join(sorted({f"`{x.code}`" for x in fr.findings if shown(x)}))
        yield _table_rows(
            [
                f'<a id="fig-{f.id}"></a>{cell(f.label)} (`{f.id}`)',
                f"`{f.conflict}`",
                cell(r.claimant),
                r.date,
                cell(r.value),
                _source_ref(r.source_title, r.source_link, r.locator),
                cell(r.standing),
                codes,
            ]
            for r in claim_rows(fr, corpus)
        )
    yield [""]


def _proposition(result: PropositionResult, corpus: Corpus, shown: Shown) -> list[str]:
    p = result.proposition
    out = [f'### <a id="prop-{p.id}"></a>{cell(p.statement)} (`{p.id}`)', ""]
    out.append(
        f"asserted by: {cell(', '.join(result.asserted_by)) or '–'} · denied by: "
        f"{cell(', '.join(result.denied_by)) or '–'}"
    )
    out.append("")
    for finding in by_severity(result.findings):
        if shown(finding):
            out.append(f"- **{finding.severity}** `{finding.code}`: {cell(finding.message)}")
    for claim_id in result.claims:
        claim = corpus.claim(claim_id)
        source = corpus.source(claim.source)
        ref = _source_ref(source.title, link_address(source.url) or "", claim.locator or "")
        line = (
            f"- `{claim.id}`: {cell(claim.claimant)} **{claim.stance}** ({claim.date.text}, {ref}): "
            f"“{cell(claim.quote)}”"
        )
        if claim.translation:
            line += f" — *{cell(claim.translation)}*"
        out.append(line)
    out.append("")
    return out


def _triage(lay: Layout, corpus: Corpus) -> Iterator[list[str]]:
    """What matters first, yielded a figure at a time: a large corpus has thousands of figures to list."""
    out = ["## What matters first", ""]
    s = lay.summary
    out.append("Findings by severity: " + (", ".join(f"{n:,} {sev}" for sev, n in s.by_severity) or "none") + ".")
    if filter_line(lay):
        out.append(filter_line(lay))
    out.append("")
    if not lay.triage and not lay.triage_propositions:
        yield [*out, "No high or medium findings.", ""]
        return
    yield [*out, "High and medium findings, most contested figure first:", ""]
    for fr, findings in lay.triage:
        f = fr.figure
        yield [
            f"- [{cell(f.label)}](#fig-{f.id}) (`{f.id}`, `{f.conflict}`)",
            *(f"  - {_finding_line(x, cite=False)}" for x in findings),
        ]
    for pr, findings in lay.triage_propositions:
        p = pr.proposition
        yield [
            f"- [{cell(p.statement)}](#prop-{p.id}) (`{p.id}`, `{p.conflict}`)",
            *(f"  - {_finding_line(x, cite=False)}" for x in findings),
        ]
    yield [""]


def _sources(corpus: Corpus) -> list[str]:
    out = ["## Sources", ""]
    out += _table(
        ["source", "title", "publisher", "published", "address", "archive"],
        (
            [
                f'<a id="src-{r.id}"></a>`{r.id}`',
                cell(r.title),
                cell(r.publisher),
                r.published,
                f"<{r.link}>" if r.link else cell(r.url),
                cell(r.archive),
            ]
            for r in source_rows(corpus)
        ),
    )
    out.append("")
    return out


def _actors(corpus: Corpus) -> list[str]:
    rows = actor_rows(corpus)
    heads = list(rows[0][1]) if rows else []
    out = ["## Actors", ""]
    out += _table(["actor", *heads], ([f"`{i}`", *(cell(v) for v in fields.values())] for i, fields in rows))
    out.append("")
    return out


def _sections(result: Reconciliation, corpus: Corpus, shown: Shown | None) -> Iterator[list[str]]:
    """The report's lines, a section (or one figure) at a time; the last section ends with the actors' table."""
    lay = layout(result, corpus, shown)
    s = lay.summary
    out = [
        "# Consistency report",
        "",
        f"claimcheck {__version__} · estimate policy `{result.policy}` · {counted(s.claims, 'claim')} about "
        f"{counted(s.figures, 'figure')} and {counted(s.propositions, 'proposition')}, from "
        f"{counted(s.actors, 'actor')} in {counted(s.sources, 'source')} · {counted(s.findings, 'finding')}",
        "",
    ]
    yield out
    yield from _triage(lay, corpus)
    out = ["## Summary", ""]
    out += _table(["code", "severity", "count"], ([f"`{c}`", sev, f"{n:,}"] for c, sev, n in s.by_code))
    out += ["", "### Most contested figures", ""]
    contested = result.most_contested(10)
    if contested:
        out += _table(
            ["figure", "voices", "spread", "partisan ratio (adversary / self)", "estimate (low / best / high)"],
            (
                [
                    f"[{cell(f.figure.label)}](#fig-{f.figure.id}) (`{f.figure.id}`)",
                    str(len(f.voices)),
                    ratio_text(f.spread),
                    ratio_text(f.partisan_ratio),
                    estimate_range(f.estimate),
                ]
                for f in contested
            ),
        )
    else:
        out.append("No contradictions.")
    out += [
        "",
        "### Partisan pattern",
        "",
        PARTISAN_NOTE,
        "",
    ]
    out += _table(PARTISAN_HEADER, ([cell(side), *rest] for side, *rest in partisan_rows(result)))
    kinds = partisan_kind_rows(result)
    if kinds:
        out += ["", "By kind of loss:", ""]
        out += _table(PARTISAN_KIND_HEADER, ([cell(side), *rest] for side, *rest in kinds))
    out += ["", "## Figures", ""]
    yield out
    for conflict, figures in lay.sections:
        yield [f"### {cell(corpus.conflict(conflict).name)} (`{conflict}`)", ""]
        for figure in figures:
            yield _figure(figure, corpus, lay.shown)
    if lay.quiet:
        yield from _quiet(lay.quiet, corpus, lay.shown)
    if result.propositions:
        yield ["## Propositions", ""]
        for prop in result.propositions:
            yield _proposition(prop, corpus, lay.shown)
    yield _sources(corpus)
    yield _actors(corpus)


def render_markdown(result: Reconciliation, corpus: Corpus, shown: Shown | None = None) -> str:
    """The whole report as Markdown text (deterministic for a given corpus); ``shown`` filters findings."""
    out = [line for section in _sections(result, corpus, shown) for line in section]
    return "\n".join(out).rstrip("\n") + "\n"


def stream_markdown(result: Reconciliation, corpus: Corpus, shown: Shown | None = None) -> Iterator[str]:
    """The text of :func:`render_markdown` in pieces, a section or a figure at a time, made as they are written."""
    held: list[str] | None = None
    for section in _sections(result, corpus, shown):
        if not section:  # a figure without rows adds no line to the whole text either
            continue
        if held is not None:
            yield "\n".join(held) + "\n"
        held = section
    # The last section (the actors' table) ends the report with one newline, as render_markdown's does.
    yield "\n".join(held or []).rstrip("\n") + "\n"
