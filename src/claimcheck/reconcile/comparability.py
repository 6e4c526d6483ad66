"""Comparability in time: which claims can be about the same moment."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterator, Sequence

from ..dates import DateSpan


def _overlapping(periods: Sequence[DateSpan | None]) -> Iterator[tuple[DateSpan | None, DateSpan | None]]:
    """Every ordered pair of periods that share a day, each period with itself included (None: any day).

    A sweep over the periods by first day keeps those still open: each period meets only the open
    ones, so the work grows with the overlapping pairs, not with the square of the periods.
    """
    dated = sorted((p for p in periods if p is not None), key=lambda p: p.earliest or dt.date.min)
    open_: list[tuple[dt.date, int, DateSpan]] = []  # a heap by last day
    for n, period in enumerate(dated):
        start = period.earliest or dt.date.min
        while open_ and open_[0][0] < start:
            heapq.heappop(open_)
        for _, _, other in open_:
            if other.overlaps(period):
                yield other, period
                yield period, other
        if period.overlaps(period):  # a span whose ends are inverted shares no day, not even with itself
            yield period, period
        heapq.heappush(open_, (period.latest or dt.date.max, n, period))
    if None in periods:
        for any_day in periods:
            yield None, any_day
            if any_day is not None:
                yield any_day, None
