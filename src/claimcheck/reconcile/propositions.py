"""Propositions: statements asserted, denied or doubted, and the disputes between them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise

from ..findings import Finding
from ..model import Claim, Corpus, Proposition
from .dating import _dated
from .results import PropositionResult
from .voices import _misattributed

#: How a message words each stance.
_STANCE_WORD = {"asserts": "asserted", "denies": "denied", "doubts": "doubted"}


def _taken_order(claim: Claim) -> tuple[dt.date, dt.date, str]:
    """When a stance was taken, for ordering an actor's stances: by its date's span (open ends outermost)."""
    span = claim.date
    return (span.earliest or dt.date.min, span.latest or dt.date.max, claim.id)


def _proposition_result(
    corpus: Corpus, prop: Proposition, claims: Sequence[Claim], origins: dict[str, str | None]
) -> PropositionResult:
    revised = {c.supersedes for c in claims if c.supersedes}
    # One claim per statement stands (a joint statement's claims are one), and a disowned attribution is no voice.
    standing = [c for c in claims if c.id not in origins and c.id not in revised and c.disowned_by is None]
    # Each actor's stances, in the order it took them (by date, then id): a joint statement speaks for all its
    # claimants; a repeat (same-as) adds none.
    taken: dict[str, list[Claim]] = {}
    for c in sorted(standing, key=_taken_order):
        for member in corpus.statement_claims(c.id):
            if member.same_as is None:
                for name in member.claimants:
                    taken.setdefault(name, []).append(c)
    findings: list[Finding] = []
    by_stance: dict[str, list[str]] = {stance: [] for stance in ("asserts", "denies", "doubts")}
    for actor, stances in sorted(taken.items()):
        # An actor that asserted and denied the statement changed its position: a reversal, not a dispute with
        # itself. Its latest stance is the one it holds against others.
        said = [c for c in stances if (c.stance or "asserts") != "doubts"]
        if {c.stance or "asserts" for c in said} == {"asserts", "denies"}:
            # Stances whose dates overlap are not put in an order the sources do not give.
            ordered = all(a.date.before(b.date) for a, b in pairwise(said))
            findings.append(
                Finding(
                    code="reversal",
                    severity="low",
                    proposition=prop.id,
                    claims=tuple(c.id for c in said),
                    message=f"{actor} changed its position on “{prop.statement}”: "
                    + (", then " if ordered else " and ").join(
                        f"{_STANCE_WORD[c.stance or 'asserts']} it ({c.date.text})" for c in said
                    )
                    + ("." if ordered else ", in an order the dates do not tell."),
                )
            )
        by_stance[stances[-1].stance or "asserts"].append(actor)
    asserted, denied, doubted = (sorted(set(by_stance[s])) for s in ("asserts", "denies", "doubts"))

    def who(actors: Sequence[str]) -> str:
        return ", ".join(f"{a} ({corpus.side_of(a, prop.conflict) or 'third party'})" for a in actors)

    if asserted and denied:

        def sides(actors: Sequence[str]) -> set[str]:
            return {corpus.side_of(a, prop.conflict) or "third party" for a in actors}

        belligerents = set(corpus.conflict(prop.conflict).sides)
        # Across sides: a belligerent side asserts and the opposing one denies (third parties are on no side).
        across = any(a != d for a in sides(asserted) & belligerents for d in sides(denied) & belligerents)
        # A hedged assertion or denial ("probably", "appeared") weighs less than a firm one.
        firm = all(any(not c.hedged for c in standing if c.stance == stance) for stance in ("asserts", "denies"))
        findings.append(
            Finding(
                code="disputed-proposition",
                severity="medium" if across and firm else "low",
                proposition=prop.id,
                claims=tuple(c.id for c in standing if c.stance != "doubts"),
                message=f"“{prop.statement}” is asserted by {who(asserted)} and denied by {who(denied)}.",
            )
        )
    if asserted and doubted:
        findings.append(
            Finding(
                code="doubted-proposition",
                severity="low",
                proposition=prop.id,
                claims=tuple(c.id for c in standing if c.stance != "denies"),
                message=f"“{prop.statement}” is asserted by {who(asserted)} and doubted (not denied) by "
                f"{who(doubted)}.",
            )
        )
    voices = {corpus.root_of(c.claimant) for c in standing}
    if len(voices) == 1:
        # Name who spoke, with the voice it speaks for: "artsakh-president (for artsakh-gov)".
        voice, names = next(iter(voices)), sorted(taken)
        spoke = (
            voice
            if names == [voice]
            else f"{names[0]} (for {voice})"
            if len(names) == 1
            else f"{voice} (through {', '.join(names)})"
        )
        findings.append(
            Finding(
                code="single-source",
                severity="low",
                proposition=prop.id,
                claims=tuple(c.id for c in standing),
                message=f"“{prop.statement}” rests on one original claimant, {spoke}.",
            )
        )
    findings.extend(_misattributed(corpus, prop, claims))
    return PropositionResult(
        proposition=prop,
        asserted_by=tuple(asserted),
        denied_by=tuple(denied),
        claims=tuple(c.id for c in claims),
        findings=_dated(findings, {c.id: c.date.text for c in claims}),
        doubted_by=tuple(doubted),
    )
