"""Structure: parts that must add up to their whole, and bounds against other figures."""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence

from attrs import frozen

from ..dates import DateSpan
from ..estimate import ClaimView, Estimate
from ..findings import Finding
from ..model import Corpus, Figure
from ..quantities import UnitKind, unit_kind
from .apart import _ratio, _severity_of_ratio, _span, _whose, _worded


def _sum(views: Sequence[ClaimView]) -> tuple[int, int | None]:
    low = sum(v.low for v in views)
    high: int | None = None if any(v.high is None for v in views) else sum(v.high or 0 for v in views)
    return low, high


def _covers(corpus: Corpus, views: Iterable[ClaimView]) -> dict[str, DateSpan]:
    """The date each claim's figure is given for, by claim id (the view carries it; else the claim does)."""
    return {c.id: c.covers or corpus.claim(c.id).covers for c in views}


def _like(corpus: Corpus, figure_id: str, kind: UnitKind) -> bool:
    """Whether the figure measures the same kind of quantity (or is unknown, and has no claims to compare)."""
    other = corpus.get(figure_id)
    return not isinstance(other, Figure) or unit_kind(other.unit) == kind


def _structure(
    corpus: Corpus,
    figure: Figure,
    views: dict[str, tuple[ClaimView, ...]],
    estimates: dict[str, Estimate | None],
    findings: list[Finding],
) -> float | None:
    """Part–whole sums and bounds against other figures; returns the widest part–whole gap ratio.

    Like is compared with like only: a share never with a count, money never with people (loading
    refuses such links; a corpus built in Python may still hold them).
    """
    widest: float | None = None
    kind = unit_kind(figure.unit)
    if figure.parts and all(_like(corpus, p, kind) for p in figure.parts):
        wholes = [c for c in views[figure.id] if c.current]
        parts = {p: [c for c in views.get(p, ()) if c.current] for p in figure.parts}
        # Each voice's claims for each part, latest first (then the largest id), found once, not per total.
        own: dict[str, dict[str, list[ClaimView]]] = {}
        covers = _covers(corpus, (*wholes, *(c for claims in parts.values() for c in claims)))
        for p, claims in parts.items():
            by_voice = own[p] = {}
            for c in sorted(claims, key=lambda c: (covers[c.id].latest or dt.date.max, c.id), reverse=True):
                by_voice.setdefault(c.voice, []).append(c)
        summed = _PartsBest.of(figure, parts, estimates, covers)
        for whole in wholes:
            found = (_as_of(own[p].get(whole.voice, ()), covers, covers[whole.id]) for p in figure.parts)
            chosen = [c for c in found if c is not None]
            if len(chosen) < len(figure.parts):
                ratio = None if summed is None else _part_whole_gap(figure, whole, summed, covers, findings)
                if ratio is not None:
                    widest = ratio if widest is None else max(widest, ratio)
            else:
                low, high = _sum(chosen)
                fits = (high is None or whole.low <= high) and (whole.high is None or low <= whole.high)
                ids = (whole.id, *[c.id for c in chosen])
                sum_text = " + ".join(_span(c.low, c.high) for c in chosen)
                if fits:
                    findings.append(
                        Finding(
                            code="parts-add-up",
                            severity="info",
                            figure=figure.id,
                            related=figure.parts,
                            claims=ids,
                            message=f"{_whose(whole.claimant)} parts ({sum_text} = {_span(low, high)}) agree with its "
                            f"total of {_span(whole.low, whole.high)}.",
                        )
                    )
                else:
                    gap = (whole.low - high) if high is not None and high < whole.low else (low - (whole.high or 0))
                    findings.append(
                        Finding(
                            code="part-whole-mismatch",
                            severity="medium",
                            figure=figure.id,
                            related=figure.parts,
                            claims=ids,
                            gap=gap,
                            message=f"{_whose(whole.claimant)} parts ({sum_text} = {_span(low, high)}) do not "
                            f"add up to its total of {_span(whole.low, whole.high)} (off by {gap:,}).",
                        )
                    )
    for bound in figure.at_most:
        if not _like(corpus, bound, kind):
            continue
        mine = [c for c in views[figure.id] if c.current]
        theirs = [c for c in views.get(bound, ()) if c.current and c.high is not None]
        other = corpus.get(bound)
        covers = _covers(corpus, (*mine, *theirs))
        running = isinstance(other, Figure) and other.cumulative
        tightest = _tightest(mine, theirs, covers, running)
        if tightest is None:
            continue
        largest, smallest = tightest
        assert smallest.high is not None
        if largest.low > smallest.high:
            findings.append(
                Finding(
                    code="bound-violation",
                    severity="medium",
                    figure=figure.id,
                    related=(bound,),
                    claims=(largest.id, smallest.id),
                    gap=largest.low - smallest.high,
                    ratio=round(_ratio(smallest.high, largest.low), 4) if smallest.high > 0 else None,
                    message=f"{_whose(largest.claimant)} {_worded(largest.text)} exceeds "
                    f"{_whose(smallest.claimant)} {_worded(smallest.text)} for {bound}, "
                    f"which it cannot exceed.",
                )
            )
        else:
            findings.append(
                Finding(
                    code="bound-satisfied",
                    severity="info",
                    figure=figure.id,
                    related=(bound,),
                    claims=tuple(sorted({largest.id, smallest.id})),
                    message=f"Every claim fits under {bound}{' at the same moment or later' if running else ''}: "
                    f"the {'closest' if running else 'largest'}, {_span(largest.low, largest.high)} "
                    f"({largest.claimant}), is within {_span(smallest.low, smallest.high)} ({smallest.claimant}).",
                )
            )
    return widest


