"""Value shorthand: every phrase normalises to the interval its words allow."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import Reading, parse_value
from claimcheck.values import DEFAULT_VAGUE_WORDS

from .strategies import counts, positive, value_texts


@given(value_texts())
def test_every_written_value_parses_to_its_kind(kind_raw: tuple[str, int | str]) -> None:
    """Each shorthand the grammar documents parses, to the kind it names, as a valid interval."""
    kind, raw = kind_raw
    value = parse_value(raw)
    assert kind == value.kind
    assert value.low >= 0
    assert value.high is None or value.low <= value.high


@given(value_texts())
def test_interval_contains_the_stated_figure(kind_raw: tuple[str, int | str]) -> None:
    """The interval always contains the number stated, except where the words exclude it."""
    kind, raw = kind_raw
    value = parse_value(raw)
    if value.stated is not None and kind not in ("more-than", "fewer-than", "slightly-more", "slightly-less"):
        assert value.contains(value.stated)


@given(counts)
def test_more_than_excludes_the_number(n: int) -> None:
    """'more than n' allows n + 1 but not n, and sets no upper limit."""
    value = parse_value(f"more than {n}")
    assert not value.contains(n)
    assert value.contains(n + 1)
    assert value.high is None


@given(positive)
def test_fewer_than_excludes_the_number(n: int) -> None:
    """'fewer than n' allows n - 1 but not n."""
    value = parse_value(f"fewer than {n}")
    assert (False, True) == (value.contains(n), value.contains(n - 1))


@given(counts, st.floats(min_value=0.0, max_value=0.5))
def test_about_reaches_the_tolerance_either_side(n: int, tolerance: float) -> None:
    """'about n' covers n ± tolerance·n, rounded outward, and a claim's tolerance overrides the default."""
    value = parse_value(f"about {n}", tolerance=tolerance)
    assert value.low <= n * (1 - tolerance) + 1e-6
    assert value.high is not None
    assert value.high >= n * (1 + tolerance) - 1e-6


@given(counts, counts)
def test_ranges_are_read_in_order_and_inverted_ones_refused(a: int, b: int) -> None:
    """'a-b' is [a, b] when a <= b, and an error naming the fix otherwise."""
    if a <= b:
        value = parse_value(f"{a:,}-{b:,}")
        assert (a, b) == (value.low, value.high)
    else:
        with pytest.raises(ValueError, match="inverted"):
            parse_value(f"{a}-{b}")


def test_examples_from_the_format_reference() -> None:
    """The table in docs/claim-files.md holds."""
    expected = {
        "3,360": (3360, 3360),
        "700–1000": (700, 1000),
        "700 to 1,000": (700, 1000),
        "at least 541": (541, None),
        "more than 5000": (5001, None),
        "up to 20": (0, 20),
        "fewer than 20": (0, 19),
        "about 90000": (81000, 99000),
        "nearly 100,000": (90000, 100000),
        "1.5 million": (1_500_000, 1_500_000),
        "several": DEFAULT_VAGUE_WORDS["several"],
    }
    actual = {raw: (parse_value(raw).low, parse_value(raw).high) for raw in expected}
    assert expected == actual


def test_a_user_table_overrides_vague_words() -> None:
    """A Reading with its own vague-word table changes what a word means."""
    reading = Reading(vague_words={"several": (2, 7), "a handful": (3, 6)})
    assert (2, 7) == (parse_value("several", reading).low, parse_value("several", reading).high)
    assert 6 == parse_value("a handful", reading).high
    with pytest.raises(ValueError, match="not a value"):
        parse_value("dozens", reading)


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        ("three thousandish", "not a value"),
        (-4, "negative"),
        ("1.5", "whole number"),
        ("At least 5", "lower case"),
        ("fewer than 0", "fewer than 0"),
    ],
)
def test_unreadable_values_say_what_would_be_right(raw: int | str, match: str) -> None:
    """Bad values raise ValueError with a message naming the problem."""
    with pytest.raises(ValueError, match=match):
        parse_value(raw)


def test_non_numbers_are_type_errors() -> None:
    """A list or a float where a value belongs is a TypeError, not a guess."""
    with pytest.raises(TypeError):
        parse_value(3.5)  # type: ignore[arg-type]
