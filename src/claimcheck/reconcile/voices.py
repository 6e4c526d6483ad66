"""Voices and independence: corroboration, repeated statements, single sources and misattributions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..estimate import ClaimView
from ..findings import Finding
from ..model import STANDINGS, Claim, Corpus, Figure, Proposition


def _voices_and_repeats(
    claim_of: dict[str, Claim],
    figure: Figure,
    claims: Sequence[ClaimView],
    current: Sequence[ClaimView],
    voices: Sequence[str],
    findings: list[Finding],
) -> None:
    # Statements made through more than one claim, or one claim with more than one relay.
    repeated = {c.repeat_of for c in claims if c.repeat_of is not None}
    statements: dict[str, list[ClaimView]] = defaultdict(list)
    for c in claims:
        if c.repeat_of is not None or c.id in repeated or len(claim_of[c.id].via) > 1:
            statements[c.repeat_of or c.id].append(c)
    for _first, members in sorted(statements.items()):
        # A joint statement written as a claim per claimant reaches us once through each path (a source
        # and its relays), as it would written as one claim: its claims on one path are one report.
        paths: set[tuple[str, tuple[str, ...]]] = set()
        reports = []
        for c in sorted(members, key=lambda c: (claim_of[c.id].joint_with is not None, c.id)):
            claim = claim_of[c.id]
            path = (claim.source, claim.via)
            if claim.joint_with is None or path not in paths:
                reports.append(c)
            paths.add(path)
        reports.sort(key=lambda c: c.id)
        if len(reports) == 1 and len(claim_of[reports[0].id].via) < 2:
            continue  # one report through at most one relay: nothing repeated
        relays = sorted({r for c in reports for r in claim_of[c.id].via})
        sources = sorted({claim_of[c.id].source for c in reports})
        if len(reports) > 1 or len(relays) > 1:
            findings.append(
                Finding(
                    code="repeated-statement",
                    severity="info",
                    figure=figure.id,
                    claims=tuple(sorted(c.id for c in members)),
                    message=f"{_speakers(members)} statement reaches us through {len(reports)} claim(s) in "
                    f"{len(sources)} source(s)"
                    + (f", relayed by {', '.join(relays)}" if relays else "")
                    + ": one voice, not independent confirmation.",
                )
            )
    if len(voices) == 1:
        relays = sorted({r for c in current for r in claim_of[c.id].via})
        findings.append(
            Finding(
                code="single-source",
                severity="low",
                figure=figure.id,
                claims=tuple(c.id for c in current),
                message=f"{figure.label} rests on one original claimant, {voices[0]}"
                + (f" (relayed by {', '.join(relays)})" if relays else "")
                + ".",
            )
        )
        return
    if len(voices) < 2:
        return
    # Corroboration: the largest set of voices whose claims share a common count.
    best_point, agreeing = _widest_agreement(current)
    if len({_bloc(c) for c in agreeing}) >= 2:
        sides = sorted({c.side or "none" for c in agreeing})
        voices_agreeing = sorted({c.voice for c in agreeing})
        across = " across sides" if len(sides) > 1 else ""
        findings.append(
            Finding(
                code="corroboration",
                severity="info",
                figure=figure.id,
                claims=tuple(sorted(c.id for c in agreeing)),
                message=f"{len(voices_agreeing)} independent claimants ({', '.join(voices_agreeing)}) agree"
                f"{across} on a value of {best_point:,} ("
                + "; ".join(f"{c.claimant}: {c.text}" for c in agreeing)
                + ").",
            )
        )


def _bloc(claim: ClaimView) -> str:
    """What counts as one independent voice for corroboration: a belligerent side with all its parties
    (allies are not independent of each other), else the claimant's voice."""
    return f"side {claim.side}" if claim.side is not None and claim.side not in STANDINGS else claim.voice


def _widest_agreement(current: Sequence[ClaimView]) -> tuple[int, list[ClaimView]]:
    """The count allowed by claims from the most independent voices, and those claims (a sweep, n log n).

    Voices of one side (a government and its ally) count as one: see :func:`_bloc`.
    """
    events: list[tuple[int, int, str]] = []
    for c in current:
        events.append((c.low, 0, c.id))
        if c.high is not None:
            events.append((c.high + 1, -1, c.id))
    events.sort()
    by_id = {c.id: c for c in current}
    active: dict[str, int] = defaultdict(int)
    open_ids: set[str] = set()
    best_count, best_point, best_ids = 0, 0, frozenset[str]()
    for point, kind, cid in events:
        voice = _bloc(by_id[cid])
        if kind == 0:
            active[voice] += 1
            open_ids.add(cid)
        else:
            active[voice] -= 1
            open_ids.discard(cid)
            if not active[voice]:
                del active[voice]
        if kind == 0 and len(active) > best_count:
            best_count, best_point, best_ids = len(active), point, frozenset(open_ids)
    return best_point, sorted((by_id[i] for i in best_ids), key=lambda c: c.id)


def _speakers(reports: Sequence[ClaimView]) -> str:
    """Whose statement a group of claims reports: "am-mod's", or "am-gov and artsakh-gov's joint"."""
    names = list(dict.fromkeys(name for c in reports for name in (c.claimants or (c.claimant,))))
    return f"{names[0]}'s" if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}'s joint"


def _misattributed(corpus: Corpus, subject: Figure | Proposition, claims: Sequence[Claim]) -> list[Finding]:
    """A finding for each claim whose attributed claimant disowns it: the claim is not that claimant's voice."""
    found = []
    for claim in claims:
        if claim.disowned_by is None:
            continue
        denial = corpus.claim(claim.disowned_by)
        said = claim.value.text if claim.value is not None else claim.stance
        through = f" (relayed by {', '.join(claim.via)})" if claim.via else ""
        found.append(
            Finding(
                code="misattributed",
                severity="medium",
                figure=subject.id if isinstance(subject, Figure) else None,
                proposition=subject.id if isinstance(subject, Proposition) else None,
                # Only the disowned claim: the one disowning it may be about something else (named in the message).
                claims=(claim.id,),
                message=f"{claim.source} attributes {said} to {claim.claimant}{through}, but {denial.claimant} "
                f"disowns it in {denial.source} ({denial.id}): set aside as {claim.claimant}'s voice.",
            )
        )
    return found
