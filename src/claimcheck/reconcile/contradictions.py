"""Contradictions: comparable claims of different voices whose intervals share no count."""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from functools import partial
from typing import TYPE_CHECKING

from attrs import evolve

from ..dates import DateSpan
from ..estimate import ClaimView
from ..findings import Finding, Severity
from ..model import Claim, Figure
from .apart import _ratio, _severity_of_ratio, _whose, _worded
from .comparability import _overlapping
from .dating import Pending

if TYPE_CHECKING:
    from .kernels import Found


def _contradictions(
    figure: Figure,
    current: Sequence[ClaimView],
    claim_of: dict[str, Claim],
    findings: list[Pending],
    found: Found | None = None,
) -> float | None:
    """One finding per pair of voices whose comparable claims cannot both hold, each made when the figure's
    findings are first read (a figure may have thousands).

    On a figure with more than :data:`PAIRED_VOICES` voices, only the pairs in which one of its
    extreme voices takes part, and one ``crowded-figure`` finding that says so. ``found``: the pairs,
    already found over columns (:mod:`.kernels`), else they are looked for here, claim by claim.
    """
    internal = _internal(figure, current, claim_of) if found is None else found.internal
    for voice in sorted(internal):
        for pair in sorted(internal[voice]):
            lower, upper = internal[voice][pair]
            ratio = _ratio(lower.high, upper.low)  # type: ignore[arg-type]
            severity = _severity_of_ratio(ratio)
            code = "internal-contradiction"
            findings.append(partial(_disagreement, figure, lower, upper, code, severity, claim_of, ratio, voice))
    voices = len({c.voice for c in current})
    if voices < 2:
        return None  # a voice against itself is an internal contradiction, a revision or a regression
    extreme = _extreme_claims(current) if voices > PAIRED_VOICES else None
    extremes = None if extreme is None else frozenset(c.voice for c in extreme)
    undated: _Pairs = {}
    if found is not None:
        worst, undated = found.worst, found.undated
    elif figure.cumulative:
        worst = _furthest_apart_over_time(current, claim_of, extremes, _not_earlier)
        # Pairs a smaller count said earlier would explain: a disagreement, but not one that can be dated.
        undated = _furthest_apart_over_time(current, claim_of, extremes, _may_overlap, skip=worst.keys())
    else:
        worst = _furthest_apart(current, claim_of, extremes)
    spread: float | None = None
    for pair in sorted(worst):
        lower, upper = worst[pair]
        ratio = _ratio(lower.high, upper.low)  # type: ignore[arg-type]
        spread = ratio if spread is None else max(spread, ratio)
        findings.append(
            partial(_disagreement, figure, lower, upper, "contradiction", _severity_of_ratio(ratio), claim_of, ratio)
        )
    for pair in sorted(undated.keys() - worst.keys()):
        lower, upper = undated[pair]
        ratio = _ratio(lower.high, upper.low)  # type: ignore[arg-type]
        findings.append(partial(_disagreement, figure, lower, upper, "undated-disagreement", "low", claim_of, ratio))
    if extreme is not None and extremes is not None:
        findings.append(
            Finding(
                code="crowded-figure",
                severity="info",
                figure=figure.id,
                claims=tuple(sorted({c.id for c in extreme})),
                message=f"{voices:,} independent claimants speak on {figure.label}, more than the "
                f"{PAIRED_VOICES} whose contradictions are listed pair by pair: the {len(worst):,} "
                f"contradiction(s) listed each involve one of the voices with the lowest or highest claims "
                f"({', '.join(sorted(extremes))}); contradictions between two other voices are not listed.",
            )
        )
    return spread


