"""Hostile values, dates and API arguments: refused with a clear message, never read wrongly.

"3.000" is three to an English reader and three thousand to a German one;
"٣٣٦٠" passes Python's ``int()``; "3360.0000000000000000000000000001" loses
its tail in floating point; a date with a newline breaks a Markdown table;
an approximate date at the end of the calendar overflowed; a typo such as
0202 for 2020 is a valid date that the HTML chart must still draw; and the
public functions must refuse wrong arguments at the door, with the
exception their docstrings name. See ``docs/claim-files.md`` and
``docs/security.md``.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimcheck
from claimcheck import LoadError, Reading, from_data, load, parse_date, parse_value, reconcile
from claimcheck.cli import main
from claimcheck.findings import CATALOGUE, SEVERITIES
from claimcheck.render import render
from claimcheck.render.chart import chart_svg

from .strategies import calendar_days, counts, crowded_figure, edtf_dates, value_texts

EXAMPLE = Path(__file__).parent / "data" / "valid" / "example.yaml"

#: A figure two adversaries disagree about (10 against 100), with no period, so any date is allowed.
CONTESTED = """\
conflicts:
  - id: war
    name: The war
    sides: [red, blue]
sources:
  - id: doc
    title: A document
    kind: news-report
    language: en
actors:
  - id: red
    name: Red
    sides: {{war: red}}
  - id: blue
    name: Blue
    sides: {{war: blue}}
figures:
  - id: dead
    conflict: war
    label: Red soldiers killed
    measure: killed
    of: red
claims:
  - id: low
    figure: dead
    claimant: red
    value: {value}
    date: {date}
    source: doc
    quote: ten died
  - id: high
    figure: dead
    claimant: blue
    value: 100
    date: 2020-10-01
    source: doc
    quote: a hundred died
"""
VALUE_LINE = CONTESTED.splitlines().index("    value: {value}") + 1
DATE_LINE = VALUE_LINE + 1


def _file(tmp_path: Path, value: str = "10", date: str = "2020-10-01") -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(CONTESTED.format(value=value, date=date), encoding="utf-8")
    return path


def _problems(path: Path) -> list[tuple[str, int, str]]:
    with pytest.raises(LoadError) as info:
        load(path)
    return [(p.code, p.line, p.message) for p in info.value.problems]


def _other_digits(ascii_text: str, digit: str) -> str:
    """``ascii_text`` with its digits 0-9 written in the script of ``digit`` (any Unicode decimal digit)."""
    zero = ord(digit) - unicodedata.digit(digit)
    return ascii_text.translate({ord("0") + i: zero + i for i in range(10)})


foreign_digits = st.characters(categories=("Nd",)).filter(lambda c: not c.isascii())
control_characters = st.characters(categories=("Cc",))


# --- 1. values ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "question"),
    [
        ("3.000", "did you mean 3,000 or 3?"),
        ("1.200", "did you mean 1,200?"),
        ("3.360", "did you mean 3,360?"),
        ("about 1.200", "did you mean 1,200?"),
        ("1.200-1.500", "did you mean 1,200?"),
        ("at least 999.000", "did you mean 999,000 or 999?"),
    ],
)
def test_a_point_before_three_digits_is_a_question_not_a_number(raw: str, question: str) -> None:
    """A European thousands separator is refused with a question instead of being read as a decimal point."""
    with pytest.raises(ValueError, match="ambiguous") as info:
        parse_value(raw)
    assert question in str(info.value)


@pytest.mark.parametrize(
    ("raw", "low"),
    [("1.200 million", 1_200_000), ("1,234.000", 1234), ("12345.000", 12345), ("3.0", 3), ("2.5 thousand", 2500)],
)
def test_numbers_that_cannot_be_a_thousands_separator_still_read(raw: str, low: int) -> None:
    """A scale word, English grouping or more than three digits before the point leave no doubt, and still read."""
    assert low == parse_value(raw).low


def test_a_yaml_float_like_3_000_reaches_the_value_reader_as_text(tmp_path: Path) -> None:
    """`value: 3.000` (a float to YAML) is refused at its line with the question, not read as 3."""
    [(code, line, message)] = _problems(_file(tmp_path, value="3.000"))
    assert ("bad-value", VALUE_LINE) == (code, line)
    assert "did you mean 3,000 or 3?" in message


def test_other_yaml_floats_keep_their_meaning(tmp_path: Path) -> None:
    """Only floats shaped like a thousands separator stay text: a tolerance of 0.125 still loads as a number."""
    text = CONTESTED.format(value="about 80", date="2020-10").replace(
        "    source: doc\n    quote: ten died", "    tolerance: 0.125\n    source: doc\n    quote: ten died"
    )
    (tmp_path / "claims.yaml").write_text(text, encoding="utf-8")
    claim = load(tmp_path).claim("low")
    assert (0.125, 70, 90) == (claim.tolerance, claim.value.low, claim.value.high)  # type: ignore[union-attr]


@given(st.text(alphabet=foreign_digits, min_size=1, max_size=8), st.sampled_from(["", "at least ", "about "]))
def test_digits_of_other_scripts_are_refused_in_values(digits: str, prefix: str) -> None:
    """Any string of non-ASCII decimal digits is refused as a value, naming the first such digit."""
    with pytest.raises(ValueError, match="digits 0-9") as info:
        parse_value(prefix + digits)
    assert f"U+{ord(digits[0]):04X}" in str(info.value)


@given(counts, foreign_digits)
def test_a_count_written_in_another_script_is_refused(n: int, digit: str) -> None:
    """A count int() would accept in Bengali, Arabic-Indic or fullwidth digits is not a value."""
    with pytest.raises(ValueError, match="digits 0-9"):
        parse_value(_other_digits(str(n), digit))


def test_the_issue_examples_of_other_digits_are_refused(tmp_path: Path) -> None:
    """'৪00', Arabic-Indic and fullwidth 3360 are refused at the value's line."""
    for raw in ("৪00", "٣٣٦٠", "３３６０"):
        [(code, line, message)] = _problems(_file(tmp_path, value=f"'{raw}'"))
        assert ("bad-value", VALUE_LINE, True) == (code, line, "digits 0-9" in message)


