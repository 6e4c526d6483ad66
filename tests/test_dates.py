"""EDTF dates: reduced precision and intervals read as spans of days."""

from __future__ import annotations

import datetime as dt

import edtf
import pytest
from hypothesis import given

from claimcheck import parse_date

from .strategies import days, edtf_dates


@given(edtf_dates())
def test_spans_agree_with_the_reference_edtf_library(text: str) -> None:
    """Our reading of a date matches the edtf package's strict bounds (approximation aside)."""
    span = parse_date(text)
    if span.approximate:
        assert span.earliest is not None
        assert span.latest is not None
        plain = parse_date(text.rstrip("~"))
        assert span.earliest < plain.earliest  # type: ignore[operator]
        assert span.latest > plain.latest  # type: ignore[operator]
        return
    reference = edtf.parse_edtf(text)
    lower = dt.date(*reference.lower_strict()[:3])
    upper = dt.date(*reference.upper_strict()[:3])
    assert (lower, upper) == (span.earliest, span.latest)


@given(days)
def test_a_day_lies_within_its_month_and_year(day: dt.date) -> None:
    """Reduced precision widens the span: a day overlaps its month and its year."""
    d, m, y = (parse_date(day.isoformat()[:n]) for n in (10, 7, 4))
    assert d.overlaps(m)
    assert m.overlaps(y)
    assert y.earliest <= m.earliest <= d.earliest  # type: ignore[operator]
    assert d.latest <= m.latest <= y.latest  # type: ignore[operator]


def test_open_intervals_and_seasons() -> None:
    """Open ends stay open; a season spans its three months."""
    assert parse_date("../2020-10").earliest is None
    assert parse_date("2020-10-04/..").latest is None
    autumn = parse_date("2020-23")
    assert (dt.date(2020, 9, 1), dt.date(2020, 11, 30)) == (autumn.earliest, autumn.latest)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("2020-02-30", "does not exist"),
        ("2020-13", "does not exist"),
        ("2020-11-10/2020-10-01", "ends before"),
        ("27 September 2020", "not an EDTF date"),
        ("../..", "at least one end"),
    ],
)
def test_impossible_dates_are_refused(text: str, match: str) -> None:
    """Impossible or malformed dates raise ValueError saying why."""
    with pytest.raises(ValueError, match=match):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("201X", dt.date(2010, 1, 1), dt.date(2019, 12, 31), "decade"),
        ("19XX", dt.date(1900, 1, 1), dt.date(1999, 12, 31), "century"),
        ("2020-XX", dt.date(2020, 1, 1), dt.date(2020, 12, 31), "year"),
        ("2020-05-XX", dt.date(2020, 5, 1), dt.date(2020, 5, 31), "month"),
        ("2020-10-05~", dt.date(2020, 10, 4), dt.date(2020, 10, 6), "day"),
        ("2020~", dt.date(2019, 1, 1), dt.date(2021, 12, 31), "year"),
        ("2020-24", dt.date(2020, 12, 1), dt.date(2021, 2, 28), "season"),
    ],
)
def test_unspecified_digits_seasons_and_approximation(
    text: str, earliest: dt.date, latest: dt.date, precision: str
) -> None:
    """EDTF level 1 forms read as the spans the standard gives them (approximation widens by one unit)."""
    span = parse_date(text)
    assert (earliest, latest, precision) == (span.earliest, span.latest, span.precision)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("0000", "year 0000"),
        ("201X-05", "fully specified year"),
        ("2020-XX-05", "known month"),
        ("2020/2021/2022", "one '/'"),
    ],
)
def test_malformed_level_one_forms_are_refused(text: str, match: str) -> None:
    """Forms EDTF does not allow raise ValueError saying why."""
    with pytest.raises(ValueError, match=match):
        parse_date(text)