def _internal(figure: Figure, current: Sequence[ClaimView], claim_of: dict[str, Claim]) -> dict[str, _Pairs]:
    """Per voice, the furthest disjoint pair of each pair of its claimants whose comparable claims cannot both
    hold.

    A ministry against the government's own investigators is the voice contradicting itself: it is
    not hidden behind the pair of voices, and it is not a revision (no claim supersedes the other).
    On a running total a later, smaller count of the voice is a regression, so only claims of the
    same moment count here.
    """
    speakers: dict[str, set[str]] = defaultdict(set)
    for c in current:
        speakers[c.voice].add(c.claimant)
    internal: dict[str, _Pairs] = {}
    for voice in (v for v, names in speakers.items() if len(names) > 1):
        mine = [c for c in current if c.voice == voice]
        ceilings = [c.high for c in mine if c.high is not None]
        if not ceilings or min(ceilings) >= max(c.low for c in mine):
            continue  # no claim of the voice lies wholly above another of its claims: nothing to pair
        # Each claimant of the voice taken as a voice of its own, so the pairing above applies unchanged.
        own = [evolve(c, voice=c.claimant) for c in mine]
        if figure.cumulative:
            pairs = _furthest_apart_over_time(own, claim_of, None, _not_earlier)
            pairs = {
                k: (lo, up)
                for k, (lo, up) in pairs.items()
                if not claim_of[up.id].covers.before(claim_of[lo.id].covers)
            }
        else:
            pairs = _furthest_apart(own, claim_of, None)
        if pairs:
            internal[voice] = pairs
    return internal


def _disagreement(
    figure: Figure,
    lower: ClaimView,
    upper: ClaimView,
    code: str,
    severity: Severity,
    claim_of: dict[str, Claim],
    ratio: float,
    voice: str | None = None,
) -> Finding:
    """The finding for a disjoint pair: ``lower`` entirely below ``upper``, ``ratio`` times smaller.

    A hedged claim ("apparently", "may be") weighs less than a firm one: a contradiction resting on one is a
    step less severe.
    """
    assert lower.high is not None
    hedged = [c.claimant for c in (lower, upper) if c.hedged] if lower.hedged or upper.hedged else None
    if hedged and severity != "low":
        severity = "medium" if severity == "high" else "low"
    gap = upper.low - lower.high
    infinite = ratio == math.inf
    return Finding(
        code=code,
        severity=severity,
        figure=figure.id,
        claims=(lower.id, upper.id) if lower.id < upper.id else (upper.id, lower.id),
        ratio=None if infinite else round(ratio, 4),
        gap=gap,
        # A partial, not a closure: one object where a closure would hold a cell per name it reads.
        message=partial(_disagreement_wording, lower, upper, code, claim_of, ratio, gap, voice, hedged),
    )


def _disagreement_wording(
    lower: ClaimView,
    upper: ClaimView,
    code: str,
    claim_of: dict[str, Claim],
    ratio: float,
    gap: int,
    voice: str | None,
    hedged: list[str] | None,
) -> str:
    """The message of a disagreement: who claims what, why the two cannot both hold, and how far apart."""
    if code == "undated-disagreement":
        why = (
            f"on this running total {_whose(lower.claimant)} smaller count may have been given before "
            f"{_whose(upper.claimant)} ({claim_of[lower.id].covers} against {claim_of[upper.id].covers}), "
            "so the disagreement cannot be dated"
        )
    elif voice is not None:
        why = f"both speak for {voice}, and they cannot both hold"
    else:
        why = "they cannot both hold"
    if hedged and code != "undated-disagreement":
        why += f", though {' and '.join(hedged)} hedged"
    shown = "∞" if ratio == math.inf else f"{ratio:.2f}"
    return (
        f"{upper.claimant} claims {_worded(upper.text)} but {lower.claimant} claims "
        f"{_worded(lower.text)}: {why} ({shown}× apart, a gap of {gap:,})."
    )


def _not_earlier(lower: DateSpan, upper: DateSpan) -> bool:
    """Whether a smaller count given for ``lower`` cannot have come before a larger one given for ``upper``.

    Either both are about the same day, or every day of ``lower`` is on or after every day of ``upper``:
    no order of the two can explain the smaller count, so on a running total they contradict.
    """
    return lower.earliest is not None and upper.latest is not None and upper.latest <= lower.earliest


