"""The HTML report: one self-contained page (inline CSS and SVG, no script, nothing fetched).

Every piece of text that comes from claim files is escaped, so a quote
holding ``<script>`` shows as text. Charts need matplotlib
(``claimcheck[html]``); without it the page says so and keeps the tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from claimcheck import __version__
from claimcheck.model import Corpus
from claimcheck.reconcile import FigureResult, PropositionResult, Reconciliation

from .chart import COLOURS, chart_svg, charts_available
from .common import (
    PARTISAN_HEADER,
    PARTISAN_NOTE,
    by_severity,
    claim_rows,
    contested,
    estimate_line,
    estimate_range,
    figure_facts,
    partisan_rows,
    plain,
    ratio_text,
    summarise,
)

__all__ = ["MAX_CHARTS", "render_html"]

#: Charts drawn at most, for the most contested figures first.
MAX_CHARTS = 60

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;
padding:1.5em;color:#1a1a1a;background:#fff}
h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ddd}
h3{margin-top:1.6em}code{font-size:.9em;background:#f3f3f3;padding:0 .2em;border-radius:3px}
table{border-collapse:collapse;margin:.6em 0;font-size:.86em;width:100%}
th,td{border:1px solid #ddd;padding:.25em .45em;text-align:left;vertical-align:top}
th{background:#f6f6f6}.num{text-align:right;font-variant-numeric:tabular-nums}
.sev{font-weight:600;padding:0 .35em;border-radius:3px;font-size:.85em}
.sev-high{background:#d7301f;color:#fff}.sev-medium{background:#fc8d59}.sev-low{background:#fdd49e}
.sev-info{background:#e0ecf4}.muted{color:#666}.chart{margin:.5em 0;max-width:100%}
.chart svg{max-width:100%;height:auto}blockquote{margin:.3em 0 .3em 1em;color:#333}
.rel{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.3em;vertical-align:-.05em}
details{margin:.4em 0}nav a{margin-right:1em}
"""


def _e(text: object) -> str:
    return escape(plain(str(text)), quote=True)


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _sev(severity: str) -> str:
    return f'<span class="sev sev-{_e(severity)}">{_e(severity)}</span>'


def _rel(relation: str) -> str:
    return f'<span class="rel" style="background:{COLOURS.get(relation, "#999")}"></span>{_e(relation)}'


def _id(id_: str, link: bool) -> str:
    return f'<a href="#fig-{_e(id_)}">{_e(id_)}</a>' if link else f"<code>{_e(id_)}</code>"


def _figure(result: FigureResult, corpus: Corpus, chart: str | None) -> str:
    f = result.figure
    parts = [f'<section id="fig-{_e(f.id)}"><h3>{_e(f.label)} <code>{_e(f.id)}</code></h3>']
    facts = [
        " ".join(x for x in (_e(fact.label), _e(fact.text), ", ".join(_id(i, fact.figures) for i in fact.ids)) if x)
        for fact in figure_facts(f)
    ]
    parts.append(f'<p class="muted">{" · ".join(facts)}</p>')
    if chart:
        parts.append(f'<div class="chart">{chart}</div>')
    rows = claim_rows(result, corpus)
    parts.append(
        _table(
            [
                "claim",
                "claimant",
                "relation",
                "date",
                "as of",
                "value",
                "interval",
                "source",
                "locator",
                "via",
                "status",
            ],
            (
                [
                    f"<code>{_e(r.id)}</code>",
                    _e(r.claimant),
                    f"{_rel(r.relation)} ({_e(r.side)})",
                    _e(r.date),
                    _e(r.as_of),
                    _e(r.value),
                    _e(r.interval),
                    _e(r.source),
                    _e(r.locator),
                    _e(", ".join(r.via)),
                    _e(r.standing),
                ]
                for r in rows
            ),
        )
    )
    if result.findings:
        items = "".join(
            f"<li>{_sev(x.severity)} <code>{_e(x.code)}</code> {_e(x.message)} "
            f'<span class="muted">({", ".join(_e(c) for c in x.claims)})</span></li>'
            for x in by_severity(result.findings)
        )
        parts.append(f"<ul>{items}</ul>")
    est = result.estimate
    if est is not None:
        reasons = "".join(f"<li>{_e(r)}</li>" for r in est.reasons)
        parts.append(
            f"<p><strong>Estimate</strong> ({_e(est.policy)} policy): {estimate_line(est)}</p><ul>{reasons}</ul>"
        )
    quotes = "".join(
        f"<blockquote><code>{_e(r.id)}</code> ({_e(r.claimant)}, {_e(r.source)} {_e(r.locator)}): "
        f'<q lang="{_e(r.language)}">{_e(r.quote)}</q>'
        + (f" — <em>{_e(r.translation)}</em>" if r.translation else "")
        + "</blockquote>"
        for r in rows
    )
    parts.append(f"<details><summary>Quotes ({len(rows)})</summary>{quotes}</details></section>")
    return "".join(parts)


