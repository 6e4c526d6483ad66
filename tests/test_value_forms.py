"""Values as sources word them: qualifiers, alternatives, shares, money, rates, relative values and increments."""

from __future__ import annotations

import copy
import json
import math
import re
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import LoadError, Reading, from_data, load, parse_value, reconcile
from claimcheck.dump import dump
from claimcheck.model import Corpus, Figure
from claimcheck.quantities import unit_kind
from claimcheck.render import REPORT_SCHEMA
from claimcheck.render.json import render_json
from claimcheck.values import DEFAULT_SLIGHTLY, DEFAULT_TOLERANCE, VALUE_PATTERN, Span, Value

from .strategies import counts, money_texts, numbers_as_written, positive, share_texts, value_texts

ROOT = Path(__file__).resolve().parents[1]
OLD = json.loads((ROOT / "tests" / "data" / "old_value_intervals.json").read_text(encoding="utf-8"))
F = Fraction

# --- every wording the issue lists, with the interval docs/claim-files.md gives it -------------------

WORDINGS: list[tuple[str, str, int, int | None, Span | None]] = [
    ("slightly more than 1400", "slightly-more", 1401, 1470, None),
    ("just under 2000", "slightly-less", 1900, 1999, None),
    ("some 5000", "about", 4500, 5500, None),
    ("around 5000", "about", 4500, 5500, None),
    ("roughly 5000", "about", 4500, 5500, None),
    ("approximately 5000", "about", 4500, 5500, None),
    ("almost 20", "nearly", 18, 20, None),
    ("over 2000", "more-than", 2001, None, None),
    ("under 20", "fewer-than", 0, 19, None),
    ("no more than 20", "up-to", 0, 20, None),
    ("no fewer than 20", "at-least", 20, None, None),
    ("at most 20", "up-to", 0, 20, None),
    ("18 or 19", "either", 18, 19, None),
    ("between 700 and 1000", "range", 700, 1000, None),
    ("700 to 1000", "range", 700, 1000, None),
    ("from 1400 to more than 2000", "range", 1400, None, None),
    ("1.5k", "exact", 1500, 1500, None),
    ("1.5 thousand", "exact", 1500, 1500, None),
    ("3.4 million", "exact", 3_400_000, 3_400_000, None),
    ("ten", "exact", 10, 10, None),
    ("a dozen", "vague", 10, 14, None),
    ("several hundred", "vague", 300, 900, None),
    ("several thousand", "vague", 3000, 9000, None),
    ("a few dozen", "vague", 24, 60, None),
    ("tens of thousands", "vague", 20_000, 99_999, None),
    ("hundreds of thousands", "vague", 200_000, 999_999, None),
    ("22.8%", "exact", 22, 23, Span(low=F("22.75"), high=F("22.85"))),
    ("around 22.8%", "about", 22, 23, Span(low=F("22.7"), high=F("22.9"))),
    ("two-thirds", "exact", 66, 67, Span(low=F(200, 3), high=F(200, 3))),
    ("more than half", "more-than", 50, 100, Span(low=F(50), high=F(100), low_open=True)),
    ("nearly two-thirds", "nearly", 60, 67, Span(low=F(60), high=F(200, 3))),
    ("one in three", "exact", 33, 34, Span(low=F(100, 3), high=F(100, 3))),
    ("US$2 billion", "exact", 2 * 10**9, 2 * 10**9, Span(low=F(2 * 10**9), high=F(2 * 10**9))),
    ("$15 billion", "exact", 15 * 10**9, 15 * 10**9, Span(low=F(15 * 10**9), high=F(15 * 10**9))),
    ("EUR 100,000", "exact", 100_000, 100_000, Span(low=F(100_000), high=F(100_000))),
    ("50,000 AMD", "exact", 50_000, 50_000, Span(low=F(50_000), high=F(50_000))),
    ("$2.5 million", "exact", 2_500_000, 2_500_000, Span(low=F(2_500_000), high=F(2_500_000))),
    ("$1,500 a month", "exact", 1500, 1500, Span(low=F(1500), high=F(1500))),
    ("over 2,000 a day", "more-than", 2001, None, None),
    ("50,000 drams monthly", "exact", 50_000, 50_000, Span(low=F(50_000), high=F(50_000))),
    ("several times more", "times", 3, 9, Span(low=F(3), high=F(9))),
    ("by a factor of about 40 or 50", "times", 36, 55, Span(low=F(36), high=F(55))),
    ("twice as many", "times", 2, 2, Span(low=F(2), high=F(2))),
    ("11 more", "more", 11, 11, Span(low=F(11), high=F(11))),
    ("two more", "more", 2, 2, Span(low=F(2), high=F(2))),
    ("about 500-800", "about", 450, 880, None),
]


