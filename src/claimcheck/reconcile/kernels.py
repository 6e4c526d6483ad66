"""The contradiction rules over columns: group-wise array operations over many figures at once.

Each function computes what :mod:`.contradictions` computes claim by claim, for every figure of a
chunk of :class:`~claimcheck.columns.ClaimColumns`, and the two are held equal by a property test
(``tests/test_columnar.py``). The rules:

- :func:`envelopes`: each voice's (or claimant's) lowest ceiling and highest floor per figure and period;
- :func:`cross`: every pair of rows of one figure, as two index arrays;
- :func:`furthest`: of the candidate pairs, the one furthest apart per figure and pair of voices;
- :func:`contradicting_pairs`: the contradictions, undated disagreements and internal contradictions of a
  chunk, as the pairs of claim views the findings are made from.

Figures the arrays would not serve well are left to the claim-by-claim rules: those with more than
:data:`~.contradictions.PAIRED_VOICES` voices (only their extreme voices are paired), and those whose
candidate pairs would number more than :data:`PAIRS_PER_FIGURE` (500 standing claims on a running total,
which pairs every claim with every claim; another figure pairs only its voices' envelopes).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from attrs import define, field

from ..columns import ClaimColumns, Flags, Floats, Ints
from ..estimate import ClaimView
from .agreements import agreements, distinct_per_figure
from .contradictions import PAIRED_VOICES
from .voices import Agreement

#: The most candidate pairs a figure may make here; past it the figure is reconciled claim by claim, whose
#: ranked walk grows with the contradictions rather than with the square of the claims.
PAIRS_PER_FIGURE = 250_000

_Pairs = dict[tuple[str, str], tuple[ClaimView, ClaimView]]


@define
class Found:
    """One figure's furthest disjoint pairs: by pair of voices (dated contradictions and, on running totals,
    disagreements that may be undated), and by voice then pair of its claimants (internal contradictions);
    and its agreement (:mod:`.agreements`), if it has two voices or more and they agree."""

    worst: _Pairs = field(factory=dict)
    undated: _Pairs = field(factory=dict)
    internal: dict[str, _Pairs] = field(factory=dict)
    agreement: Agreement | None = None


def first_of_groups(group: Sequence[Ints], order: Sequence[Ints | Floats]) -> Ints:
    """The index of the first row of each group (rows equal in every ``group`` array) when ordered by ``order``.

    The result is sorted by the group keys, the first of them most significant.
    """
    sort = np.lexsort((*reversed(order), *reversed(group)))
    new = np.zeros(len(sort), np.bool_)
    if len(sort):
        new[0] = True
        for key in group:
            ranked = key[sort]
            new[1:] |= ranked[1:] != ranked[:-1]
    return sort[new]


def envelopes(cols: ClaimColumns, rows: Ints, who: Ints) -> tuple[Ints, Ints]:
    """Among ``rows``, the lowest ceiling (then smallest id) and the highest floor (then smallest id) of each
    ``who`` (voice or claimant) per figure and period, each sorted by figure.

    A voice's lowest ceiling against another's highest floor is their widest disagreement, so only these
    rows matter. Claims with the same period (none, or the same ``as-of`` days) form one group.
    """
    keys = (cols.figure[rows], cols.dated[rows].astype(np.int64), cols.period_first[rows], cols.period_last[rows])
    bounded = cols.bounded[rows]
    ceilings = first_of_groups([k[bounded] for k in (*keys, who[rows])], [cols.high[rows][bounded], rows[bounded]])
    floors = first_of_groups([*keys, who[rows]], [-cols.low[rows], rows])
    return rows[bounded][ceilings], rows[floors]


def cross(figure_a: Ints, figure_b: Ints) -> tuple[Ints, Ints]:
    """Every pair (i, j) with ``figure_a[i] == figure_b[j]``, as two index arrays; ``figure_b`` is sorted."""
    starts = np.searchsorted(figure_b, figure_a, side="left")
    counts = np.searchsorted(figure_b, figure_a, side="right") - starts
    a = np.repeat(np.arange(len(figure_a), dtype=np.int64), counts)
    within = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return a, np.repeat(starts, counts) + within


def furthest(cols: ClaimColumns, lower: Ints, upper: Ints, pair: Sequence[Ints]) -> tuple[Ints, Ints]:
    """Of candidate pairs (``lower`` entirely below ``upper``), the furthest apart for each ``pair`` key per figure.

    Furthest means the largest ratio, then the widest gap, then the smaller ids (rows are in id order within a
    figure), as :meth:`.contradictions._Furthest.keep` decides.
    """
    small, large = cols.high[lower], cols.low[upper]
    # As _ratio: how many times larger, infinite above 0, and 1 when both are at most 0.
    safe = np.where(small > 0, small, 1).astype(np.float64)
    ratio = np.where(small > 0, large / safe, np.where(large > 0, np.inf, 1.0))
    best = first_of_groups([cols.figure[lower], *pair], [-ratio, small - large, lower, upper])
    return lower[best], upper[best]


def _comparable_periods(cols: ClaimColumns, a: Ints, b: Ints) -> Flags:
    """Whether the periods of rows ``a`` and ``b`` share a day (a claim without ``as-of``: any day)."""
    first = np.maximum(cols.period_first[a], cols.period_first[b])
    shared = first <= np.minimum(cols.period_last[a], cols.period_last[b])
    return ~cols.dated[a] | ~cols.dated[b] | shared


def _handled(cols: ClaimColumns, rows: Ints, first: int, end: int) -> Flags:
    """Per figure of the chunk: whether the arrays serve it (few enough voices and candidate pairs).

    A running total pairs every bounded claim with every claim; another figure only the envelopes of its
    voices, one per voice and period.
    """
    figures = end - first
    at = cols.figure[rows] - first
    voices = distinct_per_figure(at, cols.voice[rows], figures)
    claims = np.bincount(at, minlength=figures)
    period = (cols.dated[rows].astype(np.int64), cols.period_first[rows], cols.period_last[rows])
    groups = np.bincount(at[first_of_groups([at, *period, cols.voice[rows]], [])], minlength=figures)
    pairs = np.where(cols.cumulative[first:end], claims * claims, groups * groups)
    return (voices <= PAIRED_VOICES) & (pairs <= PAIRS_PER_FIGURE)


def contradicting_pairs(cols: ClaimColumns, first: int, end: int) -> dict[int, Found]:
    """The furthest disjoint pairs and the agreement of each figure from ``first`` up to ``end`` that the arrays
    serve, by figure.

    Figures left out are reconciled claim by claim.
    """
    span = np.arange(cols.starts[first], cols.starts[end], dtype=np.int64)
    rows = span[cols.current[span]]
    handled = _handled(cols, rows, first, end)
    rows = rows[handled[cols.figure[rows] - first]]
    found = {int(f): Found() for f in np.flatnonzero(handled) + first}
    running = cols.cumulative[cols.figure[rows]]
    _over_periods(cols, rows[~running], found)
    _over_time(cols, rows[running], found)
    for f, agreement in agreements(cols, rows, first, end).items():
        found[f].agreement = agreement
    return found


def _over_periods(cols: ClaimColumns, rows: Ints, found: dict[int, Found]) -> None:
    """Figures that are not running totals: claims compared when their periods share a day."""
    for who, internal in ((cols.voice, False), (cols.claimant, True)):
        ceilings, floors = envelopes(cols, rows, who)
        a, b = cross(cols.figure[ceilings], cols.figure[floors])
        lower, upper = ceilings[a], floors[b]
        keep = (cols.low[upper] > cols.high[lower]) & _comparable_periods(cols, lower, upper)
        if internal:
            keep &= (cols.voice[lower] == cols.voice[upper]) & (cols.claimant[lower] != cols.claimant[upper])
        else:
            keep &= cols.voice[lower] != cols.voice[upper]
        _collect(cols, lower[keep], upper[keep], found, "internal" if internal else "worst")


def _over_time(cols: ClaimColumns, rows: Ints, found: dict[int, Found]) -> None:
    """Running totals: a smaller count contradicts a larger one given no later (or the same day), and may
    only disagree with one whose dates overlap."""
    lowers = rows[cols.bounded[rows]]
    a, b = cross(cols.figure[lowers], cols.figure[rows])
    lower, upper = lowers[a], rows[b]
    disjoint = cols.low[upper] > cols.high[lower]
    lower, upper = lower[disjoint], upper[disjoint]
    not_earlier = cols.covers_last[upper] <= cols.covers_first[lower]
    may_overlap = cols.covers_last[lower] >= cols.covers_first[upper]
    other = cols.voice[lower] != cols.voice[upper]
    _collect(cols, lower[other & not_earlier], upper[other & not_earlier], found, "worst")
    _collect(cols, lower[other & may_overlap], upper[other & may_overlap], found, "undated")
    own = ~other & (cols.claimant[lower] != cols.claimant[upper]) & not_earlier
    lo, up = _chosen(cols, lower[own], upper[own], internal=True)
    # The pair furthest apart stands only when the larger count is not wholly earlier than the smaller.
    stands = ~(cols.covers_last[up] < cols.covers_first[lo])
    _store(cols, lo[stands], up[stands], found, "internal")


def _chosen(cols: ClaimColumns, lower: Ints, upper: Ints, *, internal: bool) -> tuple[Ints, Ints]:
    """The furthest pair per figure and pair of voices, or per voice and pair of its claimants."""
    if internal:
        a, b = cols.claimant[lower], cols.claimant[upper]
        return furthest(cols, lower, upper, [cols.voice[lower], np.minimum(a, b), np.maximum(a, b)])
    a, b = cols.voice[lower], cols.voice[upper]
    return furthest(cols, lower, upper, [np.minimum(a, b), np.maximum(a, b)])


def _collect(cols: ClaimColumns, lower: Ints, upper: Ints, found: dict[int, Found], kind: str) -> None:
    lo, up = _chosen(cols, lower, upper, internal=kind == "internal")
    _store(cols, lo, up, found, kind)


def _store(cols: ClaimColumns, lower: Ints, upper: Ints, found: dict[int, Found], kind: str) -> None:
    """The chosen pairs as claim views, keyed by the two names in order, as the claim-by-claim rules key them."""
    views = cols.views
    for f, lo, up in zip(cols.figure[lower].tolist(), lower.tolist(), upper.tolist(), strict=True):
        lv, uv = views[lo], views[up]
        held = found[f]
        if kind == "internal":
            a, b = lv.claimant, uv.claimant
            pairs = held.internal.setdefault(lv.voice, {})
        else:
            a, b = lv.voice, uv.voice
            pairs = held.worst if kind == "worst" else held.undated
        pairs[(a, b) if a < b else (b, a)] = (lv, uv)
