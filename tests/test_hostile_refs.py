"""References and consistency under hostile input: problems at the wrong value, bounded output, near-linear hints.

A reference problem points at the value that is wrong (``claimant: no-such``),
not at the record; one file cannot make unbounded error output (quoted text
is cut, problems per file are capped and the rest counted); "did you mean"
stays near-linear in the number of wrong references; and the loader refuses
claims that contradict what they refer to.
"""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest

from claimcheck import LoadError, Problem, from_data, load
from claimcheck.errors import MAX_MESSAGE, MAX_PROBLEMS_PER_FILE, MAX_QUOTED, quoted

BASE = """\
conflicts:
  - id: war
    name: The war
    sides: [north, south]
sources:
  - id: src-en
    title: A report
    kind: news-report
    language: en
  - id: src-nl
    title: Een rapport
    kind: news-report
    language: nl
actors:
  - id: north-gov
    name: North government
    kind: government
    sides:
      war: north
  - id: north-mod
    name: North defence ministry
    kind: ministry
    parent: north-gov
  - id: outlet
    name: An outlet
    kind: outlet
figures:
  - id: north-killed
    conflict: war
    label: North soldiers killed
    measure: killed
    of: north
  - id: south-killed
    conflict: war
    label: South soldiers killed
    measure: killed
    of: south
  - id: all-killed
    conflict: war
    label: Soldiers killed
    measure: killed
    parts: [north-killed, south-killed]
    at-most: [north-killed]
  - id: villages
    conflict: war
    label: Villages taken
    measure: captured
    unit: villages
propositions:
  - id: talks
    conflict: war
    statement: Talks took place
claims:
  - id: first
    figure: north-killed
    claimant: north-mod
    value: 3360
    date: 2021-03
    source: src-en
    quote: the ministry put the number at 3,360
  - id: repeat
    figure: north-killed
    claimant: north-mod
    value: 3360
    date: 2021-03
    source: src-en
    via: [outlet]
    same-as: first
    quote: the ministry said 3,360
  - id: revised
    figure: north-killed
    claimant: north-mod
    value: 3400
    date: 2021-05
    source: src-en
    supersedes: first
    quote: the ministry now says 3,400
  - id: talked
    proposition: talks
    stance: asserts
    claimant: north-gov
    date: 2021-01
    source: src-nl
    quote: Er waren gesprekken
    translation: There were talks
  - id: taken
    figure: villages
    claimant: north-gov
    places: [Aygestan, Hadrut]
    date: 2020-11
    source: src-en
    quote: Aygestan and Hadrut were taken
"""


