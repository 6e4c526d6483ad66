"""The HTML report: one self-contained page (inline CSS, SVG and script, nothing fetched).

The page is assembled from Jinja2 templates kept in the package
(``claimcheck/render/templates``) with autoescaping on, so every piece of
text from claim files is escaped unless a template says otherwise, and only
the charts (SVG drawn by :mod:`~claimcheck.render.chart`) and the page's own
style and script are inserted as they are. Text also passes through
:func:`~claimcheck.text.plain` on its way out. The filter form is shown only
when scripts run; without them the whole page reads as it is. Charts need
matplotlib (``claimcheck[html]``); without it the page says so and keeps the
tables.

Jinja2 is imported here, when a page is rendered, not by ``import claimcheck``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from claimcheck import __version__
from claimcheck.findings import CATALOGUE, SEVERITIES, Finding
from claimcheck.model import Corpus
from claimcheck.reconcile import FigureResult, PropositionResult, Reconciliation

from .chart import COLOURS, chart_svg, charts_available, worth_drawing
from .common import (
    PARTISAN_HEADER,
    PARTISAN_KIND_HEADER,
    PARTISAN_NOTE,
    Shown,
    actor_rows,
    by_severity,
    claim_rows,
    counted,
    estimate_line,
    estimate_range,
    figure_facts,
    filter_line,
    interval_text,
    layout,
    link_address,
    partisan_kind_rows,
    partisan_rows,
    plain,
    ratio_text,
    source_rows,
    standing_text,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jinja2 import Environment, Template

__all__ = ["MAX_CHARTS", "figure_card", "reconciliation_card", "render_html", "stream_html"]

#: Charts drawn at most, for the most contested figures first.
MAX_CHARTS = 60

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;
padding:1.5em;color:#1a1a1a;background:#fff}
h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ddd}
h3{margin-top:1.6em}h4{margin:1.4em 0 .3em}code{font-size:.9em;background:#f3f3f3;padding:0 .2em;border-radius:3px}
table{border-collapse:collapse;margin:.6em 0;font-size:.86em;width:100%}
th,td{border:1px solid #ddd;padding:.25em .45em;text-align:left;vertical-align:top}
th{background:#f6f6f6}.num{text-align:right;font-variant-numeric:tabular-nums}
.sev{font-weight:600;padding:0 .35em;border-radius:3px;font-size:.85em}
.sev-high{background:#d7301f;color:#fff}.sev-medium{background:#fc8d59}.sev-low{background:#fdd49e}
.sev-info{background:#e0ecf4}.muted{color:#666}.chart{margin:.5em 0;max-width:100%}
.chart svg{max-width:100%;height:auto}blockquote{margin:.3em 0 .3em 1em;color:#333}
.rel{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.3em;vertical-align:-.05em}
details{margin:.4em 0}nav a{margin-right:1em}.triage>li{margin:.3em 0}.triage ul{margin:.1em 0}
.filter{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.4em 0;margin:.6em 0;z-index:1}
.filter label{margin-right:1em}.filter select{max-width:18em}.filtered{font-weight:600}[hidden]{display:none!important}
"""

# Shows the filter form (hidden without scripts) and hides what does not match. No data from claim
# files is written into the script: it reads the escaped data-* attributes of the page.
_SCRIPT = """
(function(){
var form=document.getElementById("filter");if(!form)return;form.hidden=false;
var rank={info:0,low:1,medium:2,high:3};
function apply(){
var e=form.elements,min=e.sev.value?rank[e.sev.value]:-1,code=e.code.value,conflict=e.conflict.value,
q=e.q.value.toLowerCase().trim(),shown=0,all=0;
function hit(sev,c){return (min<0||rank[sev]>=min)&&(!code||c===code);}
document.querySelectorAll("li[data-severity]").forEach(function(li){
li.hidden=!hit(li.getAttribute("data-severity"),li.getAttribute("data-code"));});
document.querySelectorAll("[data-filter]").forEach(function(el){
var ok=(!conflict||el.getAttribute("data-conflict")===conflict)&&
(!q||el.getAttribute("data-text").indexOf(q)>=0);
if(ok&&(min>=0||code)){ok=el.getAttribute("data-findings").split(" ").some(function(f){
var p=f.split(":");return p.length===2&&hit(p[0],p[1]);});}
el.hidden=!ok;if(el.id){all++;if(ok)shown++;}});
e.count.value=shown+" of "+all+" figures and propositions shown";}
form.addEventListener("input",apply);form.addEventListener("submit",function(ev){ev.preventDefault();});
apply();
})();
"""


