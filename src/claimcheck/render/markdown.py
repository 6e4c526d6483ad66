"""The Markdown report: readable in a terminal, on a code-hosting site, and in a diff."""

from __future__ import annotations

from collections.abc import Iterable

from claimcheck import __version__
from claimcheck.model import Corpus
from claimcheck.reconcile import FigureResult, PropositionResult, Reconciliation

from .common import (
    PARTISAN_HEADER,
    PARTISAN_NOTE,
    by_severity,
    claim_rows,
    estimate_line,
    estimate_range,
    figure_facts,
    partisan_rows,
    plain,
    ratio_text,
    summarise,
)

__all__ = ["render_markdown"]


def cell(text: str) -> str:
    """Text made safe for one Markdown table cell: one line, no pipes, no raw HTML or markup."""
    text = plain(text)
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _figure(result: FigureResult, corpus: Corpus) -> list[str]:
    f = result.figure
    out = [f"### {cell(f.label)} (`{f.id}`)", ""]
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
                f"`{r.source}`",
                cell(r.locator),
                cell(", ".join(r.via)),
                cell(r.standing),
            ]
            for r in rows
        ),
    )
    out.append("")
    if result.findings:
        out.append("**Findings**")
        out.append("")
        for finding in by_severity(result.findings):
            cited = ", ".join(f"`{c}`" for c in finding.claims)
            out.append(f"- **{finding.severity}** `{finding.code}`: {cell(finding.message)} ({cited})")
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
        quote = f"- `{r.id}` ({cell(r.claimant)}, `{r.source}` {cell(r.locator)}): “{cell(r.quote)}”"
        if r.translation:
            quote += f" — *{cell(r.translation)}*"
        out.append(quote)
    out.append("")
    return out


def _proposition(result: PropositionResult, corpus: Corpus) -> list[str]:
    p = result.proposition
    out = [f"### {cell(p.statement)} (`{p.id}`)", ""]
    out.append(
        f"asserted by: {cell(', '.join(result.asserted_by)) or '–'} · denied by: "
        f"{cell(', '.join(result.denied_by)) or '–'}"
    )
    out.append("")
    for finding in by_severity(result.findings):
        out.append(f"- **{finding.severity}** `{finding.code}`: {cell(finding.message)}")
    for claim_id in result.claims:
        claim = corpus.claim(claim_id)
        line = (
            f"- `{claim.id}`: {cell(claim.claimant)} **{claim.stance}** ({claim.date.text}, "
            f"`{claim.source}` {cell(claim.locator or '')}): “{cell(claim.quote)}”"
        )
        if claim.translation:
            line += f" — *{cell(claim.translation)}*"
        out.append(line)
    out.append("")
    return out


def render_markdown(result: Reconciliation, corpus: Corpus) -> str:
    """The whole report as Markdown text (deterministic for a given corpus)."""
    s = summarise(result, corpus)
    out = [
        "# Consistency report",
        "",
        f"claimcheck {__version__} · estimate policy `{result.policy}` · {s.claims:,} claims about "
        f"{s.figures:,} figures and {s.propositions:,} propositions, from {s.actors:,} actors "
        f"in {s.sources:,} sources · {s.findings:,} findings",
        "",
        "## Summary",
        "",
        "Findings by severity: " + (", ".join(f"{n:,} {sev}" for sev, n in s.by_severity) or "none") + ".",
        "",
    ]
    out += _table(["code", "severity", "count"], ([f"`{c}`", sev, f"{n:,}"] for c, sev, n in s.by_code))
    out += ["", "### Most contested figures", ""]
    contested = result.most_contested(10)
    if contested:
        out += _table(
            ["figure", "voices", "spread", "partisan ratio (adversary / self)", "estimate (low / best / high)"],
            (
                [
                    f"{cell(f.figure.label)} (`{f.figure.id}`)",
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
    out += ["", "## Figures", ""]
    for figure in result.figures:
        out += _figure(figure, corpus)
    if result.propositions:
        out += ["## Propositions", ""]
        for prop in result.propositions:
            out += _proposition(prop, corpus)
    return "\n".join(out).rstrip("\n") + "\n"