@pytest.mark.parametrize(("raw", "kind", "low", "high", "exact"), WORDINGS)
def test_every_wording_of_the_issue_reads_to_its_documented_interval(
    raw: str, kind: str, low: int, high: int | None, exact: Span | None
) -> None:
    """Each wording listed in the issue parses to the kind and interval the format reference documents."""
    value = parse_value(raw)
    shown = value.operand if value.relative else value.exact
    assert (kind, low, high, exact) == (value.kind, value.low, value.high, shown)


@pytest.mark.parametrize(
    ("raw", "quantity", "currency", "per"),
    [
        ("22.8%", "share", None, None),
        ("US$2 billion", "money", "USD", None),
        ("EUR100,000", "money", "EUR", None),
        ("100,000 drams", "money", "AMD", None),
        ("US$1,500 a month", "money", "USD", "month"),
        ("more than 2000 a day", "count", None, "day"),
        ("3360", "count", None, None),
    ],
)
def test_a_value_says_what_kind_of_quantity_it_is(
    raw: str, quantity: str, currency: str | None, per: str | None
) -> None:
    """Shares, money (with its ISO currency) and rates (with their period) are told apart from counts."""
    value = parse_value(raw)
    assert (quantity, currency, per) == (value.quantity, value.currency, value.per)


# --- every value that loaded before keeps its meaning ----------------------------------------------


def test_every_wording_the_corpus_used_before_reads_as_before() -> None:
    """The frozen table of values written before these forms existed (corpus, docs, test data) reads unchanged."""
    actual = {}
    for raw, before in OLD.items():
        value = parse_value(int(raw) if before["int"] else raw)
        actual[raw] = {
            "int": before["int"],
            "kind": value.kind,
            "low": value.low,
            "high": value.high,
            "stated": value.stated,
        }
    assert OLD == actual


def _old_reading(kind: str, n: int) -> tuple[int, int | None]:
    """The interval the value grammar gave each prefixed form before, as its old code computed it."""
    if kind == "at-least":
        return n, None
    if kind == "more-than":
        return n + 1, None
    if kind == "up-to":
        return 0, n
    if kind == "fewer-than":
        return 0, n - 1
    reach = n * DEFAULT_TOLERANCE
    low = max(0, math.floor(n - reach))
    return (low, n) if kind == "nearly" else (low, math.ceil(n + reach))


_OLD_PREFIXES = {
    "at least": "at-least",
    "no fewer than": "at-least",
    "no less than": "at-least",
    "more than": "more-than",
    "over": "more-than",
    "above": "more-than",
    "up to": "up-to",
    "at most": "up-to",
    "no more than": "up-to",
    "fewer than": "fewer-than",
    "less than": "fewer-than",
    "under": "fewer-than",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "~": "about",
    "nearly": "nearly",
    "almost": "nearly",
}


@given(st.sampled_from(sorted(_OLD_PREFIXES)), numbers_as_written.filter(lambda nw: nw[0] > 0), st.booleans())
def test_the_old_grammar_keeps_its_intervals(prefix: str, number: tuple[int, str], spaced: bool) -> None:
    """Every bounded or approximate phrase of the old grammar gives the interval the old code gave."""
    n, written = number
    value = parse_value(f"{prefix}{' ' if spaced else ''}{written}")
    expected_kind = _OLD_PREFIXES[prefix]
    assert (expected_kind, *_old_reading(expected_kind, n), n) == (value.kind, value.low, value.high, value.stated)