def _first_day(span: DateSpan) -> dt.date:
    return span.earliest or dt.date.min


def _last_day(span: DateSpan) -> dt.date:
    return span.latest or dt.date.max


def _may_overlap(lower: DateSpan, upper: DateSpan) -> bool:
    """Whether ``lower`` is not wholly before ``upper``: the two may be about the same moment."""
    return not lower.before(upper)


#: Above this many voices on one figure, contradictions are listed only against its extreme voices: every
#: pair of a thousand voices that all disagree would be half a million findings.
PAIRED_VOICES = 100


def _extreme_claims(current: Sequence[ClaimView]) -> list[ClaimView]:
    """The lowest ceilings of the two voices that give the lowest, and the highest floors of the two that
    give the highest.

    Without narrower periods, every voice's widest contradiction is with one of these voices: the
    highest floor or the lowest ceiling of a voice other than itself.
    """
    ceilings, floors = _envelope(current)
    return [*sorted(ceilings, key=_ceiling_order)[:2], *floors[:2]]


_Pairs = dict[tuple[str, str], tuple[ClaimView, ClaimView]]


class _Furthest:
    """The furthest disjoint pair of each pair of voices found so far, with the key that ranks it; pairs of
    voices in ``skip`` are not looked at."""

    __slots__ = ("keys", "pairs", "skip")

    def __init__(self, skip: Collection[tuple[str, str]] = ()) -> None:
        self.pairs: _Pairs = {}
        self.keys: dict[tuple[str, str], tuple[float, int, str, str]] = {}
        self.skip = skip

    def keep(self, lower: ClaimView, upper: ClaimView) -> None:
        """Record a disjoint pair (``lower`` entirely below ``upper``) if it is its two voices' furthest apart yet.

        Furthest means the largest ratio, then the widest gap, then the smaller ids, so ties resolve the
        same way every time.
        """
        pair = (lower.voice, upper.voice) if lower.voice < upper.voice else (upper.voice, lower.voice)
        if pair in self.skip:
            return
        key = _apart(lower, upper)
        known = self.keys.get(pair)
        if known is None or key < known:
            self.pairs[pair] = (lower, upper)
            self.keys[pair] = key


def _apart(lower: ClaimView, upper: ClaimView) -> tuple[float, int, str, str]:
    """A sort key putting the pair furthest apart first."""
    assert lower.high is not None
    return (-_ratio(lower.high, upper.low), lower.high - upper.low, lower.id, upper.id)


def _envelope(claims: Sequence[ClaimView]) -> tuple[list[ClaimView], list[ClaimView]]:
    """Each voice's lowest ceiling, and each voice's highest floor, highest first.

    A voice's lowest ceiling against another's highest floor is their widest disagreement, so only
    those two claims per voice matter.
    """
    lowest: dict[str, ClaimView] = {}
    highest: dict[str, ClaimView] = {}
    for c in claims:
        if c.high is not None:
            held = lowest.get(c.voice)
            if held is None or _ceiling_order(c) < _ceiling_order(held):
                lowest[c.voice] = c
        held = highest.get(c.voice)
        if held is None or _floor_order(c) < _floor_order(held):
            highest[c.voice] = c
    return list(lowest.values()), sorted(highest.values(), key=_floor_order)


def _walk(ceilings: Sequence[ClaimView], floors: Sequence[ClaimView], worst: _Furthest) -> None:
    """Pair each ceiling with the floors above it, highest first, stopping at the first floor that is not.

    The work grows with the contradictions found, not with the square of the voices.
    """
    for lower in ceilings:
        for upper in floors:
            if upper.low <= lower.high:  # type: ignore[operator]
                break
            if upper.voice != lower.voice:
                worst.keep(lower, upper)


def _ceiling_order(c: ClaimView) -> tuple[int, str]:
    return (c.high, c.id)  # type: ignore[return-value]


def _floor_order(c: ClaimView) -> tuple[int, str]:
    return (-c.low, c.id)