def _problems(tmp_path: Path, text: str, name: str = "claims.yaml") -> tuple[list[Problem], list[str]]:
    """The problems of ``text`` written to a file, and its lines."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load(path)
    return list(info.value.problems), text.splitlines()


def _replace(old: str, new: str, count: int = 1) -> str:
    assert old in BASE
    return BASE.replace(old, new, count)


def test_the_base_file_loads_clean(tmp_path: Path) -> None:
    """The file every case below changes one line of loads without a problem."""
    path = tmp_path / "claims.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert 5 == len(load(path).claims)


# (line to change, its replacement, the code, the text the problem must point at)
REFERENCES = {
    "claimant": ("    claimant: north-mod\n", "    claimant: no-such-actor\n", "undefined-reference", "no-such-actor"),
    "source": ("    source: src-en\n", "    source: src-fr\n", "undefined-reference", "src-fr"),
    "figure": ("    figure: north-killed\n", "    figure: north-kiled\n", "undefined-reference", "north-kiled"),
    "proposition": ("    proposition: talks\n", "    proposition: talk\n", "undefined-reference", "talk"),
    "figure names a claim": ("    figure: north-killed\n", "    figure: first\n", "undefined-reference", "first"),
    "via entry": ("    via: [outlet]\n", "    via: [outlet, no-outlet]\n", "undefined-reference", "no-outlet"),
    "same-as": ("    same-as: first\n", "    same-as: frist\n", "undefined-reference", "frist"),
    "supersedes": ("    supersedes: first\n", "    supersedes: firsts\n", "undefined-reference", "firsts"),
    "parent": ("    parent: north-gov\n", "    parent: north-govt\n", "undefined-reference", "north-govt"),
    "sides conflict": ("      war: north\n", "      peace: north\n", "undefined-reference", "peace"),
    "sides side": ("      war: north\n", "      war: east\n", "undefined-reference", "war: east"),
    "parts entry": (
        "    parts: [north-killed, south-killed]\n",
        "    parts: [north-killed, west-killed]\n",
        "undefined-reference",
        "west-killed",
    ),
    "at-most entry": (
        "    at-most: [north-killed]\n",
        "    at-most: [nort-killed]\n",
        "undefined-reference",
        "nort-killed",
    ),
    "figure conflict": ("    conflict: war\n", "    conflict: wars\n", "undefined-reference", "wars"),
    "of": ("    of: north\n", "    of: east\n", "undefined-reference", "east"),
    "proposition conflict": (
        "    statement: Talks took place\n",
        "    statement: Talks took place\n  - id: other-talks\n    conflict: peace\n    statement: More talks\n",
        "undefined-reference",
        "peace",
    ),
    "duplicate id": ("  - id: outlet\n", "  - id: north-mod\n", "duplicate-id", "north-mod"),
    "parent cycle": (
        "    kind: government\n",
        "    kind: government\n    parent: north-mod\n",
        "cycle",
        "north-mod",
    ),
    "parts cycle": (
        "    measure: killed\n    of: north\n",
        "    measure: killed\n    of: north\n    parts: [all-killed]\n",
        "cycle",
        "north-killed, south",
    ),
    "self parent": ("    kind: outlet\n", "    kind: outlet\n    parent: outlet\n", "cycle", "outlet"),
    "claimant relays itself": ("    via: [outlet]\n", "    via: [outlet, north-mod]\n", "cycle", "north-mod]"),
}


@pytest.mark.parametrize("case", sorted(REFERENCES))
def test_a_reference_problem_points_at_the_wrong_value(tmp_path: Path, case: str) -> None:
    """Every kind of reference (and cycle) is reported at the line and column of the value that is wrong."""
    old, new, code, token = REFERENCES[case]
    problems, lines = _problems(tmp_path, _replace(old, new))
    found = [p for p in problems if p.code == code]
    assert [code] == [p.code for p in found[:1]], problems
    at = lines[found[0].line - 1][found[0].column - 1 :]
    assert token == at[: len(token)], (lines[found[0].line - 1], found[0])


def test_the_command_line_prints_the_line_of_the_reference(tmp_path: Path) -> None:
    """``LoadError``'s text (what the command line prints) names the reference's line, not the claim's first."""
    text = _replace("    claimant: north-mod\n", "    claimant: no-such-actor\n")
    problems, lines = _problems(tmp_path, text)
    line = lines.index("    claimant: no-such-actor") + 1
    shown = [str(p).split(": error")[0] for p in problems if p.code == "undefined-reference"]
    assert [f"{tmp_path.as_posix()}/claims.yaml:{line}:15"] == shown


def test_data_in_memory_keeps_line_one() -> None:
    """``from_data`` has no lines to point at: its reference problems stay at line 1."""
    data = {"actors": [{"id": "a", "name": "A", "parent": "b"}]}
    with pytest.raises(LoadError) as info:
        from_data(data)
    assert [("undefined-reference", 1)] == [(p.code, p.line) for p in info.value.problems]


# --- "did you mean", near-linear ---------------------------------------------------


def _near_misses(folder: Path, n: int, per_file: int) -> None:
    """``n`` actors and ``n`` claims that each name a misspelt actor, ``per_file`` claims a file."""
    head = (
        "conflicts:\n  - {id: war, name: War, sides: [a, b]}\n"
        "sources:\n  - {id: src, title: T, kind: other, language: en}\n"
        "figures:\n  - {id: fig, conflict: war, label: L, measure: killed}\n"
        "actors:\n" + "".join(f"  - {{id: actor-number-{i:05d}, name: A{i}}}\n" for i in range(n))
    )
    (folder / "base.yaml").write_text(head, encoding="utf-8")
    for f in range(0, n, per_file):
        claims = "".join(
            f"  - {{id: c-{i}, claimant: actor-numbr-{i:05d}, date: 2020-10-01, source: src, quote: q,"
            " figure: fig, value: 5}\n"
            for i in range(f, min(n, f + per_file))
        )
        (folder / f"claims-{f:05d}.yaml").write_text("claims:\n" + claims, encoding="utf-8")