@given(numbers_as_written, numbers_as_written, st.sampled_from(["-", "–", "—", " to ", " - "]))
def test_old_ranges_keep_their_intervals(a: tuple[int, str], b: tuple[int, str], sep: str) -> None:
    """A range of the old grammar is still [smaller, larger], as written."""
    (low, low_s), (high, high_s) = sorted([a, b])
    value = parse_value(f"{low_s}{sep}{high_s}")
    assert ("range", low, high) == (value.kind, value.low, value.high)


# --- the laws ---------------------------------------------------------------------------------------

_QUALIFIERS = ["", "about ", "nearly ", "at least ", "up to ", "slightly more than ", "just under "]


@given(value_texts())
def test_a_count_interval_contains_the_stated_figure_unless_the_words_exclude_it(kind_raw: tuple[str, Any]) -> None:
    """Every count form's interval holds the number stated, except the strict ones, which exclude it."""
    kind, raw = kind_raw
    value = parse_value(raw)
    if value.stated is not None:
        strict = kind in ("more-than", "fewer-than", "slightly-more", "slightly-less")
        assert (not strict) == value.contains(value.stated)


@given(share_texts, st.sampled_from(_QUALIFIERS))
def test_a_share_contains_its_stated_figure_and_stays_within_the_whole(
    share: tuple[Fraction, str], prefix: str
) -> None:
    """A share's exact interval holds the share stated (unless the words exclude it) and lies within [0, 100]."""
    x, written = share
    if prefix == "just under " and x == 0:
        return
    value = parse_value(f"{prefix}{written}")
    assert value.exact is not None
    assert value.exact.low >= 0
    assert value.exact.high is not None
    assert value.exact.high <= 100
    assert (prefix not in ("slightly more than ", "just under ")) == value.contains(x)


@given(money_texts, st.sampled_from(["", "about ", "at least ", "up to "]))
def test_money_contains_its_stated_sum_in_its_currency(money: tuple[str, Fraction, str], prefix: str) -> None:
    """A sum of money reads exactly, in the currency its sign or code names."""
    currency, x, written = money
    value = parse_value(f"{prefix}{written}")
    assert ("money", currency, True) == (value.quantity, value.currency, value.contains(x))


@given(counts)
def test_more_than_n_excludes_n_for_counts_shares_and_money(n: int) -> None:
    """'more than n' never allows n, whatever is counted."""
    share = n % 101
    assert (False, False, False) == (
        parse_value(f"more than {n}").contains(n),
        parse_value(f"more than {share}%").contains(share),
        parse_value(f"more than ${n}").contains(n),
    )


def _corpus(base: str | int, derived: str, key: str, unit: str = "people", other_unit: str | None = None) -> Corpus:
    """A corpus of two claims: one stating ``base``, one ``derived`` from it by ``key`` (adds-to or relative-to)."""
    figures = [{"id": "total", "conflict": "war", "label": "Total", "measure": "killed", "unit": unit}]
    second = "total"
    if key == "relative-to":
        figures.append(
            {"id": "other", "conflict": "war", "label": "Other", "measure": "wounded", "unit": other_unit or unit}
        )
        second = "other"
    claim = {"claimant": "gov", "date": "2020-10-01", "source": "doc", "quote": "said so"}
    return from_data(
        {
            "conflicts": [{"id": "war", "name": "The war", "sides": ["red", "blue"]}],
            "sources": [{"id": "doc", "title": "A document", "kind": "news-report", "language": "en"}],
            "actors": [{"id": "gov", "name": "A government", "kind": "government"}],
            "figures": figures,
            "claims": [
                {"id": "base", "figure": "total", "value": base, **claim},
                {"id": "derived", "figure": second, "value": derived, key: "base", **claim},
            ],
        }
    )


def _codes_or_corpus(make: Callable[[], Corpus]) -> tuple[list[str], Corpus | None]:
    """The codes of the problems building a corpus raises, or the corpus."""
    try:
        return [], make()
    except LoadError as exc:
        return [p.code for p in exc.problems], None