@given(
    st.integers(min_value=0, max_value=99_999),  # under 10**15 even in billions
    st.integers(min_value=0, max_value=60),
    st.sampled_from(["", " thousand", " million", " billion"]),
)
def test_a_fraction_past_the_scale_is_never_a_whole_number(n: int, zeros: int, scale: str) -> None:
    """n.000…01 is not a whole count whatever the number of zeros (no rounding to 28 digits)."""
    raw = f"{n}.{'0' * zeros}1{scale}"
    if zeros + 1 <= {"": 0, " thousand": 3, " million": 6, " billion": 9}[scale]:
        assert parse_value(raw).low > n  # e.g. 5.01 thousand = 5010: whole, and read exactly
    else:
        # Refused either way: as a fraction of a count, or (exactly three decimals) as an ambiguous separator.
        with pytest.raises(ValueError, match=r"not a whole number|is ambiguous"):
            parse_value(raw)


@given(counts, st.integers(min_value=1, max_value=60).filter(lambda k: k != 3))
def test_trailing_zeros_after_the_point_read_as_the_count(n: int, zeros: int) -> None:
    """n.0…0 (any number of zeros but three) is exactly n."""
    assert (n, n) == (parse_value(f"{n}.{'0' * zeros}").low, parse_value(f"{n}.{'0' * zeros}").high)


def test_the_issue_example_of_a_tiny_fraction_is_refused(tmp_path: Path) -> None:
    """'3360.0000000000000000000000000001' is refused, quoted or not (unquoted YAML makes it a float)."""
    assert "not a whole number" in _problems(_file(tmp_path, value="'3360.0000000000000000000000000001'"))[0][2]
    assert "got 3360.0 (a number)" in _problems(_file(tmp_path, value="3360.0000000000000000000000000001"))[0][2]


def test_a_count_of_a_hundred_thousand_digits_is_refused_quickly() -> None:
    """Huge digit strings are refused as too large or not whole, without int()'s digit limit error."""
    with pytest.raises(ValueError, match="too large"):
        parse_value("1" + "0" * 99_999)
    with pytest.raises(ValueError, match="not a whole number"):
        parse_value("1." + "0" * 99_998 + "1")


@given(value_texts(), control_characters, st.integers(min_value=0))
def test_a_control_character_anywhere_in_a_value_is_refused(
    kind_raw: tuple[str, int | str], char: str, where: int
) -> None:
    """Raw control characters (newline and tab included) are refused in a value's text, naming the character."""
    raw = str(kind_raw[1])
    at = where % (len(raw) + 1)
    with pytest.raises(ValueError, match="control character") as info:
        parse_value(raw[:at] + char + raw[at:])
    assert f"U+{ord(char):04X}" in str(info.value)


def test_a_quoted_value_with_a_newline_is_refused_at_its_line(tmp_path: Path) -> None:
    """`value: "3360\\n"` is refused (it used to load, keeping the newline in the value's text)."""
    [(code, line, message)] = _problems(_file(tmp_path, value='"3360\\n"'))
    assert ("bad-value", VALUE_LINE, True) == (code, line, "U+000A" in message)