def test_did_you_mean_over_two_thousand_near_misses_is_near_linear(tmp_path: Path) -> None:
    """2,000 misspelt references each get the right "did you mean", in seconds (it took 92 s and more)."""
    _near_misses(tmp_path, 2000, 50)
    start = time.process_time()
    with pytest.raises(LoadError) as info:
        load(tmp_path)
    spent = time.process_time() - start
    hints = [p.hint for p in info.value.problems]
    expected = [f"did you mean 'actor-number-{i:05d}'?" for i in range(2000)]
    assert sorted(expected) == sorted(h or "" for h in hints)
    assert spent < 20, spent


# --- bounded output --------------------------------------------------------------------


def test_quoted_cuts_long_text_with_an_ellipsis() -> None:
    """User text in a message is cut to MAX_QUOTED characters and marked as cut."""
    assert "'abc'" == quoted("abc")
    assert repr("x" * MAX_QUOTED) + "…" == quoted("x" * (MAX_QUOTED + 1))


def test_aliases_of_one_long_string_make_small_output(tmp_path: Path) -> None:
    """Thousands of aliases to a 100,000-character string give a capped list of short problems."""
    text = "notes: &s '" + "x" * 100_000 + "'\nclaims: [" + ", ".join(["*s"] * 3000) + "]\n"
    problems, _ = _problems(tmp_path, text)
    assert MAX_PROBLEMS_PER_FILE + 1 == len(problems)
    assert max(len(str(p)) for p in problems) < MAX_MESSAGE + 200
    assert "too-many-problems" == problems[-1].code
    assert problems[-1].message.endswith("entries not checked"), problems[-1].message


def test_a_long_value_in_a_message_is_cut(tmp_path: Path) -> None:
    """A message built from a long string (a date here) keeps its start and end, and stays short."""
    text = _replace("    date: 2021-05\n", "    date: 2021-05" + "9" * 50_000 + "\n")
    problems, _ = _problems(tmp_path, text)
    assert ["bad-date"] == [p.code for p in problems]
    assert len(problems[0].message) <= MAX_MESSAGE + 3


def test_a_file_of_empty_entries_stops_after_the_cap(tmp_path: Path) -> None:
    """50,000 empty claims give the capped problems and one count of the entries left unchecked, quickly."""
    text = "claims: [" + ",".join(["{}"] * 50_000) + "]\n"
    start = time.process_time()
    problems, _ = _problems(tmp_path, text)
    spent = time.process_time() - start
    assert MAX_PROBLEMS_PER_FILE + 1 == len(problems)
    last = problems[-1]
    assert ("too-many-problems", 1) == (last.code, last.line)
    # Each empty claim has five missing keys: 20 claims fill the cap, the rest are only counted.
    assert f"stopped after {MAX_PROBLEMS_PER_FILE} problems in this file: 49980 more entries not checked" == (
        last.message
    )
    assert spent < 10, spent