def _reads(text: str) -> bool:
    """Whether the value parser reads ``text``."""
    try:
        parse_value(text)
    except ValueError:
        return False
    return True


def _exact(value: Value) -> tuple[Fraction, Fraction | None]:
    if value.exact is not None:
        return value.exact.low, value.exact.high
    return Fraction(value.low), None if value.high is None else Fraction(value.high)


@given(value_texts(), value_texts())
def test_an_increment_is_the_sum_of_its_parts(base: tuple[str, Any], step: tuple[str, Any]) -> None:
    """A value that adds to a claim of the running total spans the sum of both intervals, exactly."""
    corpus = _corpus(base[1], f"{step[1]} more", "adds-to")
    total, part = parse_value(base[1]), parse_value(step[1])
    low = total.low + part.low
    high = None if total.high is None or part.high is None else total.high + part.high
    assert ("more", low, high) == (corpus.claim("derived").value.kind, *_exact(corpus.claim("derived").value))  # type: ignore[union-attr]


_FACTORS = st.one_of(
    st.integers(1, 60).map(lambda n: (F(n), F(n), f"{n} times")),
    st.integers(1, 99).map(lambda n: (F(10 + n, 10), F(10 + n, 10), f"{(10 + n) // 10}.{(10 + n) % 10} times")),
    st.sampled_from([(F(3), F(9), "several times more"), (F(2), F(2), "twice"), (F(2), F(5), "a few times")]),
    st.tuples(st.integers(1, 30), st.integers(0, 30)).map(
        lambda t: (F(t[0]), F(t[0] + t[1]), f"by a factor of {t[0]} or {t[0] + t[1]}")
    ),
)


@given(value_texts(), _FACTORS)
def test_a_relative_value_is_the_product_in_exact_arithmetic(base: tuple[str, Any], factor: tuple[F, F, str]) -> None:
    """A factor of a claim spans the product of the two intervals, computed with fractions, never floats."""
    low_factor, high_factor, written = factor
    corpus = _corpus(base[1], written, "relative-to")
    value = corpus.claim("derived").value
    assert value is not None
    total = parse_value(base[1])
    low = total.low * low_factor
    high = None if total.high is None else total.high * high_factor
    assert (low, high) == _exact(value)
    assert (math.floor(low), None if high is None else math.ceil(high)) == (value.low, value.high)


@given(share_texts, _FACTORS)
def test_a_relative_share_never_passes_the_whole(share: tuple[Fraction, str], factor: tuple[F, F, str]) -> None:
    """A factor of a share is a share within [0, 100%], or a bad-value problem when even its least is beyond."""
    codes, corpus = _codes_or_corpus(lambda: _corpus(share[1], factor[2], "relative-to", unit="percent"))
    least = parse_value(share[1]).exact.low * factor[0]  # type: ignore[union-attr]
    assert (["bad-value"] if least > 100 else []) == codes
    if corpus is None:
        return
    value = corpus.claim("derived").value
    assert value is not None
    assert value.exact is not None
    assert value.exact.high is not None
    assert 0 <= value.exact.low <= value.exact.high <= 100


# --- round trip through dump and load ---------------------------------------------------------------

_WORDED = [
    ("people", "18 or 19"),
    ("people", "slightly more than 1,400"),
    ("people", "from 1400 to more than 2000"),
    ("people", "several hundred"),
    ("percent", "around 22.8%"),
    ("percent", "nearly two-thirds"),
    ("percent", "more than half"),
    ("USD", "US$2 billion"),
    ("EUR", "EUR100,000"),
    ("AMD per month", "50,000 drams monthly"),
    ("USD per month", "$1,500 a month"),
]