# --- 2. dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("0001-01-01~", dt.date.min, dt.date(1, 1, 2)),
        ("9999-12-31~", dt.date(9999, 12, 30), dt.date.max),
        ("0001-01~", dt.date.min, dt.date(1, 2, 28)),
        ("9999-12~", dt.date(9999, 11, 1), dt.date.max),
        ("0001~", dt.date.min, dt.date(2, 12, 31)),
        ("9999~", dt.date(9998, 1, 1), dt.date.max),
        ("9999-24", dt.date(9999, 12, 1), dt.date.max),
        ("9999-24~", dt.date(9999, 11, 1), dt.date.max),
        ("0001-21~", dt.date(1, 2, 1), dt.date(1, 6, 30)),
        ("0001-01-01~/9999-12-31~", dt.date.min, dt.date.max),
    ],
)
def test_approximate_dates_at_the_ends_of_the_calendar_stop_there(
    text: str, earliest: dt.date, latest: dt.date
) -> None:
    """Widening by one unit stops at 0001-01-01 and 9999-12-31 instead of overflowing or inverting the span."""
    span = parse_date(text)
    assert (earliest, latest) == (span.earliest, span.latest)


@given(edtf_dates(calendar_days))
def test_every_date_of_the_calendar_reads_as_a_span_in_order(text: str) -> None:
    """Any EDTF form of any day from year 1 to 9999 reads, as a span whose start is not after its end."""
    span = parse_date(text)
    assert span.earliest is not None
    assert span.latest is not None
    assert dt.date.min <= span.earliest <= span.latest <= dt.date.max


@given(edtf_dates(calendar_days), control_characters, st.booleans())
def test_a_control_character_before_or_after_a_date_is_refused(text: str, char: str, after: bool) -> None:
    """No date text but the exact EDTF form is read: "$" let a final newline through, fullmatch does not."""
    with pytest.raises(ValueError, match="control character"):
        parse_date(text + char if after else char + text)


@pytest.mark.parametrize("text", ["2020-10-01\n", "2020-10-01\n/2020-10-05", "2020-10-01/2020-10-05\n", "2020\t"])
def test_the_issue_examples_of_dates_with_newlines_are_refused(text: str) -> None:
    """A newline at the end of a date or of one end of an interval is refused."""
    with pytest.raises(ValueError, match="control character"):
        parse_date(text)


@pytest.mark.parametrize("date", ['"2020-10-01\\n"', '"2020-10-01\\n/2020-10-05"', '"2020-10\\t"'])
def test_a_quoted_date_with_a_newline_is_refused_at_its_line(tmp_path: Path, date: str) -> None:
    """A claim file's date holding a newline or tab is a bad-date problem at the date's line."""
    [(code, line, message)] = _problems(_file(tmp_path, date=date))
    assert ("bad-date", DATE_LINE, True) == (code, line, "control character" in message)


@given(calendar_days, foreign_digits)
def test_dates_written_in_other_digits_are_refused(day: dt.date, digit: str) -> None:
    """A date in Arabic-Indic, Bengali or fullwidth digits is refused, naming the digits 0-9."""
    with pytest.raises(ValueError, match="digits 0-9"):
        parse_date(_other_digits(day.isoformat(), digit))


# --- 3. charts of any date check accepts --------------------------------------------------------------


def test_a_typo_year_that_check_accepts_still_renders_as_html(tmp_path: Path) -> None:
    """A contested figure with a claim dated 0202-10-01 passes check, and the HTML report draws its chart."""
    path = _file(tmp_path, date="0202-10-01")
    out = tmp_path / "report.html"
    assert (0, 0) == (main(["check", str(path)]), main(["report", str(path), "--format", "html", "-o", str(out)]))
    page = out.read_text(encoding="utf-8")
    assert 1 == page.count("<svg")


@pytest.mark.parametrize(
    "dates",
    [
        ("0001-01-01", "0001-01-01"),
        ("0001-01-01~", "9999-12-31~"),
        ("9999-12-31", "9999-12-30"),
        ("../0001-02", "9999/.."),
        ("0001/9999", "5000"),
    ],
)
def test_charts_at_the_ends_of_the_calendar_render(dates: tuple[str, str]) -> None:
    """Claims at the first or last days of the calendar, or spanning all of it, are drawn (no margin beyond it)."""
    data = _contested_data(*dates)
    corpus = from_data(data)
    svg = chart_svg(reconcile(corpus).figure("dead"), corpus)
    assert svg.startswith("<svg")


