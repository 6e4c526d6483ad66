"""The JSON report: a documented, versioned shape for programs (schema in :data:`REPORT_SCHEMA`)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from fractions import Fraction
from itertools import chain
from typing import Any, get_args

from claimcheck import __version__
from claimcheck.estimate import Estimate
from claimcheck.findings import SEVERITIES, Finding
from claimcheck.jsonstream import Lazy, iter_json, materialise
from claimcheck.model import ACTOR_STANDINGS, LOSS_KINDS, METHODS, Corpus, Relation
from claimcheck.quantities import unit_kind
from claimcheck.reconcile import FigureResult, PropositionResult, Reconciliation
from claimcheck.values import QUANTITIES, Span

from .common import Shown, claim_rows, layout, source_rows

__all__ = ["REPORT_FORMAT", "REPORT_SCHEMA", "render_json", "report_data", "report_skeleton", "stream_json"]

#: Changes when the shape changes incompatibly.
REPORT_FORMAT = "claimcheck-report/1"


def _num(value: float | None) -> float | None:
    return None if value is None or math.isinf(value) else round(value, 4)


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "severity": f.severity,
        "claims": list(f.claims),
        "message": f.message,
        "related": list(f.related),
        "ratio": _num(f.ratio),
        "gap": f.gap,
        "dates": list(f.dates),
    }


def _estimate(e: Estimate | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {
        "policy": e.policy,
        "low": e.low,
        "best": e.best,
        "high": e.high,
        "reasons": list(e.reasons),
        "claims": list(e.claims),
    }


def _positions(findings: tuple[Finding, ...], wanted: tuple[Finding, ...], shown: Shown) -> list[int]:
    """Where each wanted finding is in the report's list of the item's findings (those shown), in order."""
    at = {id(f): i for i, f in enumerate(f for f in findings if shown(f))}
    return [at[id(f)] for f in wanted]


def _voice(corpus: Corpus, claim_id: str, conflict: str) -> dict[str, Any]:
    """Who speaks and how firmly: the facts a claim row gained with joint statements, parties and standing."""
    claim = corpus.claim(claim_id)
    return {
        "claimants": list(claim.claimants),
        "party": corpus.party_of(claim.claimant, conflict),
        "standing": corpus.standing_of(claim.claimant),
        "hedged": claim.hedged,
        "method": claim.method,
        "statement": corpus.statement_of(claim.id),
        "disowned_by": claim.disowned_by,
    }


def _figure(fr: FigureResult, corpus: Corpus, shown: Shown) -> dict[str, Any]:
    f = fr.figure
    return {
        "id": f.id,
        "label": f.label,
        "conflict": f.conflict,
        "measure": f.measure,
        "of": f.of,
        "unit": f.unit,
        "quantity": unit_kind(f.unit).quantity,
        "period": f.period.text if f.period else None,
        "cumulative": f.cumulative,
        "parts": list(f.parts),
        "at_most": list(f.at_most),
        "voices": list(fr.voices),
        "spread": _num(fr.spread),
        "partisan_ratio": _num(fr.partisan_ratio),
        "claims": [
            {
                **_voice(corpus, r.id, f.conflict),
                "id": r.id,
                "claimant": r.claimant,
                "side": None if r.side == "none" else r.side,
                "relation": r.relation,
                "date": r.date,
                "as_of": r.as_of or None,
                "value": {"text": r.value, "low": r.low, "high": r.high, "exact": _exact(r.exact)},
                "source": r.source,
                "locator": r.locator or None,
                "via": list(r.via),
                "quote": r.quote,
                "translation": r.translation or None,
                "language": r.language,
                "status": r.standing,
            }
            for r in claim_rows(fr, corpus)
        ],
        "findings": [_finding(x) for x in fr.findings if shown(x)],
        "estimate": _estimate(fr.estimate),
    }


def _proposition(pr: PropositionResult, shown: Shown) -> dict[str, Any]:
    return {
        "id": pr.proposition.id,
        "statement": pr.proposition.statement,
        "conflict": pr.proposition.conflict,
        "asserted_by": list(pr.asserted_by),
        "denied_by": list(pr.denied_by),
        "claims": list(pr.claims),
        "doubted_by": list(pr.doubted_by),
        "findings": [_finding(x) for x in pr.findings if shown(x)],
    }


def report_skeleton(result: Reconciliation, corpus: Corpus, shown: Shown | None = None) -> dict[str, Any]:
    """The report as JSON-ready data whose long arrays (figures, propositions, sources, actors) are made when written.

    Each :class:`~claimcheck.jsonstream.Lazy` array can be read once: :func:`report_data` and
    :func:`stream_json` each take a skeleton of their own.
    """
    lay = layout(result, corpus, shown)
    s, shown = lay.summary, lay.shown
    return {
        "format": REPORT_FORMAT,
        "generator": f"claimcheck {__version__}",
        "policy": result.policy,
        "summary": {
            "claims": s.claims,
            "figures": s.figures,
            "propositions": s.propositions,
            "actors": s.actors,
            "sources": s.sources,
            "findings": s.findings,
            "by_code": [{"code": c, "severity": sev, "count": n} for c, sev, n in s.by_code],
            "most_contested": [f.figure.id for f in result.most_contested(10)],
            "partisan": [
                {
                    "side": p.side,
                    "own_ratio": _num(p.own_ratio),
                    "own_figures": list(p.own_figures),
                    "enemy_ratio": _num(p.enemy_ratio),
                    "enemy_figures": list(p.enemy_figures),
                    "kinds": [
                        {"whose": k.whose, "losses": k.losses, "ratio": _num(k.ratio), "figures": list(k.figures)}
                        for k in p.kinds
                    ],
                }
                for p in result.partisan
            ],
        },
        "filter": {
            "min_severity": shown.min_severity,
            "only": sorted(shown.only),
            "skip": sorted(shown.skip),
            "shown": lay.shown_count,
        },
        "triage": Lazy(
            chain(
                (
                    {"kind": "figure", "id": fr.figure.id, "findings": _positions(fr.findings, found, shown)}
                    for fr, found in lay.triage
                ),
                (
                    {"kind": "proposition", "id": pr.proposition.id, "findings": _positions(pr.findings, found, shown)}
                    for pr, found in lay.triage_propositions
                ),
            )
        ),
        "figures": Lazy(_figure(fr, corpus, shown) for fr in result.figures),
        "propositions": Lazy(_proposition(pr, shown) for pr in result.propositions),
        "sources": Lazy(
            {
                "id": r.id,
                "title": r.title,
                "kind": r.kind,
                "language": r.language,
                "publisher": r.publisher or None,
                "published": r.published or None,
                "url": r.url or None,
                "archive": r.archive or None,
            }
            for r in source_rows(corpus)
        ),
        "actors": Lazy(
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "parent": a.parent,
                "sides": dict(sorted(a.sides.items())),
            }
            for a in sorted(corpus.actors, key=lambda a: a.id)
        ),
    }


def report_data(result: Reconciliation, corpus: Corpus, shown: Shown | None = None) -> dict[str, Any]:
    """The report as JSON-ready data (what :func:`render_json` writes); ``shown`` filters findings."""
    data: dict[str, Any] = materialise(report_skeleton(result, corpus, shown))
    return data


def render_json(result: Reconciliation, corpus: Corpus, shown: Shown | None = None) -> str:
    """The report as JSON text: sorted keys, two-space indent, one trailing newline."""
    return json.dumps(report_data(result, corpus, shown), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def stream_json(result: Reconciliation, corpus: Corpus, shown: Shown | None = None) -> Iterator[str]:
    """The text of :func:`render_json` in pieces, made as they are written: no figure is kept once written."""
    yield from iter_json(report_skeleton(result, corpus, shown), sort_keys=True)
    yield "\n"


_INT = {"type": "integer", "minimum": 0}
_OPT_INT = {"type": ["integer", "null"], "minimum": 0}
_OPT_NUM = {"type": ["number", "null"]}
_STR = {"type": "string"}
_OPT_STR = {"type": ["string", "null"]}
_STRS = {"type": "array", "items": _STR}


def _obj(props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": props, "required": sorted(props), "additionalProperties": False}


def _exact(span: Span | None) -> dict[str, Any] | None:
    """The exact bounds of a share or a sum of money, as strings that lose nothing ("22.75", "200/3")."""
    if span is None:
        return None
    return {
        "low": _exact_number(span.low),
        "high": None if span.high is None else _exact_number(span.high),
        "low_open": span.low_open,
        "high_open": span.high_open,
    }


def _exact_number(x: Fraction) -> str:
    """A decimal when the number has one (22.75), else a fraction (200/3); bounds are never negative."""
    rest, twos, fives = x.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return f"{x.numerator}/{x.denominator}"
    digits = max(twos, fives)
    if digits == 0:
        return str(x.numerator)
    text = str(x.numerator * 10**digits // x.denominator).rjust(digits + 1, "0")
    return f"{text[:-digits]}.{text[-digits:]}"


_EXACT = {
    "oneOf": [
        {"type": "null"},
        _obj(
            {
                "low": {"type": "string"},
                "high": {"type": ["string", "null"]},
                "low_open": {"type": "boolean"},
                "high_open": {"type": "boolean"},
            }
        ),
    ]
}


_FINDING = _obj(
    {
        "code": _STR,
        "severity": {"enum": list(SEVERITIES)},
        "claims": {**_STRS, "minItems": 1},
        "message": _STR,
        "related": _STRS,
        "ratio": _OPT_NUM,
        "gap": {"type": ["integer", "null"]},
        "dates": _STRS,
    }
)

#: JSON Schema (draft 2020-12) of the JSON report.
REPORT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://claimcheck.invalid/schema/report-1.json",
    "title": "claimcheck consistency report",
    **_obj(
        {
            "format": {"const": REPORT_FORMAT},
            "generator": _STR,
            "policy": _STR,
            "summary": _obj(
                {
                    "claims": _INT,
                    "figures": _INT,
                    "propositions": _INT,
                    "actors": _INT,
                    "sources": _INT,
                    "findings": _INT,
                    "by_code": {
                        "type": "array",
                        "items": _obj({"code": _STR, "severity": {"enum": list(SEVERITIES)}, "count": _INT}),
                    },
                    "most_contested": _STRS,
                    "partisan": {
                        "type": "array",
                        "items": _obj(
                            {
                                "side": _STR,
                                "own_ratio": _OPT_NUM,
                                "own_figures": _STRS,
                                "enemy_ratio": _OPT_NUM,
                                "enemy_figures": _STRS,
                                "kinds": {
                                    "type": "array",
                                    "items": _obj(
                                        {
                                            "whose": {"enum": ["own", "enemy"]},
                                            "losses": {"enum": list(LOSS_KINDS)},
                                            "ratio": _OPT_NUM,
                                            "figures": _STRS,
                                        }
                                    ),
                                },
                            }
                        ),
                    },
                }
            ),
            "figures": {
                "type": "array",
                "items": _obj(
                    {
                        "id": _STR,
                        "label": _STR,
                        "conflict": _STR,
                        "measure": _STR,
                        "of": _OPT_STR,
                        "unit": _STR,
                        "quantity": {"enum": list(QUANTITIES)},
                        "period": _OPT_STR,
                        "cumulative": {"type": "boolean"},
                        "parts": _STRS,
                        "at_most": _STRS,
                        "voices": _STRS,
                        "spread": _OPT_NUM,
                        "partisan_ratio": _OPT_NUM,
                        "claims": {
                            "type": "array",
                            "items": _obj(
                                {
                                    "id": _STR,
                                    "claimant": _STR,
                                    "side": _OPT_STR,
                                    "relation": {"enum": list(get_args(Relation))},
                                    "date": _STR,
                                    "as_of": _OPT_STR,
                                    "value": _obj({"text": _STR, "low": _INT, "high": _OPT_INT, "exact": _EXACT}),
                                    "source": _STR,
                                    "locator": _OPT_STR,
                                    "via": _STRS,
                                    "quote": _STR,
                                    "translation": _OPT_STR,
                                    "language": _STR,
                                    "status": _STR,
                                    "claimants": {**_STRS, "minItems": 1},
                                    "party": _OPT_STR,
                                    "standing": {"enum": list(ACTOR_STANDINGS)},
                                    "hedged": {"type": "boolean"},
                                    "method": {"enum": list(METHODS)},
                                    "statement": _STR,
                                    "disowned_by": _OPT_STR,
                                }
                            ),
                        },
                        "findings": {"type": "array", "items": _FINDING},
                        "estimate": {
                            "oneOf": [
                                {"type": "null"},
                                _obj(
                                    {
                                        "policy": _STR,
                                        "low": _OPT_INT,
                                        "best": _OPT_INT,
                                        "high": _OPT_INT,
                                        "reasons": _STRS,
                                        "claims": _STRS,
                                    }
                                ),
                            ]
                        },
                    }
                ),
            },
            "filter": _obj(
                {
                    "min_severity": {"enum": [*SEVERITIES, None]},
                    "only": _STRS,
                    "skip": _STRS,
                    "shown": _INT,
                }
            ),
            "triage": {
                "type": "array",
                "items": _obj(
                    {
                        "kind": {"enum": ["figure", "proposition"]},
                        "id": _STR,
                        "findings": {"type": "array", "items": _INT},
                    }
                ),
            },
            "sources": {
                "type": "array",
                "items": _obj(
                    {
                        "id": _STR,
                        "title": _STR,
                        "kind": _STR,
                        "language": _STR,
                        "publisher": _OPT_STR,
                        "published": _OPT_STR,
                        "url": _OPT_STR,
                        "archive": _OPT_STR,
                    }
                ),
            },
            "actors": {
                "type": "array",
                "items": _obj(
                    {
                        "id": _STR,
                        "name": _STR,
                        "kind": _STR,
                        "parent": _OPT_STR,
                        "sides": {"type": "object", "additionalProperties": _STR},
                    }
                ),
            },
            "propositions": {
                "type": "array",
                "items": _obj(
                    {
                        "id": _STR,
                        "statement": _STR,
                        "conflict": _STR,
                        "asserted_by": _STRS,
                        "denied_by": _STRS,
                        "claims": _STRS,
                        "doubted_by": _STRS,
                        "findings": {"type": "array", "items": _FINDING},
                    }
                ),
            },
        }
    ),
}