@given(st.lists(st.sampled_from(_WORDED), min_size=1, max_size=6), st.booleans(), st.booleans())
def test_the_worded_form_round_trips_through_dump_and_load(
    forms: list[tuple[str, str]], relative: bool, increment: bool
) -> None:
    """Dumping then loading a corpus keeps every value's words, interval and references unchanged."""
    claim = {"claimant": "gov", "date": "2020-10-01", "source": "doc", "quote": "said so"}
    units = sorted({unit for unit, _ in forms})
    claims = [
        {"id": f"c{i}", "figure": f"f{units.index(unit)}", "value": raw, **claim} for i, (unit, raw) in enumerate(forms)
    ]
    if relative:
        claims.append(
            {"id": "rel", "figure": claims[0]["figure"], "value": "several times", "relative-to": "c0", **claim}
        )
    if increment:
        claims.append({"id": "inc", "figure": claims[0]["figure"], "value": "11 more", "adds-to": "c0", **claim})
    data = {
        "conflicts": [{"id": "war", "name": "The war", "sides": ["red", "blue"]}],
        "sources": [{"id": "doc", "title": "A document", "kind": "news-report", "language": "en"}],
        "actors": [{"id": "gov", "name": "A government", "kind": "government"}],
        "figures": [
            {"id": f"f{i}", "conflict": "war", "label": u, "measure": "m", "unit": u} for i, u in enumerate(units)
        ],
        "claims": claims,
    }
    codes, corpus = _codes_or_corpus(lambda: from_data(data))
    # "11 more" on a share past 100%, or "several times" of one: refused, never silently clipped.
    assert set(codes) <= {"bad-value"}
    if corpus is None:
        return
    again = from_data(yaml.safe_load(dump(corpus)))
    assert [(c.id, c.value, c.relative_to, c.adds_to) for c in corpus.claims] == [
        (c.id, c.value, c.relative_to, c.adds_to) for c in again.claims
    ]
    assert [c["value"] for c in claims] == [c.value.text for c in again.claims if c.value is not None]


# --- the schema and the loader agree ----------------------------------------------------------------


@given(
    st.one_of(
        value_texts().map(lambda kr: str(kr[1])),
        share_texts.map(lambda s: s[1]),
        money_texts.map(lambda m: m[2]),
        st.sampled_from([w[0] for w in WORDINGS]),
    ),
    st.sampled_from(["", " a month", " daily", " more", "another "]),
)
def test_the_schema_pattern_accepts_every_wording_the_parser_reads(raw: str, ending: str) -> None:
    """Whatever the parser reads (money, shares, rates, increments included), the schema's pattern matches."""
    text = f"another {raw}" if ending == "another " else f"{raw}{ending}"
    if _reads(text):
        assert re.fullmatch(VALUE_PATTERN, text) is not None


@given(st.text(alphabet="abcdefghilmnorstuvwxyz $%0123456789,.-", min_size=1, max_size=24))
def test_what_the_schema_pattern_refuses_the_parser_refuses(text: str) -> None:
    """A wording outside the schema's pattern is never read by the loader either (the reader folds spaces)."""
    text = " ".join(text.split())
    if text and re.fullmatch(VALUE_PATTERN, text) is None:
        assert not _reads(text)


# --- units: like with like --------------------------------------------------------------------------


def _problems(
    tmp_path: Path, figures: list[dict[str, Any]], claims: list[dict[str, Any]]
) -> list[tuple[int, str, str]]:
    """Load one claim file of ``figures`` and ``claims``; its problems as (line, code, message and hint)."""
    claim = {"claimant": "gov", "date": "2020-10-01", "source": "doc", "quote": "said so"}
    data = {
        "conflicts": [{"id": "war", "name": "The war", "sides": ["red", "blue"]}],
        "sources": [{"id": "doc", "title": "A document", "kind": "news-report", "language": "en"}],
        "actors": [{"id": "gov", "name": "A government", "kind": "government"}],
        "figures": [{"conflict": "war", "label": "A figure", "measure": "killed", **f} for f in figures],
        "claims": [{**c, **{k: v for k, v in claim.items() if k not in c}} for c in claims],
    }
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    try:
        load(path)
    except LoadError as exc:
        return [(p.line, p.code, f"{p.message} ({p.hint})") for p in exc.problems]
    return []