def _proposition(result: PropositionResult, corpus: Corpus) -> str:
    p = result.proposition
    items = "".join(
        f"<li>{_sev(x.severity)} <code>{_e(x.code)}</code> {_e(x.message)}</li>" for x in by_severity(result.findings)
    )
    claims = "".join(
        f"<blockquote><code>{_e(c.id)}</code> {_e(c.claimant)} <strong>{_e(c.stance)}</strong> "
        f"({_e(c.date.text)}, {_e(c.source)} {_e(c.locator or '')}): <q>{_e(c.quote)}</q>"
        + (f" — <em>{_e(c.translation)}</em>" if c.translation else "")
        + "</blockquote>"
        for c in (corpus.claim(i) for i in result.claims)
    )
    return (
        f'<section id="prop-{_e(p.id)}"><h3>{_e(p.statement)} <code>{_e(p.id)}</code></h3>'
        f"<p>asserted by {_e(', '.join(result.asserted_by) or '–')} · denied by "
        f"{_e(', '.join(result.denied_by) or '–')}</p><ul>{items}</ul>"
        f"<details><summary>Claims ({len(result.claims)})</summary>{claims}</details></section>"
    )


def render_html(result: Reconciliation, corpus: Corpus) -> str:
    """The whole report as one HTML page (deterministic for a given corpus)."""
    s = summarise(result, corpus)
    drawable = {f.figure.id for f in contested(result)}
    draw = charts_available()
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Consistency report · claimcheck</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Consistency report</h1>",
        f'<p class="muted">claimcheck {_e(__version__)} · estimate policy <code>{_e(result.policy)}</code> · '
        f"{s.claims:,} claims about {s.figures:,} figures and {s.propositions:,} propositions, from {s.actors:,} "
        f"actors in {s.sources:,} sources · {s.findings:,} findings</p>",
        '<nav><a href="#summary">Summary</a><a href="#charts">Contested figures</a><a href="#figures">All figures</a>'
        '<a href="#propositions">Propositions</a></nav>',
        '<h2 id="summary">Summary</h2>',
        "<p>" + ", ".join(f"{_sev(sev)} {n:,}" for sev, n in s.by_severity) + "</p>",
        _table(
            ["code", "severity", "count"], ([f"<code>{_e(c)}</code>", _sev(sev), f"{n:,}"] for c, sev, n in s.by_code)
        ),
        "<h3>Most contested figures</h3>",
        _table(
            ["figure", "voices", "spread", "adversary / self", "estimate (low / best / high)"],
            (
                [
                    f'<a href="#fig-{_e(f.figure.id)}">{_e(f.figure.label)}</a>',
                    str(len(f.voices)),
                    ratio_text(f.spread),
                    ratio_text(f.partisan_ratio),
                    estimate_range(f.estimate),
                ]
                for f in result.most_contested(10)
            ),
        ),
        "<h3>Partisan pattern</h3>",
        f"<p>{_e(PARTISAN_NOTE)}</p>",
        _table(PARTISAN_HEADER, ([_e(side), *rest] for side, *rest in partisan_rows(result))),
        '<h2 id="charts">Contested figures</h2>',
        "<p>"
        + " ".join(f"{_rel(rel)}" for rel in COLOURS)
        + ". Bars run from the lowest to the highest count a claim allows; an arrow means no upper limit; "
        "faded bars are revised or repeated claims; the grey band is the estimate.</p>",
    ]
    if not draw:
        out.append("<p><strong>Charts need matplotlib:</strong> install <code>claimcheck[html]</code>.</p>")
    # Most contested first: the reader sees the widest disagreements before the narrow ones. Charts
    # cost a fraction of a second each, so a huge corpus gets them for its most contested figures only.
    ranked = sorted(contested(result), key=lambda f: (-(f.spread or 0.0), f.figure.id))
    if len(ranked) > MAX_CHARTS:
        out.append(f"<p>{len(ranked):,} contested figures: charts for the {MAX_CHARTS} most contested.</p>")
    for rank, fr in enumerate(ranked):
        out.append(_figure(fr, corpus, chart_svg(fr, corpus) if draw and rank < MAX_CHARTS else None))
    out.append('<h2 id="figures">All other figures</h2>')
    out.extend(_figure(fr, corpus, None) for fr in result.figures if fr.figure.id not in drawable)
    out.append('<h2 id="propositions">Propositions</h2>')
    out.extend(_proposition(pr, corpus) for pr in result.propositions)
    out.append("</body></html>")
    return "\n".join(out) + "\n"
