"""The agreement rule over columns: for every figure of a chunk at once, the most independent voices whose
standing claims allow one count.

:func:`.voices._agreement` decides it claim by claim, with a sweep over the claims' intervals
(:func:`.voices._widest_agreement`); :func:`agreements` gives the same answer for many figures by array
operations, and the two are held equal by the oracle test (``tests/test_columnar.py``). The sweep becomes:

- the claims' intervals as events (a claim opens at its low and, when bounded, closes after its high),
  ordered per figure as the sweep takes them: by point, closings first, then by claim id;
- how many claims of each key (bloc or voice) are open after each event, a cumulative sum per figure and
  key, and from it how many distinct keys are, a cumulative sum per figure;
- the first event at which a figure's count of keys is highest: its point is the count agreed on, and the
  claims open then are the agreeing claims.
"""

from __future__ import annotations

from operator import itemgetter

import numpy as np
from attrs import frozen

from ..columns import ClaimColumns, Flags, Ints
from .voices import Agreement


@frozen
class _Widest:
    """Per figure of a chunk, the most distinct keys whose claims allow one count and that count; and, per
    row swept, whether its claim is among them."""

    count: Ints
    point: Ints
    agreeing: Flags


def agreements(cols: ClaimColumns, rows: Ints, first: int, end: int) -> dict[int, Agreement | None]:
    """The agreement of each figure from ``first`` up to ``end`` that has standing ``rows`` of two voices or
    more, by figure (``None``: no agreement). ``rows`` are standing rows, sorted by figure then claim id.

    As claim by claim: ``corroboration`` when precise values of independent blocs share a count, else
    ``consistency`` when any values of independent blocs do, else ``allied-agreement`` when voices of one
    side do. Each sweep takes only the figures still undecided.
    """
    figures = end - first
    at = cols.figure[rows] - first
    voice, bloc, precise = cols.voice[rows], cols.bloc[rows], cols.precise[rows]
    voices, blocs = distinct_per_figure(at, voice, figures), distinct_per_figure(at, bloc, figures)
    events = _events(cols, rows, at)
    undecided = voices >= 2
    result: dict[int, Agreement | None] = dict.fromkeys((np.flatnonzero(undecided) + first).tolist())
    steps: list[tuple[str, Flags, Flags, Ints]] = [
        ("corroboration", distinct_per_figure(at[precise], bloc[precise], figures) >= 2, precise, bloc),
        ("consistency", blocs >= 2, np.ones(len(rows), np.bool_), bloc),
        ("allied-agreement", voices != blocs, np.ones(len(rows), np.bool_), voice),
    ]
    for code, applies, swept, key in steps:
        need = undecided & applies
        widest = _widest(events, need[at] & swept, key, figures)
        wins = need & (widest.count >= 2)
        undecided &= ~wins
        result.update(_named(cols, code, widest.point, rows[widest.agreeing & wins[at]], first))
    return result


def _named(cols: ClaimColumns, code: str, point: Ints, members: Ints, first: int) -> dict[int, Agreement]:
    """The agreements of ``code`` as claim views, by figure: ``members`` are their claims' rows, by figure."""
    if not len(members):
        return {}
    views = itemgetter(*members.tolist())(cols.views) if len(members) > 1 else (cols.views[int(members[0])],)
    figure = cols.figure[members]
    starts = np.flatnonzero(np.concatenate(([True], figure[1:] != figure[:-1])))
    ends = [*starts[1:].tolist(), len(members)]
    return {
        f: (code, p, list(views[start:end]))
        for f, p, start, end in zip(
            figure[starts].tolist(), point[figure[starts] - first].tolist(), starts.tolist(), ends, strict=True
        )
    }


