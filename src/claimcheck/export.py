"""Exports of the claims themselves: JSON and CSV for analysis, W3C PROV for provenance tools.

Reports say what reconciliation found; exports hand the claims to other
tools: one row per claim with its normalised interval for a dataframe, and
the provenance graph (sources and claims as entities, actors as agents,
relays as derivations) as PROV-JSON through the ``prov`` package.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import Any

from claimcheck.jsonstream import Lazy, iter_json
from claimcheck.model import Claim, Corpus

__all__ = [
    "EXPORT_FORMATS",
    "EXPORT_STREAMS",
    "claim_records",
    "export",
    "export_csv",
    "export_json",
    "export_prov",
    "iter_claim_records",
    "stream_export",
]

_COLUMNS = (
    "id",
    "figure",
    "proposition",
    "stance",
    "claimant",
    "claimant_name",
    "voice",
    "side",
    "value",
    "low",
    "high",
    "kind",
    "places",
    "date",
    "date_earliest",
    "date_latest",
    "as_of",
    "source",
    "locator",
    "via",
    "same_as",
    "supersedes",
    "quote",
    "translation",
    "note",
    "claimants",
    "hedged",
    "method",
    "joint_with",
    "disowned_by",
    "statement",
    "party",
    "standing",
    "language",
    "tolerance",
    "relative_to",
    "adds_to",
)


def _conflict(corpus: Corpus, claim: Claim) -> str:
    subject = corpus.figure(claim.figure) if claim.figure else corpus.proposition(claim.proposition or "")
    return subject.conflict


def claim_records(corpus: Corpus) -> list[dict[str, Any]]:
    """One flat record per claim, in corpus order: what an analyst loads into a dataframe."""
    return list(iter_claim_records(corpus))


def iter_claim_records(corpus: Corpus) -> Iterator[dict[str, Any]]:
    """The records of :func:`claim_records` one at a time, made as they are read."""
    for c in corpus.claims:
        interval = c.interval
        conflict = _conflict(corpus, c)
        yield {
            "id": c.id,
            "figure": c.figure,
            "proposition": c.proposition,
            "stance": c.stance,
            "claimant": c.claimant,
            "claimant_name": corpus.actor(c.claimant).name,
            "voice": corpus.root_of(c.claimant),
            "side": corpus.side_of(c.claimant, conflict),
            "value": c.value.text if c.value else None,
            "low": interval[0] if interval else None,
            "high": interval[1] if interval else None,
            "kind": c.value.kind if c.value else ("places" if c.places else None),
            "places": list(c.places),
            "date": c.date.text,
            "date_earliest": c.date.earliest.isoformat() if c.date.earliest else None,
            "date_latest": c.date.latest.isoformat() if c.date.latest else None,
            "as_of": c.as_of.text if c.as_of else None,
            "source": c.source,
            "locator": c.locator,
            "via": list(c.via),
            "same_as": c.same_as,
            "supersedes": c.supersedes,
            "quote": c.quote,
            "translation": c.translation,
            "note": c.note,
            "claimants": list(c.claimants),
            "hedged": c.hedged,
            "method": c.method,
            "joint_with": c.joint_with,
            "disowned_by": c.disowned_by,
            "statement": corpus.statement_of(c.id),
            "party": corpus.party_of(c.claimant, conflict),
            "standing": corpus.standing_of(c.claimant),
            "language": c.language,
            "tolerance": c.tolerance,
            "relative_to": c.relative_to,
            "adds_to": c.adds_to,
        }


def export_json(corpus: Corpus) -> str:
    """The claims as a JSON array of flat records."""
    return json.dumps(claim_records(corpus), indent=2, ensure_ascii=False) + "\n"


def stream_export_json(corpus: Corpus) -> Iterator[str]:
    """The text of :func:`export_json` in pieces, a record at a time."""
    yield from iter_json(Lazy(iter_claim_records(corpus)), sort_keys=False)
    yield "\n"


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not execute: formula-leading text gets a leading quote.

    Text that starts with a quote gets one more, so that loading the table takes exactly one off.
    """
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(item) for item in value)
    text = str(value)
    if text[:1] == "'" or (text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text)):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def export_csv(corpus: Corpus) -> str:
    """The claims as CSV, one row per claim, formula-leading cells neutralised."""
    return "".join(stream_export_csv(corpus))


#: Rows of CSV made into one piece of text: large enough that the writer's calls cost nothing, small in memory.
_CSV_ROWS = 1000