@lru_cache(maxsize=1)
def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
    from markupsafe import Markup

    def finalize(value: object) -> object:
        # Markup (the charts, macro output) is already safe; any other text is made one line, without
        # control characters, before autoescaping escapes it.
        if isinstance(value, Markup) or not isinstance(value, str):
            return value
        return plain(value)

    env = Environment(
        loader=PackageLoader("claimcheck.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        finalize=finalize,
        keep_trailing_newline=True,
    )
    env.globals.update(
        colours=COLOURS,
        est_line=estimate_line,
        est_range=estimate_range,
        ratio=ratio_text,
        counted=counted,
        interval=interval_text,
        standing=standing_text,
    )
    return env


def _finding_tags(findings: list[Finding]) -> str:
    return " ".join(sorted({f"{x.severity}:{x.code}" for x in findings}))


def _attributes(shown: Shown) -> tuple[Any, Any]:
    """Functions writing the data-* attributes the filter script reads, for figures and propositions."""
    from markupsafe import Markup, escape

    def figure(fr: FigureResult) -> Markup:
        text = " ".join([fr.figure.id, fr.figure.label, *sorted({c.claimant for c in fr.claims})]).lower()
        return Markup('data-filter data-conflict="{}" data-text="{}" data-findings="{}"').format(
            fr.figure.conflict, plain(text), _finding_tags([x for x in fr.findings if shown(x)])
        )

    def proposition(pr: PropositionResult) -> Markup:
        p = pr.proposition
        text = " ".join([p.id, p.statement, *pr.asserted_by, *pr.denied_by]).lower()
        return Markup('data-filter data-conflict="{}" data-text="{}" data-findings="{}"').format(
            escape(p.conflict), plain(text), _finding_tags([x for x in pr.findings if shown(x)])
        )

    return figure, proposition


def render_html(result: Reconciliation, corpus: Corpus, shown: Shown | None = None) -> str:
    """The whole report as one HTML page (deterministic for a given corpus); ``shown`` filters findings."""
    return _page(result, corpus, shown).render()


def stream_html(result: Reconciliation, corpus: Corpus, shown: Shown | None = None) -> Iterator[str]:
    """The text of :func:`render_html` in pieces, made as the page's template reaches them."""
    return _page(result, corpus, shown).generate()


class _Page:
    """The report's template and what it is given, ready to render whole or in pieces."""

    __slots__ = ("context", "template")

    def __init__(self, template: Template, context: dict[str, Any]) -> None:
        self.template = template
        self.context = context

    def render(self) -> str:
        return self.template.render(self.context)

    def generate(self) -> Iterator[str]:
        return self.template.generate(self.context)


def _page(result: Reconciliation, corpus: Corpus, shown: Shown | None) -> _Page:
    from markupsafe import Markup

    env = _environment()
    lay = layout(result, corpus, shown)
    draw = charts_available()
    ordered = [fr for _, figures in lay.sections for fr in figures]
    # Charts cost a fraction of a second each: a huge corpus gets them for its most contested figures only.
    chartable = [fr.figure.id for fr in ordered if worth_drawing(fr)]
    charted = set(chartable[:MAX_CHARTS]) if draw else set()
    attrs, prop_attrs = _attributes(lay.shown)
    figure_template = env.get_template("figure.html.j2")

    def figure(fr: FigureResult) -> Markup:
        chart = Markup(chart_svg(fr, corpus)) if fr.figure.id in charted else None
        return Markup(
            figure_template.render(
                fr=fr,
                facts=figure_facts(fr.figure),
                rows=claim_rows(fr, corpus),
                findings=[x for x in by_severity(fr.findings) if lay.shown(x)],
                chart=chart,
                attrs=attrs,
            )
        )

    def shown_findings(item: FigureResult | PropositionResult) -> list[Finding]:
        return [x for x in by_severity(item.findings) if lay.shown(x)]

    actors = actor_rows(corpus)
    context: dict[str, Any] = {
        "css": Markup(_CSS),
        "script": Markup(_SCRIPT),
        "version": __version__,
        "policy": result.policy,
        "s": lay.summary,
        "lay": lay,
        "filtered": filter_line(lay),
        "severities": list(reversed(SEVERITIES)),
        "codes": [kind.code for kind in CATALOGUE],
        "conflicts": [(c.id, c.name) for c in sorted(corpus.conflicts, key=lambda c: c.id)],
        "attrs": attrs,
        "prop_attrs": prop_attrs,
        "most_contested": result.most_contested(10),
        "partisan_note": PARTISAN_NOTE,
        "partisan_header": PARTISAN_HEADER,
        "partisan": partisan_rows(result),
        "partisan_kind_header": PARTISAN_KIND_HEADER,
        "partisan_kinds": partisan_kind_rows(result),
        "draw": draw,
        "undrawn": max(0, len(chartable) - MAX_CHARTS) if draw else 0,
        "max_charts": MAX_CHARTS,
        "sections": [(c, corpus.conflict(c).name, figures) for c, figures in lay.sections],
        "figure": figure,
        # Generators: each figure's rows are made when the template reaches it, and dropped after.
        "quiet": ((fr, claim_rows(fr, corpus)) for fr in lay.quiet),
        "shown_findings": shown_findings,
        "propositions": (
            (
                pr,
                [
                    (c, corpus.source(c.source), link_address(corpus.source(c.source).url) or "")
                    for c in (corpus.claim(i) for i in pr.claims)
                ],
            )
            for pr in result.propositions
        ),
        "sources": source_rows(corpus),
        "actor_heads": list(actors[0][1]) if actors else [],
        "actors": actors,
    }
    return _Page(env.get_template("report.html.j2"), context)


def figure_card(result: FigureResult) -> str:
    """One figure as compact HTML (what a notebook shows): its claims, findings and estimate."""
    template = _environment().get_template("figure_card.html.j2")
    return template.render(result=result, findings=by_severity(result.findings))


def reconciliation_card(result: Reconciliation) -> str:
    """A reconciliation as compact HTML (what a notebook shows): counts and the ten most contested figures."""
    from claimcheck.score import ranked

    findings = result.findings
    counts = [(sev, sum(1 for f in findings if f.severity == sev)) for sev in reversed(SEVERITIES)]
    top = [(fr, by_severity(fr.findings)[:3]) for fr in ranked(result.figures)[:10] if fr.findings]
    return (
        _environment()
        .get_template("reconciliation_card.html.j2")
        .render(result=result, findings=findings, by_severity=[(s, n) for s, n in counts if n], top=top)
    )
