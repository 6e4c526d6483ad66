"""Dates with precision, written in EDTF (ISO 8601 reduced precision, levels 0 and 1).

Claims are dated "on 11 January", "in October", "between 4 and 17 October" or
"in 2020"; comparing them honestly needs the span of days each one allows,
not a single day. The Library of Congress's Extended Date/Time Format gives a
standard notation for all of these, so claim files use it instead of an
invented one. Only the subset claim files need is read here (days, months,
years, seasons, unspecified digits, the ``?``/``~``/``%`` qualifiers and
intervals, open or not); parsing is cached because real corpora repeat the
same few hundred dates across many claims.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from attrs import frozen

from .values import odd_character

__all__ = ["DATE_PATTERN", "DateSpan", "parse_date"]

# [0-9], not \d: Python's \d also matches the digits of other scripts, which the format does not allow.
_SINGLE = r"([0-9]{4}|[0-9]{3}X|[0-9]{2}XX)(?:-([0-9]{2}|XX)(?:-([0-9]{2}|XX))?)?([?~%])?"
#: A regular expression (also valid in JSON Schema) for the accepted notation.
DATE_PATTERN = rf"^(?:{_SINGLE}|(?:{_SINGLE}|\.\.)?/(?:{_SINGLE}|\.\.)?)$"
_SEASONS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}  # spring..winter, winter runs into Feb
_FULL = re.compile(_SINGLE)


@frozen(kw_only=True, weakref_slot=False)  # many of them, and nothing refers to them weakly
class DateSpan:
    """The days a date written in EDTF can stand for.

    ``earliest`` and ``latest`` are inclusive; ``None`` means open-ended
    (``../2020-10`` has no earliest day). ``precision`` is ``day``, ``month``,
    ``season``, ``year``, ``decade``, ``century`` or ``interval``.
    """

    text: str
    earliest: dt.date | None
    latest: dt.date | None
    precision: str
    approximate: bool = False
    uncertain: bool = False

    def __str__(self) -> str:
        return self.text

    def overlaps(self, other: DateSpan) -> bool:
        """Whether the two spans share at least one day."""
        lo = max(self.earliest or dt.date.min, other.earliest or dt.date.min)
        hi = min(self.latest or dt.date.max, other.latest or dt.date.max)
        return lo <= hi

    def before(self, other: DateSpan) -> bool:
        """Whether every day of this span comes before every day of ``other``."""
        if self.latest is None or other.earliest is None:
            return False
        return self.latest < other.earliest


def _bounds(text: str) -> tuple[dt.date, dt.date, str, bool, bool]:
    # fullmatch, not match with $: $ also matches before a final newline, which would reach the reports.
    m = _FULL.fullmatch(text)
    if m is None:
        odd = odd_character(text)
        if odd is not None:
            raise ValueError(f"{text!r} {odd}")
        raise ValueError(f"{text!r} is not an EDTF date (write 2020-09-27, 2020-09 or 2020)")
    year_s, month_s, day_s, qualifier = m.groups()
    approximate = qualifier in ("~", "%")
    uncertain = qualifier in ("?", "%")
    if "X" in year_s:
        width = 10 ** year_s.count("X")
        first_year = int(year_s.replace("X", "0"))
        last_year = first_year + width - 1
        if month_s is not None:
            raise ValueError(f"{text!r}: a month needs a fully specified year")
        precision = "decade" if width == 10 else "century"
        lo, hi = dt.date(max(first_year, 1), 1, 1), dt.date(last_year, 12, 31)
    else:
        year = int(year_s)
        if year == 0:
            raise ValueError(f"{text!r}: year 0000 is not supported")
        if month_s is None:
            precision = "year"
            lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
        elif month_s == "XX":
            if day_s is not None and day_s != "XX":
                raise ValueError(f"{text!r}: a day needs a known month")
            precision = "year"
            lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
        else:
            month = int(month_s)
            if month in _SEASONS and day_s is None:
                first, last = _SEASONS[month]
                precision = "season"
                lo = dt.date(year, first, 1)
                end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
                if end_year > dt.MAXYEAR:  # the winter of 9999 runs past the end of the calendar
                    hi = dt.date.max
                else:
                    hi = dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
            elif not 1 <= month <= 12:
                raise ValueError(f"{text!r}: month {month_s} does not exist (01 to 12, or 21 to 24 for seasons)")
            else:
                last_day = calendar.monthrange(year, month)[1]
                if day_s is None or day_s == "XX":
                    precision = "month"
                    lo, hi = dt.date(year, month, 1), dt.date(year, month, last_day)
                else:
                    day = int(day_s)
                    if not 1 <= day <= last_day:
                        raise ValueError(
                            f"{text!r}: day {day_s} does not exist in {year}-{month_s} (it has {last_day} days)"
                        )
                    precision = "day"
                    lo = hi = dt.date(year, month, day)
    if approximate:
        lo, hi = _widen(lo, hi, precision)
    return lo, hi, precision, approximate, uncertain


def _widen(lo: dt.date, hi: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """Widen an approximate date by one unit of its precision on each side, within the calendar.

    The calendar ends at 0001-01-01 and 9999-12-31: a span that would reach
    beyond stops there (no claim is about the days outside it).
    """
    if precision == "day":
        step = dt.timedelta(days=1)
        return (lo - step if lo > dt.date.min else lo), (hi + step if hi < dt.date.max else hi)
    if precision in ("month", "season"):
        ly, lm = divmod(lo.year * 12 + lo.month - 2, 12)  # the month before, counted from year 0
        hy, hm = divmod(hi.year * 12 + hi.month, 12)  # the month after
        start = dt.date(ly, lm + 1, 1) if ly >= dt.MINYEAR else dt.date.min
        end = dt.date(hy, hm + 1, calendar.monthrange(hy, hm + 1)[1]) if hy <= dt.MAXYEAR else dt.date.max
        return start, end
    return dt.date(max(lo.year - 1, dt.MINYEAR), 1, 1), dt.date(min(hi.year + 1, dt.MAXYEAR), 12, 31)


#: 15/07/2025 or 7/15/2025: the slashes of everyday dates, which EDTF reads as an interval.
_SLASHED_DAY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def _slashed_day(first: int, second: int, year: int, text: str) -> str:
    """The message for ``15/07/2025``: which everyday order it looks like, and how to write it."""
    order, day, month = ("month/day/year", second, first) if second > 12 else ("day/month/year", first, second)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return f"{text!r}: an interval has one '/' between two EDTF dates (write 2020-10-04/2020-10-17)"
    written = f"{year:04d}-{month:02d}-{day:02d}"
    return f"{text!r} looks like a {order} date, not an interval: write year-month-day, e.g. {written}"


@lru_cache(maxsize=65536)
def parse_date(text: str) -> DateSpan:
    """Read one EDTF date or interval.

    Returns the :class:`DateSpan`; raises :class:`ValueError` naming what is
    wrong and what would be right.
    """
    if "/" in text:
        if slashed := _SLASHED_DAY.fullmatch(text):
            first, second, year = (int(part) for part in slashed.groups())
            raise ValueError(_slashed_day(first, second, year, text))
        start_s, _, end_s = text.partition("/")
        if "/" in end_s:
            raise ValueError(f"{text!r}: an interval has one '/' (write 2020-10-04/2020-10-17)")
        start = None if start_s in ("", "..") else _bounds(start_s)
        end = None if end_s in ("", "..") else _bounds(end_s)
        if start is None and end is None:
            raise ValueError(f"{text!r}: an interval needs at least one end")
        if start is not None and end is not None and start[0] > end[1]:
            raise ValueError(f"{text!r}: the interval ends before it starts")
        return DateSpan(
            text=text,
            earliest=start[0] if start else None,
            latest=end[1] if end else None,
            precision="interval",
            approximate=bool((start and start[3]) or (end and end[3])),
            uncertain=bool((start and start[4]) or (end and end[4])),
        )
    lo, hi, precision, approximate, uncertain = _bounds(text)
    return DateSpan(
        text=text,
        earliest=lo,
        latest=hi,
        precision=precision,
        approximate=approximate,
        uncertain=uncertain,
    )