def _contested_data(first: str, second: str) -> dict[str, Any]:
    import yaml

    data: dict[str, Any] = yaml.safe_load(CONTESTED.format(value="10", date=first))
    data["claims"][1]["date"] = second
    return data


@settings(max_examples=20)  # each example draws charts, a fraction of a second each
@given(crowded_figure(max_voices=4, max_claims=6, within=calendar_days))
def test_every_date_check_accepts_renders_in_the_html_chart(data: dict[str, Any]) -> None:
    """For claims dated anywhere in the calendar, each figure's chart and the whole HTML report render."""
    corpus = from_data(data)
    result = reconcile(corpus)
    assert chart_svg(result.figure("crowded"), corpus).startswith("<svg")
    assert render(result, corpus, "html").endswith("</html>\n")


# --- 4. arguments of the public functions -------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: load(b"claims"), "paths must be str or os.PathLike, or an iterable of them, got bytes"),  # type: ignore[arg-type]
        (lambda: load([b"claims"]), "paths must be str or os.PathLike, got bytes"),  # type: ignore[list-item]
        (lambda: load(5), "got int"),  # type: ignore[arg-type]
        (lambda: load("claims", reading=None), "reading must be a Reading, got NoneType"),  # type: ignore[arg-type]
        (lambda: load("claims", limits={}), "limits must be a Limits, got dict"),  # type: ignore[arg-type]
        (lambda: from_data(None), "data must be a mapping of sections"),  # type: ignore[arg-type]
        (lambda: from_data({}, name=3), "name must be a str, got int"),  # type: ignore[arg-type]
        (lambda: parse_value("5", reading={}), "reading must be a claimcheck.Reading"),  # type: ignore[arg-type]
        (lambda: Reading(tolerance="0.1"), "tolerance must be a number"),  # type: ignore[arg-type]
        (lambda: Reading(vague_words=["many"]), "vague_words must be a mapping"),  # type: ignore[arg-type]
        (lambda: Reading(vague_words={1: (1, 2)}), "vague words must be str"),  # type: ignore[dict-item]
        (lambda: Reading(vague_words={"many": (1,)}), "must map to a pair"),
        (lambda: Reading(vague_words={"many": "15"}), "must map to a pair"),  # type: ignore[dict-item]
        (lambda: Reading(vague_words={"many": (True, 5)}), "whole numbers"),
        (lambda: Reading(vague_words={"many": (1.5, 5)}), "whole numbers"),  # type: ignore[dict-item]
    ],
)
def test_arguments_of_the_wrong_type_are_type_errors_that_name_them(call: Any, message: str) -> None:
    """Wrong argument types raise TypeError at the door, with a message naming the argument."""
    with pytest.raises(TypeError) as info:
        call()
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: Reading(tolerance=math.inf), "share between 0 and 1"),
        (lambda: Reading(tolerance=math.nan), "share between 0 and 1"),
        (lambda: Reading(tolerance=-0.1), "share between 0 and 1"),
        (lambda: parse_value("about 5", tolerance=math.inf), "share between 0 and 1"),
        (lambda: Reading(vague_words={"many": (5, 2)}), "not a range of counts"),
        (lambda: Reading(vague_words={"many": (-1, None)}), "not a range of counts"),
        (lambda: Reading(vague_words={"Many": (1, 5)}), "would never match"),
        (lambda: Reading(vague_words={"a  few": (1, 5)}), "would never match"),
    ],
)
def test_arguments_of_the_wrong_value_are_value_errors_that_say_why(call: Any, message: str) -> None:
    """Wrong argument values raise ValueError saying what would be right (never OverflowError from deep inside)."""
    with pytest.raises(ValueError, match=message):
        call()


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_a_tolerance_is_a_share_between_0_and_1(tolerance: float) -> None:
    """Reading accepts exactly the tolerances from 0 to 1, and then reads 'about n' without error."""
    if 0 <= tolerance <= 1:
        assert parse_value("about 1000", Reading(tolerance=tolerance)).low >= 0
    else:
        with pytest.raises(ValueError, match="share between 0 and 1"):
            Reading(tolerance=tolerance)


def test_a_whole_number_tolerance_is_read_as_a_float() -> None:
    """Reading(tolerance=0) or 1 is the natural reading of 0.0 and 1.0."""
    assert (0.0, 1.0) == (Reading(tolerance=0).tolerance, Reading(tolerance=1).tolerance)


