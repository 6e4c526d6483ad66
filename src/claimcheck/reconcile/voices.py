"""Voices and independence: corroboration, repeated statements, single sources and misattributions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from ..estimate import ClaimView
from ..findings import Finding
from ..model import STANDINGS, Claim, Corpus, Figure, Proposition
from .apart import _whose

if TYPE_CHECKING:
    from .kernels import Found


def _voices_and_repeats(
    claim_of: dict[str, Claim],
    figure: Figure,
    claims: Sequence[ClaimView],
    current: Sequence[ClaimView],
    voices: Sequence[str],
    findings: list[Finding],
    found: Found | None = None,
) -> None:
    """Repeated statements, a single source, or the strongest agreement of independent voices.

    ``found``: the agreement, already found over columns (:mod:`.agreements`), else it is looked for here.
    """
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
        if len(reports) > 1 or len(relays) > 1:
            sources = [claim_of[c.id].source for c in reports]
            findings.append(
                Finding(
                    code="repeated-statement",
                    severity="info",
                    figure=figure.id,
                    claims=tuple(sorted(c.id for c in members)),
                    message=partial(_repeated_wording, members, len(reports), sources, relays),
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
                message=f"{figure.label} rests on one original claimant, {_spoke(current)}"
                + (f" (relayed by {', '.join(relays)})" if relays else "")
                + ".",
            )
        )
        return
    if len(voices) < 2:
        return
    agreement = _agreement(current) if found is None else found.agreement
    if agreement is not None:
        findings.append(_agreement_finding(figure, *agreement))


#: The widest an interval may be, as a share of its upper end, for its value to corroborate another: "about
#: 2000" (1,800 to 2,200, a fifth of 2,200 is 440) can; "dozens" (24 to 99), "up to 6" or "more than 5000"
#: (open above) cannot.
PRECISE_WIDTH = 0.2


def precise(claim: ClaimView) -> bool:
    """Whether the claim's value is precise enough to corroborate another: not vague, bounded, and no wider
    than :data:`PRECISE_WIDTH` of its upper end."""
    return not claim.vague and claim.high is not None and claim.high - claim.low <= PRECISE_WIDTH * claim.high


def bloc(claim: ClaimView) -> str:
    """What counts as one independent voice: a belligerent side with all its parties (allies are not
    independent of each other), else the claimant's voice."""
    return f"side {claim.side}" if claim.side is not None and claim.side not in STANDINGS else claim.voice


#: An agreement: its code, the count agreed on, and the agreeing claims (in id order).
Agreement = tuple[str, int, list[ClaimView]]


def _agreement(current: Sequence[ClaimView]) -> Agreement | None:
    """The strongest agreement among the standing claims, if any: its code, the value agreed on, and the claims.

    ``corroboration`` when precise values (:func:`precise`) of independent voices (:func:`bloc`) share a
    count; else ``consistency`` when any values of independent voices do (wide intervals or vague words
    that overlap); else ``allied-agreement`` when voices of one side do.
    """
    keyed = [(c, bloc(c)) for c in current]
    exact = [(c, b) for c, b in keyed if precise(c)]
    if len({b for _, b in exact}) >= 2:
        count, point, agreeing = _widest_agreement(exact)
        if count >= 2:
            return "corroboration", point, agreeing
    independent = len({b for _, b in keyed})
    if independent >= 2:
        count, point, agreeing = _widest_agreement(keyed)
        if count >= 2:
            return "consistency", point, agreeing
    if len({c.voice for c in current}) == independent:
        # Each bloc is one voice: voices agree exactly where blocs do, and independent blocs did not.
        return None
    count, point, agreeing = _widest_agreement([(c, c.voice) for c in current])
    if count >= 2:
        return "allied-agreement", point, agreeing
    return None


def _agreement_finding(figure: Figure, code: str, point: int, agreeing: list[ClaimView]) -> Finding:
    """The finding for an agreement, worded when read (:func:`_agreement_wording`)."""
    return Finding(
        code=code,
        severity="info",
        figure=figure.id,
        claims=tuple(sorted(c.id for c in agreeing)),
        message=partial(_agreement_wording, code, point, agreeing),
    )


