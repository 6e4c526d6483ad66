"""Propositions: statements asserted, denied or doubted, and the disputes between them."""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding
from ..model import Claim, Corpus, Proposition
from .dating import _dated
from .results import PropositionResult
from .voices import _misattributed


def _proposition_result(
    corpus: Corpus, prop: Proposition, claims: Sequence[Claim], origins: dict[str, str | None]
) -> PropositionResult:
    revised = {c.supersedes for c in claims if c.supersedes}
    # One claim per statement stands (a joint statement's claims are one), and a disowned attribution is no voice.
    standing = [c for c in claims if c.id not in origins and c.id not in revised and c.disowned_by is None]
    by_stance: dict[str, list[str]] = {stance: [] for stance in ("asserts", "denies", "doubts")}
    for c in standing:
        # A joint statement speaks for all its claimants; a repeat (same-as) adds none.
        members = corpus.statement_claims(c.id)
        by_stance[c.stance or "asserts"].extend(n for m in members if m.same_as is None for n in m.claimants)
    asserted, denied, doubted = (sorted(set(by_stance[s])) for s in ("asserts", "denies", "doubts"))
    findings: list[Finding] = []

    def who(actors: Sequence[str]) -> str:
        return ", ".join(f"{a} ({corpus.side_of(a, prop.conflict) or 'third party'})" for a in actors)

    if asserted and denied:

        def sides(actors: Sequence[str]) -> set[str]:
            return {corpus.side_of(a, prop.conflict) or "third party" for a in actors}

        a_sides, d_sides = sides(asserted), sides(denied)
        belligerents = set(corpus.conflict(prop.conflict).sides)
        across = bool(a_sides & belligerents) and bool(d_sides & belligerents) and a_sides != d_sides
        # A hedged assertion or denial ("probably", "appeared") weighs less than a firm one.
        firm = all(
            any(not c.hedged for c in standing if c.stance == stance) for stance in ("asserts", "denies")
        )
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
        findings.append(
            Finding(
                code="single-source",
                severity="low",
                proposition=prop.id,
                claims=tuple(c.id for c in standing),
                message=f"“{prop.statement}” rests on one original claimant, {next(iter(voices))}.",
            )
        )
    findings.extend(_misattributed(corpus, prop, claims))
    return PropositionResult(
        proposition=prop,
        asserted_by=tuple(asserted),
        denied_by=tuple(denied),
        claims=tuple(c.id for c in claims),
        findings=_dated(findings, {c.id: c.date.text for c in claims}, corpus),
        doubted_by=tuple(doubted),
    )
