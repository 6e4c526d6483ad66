"""Claims as columns: one numpy array per field of the claim views, rows sorted by figure.

Reconciliation's rules compare claims of one figure with each other. Held as
columns, those comparisons become group-wise array operations over all
figures at once (see :mod:`claimcheck.reconcile.kernels`), instead of Python
calls per claim. Rows are sorted by figure and, within a figure, by claim id,
so a figure is a contiguous slice and the corpus can be cut into chunks at
figure boundaries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence

import numpy as np
from attrs import frozen
from numpy.typing import NDArray

from .dates import DateSpan
from .estimate import ClaimView
from .model import Claim, Figure
from .reconcile.voices import bloc, precise

__all__ = ["CHUNK_ROWS", "EXACT_LIMIT", "FIRST_DAY", "LAST_DAY", "ClaimColumns", "ExactLimit"]

#: An open first day (``..``/unknown) as an ordinal: before every day.
FIRST_DAY = 0
#: An open last day as an ordinal: after every day.
LAST_DAY = dt.date.max.toordinal() + 1
#: Rows per chunk: temporaries of a few hundred thousand rows stay in cache and scale linearly, one pass
#: over millions does not.
CHUNK_ROWS = 200_000
#: Counts at or beyond this are not exact as float64, so ratios computed on arrays could differ from Python's
#: in their last digit: a corpus holding one is reconciled claim by claim.
EXACT_LIMIT = 2**53


class ExactLimit(ValueError):
    """A count too large for exact array arithmetic (see :data:`EXACT_LIMIT`)."""


Ints = NDArray[np.int64]
Flags = NDArray[np.bool_]
Floats = NDArray[np.float64]


@frozen(kw_only=True, eq=False)
class ClaimColumns:
    """The claim views of a reconciliation as columns, one row per view, sorted by figure then claim id.

    Indices (``figure``, ``voice``, ``claimant``) point into the name tuples; open ends are coded so that
    comparisons need no special case: an open ``high`` is 0 with ``bounded`` false, an open first day is
    :data:`FIRST_DAY` and an open last day :data:`LAST_DAY`.
    """

    #: The figures, in the order of the rows, and where each one's rows start (one more entry: the end).
    figures: tuple[Figure, ...]
    starts: Ints
    #: Per figure: whether it is a running total.
    cumulative: Flags
    #: The views themselves, one per row, for results that name claims.
    views: tuple[ClaimView, ...]
    voices: tuple[str, ...]
    claimants: tuple[str, ...]
    #: What counts as one independent voice (:func:`~claimcheck.reconcile.voices.bloc`), named in ``blocs``.
    blocs: tuple[str, ...]
    figure: Ints
    voice: Ints
    claimant: Ints
    bloc: Ints
    #: Whether the value is precise enough to corroborate another (:func:`~claimcheck.reconcile.voices.precise`).
    precise: Flags
    low: Ints
    high: Ints
    bounded: Flags
    #: The claimant's standing position (not revised, repeated or disowned).
    current: Flags
    #: The days the claimed figure is given for (its ``as-of`` or else its date), as ordinals.
    covers_first: Ints
    covers_last: Ints
    #: Whether the claim narrows the figure's period with ``as-of``, and that period's days.
    dated: Flags
    period_first: Ints
    period_last: Ints

    @classmethod
    def from_views(
        cls,
        figures: Sequence[Figure],
        views: Mapping[str, Sequence[ClaimView]],
        claims: Mapping[str, Mapping[str, Claim]],
    ) -> ClaimColumns:
        """The columns of the views of ``figures`` (each figure's views sorted by id, as reconciliation makes
        them), with the dates of ``claims`` (per figure, by id): one pass per field.

        Raises :class:`ExactLimit` when a count is too large for exact array arithmetic.
        """
        rows = tuple(v for f in figures for v in views[f.id])
        model = [claims[f.id][v.id] for f in figures for v in views[f.id]]
        sizes = np.fromiter((len(views[f.id]) for f in figures), np.int64, len(figures))
        starts = np.zeros(len(figures) + 1, np.int64)
        np.cumsum(sizes, out=starts[1:])
        voice_ids: dict[str, int] = {}
        claimant_ids: dict[str, int] = {}
        bloc_ids: dict[str, int] = {}
        n = len(rows)
        low = np.fromiter((v.low for v in rows), np.int64, n) if n else np.zeros(0, np.int64)
        highs = [v.high for v in rows]
        high = np.fromiter((0 if h is None else h for h in highs), np.int64, n) if n else np.zeros(0, np.int64)
        if n and max(int(np.abs(low).max()), int(np.abs(high).max())) >= EXACT_LIMIT:
            raise ExactLimit("a count is too large for exact arithmetic on float64")
        covers_first, covers_last = _days([c.covers for c in model])
        periods = [c.as_of for c in model]
        period_first, period_last = _days([p for p in periods if p is not None])
        dated = _flags([p is not None for p in periods])
        voice = _ints([voice_ids.setdefault(v.voice, len(voice_ids)) for v in rows])
        claimant = _ints([claimant_ids.setdefault(v.claimant, len(claimant_ids)) for v in rows])
        blocs = _ints([bloc_ids.setdefault(bloc(v), len(bloc_ids)) for v in rows])
        return cls(
            figures=tuple(figures),
            starts=starts,
            cumulative=np.fromiter((f.cumulative for f in figures), np.bool_, len(figures)),
            views=rows,
            voices=tuple(voice_ids),
            claimants=tuple(claimant_ids),
            blocs=tuple(bloc_ids),
            figure=np.repeat(np.arange(len(figures), dtype=np.int64), sizes),
            voice=voice,
            claimant=claimant,
            bloc=blocs,
            precise=_flags([precise(v) for v in rows]),
            low=low,
            high=high,
            bounded=_flags([h is not None for h in highs]),
            current=_flags([v.current for v in rows]),
            covers_first=covers_first,
            covers_last=covers_last,
            dated=dated,
            period_first=_where(dated, period_first, FIRST_DAY),
            period_last=_where(dated, period_last, LAST_DAY),
        )

    def chunks(self, rows: int = CHUNK_ROWS) -> Iterator[tuple[int, int]]:
        """Ranges of figures (first, past the last) holding about ``rows`` rows each, cut at figure boundaries.

        A figure with more rows than that is a chunk of its own.
        """
        first, total = 0, len(self.figures)
        while first < total:
            end = int(np.searchsorted(self.starts, self.starts[first] + rows, side="right")) - 1
            end = min(max(end, first + 1), total)
            yield first, end
            first = end


def _days(spans: Sequence[DateSpan]) -> tuple[Ints, Ints]:
    """The first and the last day of each span, as ordinals; a date written the same way is converted once."""
    known: dict[str, tuple[int, int]] = {}
    first: list[int] = []
    last: list[int] = []
    for span in spans:
        days = known.get(span.text)
        if days is None:
            days = known[span.text] = (_first(span), _last(span))
        first.append(days[0])
        last.append(days[1])
    return _ints(first), _ints(last)


def _where(present: Flags, values: Ints, missing: int) -> Ints:
    """``values`` (one per present row) spread over all rows, ``missing`` where a row has none."""
    out = np.full(len(present), missing, np.int64)
    out[present] = values
    return out


def _first(span: DateSpan) -> int:
    return FIRST_DAY if span.earliest is None else span.earliest.toordinal()


def _last(span: DateSpan) -> int:
    return LAST_DAY if span.latest is None else span.latest.toordinal()


def _ints(values: list[int]) -> Ints:
    return np.array(values, dtype=np.int64)


def _flags(values: list[bool]) -> Flags:
    return np.array(values, dtype=np.bool_)