@pytest.mark.parametrize(
    ("unit", "value", "expected"),
    [
        ("people", "22.8%", "is a share, but figure 'f' measures 'people' (give figure 'f' 'unit: percent'"),
        ("people", "US$2 billion", "is money in USD, but figure 'f' measures 'people' (give the figure 'unit: USD')"),
        ("EUR", "US$2 billion", "(write the value in EUR, as the figure's unit says)"),
        ("USD", "$1,500 a month", "is a rate per month, but figure 'f' measures 'USD'"),
        ("USD per day", "$1,500 a month", "give the figure a rate unit such as 'USD per month'"),
        ("percent", "150", "is more than the whole"),
        ("permille", "22.8%", "(a share written with % needs 'unit: percent')"),
    ],
)
def test_a_value_that_does_not_fit_its_figure_unit_is_a_unit_mismatch(
    tmp_path: Path, unit: str, value: str, expected: str
) -> None:
    """A share, a sum or a rate on a figure whose unit measures something else is refused, with a hint."""
    problems = _problems(tmp_path, [{"id": "f", "unit": unit}], [{"id": "c", "figure": "f", "value": value}])
    assert [(problems[0][0], "unit-mismatch", True)] == [
        (line, code, expected in text) for line, code, text in problems
    ]


def test_figures_of_different_kinds_cannot_be_parts_or_bounds(tmp_path: Path) -> None:
    """A share as a part of a count, or money bounding people, is a unit-mismatch at the figure."""
    problems = _problems(
        tmp_path,
        [
            {"id": "total", "parts": ["share"], "at-most": ["money"]},
            {"id": "share", "unit": "percent"},
            {"id": "money", "unit": "USD"},
        ],
        [],
    )
    assert ["unit-mismatch", "unit-mismatch"] == [code for _, code, _ in problems]


def test_share_of_names_a_count_figure(tmp_path: Path) -> None:
    """'share-of' belongs on a share and names the count of the whole."""
    problems = _problems(
        tmp_path,
        [{"id": "whole"}, {"id": "part", "unit": "percent", "share-of": "whole"}, {"id": "bad", "share-of": "whole"}],
        [],
    )
    assert [("unit-mismatch", True)] == [(code, "'share-of' is for shares" in text) for _, code, text in problems]


def test_relative_values_rest_only_on_claims_of_the_same_kind(tmp_path: Path) -> None:
    """A factor of a sum of money on a figure counting people is a unit-mismatch."""
    with pytest.raises(LoadError) as caught:
        _corpus("US$2 billion", "twice", "relative-to", unit="USD", other_unit="people")
    assert ["unit-mismatch"] == [p.code for p in caught.value.problems]


# --- relative values and increments: references and cycles -----------------------------------------


def test_a_loop_of_relative_values_is_a_cycle_at_the_claim_that_closes_it(tmp_path: Path) -> None:
    """a relative to b, b adding to a: one cycle problem, at the line of the claim whose reference closes it."""
    problems = _problems(
        tmp_path,
        [{"id": "f"}],
        [
            {"id": "a", "figure": "f", "value": "twice", "relative-to": "b"},
            {"id": "b", "figure": "f", "value": "11 more", "adds-to": "a"},
        ],
    )
    lines = (tmp_path / "claims.yaml").read_text(encoding="utf-8").splitlines()
    line_of_b = lines.index("- id: b") + 1
    assert [(line_of_b, "cycle", "'adds-to' loops back: a -> b -> a (None)")] == problems


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ([{"id": "c", "figure": "f", "value": "several times"}], ("bad-value", "add 'relative-to: <claim id>'")),
        ([{"id": "c", "figure": "f", "value": "11 more"}], ("bad-value", "add 'adds-to: <claim id>'")),
        (
            [{"id": "b", "figure": "f", "value": 5}, {"id": "c", "figure": "f", "value": 5, "relative-to": "b"}],
            ("bad-value", "did you mean '5 times'?"),
        ),
        (
            [{"id": "b", "figure": "g", "value": 5}, {"id": "c", "figure": "f", "value": "2 more", "adds-to": "b"}],
            ("inconsistent", "same running total"),
        ),
        (
            [{"id": "c", "figure": "f", "value": "2 more", "adds-to": "nowhere"}],
            ("undefined-reference", "'adds-to' names 'nowhere'"),
        ),
    ],
)
def test_relative_values_and_increments_name_what_they_rest_on(
    tmp_path: Path, claims: list[dict[str, Any]], expected: tuple[str, str]
) -> None:
    """A factor needs relative-to, an increment adds-to (on the same figure), and the claim named must exist."""
    problems = _problems(tmp_path, [{"id": "f"}, {"id": "g"}], claims)
    assert [expected[0]] == [code for _, code, _ in problems]
    assert expected[1] in problems[0][2]