def _furthest_apart_over_time(
    current: Sequence[ClaimView],
    claim_of: dict[str, Claim],
    extremes: frozenset[str] | None,
    compared: Callable[[DateSpan, DateSpan], bool],
    skip: Collection[tuple[str, str]] = (),
) -> _Pairs:
    """On a running total, the furthest disjoint pair for each pair of voices, among pairs of dates ``compared``
    (pairs of voices in ``skip`` left out).

    ``compared(lower, upper)`` says whether a smaller count of date ``lower`` is set against a larger
    one of date ``upper``: :func:`_not_earlier` (a contradiction) or :func:`_may_overlap` (a
    disagreement). Both are monotone in the dates, so each bounded claim is compared with every other
    voice's largest floor among the claims whose dates qualify. One sweep in date order keeps each
    voice's best floor so far, and the voices ranked by it; each claim walks down that ranking only
    while it disagrees. With ``extremes``, a claim of another voice walks down the ranking of those
    voices only.
    """
    # With _not_earlier an upper qualifies by its last day and a lower by its first, else the other way.
    first, last = (_last_day, _first_day) if compared is _not_earlier else (_first_day, _last_day)
    span = {c.id: claim_of[c.id].covers for c in current}
    starts = sorted(current, key=lambda c: (first(span[c.id]), c.id))
    ends = sorted((c for c in current if c.high is not None), key=lambda c: (last(span[c.id]), c.id))
    best: dict[str, ClaimView] = {}
    ranked: list[tuple[int, str, str]] = []  # (-floor, claim id, voice), the highest floor first
    ranked_extremes: list[tuple[int, str, str]] = []  # the same, of the extreme voices only
    worst = _Furthest(skip)
    i = 0
    for lower in ends:
        until = span[lower.id]
        while i < len(starts) and compared(until, span[starts[i].id]):
            upper = starts[i]
            i += 1
            held = best.get(upper.voice)
            if held is None or _floor_order(upper) < _floor_order(held):
                rankings = (ranked,) if extremes is None or upper.voice not in extremes else (ranked, ranked_extremes)
                for ranking in rankings:
                    if held is not None:
                        del ranking[bisect_left(ranking, (-held.low, held.id, held.voice))]
                    insort(ranking, (-upper.low, upper.id, upper.voice))
                best[upper.voice] = upper
        walked = ranked if extremes is None or lower.voice in extremes else ranked_extremes
        for negative_floor, _, voice in walked:
            if -negative_floor <= lower.high:  # type: ignore[operator]
                break
            if voice != lower.voice:
                worst.keep(lower, best[voice])
    return worst.pairs


def _furthest_apart(
    current: Sequence[ClaimView], claim_of: dict[str, Claim], extremes: frozenset[str] | None
) -> _Pairs:
    """On a figure that is not a running total, the furthest disjoint pair for each pair of contradicting voices.

    Claims are grouped by the period they give (none, usually: the figure's whole period), and only
    claims about overlapping periods are compared. Each pair of overlapping groups is compared by
    one ranked walk, and a sweep over the periods finds those pairs: the work grows with the pairs
    of overlapping periods, not with the square of the distinct periods. With ``extremes``, only
    pairs in which one of those voices takes part are compared.
    """
    groups: dict[DateSpan | None, list[ClaimView]] = defaultdict(list)
    for c in current:
        groups[claim_of[c.id].as_of].append(c)
    envelopes = {period: _envelope(claims) for period, claims in groups.items()}
    among = {
        period: tuple([c for c in claims if c.voice in extremes] for claims in envelope)
        for period, envelope in envelopes.items()
        if extremes is not None
    }
    worst = _Furthest()
    for period_low, period_high in _overlapping(list(envelopes)):
        ceilings, floors = envelopes[period_low][0], envelopes[period_high][1]
        if extremes is None:
            _walk(ceilings, floors, worst)
        else:
            _walk(ceilings, among[period_high][1], worst)
            _walk(among[period_low][0], floors, worst)
    return worst.pairs