def test_vague_words_given_as_lists_read_as_pairs_and_are_copied() -> None:
    """A list [low, high] is the pair it spells; the table is a copy, unchanged when the caller's dict changes."""
    words: dict[str, Any] = {"many": [1, 5]}
    reading = Reading(vague_words=words)
    words["many"] = [100, 200]
    assert Reading(vague_words={"many": (1, 5)}) == reading
    assert (1, 5) == (parse_value("many", reading).low, parse_value("many", reading).high)


def test_from_data_reports_section_names_that_are_not_strings() -> None:
    """from_data({1: []}) is a wrong-type problem at line 1 of the data, as a non-word key is in a file."""
    with pytest.raises(LoadError) as info:
        from_data({1: []})  # type: ignore[dict-item]
    assert [("<data>", 1, "wrong-type")] == [(p.path, p.line, p.code) for p in info.value.problems]
    assert "section names must be strings, got 1" in info.value.problems[0].message


def test_from_data_reports_keys_that_are_not_strings_at_any_depth() -> None:
    """A non-string key inside a record or a mapping in it is a problem naming its section, not a traceback."""
    data: dict[str, Any] = {
        "claims": [{"id": "a", 1: 2}],
        "actors": [{"id": "b", "name": "B", "sides": {("war",): "red"}}],
    }
    with pytest.raises(LoadError) as info:
        from_data(data)
    assert ["keys in 'actors' must be strings", "keys in 'claims' must be strings"] == sorted(
        p.message.split(",")[0] for p in info.value.problems
    )


def test_from_data_survives_data_that_contains_itself() -> None:
    """A list holding itself is a problem about the entry, not an endless walk."""
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(LoadError) as info:
        from_data({"claims": loop})
    assert ["wrong-type"] == [p.code for p in info.value.problems]


def test_the_path_forms_that_worked_still_work() -> None:
    """A str, a Path, and a list or generator of them all load the same corpus."""
    sizes = {len(load(p).claims) for p in (str(EXAMPLE), EXAMPLE, [EXAMPLE], (p for p in [str(EXAMPLE)]))}
    assert {2} == sizes


# --- 5. selecting findings ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def result() -> claimcheck.Reconciliation:
    return reconcile(load(EXAMPLE))


@pytest.mark.parametrize(
    ("code", "severity", "message"),
    [
        ("contradictions", None, "unknown finding code 'contradictions' (did you mean 'contradiction'?)"),
        (["contradiction", "revisions"], None, "unknown finding code 'revisions' (did you mean 'revision'?)"),
        (None, "hi", "unknown severity 'hi' (did you mean 'high'?)"),
        (None, "", "unknown severity '' (one of info, low, medium, high)"),
        ("zzz", None, "unknown finding code 'zzz' (one of contradiction, "),
    ],
)
def test_unknown_codes_and_severities_raise_with_the_closest_one(
    result: claimcheck.Reconciliation, code: Any, severity: str | None, message: str
) -> None:
    """A typo in select() is a ValueError naming the closest code or severity, not an empty answer or a KeyError."""
    with pytest.raises(ValueError, match=r"^unknown ") as info:
        result.select(code, severity=severity)
    assert str(info.value).startswith(message)


def test_select_arguments_that_are_not_strings_are_type_errors(result: claimcheck.Reconciliation) -> None:
    """select(5) and select([1]) raise TypeError naming what is expected."""
    with pytest.raises(TypeError, match="a finding code or an iterable of them"):
        result.select(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a finding code is a str"):
        result.select([1])  # type: ignore[list-item]


@given(st.sampled_from([kind.code for kind in CATALOGUE]), st.sampled_from([None, *SEVERITIES]))
def test_every_catalogued_code_and_severity_selects(code: str, severity: str | None) -> None:
    """Each code of the catalogue and each severity is accepted and selects only findings that match."""
    found = reconcile(load(EXAMPLE)).select(code, severity=severity)
    assert all(f.code == code for f in found)


@given(st.text(max_size=20).filter(lambda s: s not in {kind.code for kind in CATALOGUE}))
def test_any_other_word_is_refused_as_a_code(word: str) -> None:
    """select() with any string that is not a catalogued code raises ValueError."""
    with pytest.raises(ValueError, match="unknown finding code"):
        reconcile(load(EXAMPLE)).select(word)


@pytest.mark.parametrize(
    ("text", "order", "written"),
    [("15/07/2025", "day/month/year", "2025-07-15"), ("7/15/2025", "month/day/year", "2025-07-15")],
)
def test_an_everyday_slashed_date_is_not_read_as_an_interval(text: str, order: str, written: str) -> None:
    """`15/07/2025` is refused as the everyday date it looks like, with the EDTF spelling to use."""
    with pytest.raises(ValueError, match=f"looks like a {order} date.*e.g. {written}"):
        parse_date(text)