def test_a_finding_on_a_relative_value_names_the_claim_it_rests_on() -> None:
    """A contradiction with 'several times more' says which claim the factor multiplies."""
    corpus = from_data(
        {
            "conflicts": [{"id": "war", "name": "The war", "sides": ["red", "blue"]}],
            "sources": [{"id": "doc", "title": "A document", "kind": "news-report", "language": "en"}],
            "actors": [
                {"id": "red", "name": "Red", "kind": "government", "sides": {"war": "red"}},
                {"id": "blue", "name": "Blue", "kind": "government", "sides": {"war": "blue"}},
            ],
            "figures": [
                {"id": "killed", "conflict": "war", "label": "Killed", "measure": "killed", "of": "red"},
                {"id": "wounded", "conflict": "war", "label": "Wounded", "measure": "wounded", "of": "red"},
            ],
            "claims": [
                {
                    "id": "k",
                    "figure": "killed",
                    "claimant": "blue",
                    "value": "more than 5000",
                    "date": "2020-10-28",
                    "source": "doc",
                    "quote": "q",
                },
                {
                    "id": "w",
                    "figure": "wounded",
                    "claimant": "blue",
                    "value": "several times more",
                    "relative-to": "k",
                    "date": "2020-10-28",
                    "source": "doc",
                    "quote": "q",
                },
                {
                    "id": "w-red",
                    "figure": "wounded",
                    "claimant": "red",
                    "value": 2000,
                    "date": "2020-10-28",
                    "source": "doc",
                    "quote": "q",
                },
            ],
        }
    )
    found = [f for f in reconcile(corpus).figure("wounded").findings if f.code == "contradiction"]
    assert 1 == len(found)
    assert "several times more (relative to k)" in found[0].message
    assert (15003, None) == (corpus.claim("w").value.low, corpus.claim("w").value.high)  # type: ignore[union-attr]


def test_another_reading_recomputes_relative_values() -> None:
    """Reconciling with a reading where 'several' is 2 to 7 multiplies by that, not by the loaded 3 to 9."""
    corpus = _corpus(100, "several times", "relative-to")
    views = reconcile(corpus, reading=Reading(vague_words={"several": (2, 7)})).figure("other").claims
    assert [(200, 700)] == [(v.low, v.high) for v in views]


def test_slightly_has_a_default_width_a_reading_overrides() -> None:
    """'slightly more than n' reaches s·n above n: 5% by default, what a Reading says otherwise."""
    assert 0.05 == DEFAULT_SLIGHTLY
    assert (1401, 1470) == (parse_value("slightly more than 1400").low, parse_value("slightly more than 1400").high)
    wider = parse_value("slightly more than 1400", Reading(slightly=0.2))
    assert (1401, 1680) == (wider.low, wider.high)


# --- bad wordings: the nearest valid form ------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("aproximately 500", "did you mean 'approximately 500'?"),
        ("slighty more than 1400", "did you mean 'slightly more than 1400'?"),
        ("severall", "did you mean 'several'?"),
        ("two-third", "did you mean 'two-thirds'?"),
        ("1.200", "did you mean 1,200? Write 1200 or 1,200"),
        ("3.360", "did you mean 3,360?"),
        ("150%", "a share is at most 100%"),
        ("2.5", "a share is written like 22.8%, money like $2.5 million"),
    ],
)
def test_a_bad_wording_names_the_nearest_valid_form(raw: str, expected: str) -> None:
    """A wording claimcheck cannot read is refused with the form it probably meant."""
    with pytest.raises(ValueError, match=re.escape(expected)):
        parse_value(raw)