def _as_of(claims: Sequence[ClaimView], covers: Mapping[str, DateSpan], when: DateSpan) -> ClaimView | None:
    """The latest of a voice's claims for a part (``claims``, latest first) as of a total's date ``when``.

    A claim about a later moment than the total is not one of its parts: a total of 19 August is not
    summed from parts of 3 and 15 September.
    """
    for c in claims:
        if not when.before(covers[c.id]):
            return c
    return None


def _tightest(
    mine: Sequence[ClaimView], theirs: Sequence[ClaimView], covers: Mapping[str, DateSpan], running: bool
) -> tuple[ClaimView, ClaimView] | None:
    """The claim of a bounded figure and the ceiling of its bound that come closest to (or beyond) the bound.

    On a running total a ceiling bounds only the counts of its own moment or earlier: a count of
    15 September is bounded by a total of that day or later, not by one of 19 August, and an undated
    ceiling (its date a long span) bounds only the counts it provably does not precede. Elsewhere
    every ceiling bounds every count. Ties resolve by id, so the pair does not depend on order.
    """
    if not running:
        if not mine or not theirs:
            return None
        return max(mine, key=lambda c: (c.low, c.id)), min(theirs, key=lambda c: (c.high, c.id))
    # A sweep from the latest count back: the ceilings that start on or after its last day join, the lowest kept.
    ceilings = sorted(theirs, key=lambda c: (covers[c.id].earliest or dt.date.min, c.id), reverse=True)
    best: tuple[ClaimView, ClaimView] | None = None
    lowest: ClaimView | None = None
    i = 0
    for c in sorted(mine, key=lambda c: (covers[c.id].latest or dt.date.max, c.id), reverse=True):
        last = covers[c.id].latest
        while i < len(ceilings) and last is not None and (covers[ceilings[i].id].earliest or dt.date.min) >= last:
            if lowest is None or (ceilings[i].high, ceilings[i].id) < (lowest.high, lowest.id):
                lowest = ceilings[i]
            i += 1
        if lowest is not None and (
            best is None or (c.low - (lowest.high or 0), c.id) > (best[0].low - (best[1].high or 0), best[0].id)
        ):
            best = (c, lowest)
    return best


@frozen
class _PartsBest:
    """The sum of a figure's parts as others claim them (their best estimates), found once per figure: the
    parts' estimates, their sum, the claims they rest on, and those claims' first start and last end."""

    bests: tuple[tuple[str, Estimate], ...]
    total: int
    #: The claims used, sorted.
    used: tuple[str, ...]
    #: The earliest last day and the latest first day among the claims used (``None``: none known).
    first_end: dt.date | None
    last_start: dt.date | None

    @classmethod
    def of(
        cls,
        figure: Figure,
        parts: dict[str, list[ClaimView]],
        estimates: dict[str, Estimate | None],
        covers: Mapping[str, DateSpan],
    ) -> _PartsBest | None:
        """None when a part has no best estimate."""
        bests = []
        for p in figure.parts:
            est = estimates.get(p)
            if est is None or est.best is None:
                return None
            bests.append((p, est))
        used = frozenset(i for p, est in bests for i in set(est.claims).intersection(c.id for c in parts[p]))
        ends = [d for i in used if (d := covers[i].latest) is not None]
        starts = [d for i in used if (d := covers[i].earliest) is not None]
        return cls(
            tuple(bests),
            sum(est.best or 0 for _, est in bests),
            tuple(sorted(used)),
            min(ends, default=None),
            max(starts, default=None),
        )


def _part_whole_gap(
    figure: Figure, whole: ClaimView, summed: _PartsBest, covers: Mapping[str, DateSpan], findings: list[Finding]
) -> float | None:
    """Compare a total with the sum of its parts as other claimants give them (their best estimates).

    Reported when the two differ by 1.25x or more: a total from one voice
    that the others' parts cannot account for, or that falls short of them. On a running total time
    may explain the difference: a total larger than parts counted earlier (the parts may have grown
    since), or smaller than parts counted later; such a pair is not reported.
    """
    total = summed.total
    point = whole.point
    ratio = _ratio(min(point, total), max(point, total))
    if ratio < 1.25:
        return None
    when = covers[whole.id]
    if figure.cumulative:
        # Some part counted wholly before the total (it may have grown since), or wholly after it.
        if point > total:
            explained = summed.first_end is not None and when.earliest is not None and summed.first_end < when.earliest
        else:
            explained = summed.last_start is not None and when.latest is not None and when.latest < summed.last_start
        if explained:
            return None
    cited = list(summed.used)
    at = bisect_left(cited, whole.id)
    if cited[at : at + 1] != [whole.id]:
        cited.insert(at, whole.id)
    sum_text = " + ".join(f"{est.best:,} ({p})" for p, est in summed.bests)
    direction = "more" if point > total else "less"
    findings.append(
        Finding(
            code="part-whole-gap",
            severity=_severity_of_ratio(ratio),
            figure=figure.id,
            related=figure.parts,
            claims=tuple(cited),
            ratio=None if math.isinf(ratio) else round(ratio, 4),
            gap=abs(point - total),
            message=f"{_whose(whole.claimant)} total of {_worded(whole.text)} is {ratio:.2f}× {direction} than the "
            "sum of its parts "
            f"as others claim them: {sum_text} = {total:,} (best estimates).",
        )
    )
    return ratio