def stream_export_csv(corpus: Corpus) -> Iterator[str]:
    """The text of :func:`export_csv` in pieces of :data:`_CSV_ROWS` rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # The csv module quotes a cell holding the line terminator, "\n", but not a carriage return, which
    # readers then refuse: a row with one has every cell quoted.
    quoting = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(_COLUMNS)
    for i, record in enumerate(iter_claim_records(corpus), 1):
        row = [_cell(record[col]) for col in _COLUMNS]
        (quoting if any("\r" in cell for cell in row) else writer).writerow(row)
        if i % _CSV_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def export_prov(corpus: Corpus) -> str:
    """The provenance graph as W3C PROV-JSON (needs the ``prov`` package: ``claimcheck[prov]``).

    Sources and claims are entities, actors are agents; each claim is
    attributed to its claimant, derived from its source, and each relay is
    an agent the claim was also attributed to, as a ``cc:relay`` role.
    """
    from prov.model import ProvDocument

    doc = ProvDocument()
    doc.add_namespace("cc", "https://claimcheck.invalid/ns#")
    for actor in corpus.actors:
        agent = doc.agent(f"cc:{actor.id}", {"prov:label": actor.name, "cc:kind": actor.kind})
        if actor.parent:
            doc.actedOnBehalfOf(agent, f"cc:{actor.parent}")
    for source in corpus.sources:
        doc.entity(
            f"cc:{source.id}",
            {
                "prov:label": source.title,
                "prov:type": "cc:Source",
                "cc:kind": source.kind,
                "cc:language": source.language,
            },
        )
    for claim in corpus.claims:
        attrs: dict[str, Any] = {"prov:type": "cc:Claim", "cc:quote": claim.quote, "cc:date": claim.date.text}
        if claim.value is not None:
            attrs["prov:value"] = claim.value.text
        if claim.stance is not None:
            attrs["cc:stance"] = claim.stance
        if claim.hedged:
            attrs["cc:hedged"] = True
        if claim.method != "assertion":
            attrs["cc:method"] = claim.method
        if claim.locator:
            attrs["cc:locator"] = claim.locator
        subject = claim.figure or claim.proposition
        attrs["cc:about"] = f"cc:{subject}"
        entity = doc.entity(f"cc:{claim.id}", attrs)
        for claimant in claim.claimants:
            doc.wasAttributedTo(entity, f"cc:{claimant}")
        doc.wasDerivedFrom(entity, f"cc:{claim.source}", other_attributes={"prov:type": "prov:Quotation"})
        for relay in claim.via:
            doc.wasAttributedTo(entity, f"cc:{relay}", other_attributes={"prov:role": "cc:relay"})
        if claim.supersedes:
            doc.wasRevisionOf(entity, f"cc:{claim.supersedes}")
        if claim.same_as:
            doc.specializationOf(entity, f"cc:{claim.same_as}")
        if claim.joint_with:
            doc.alternateOf(entity, f"cc:{claim.joint_with}")
        if claim.disowned_by:
            doc.wasInvalidatedBy(entity, None, other_attributes={"cc:disownedBy": f"cc:{claim.disowned_by}"})
    text = doc.serialize(format="json", indent=2, sort_keys=True) or ""
    return text + "\n"


def stream_export_prov(corpus: Corpus) -> Iterator[str]:
    """The text of :func:`export_prov` as one piece: the ``prov`` package builds and writes its document whole."""
    yield export_prov(corpus)


EXPORT_FORMATS: dict[str, Callable[[Corpus], str]] = {"json": export_json, "csv": export_csv, "prov": export_prov}

#: The same formats as :data:`EXPORT_FORMATS`, each as pieces of text made as they are written.
EXPORT_STREAMS: dict[str, Callable[[Corpus], Iterator[str]]] = {
    "json": stream_export_json,
    "csv": stream_export_csv,
    "prov": stream_export_prov,
}


def _check(fmt: str) -> None:
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")


def export(corpus: Corpus, fmt: str) -> str:
    """The claims in one of :data:`EXPORT_FORMATS`; raises ValueError for another."""
    _check(fmt)
    return EXPORT_FORMATS[fmt](corpus)


def stream_export(corpus: Corpus, fmt: str) -> Iterator[str]:
    """The text of :func:`export` in pieces, made as they are read; raises ValueError for an unknown format."""
    _check(fmt)
    return EXPORT_STREAMS[fmt](corpus)