def distinct_per_figure(at: Ints, key: Ints, figures: int) -> Ints:
    """How many distinct ``key`` values the rows of each figure (``at``: its index in the chunk) hold."""
    width = int(key.max()) + 1 if len(key) else 1
    pairs = np.unique(at * width + key)
    return np.bincount(pairs // width, minlength=figures)


@frozen
class _Events:
    """The claims' intervals as the sweep takes them: per figure, by point, a closing before an opening at one
    point, then by claim id. Each event's row (an index into the rows swept), whether it opens, its point and
    its figure (its index in the chunk)."""

    row: Ints
    opens: Flags
    point: Ints
    at: Ints
    #: The figure of each row (its index in the chunk).
    row_at: Ints


def _events(cols: ClaimColumns, rows: Ints, at: Ints) -> _Events:
    n = len(rows)
    closing = np.flatnonzero(cols.bounded[rows])
    row = np.concatenate((np.arange(n, dtype=np.int64), closing))
    point = np.concatenate((cols.low[rows], cols.high[rows][closing] + 1))
    opens = np.arange(len(row)) < n
    # By figure, then by (point, kind): counts are below EXACT_LIMIT (2**53), so twice a point plus one fits
    # in 64 bits. A stable sort keeps the rows' (claim ids') order among ties.
    order = _stable_order(at[row], point * 2 + opens)
    return _Events(row=row[order], opens=opens[order], point=point[order], at=at[row][order], row_at=at)


def _widest(events: _Events, swept: Flags, key: Ints, figures: int) -> _Widest:
    """The sweep of :func:`.voices._widest_agreement` over the rows ``swept`` keyed by ``key`` (per row), every
    figure at once."""
    keep = swept[events.row]
    row, opens, point, at = events.row[keep], events.opens[keep], events.point[keep], events.at[keep]
    keys = key[row]
    width = int(keys.max()) + 1 if len(keys) else 1
    group = at * width + keys
    by_key = np.argsort(group, kind="stable")
    # How many claims of each key are open after each event: a key joins when its first claim opens, and
    # leaves when its last one closes.
    held = np.empty(len(row), np.int64)
    held[by_key] = _running_sum(np.where(opens, 1, -1)[by_key], group[by_key])
    change = np.where(opens, held == 1, -(held == 0).astype(np.int64)).astype(np.int64)
    count = _running_sum(change, at)
    best = np.zeros(figures, np.int64)
    np.maximum.at(best, at, count)
    hits = np.flatnonzero(count == best[at])
    firsts = hits[np.unique(at[hits], return_index=True)[1]]
    moment = np.zeros(figures, np.int64)
    moment[at[firsts]] = firsts
    best_point = np.zeros(figures, np.int64)
    best_point[at[firsts]] = point[firsts]
    # The claims open at that moment: opened at or before it, and not closed by then.
    opened = np.full(len(swept), len(row), np.int64)
    opened[row[opens]] = np.flatnonzero(opens)
    closed = np.full(len(swept), len(row), np.int64)
    closed[row[~opens]] = np.flatnonzero(~opens)
    then = moment[events.row_at]
    return _Widest(count=best, point=best_point, agreeing=swept & (opened <= then) & (closed > then))


def _stable_order(major: Ints, minor: Ints) -> Ints:
    """The stable order of rows by ``major`` (at least 0), then ``minor``: one sort of a combined key when it fits
    in 63 bits, as it does unless counts span more than about 2**62 over the figures of a chunk."""
    if not len(major):
        return np.zeros(0, np.int64)
    least = int(minor.min())
    span = int(minor.max()) - least + 1
    if span * (int(major.max()) + 1) < 2**63:
        return np.argsort(major * span + (minor - least), kind="stable")
    return np.lexsort((minor, major))


def _running_sum(values: Ints, group: Ints) -> Ints:
    """The cumulative sum of ``values`` within each run of equal ``group`` values."""
    total = np.cumsum(values)
    new = np.ones(len(values), np.bool_)
    new[1:] = group[1:] != group[:-1]
    before: Ints = (total - values)[new]
    summed: Ints = total - before[np.cumsum(new) - 1]
    return summed