def test_parsing_is_cached_per_distinct_wording() -> None:
    """The same wording read twice is the same object: corpora repeat wordings, and each is parsed once."""
    assert parse_value("nearly two-thirds") is parse_value("nearly two-thirds")
    assert parse_value("US$1,500 a month") is parse_value("US$1,500 a month")


# --- units, reconciliation and reports -------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "kind"),
    [
        ("people", ("count", None, None)),
        ("percent", ("share", None, None)),
        ("USD", ("money", "USD", None)),
        ("AMD per month", ("money", "AMD", "month")),
        ("USD/month", ("money", "USD", "month")),
        ("shells per day", ("count", None, "day")),
        ("tonnes per truck", ("count", None, "truck")),
    ],
)
def test_a_figure_unit_names_its_kind_of_quantity(unit: str, kind: tuple[str, str | None, str | None]) -> None:
    """Counts by default; percent a share; an ISO currency code money; 'per' or '/' a rate."""
    found = unit_kind(unit)
    assert kind == (found.quantity, found.currency, found.per)


def test_reconciliation_never_adds_a_share_to_a_count() -> None:
    """A corpus built in Python with a share as a part of a count gets no part-whole finding."""
    corpus = _corpus(100, "3 more", "adds-to")
    share = Figure(id="share", conflict="war", label="Share", measure="share", unit="percent")
    total = Figure(id="total", conflict="war", label="Total", measure="killed", parts=("share",))
    claim = copy.copy(corpus.claim("base"))
    built = Corpus(
        conflicts=corpus.conflicts,
        sources=corpus.sources,
        actors=corpus.actors,
        figures=(total, share),
        claims=(claim,),
    )
    codes = {f.code for f in reconcile(built).figure("total").findings}
    assert set() == codes & {"parts-add-up", "part-whole-mismatch", "part-whole-gap"}


def test_the_json_report_gives_exact_bounds_and_validates(tmp_path: Path) -> None:
    """A share's exact bounds reach the JSON report as lossless strings, and the report fits its schema."""
    corpus = _corpus("nearly two-thirds", "2 more", "adds-to", unit="percent")
    report = json.loads(render_json(reconcile(corpus), corpus))
    jsonschema.validate(report, REPORT_SCHEMA)
    figure = report["figures"][0]
    exact = {c["id"]: c["value"]["exact"] for c in figure["claims"]}
    assert "share" == figure["quantity"]
    assert {"low": "60", "high": "200/3", "low_open": False, "high_open": False} == exact["base"]
    assert {"low": "62", "high": "206/3", "low_open": False, "high_open": False} == exact["derived"]


def test_the_bundled_corpus_writes_bent_values_as_worded() -> None:
    """The claims the issue names carry the new forms, and their intervals follow from them."""
    corpus = load(ROOT / "claims")
    wounded = corpus.claim("2020-am-mil-wounded-az-gov-2020-10-28")
    total = corpus.claim("2020-az-mil-killed-az-gov-postwar-total")
    share = corpus.claim("1990s-nk-az-population-share-1991-wp-article-voice")
    assert ("several times more", 3 * 5001, None) == (wounded.value.text, wounded.value.low, wounded.value.high)  # type: ignore[union-attr]
    assert ("11 more", 2851, 2851) == (total.value.text, total.value.low, total.value.high)  # type: ignore[union-attr]
    assert Span(low=F("22.7"), high=F("22.9")) == share.value.exact  # type: ignore[union-attr]


@given(positive)
def test_fewer_than_zero_is_refused_for_every_strict_upper_form(n: int) -> None:
    """'just under 0' and 'fewer than 0' allow no count; 'just under n' allows n - 1 but not n."""
    for raw in ("fewer than 0", "just under 0"):
        with pytest.raises(ValueError, match="no count is fewer than 0"):
            parse_value(raw)
    value = parse_value(f"just under {n}")
    assert (False, True) == (value.contains(n), value.contains(n - 1))