def _agreement_wording(code: str, point: int, agreeing: list[ClaimView]) -> str:
    """The message of an agreement: which voices agree, on what, and whether they are on opposing sides."""
    blocs: dict[str, list[ClaimView]] = defaultdict(list)
    for c in agreeing:
        blocs[bloc(c)].append(c)
    # Allies are named together, as the one voice they are.
    who = ", ".join(sorted(_spoke(members, together=" with ") for members in blocs.values()))
    sides = {c.side for c in agreeing if c.side is not None and c.side not in STANDINGS}
    # Only voices of opposing belligerent sides agree "across sides": two third parties do not.
    across = " across sides" if len(sides) > 1 else ""
    values = "; ".join(f"{_spoke([c])}: {claim_text(c)}" for c in agreeing)
    if code == "corroboration":
        said = f"{len(blocs)} independent voices ({who}) agree{across} on {point:,}"
    elif code == "consistency":
        high = min((c.high for c in agreeing if c.high is not None), default=None)
        low = max(c.low for c in agreeing)
        span = f"from {low:,} up" if high is None else (f"on {low:,}" if low == high else f"from {low:,} to {high:,}")
        said = (
            f"{len(blocs)} independent voices ({who}) give values that overlap{across} {span} but are too "
            "wide or vague to corroborate each other"
        )
    else:
        said = (
            f"{_spoke(agreeing, together=' and ')}, of one side, agree on {point:,}: allies, not independent "
            "confirmation"
        )
    return f"{said} ({values})."


def _spoke(claims: Sequence[ClaimView], together: str = ", ") -> str:
    """Who spoke in these claims, each claimant named with the voice it speaks for when that differs:
    "ru-mod (for ru-gov)", "am-gov and artsakh-gov (jointly)"; ``together`` joins separate claimants."""
    if len(claims) == 1 and not claims[0].claimants:  # one claimant: the common case, named at once
        claim = claims[0]
        return claim.claimant if claim.voice == claim.claimant else f"{claim.claimant} (for {claim.voice})"
    voice_of = {c.claimant: c.voice for c in claims}
    names = sorted({name for c in claims for name in (c.claimants or (c.claimant,))})
    named = [n if voice_of.get(n, n) == n else f"{n} (for {voice_of[n]})" for n in names]
    if any(c.claimants for c in claims) and len(named) > 1:
        return f"{', '.join(named[:-1])} and {named[-1]} (jointly)"
    voices = sorted(set(voice_of.values()))
    if len(voices) == 1 and len(names) > 1:
        return f"{voices[0]} (through {', '.join(names)})"
    return together.join(named)


def claim_text(claim: ClaimView) -> str:
    """A claim's value as a message shows it: a number with thousands separators, worded values as worded."""
    return f"{int(claim.text):,}" if claim.text.isdigit() else claim.text


def _widest_agreement(keyed: Sequence[tuple[ClaimView, str]]) -> tuple[int, int, list[ClaimView]]:
    """Of claims each with a key (its voice or bloc): the most distinct keys whose claims allow one count,
    that count, and those claims (a sweep, n log n)."""
    # Events at one point are taken in the order of the claims' ids, so the result does not depend on the
    # order of ``keyed``; the index only saves looking each claim up again.
    events: list[tuple[int, int, str, int]] = []
    for i, (c, _key) in enumerate(keyed):
        events.append((c.low, 0, c.id, i))
        if c.high is not None:
            events.append((c.high + 1, -1, c.id, i))
    events.sort()
    active: dict[str, int] = {}
    open_at: set[int] = set()
    best_count, best_point, best_open = 0, 0, frozenset[int]()
    for point, kind, _id, i in events:
        key = keyed[i][1]
        if kind == 0:
            held = active.get(key, 0)
            active[key] = held + 1
            open_at.add(i)
            # Only a key joining can raise the count of distinct keys.
            if not held and len(active) > best_count:
                best_count, best_point, best_open = len(active), point, frozenset(open_at)
        else:
            held = active[key] - 1
            if held:
                active[key] = held
            else:
                del active[key]
            open_at.discard(i)
    return best_count, best_point, sorted((keyed[i][0] for i in best_open), key=lambda c: c.id)


def _repeated_wording(members: Sequence[ClaimView], reports: int, sources: Sequence[str], relays: Sequence[str]) -> str:
    """The message of a repeated statement: whose it is, and through how many claims, sources and relays."""
    return (
        f"{_speakers(members)} statement reaches us through {reports} claim(s) in {len(set(sources))} source(s)"
        + (f", relayed by {', '.join(relays)}" if relays else "")
        + ": one voice, not independent confirmation."
    )


def _speakers(reports: Sequence[ClaimView]) -> str:
    """Whose statement a group of claims reports: "am-mod's", or "am-gov and artsakh-gov's joint"."""
    names = list(dict.fromkeys(name for c in reports for name in (c.claimants or (c.claimant,))))
    # A report naming one ministry of a joint statement's government adds no speaker to it.
    named = set(names)
    names = [n for n in names if not any(c.claimant == n != c.voice and c.voice in named for c in reports)]
    return _whose(names[0]) if len(names) == 1 else f"{', '.join(names[:-1])} and {_whose(names[-1])} joint"


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
                f"disowns it in {denial.source} ({denial.id}): set aside as {_whose(claim.claimant)} voice.",
            )
        )
    return found