def test_entries_left_unchecked_are_not_reported_as_undefined(tmp_path: Path) -> None:
    """A claim elsewhere naming an actor in the unchecked part of a full file gets no problem of its own."""
    (tmp_path / "a.yaml").write_text(
        "actors:\n" + "".join(f"  - {{id: bad-{i}}}\n" for i in range(150)) + "  - {id: fine, name: Fine}\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text(BASE.replace("    claimant: north-mod\n", "    claimant: fine\n"))
    with pytest.raises(LoadError) as info:
        load(tmp_path)
    assert {(tmp_path / "a.yaml").as_posix()} == {p.path for p in info.value.problems}
    assert "too-many-problems" == info.value.problems[-1].code


def test_problems_past_the_cap_are_counted(tmp_path: Path) -> None:
    """Reference problems past the cap are counted in the file's last problem, not listed."""
    _near_misses(tmp_path, 150, 150)
    with pytest.raises(LoadError) as info:
        load(tmp_path)
    messages = [p.message for p in info.value.problems if p.code == "too-many-problems"]
    assert [f"stopped after {MAX_PROBLEMS_PER_FILE} problems in this file: 50 more problems not shown"] == messages


# --- entries that are not mappings --------------------------------------------------


def test_a_text_entry_is_reported_at_its_line(tmp_path: Path) -> None:
    """``- text`` in a section is reported at the entry's line and column, not at 1:1."""
    problems, _ = _problems(tmp_path, "actors:\n  - {id: a, name: A}\n  - just some text\n  - 12\n")
    assert [("wrong-type", 3, 5), ("wrong-type", 4, 5)] == [(p.code, p.line, p.column) for p in problems]


# --- consistency -------------------------------------------------------------------------


def test_a_part_listed_twice_is_refused_at_the_second(tmp_path: Path) -> None:
    """``parts: [a, b, b]`` is a bad-field problem at the repeated part."""
    text = _replace(
        "    parts: [north-killed, south-killed]\n", "    parts: [north-killed, south-killed, south-killed]\n"
    )
    problems, lines = _problems(tmp_path, text)
    line = lines.index("    parts: [north-killed, south-killed, south-killed]") + 1
    column = lines[line - 1].rindex("south-killed") + 1
    assert [("bad-field", line, column)] == [(p.code, p.line, p.column) for p in problems]
    assert "'parts' lists 'south-killed' twice" in problems[0].message


def test_same_as_between_disjoint_values_is_refused(tmp_path: Path) -> None:
    """A repeat of 10 as 1,000 is inconsistent: one of them would silently drop out of reconciliation."""
    text = _replace(
        "    value: 3360\n    date: 2021-03\n    source: src-en\n    via",
        "    value: 1000\n    date: 2021-03\n    source: src-en\n    via",
    )
    text = text.replace("    value: 3360\n", "    value: 10\n", 1)
    problems, lines = _problems(tmp_path, text)
    line = lines.index("    same-as: first") + 1
    assert [("inconsistent", line, 14)] == [(p.code, p.line, p.column) for p in problems]
    assert "the two say different things ('1000' and '10')" in problems[0].message


def test_same_as_between_overlapping_values_loads(tmp_path: Path) -> None:
    """One statement read twice in other words (about 3360, fewer than 3400) is still one statement."""
    text = _replace(
        "    value: 3360\n    date: 2021-03\n    source: src-en\n    via",
        "    value: fewer than 3400\n    date: 2021-03\n    source: src-en\n    via",
    )
    text = text.replace("    value: 3360\n", "    value: about 3360\n", 1)
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    assert "first" == load(path).claim("repeat").same_as


def test_a_revision_dated_before_what_it_revises_is_refused(tmp_path: Path) -> None:
    """``supersedes`` naming a later claim is inconsistent, at the ``supersedes`` value."""
    problems, lines = _problems(tmp_path, _replace("    date: 2021-05\n", "    date: 2021-01\n"))
    line = lines.index("    supersedes: first") + 1
    assert [("inconsistent", line, 17)] == [(p.code, p.line, p.column) for p in problems]


def test_the_same_place_in_nfc_and_nfd_is_refused(tmp_path: Path) -> None:
    """A place list naming one place twice, once composed and once decomposed, is a bad-field problem."""
    nfc, nfd = unicodedata.normalize("NFC", "Şuşa"), unicodedata.normalize("NFD", "Şuşa")
    assert nfc != nfd
    problems, lines = _problems(tmp_path, _replace("[Aygestan, Hadrut]", f"[{nfc}, Hadrut, {nfd}]"))
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("    places:"))
    assert [("bad-field", line, lines[line - 1].rindex(nfd) + 1)] == [(p.code, p.line, p.column) for p in problems]


def test_place_names_are_read_in_nfc(tmp_path: Path) -> None:
    """A decomposed place name is loaded composed, so it compares equal across claims."""
    nfd = unicodedata.normalize("NFD", "Şuşa")
    path = tmp_path / "claims.yaml"
    path.write_text(_replace("[Aygestan, Hadrut]", f"[{nfd}, Hadrut]"), encoding="utf-8")
    assert (unicodedata.normalize("NFC", "Şuşa"), "Hadrut") == load(path).claim("taken").places


def test_a_quote_not_in_english_needs_a_translation(tmp_path: Path) -> None:
    """A quote in the source's language (Dutch here) without ``translation`` is a missing-key at the quote."""
    problems, lines = _problems(tmp_path, _replace("    translation: There were talks\n", ""))
    line = lines.index("    quote: Er waren gesprekken") + 1
    assert [("missing-key", line, 12)] == [(p.code, p.line, p.column) for p in problems]
    assert "'nl'" in problems[0].message


def test_a_claim_in_english_in_a_foreign_source_needs_no_translation(tmp_path: Path) -> None:
    """``language: en`` on the claim overrides the source's language: no translation is needed."""
    path = tmp_path / "claims.yaml"
    path.write_text(_replace("    translation: There were talks\n", "    language: en\n"), encoding="utf-8")
    assert "en" == load(path).claim("talked").language
