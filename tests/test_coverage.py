"""Coverage of the archived sources, and the bundled corpus's notes naming only claims that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimcheck import load
from claimcheck.cli import main
from claimcheck.coverage import RULES, coverage, render_coverage

from .test_load import VALID

ROOT = Path(__file__).resolve().parents[1]
#: The archived text of the example's source: one covered figure, one uncovered, and noise rules can drop.
TEXT = (
    "The war began on 27 September 2020.[12]\n"
    "\n"
    "In March the Armenian Health Ministry put the number at 3,360 soldiers.[77]  Azerbaijan claimed more than\n"
    "5,000 Armenian soldiers killed. The ministry said that twelve villages were shelled.\n"
    "Officials reported nothing else.\n"
)


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """The example claim file, with its source archived as ``doc.txt``, in a folder of its own."""
    claims = tmp_path / "claims"
    claims.mkdir()
    text = VALID.read_text(encoding="utf-8").replace(
        "    published: 2021-01\n", "    published: 2021-01\n    archive: doc.txt\n"
    )
    (claims / "example.yaml").write_text(text, encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "ignore").mkdir()
    return tmp_path


def _uncovered(folder: Path) -> list[tuple[int, str, str]]:
    report = coverage(load(folder / "claims"), folder / "archive", folder / "ignore")
    assert () == report.problems
    return [(i.line, i.kind, i.text) for s in report.sources for i in s.uncovered]


def test_coverage_lists_what_no_quote_covers_with_its_line(corpus_dir: Path) -> None:
    """Numbers and attributed sentences outside every quote are listed with their line; quoted ones are not."""
    expected = [
        (1, "number", "27"),
        (1, "number", "2020"),
        (1, "number", "12"),
        (3, "number", "77"),
        (4, "statement", "The ministry said that twelve villages were shelled."),
        (4, "number", "twelve"),
        (5, "statement", "Officials reported nothing else."),
    ]
    assert expected == _uncovered(corpus_dir)


def test_a_quote_across_a_line_break_covers_its_numbers(corpus_dir: Path) -> None:
    """A quote found across a line break (whitespace folded as check --archive folds it) covers what it holds."""
    report = coverage(load(corpus_dir / "claims"), corpus_dir / "archive")
    assert (2, 1) == (report.sources[0].covered_numbers, report.sources[0].covered_statements)


def test_rules_and_listed_entries_leave_items_out_with_counts(corpus_dir: Path) -> None:
    """Rules drop whole classes, entries drop a line or a passage, and each is counted under its name."""
    (corpus_dir / "ignore" / "wp-2020-war.yaml").write_text(
        "rules:\n"
        "  - {rule: years, reason: dates an event}\n"
        "  - {rule: dates, reason: dates an event}\n"
        "  - {rule: citation-markers, reason: a locator}\n"
        "ignore:\n"
        "  - {line: 5, reason: says nothing}\n"
        "  - {text: twelve villages, reason: not a contested figure}\n",
        encoding="utf-8",
    )
    report = coverage(load(corpus_dir / "claims"), corpus_dir / "archive", corpus_dir / "ignore")
    ignored = [(i.by, i.numbers, i.statements) for i in report.sources[0].ignored]
    assert [("citation-markers", 2, 0), ("dates", 1, 0), ("listed", 1, 2), ("years", 1, 0)] == ignored
    assert 0 == report.uncovered


def test_the_command_exits_1_while_anything_is_left_and_0_after(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`claimcheck coverage` gates CI: exit 1 with the list while items are left, 0 once all are covered or ignored."""
    args = ["coverage", str(corpus_dir / "claims"), "--archive", str(corpus_dir / "archive")]
    assert 1 == main([*args, "--max", "1"])
    out = capsys.readouterr().out.splitlines()
    assert f"{(corpus_dir / 'archive' / 'doc.txt').as_posix()}:1: number '27' not covered: " in out[0]
    assert ["... and 6 more (raise --max to list them)", "7 items not covered in 1 archived source"] == [
        out[1],
        out[-1],
    ]
    (corpus_dir / "ignore" / "wp-2020-war.yaml").write_text(
        "ignore:\n"
        "  - {line: 1, reason: dates}\n"
        "  - {line: 3, reason: a marker}\n"
        "  - {line: 4, reason: later}\n"
        "  - {line: 5, reason: later}\n",
        encoding="utf-8",
    )
    assert 0 == main([*args, "--ignore", str(corpus_dir / "ignore")])
    assert capsys.readouterr().out.endswith("0 items not covered in 1 archived source\n")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("rules:\n  - {rule: weekdays, reason: x}\n", ":2:12: error: 'rule' must be one of years, dates"),
        ("ignore:\n  - {line: 99, reason: x}\n", ":2:12: error: 'line' must be a line of the archived text, 1 to 6"),
        ("ignore:\n  - {text: no such words, reason: x}\n", ":2:12: error: 'text' not found in the archived text"),
        ("ignore:\n  - {line: 1}\n", ":2:5: error: an ignore entry needs a 'reason'"),
        ("ignores: []\n", ":1:1: error: unknown key 'ignores' in an ignore file"),
        ("rules: [\n", ":2:1: error: "),
    ],
)
def test_a_wrong_ignore_file_is_a_located_problem(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    """A mistake in an ignore file exits 1 with `path:line:col: error:` on stderr, never a traceback."""
    path = corpus_dir / "ignore" / "wp-2020-war.yaml"
    path.write_text(content, encoding="utf-8")
    code = main(
        ["coverage", str(corpus_dir / "claims"), "--archive", str(corpus_dir / "archive"), "--ignore", str(path.parent)]
    )
    out, err = capsys.readouterr()
    assert (1, "") == (code, out)
    assert err.startswith(path.as_posix() + expected), err


def test_an_ignore_file_named_after_no_source_is_a_problem(corpus_dir: Path) -> None:
    """An ignore file must be named after a source's id, so a typo cannot silently ignore nothing."""
    (corpus_dir / "ignore" / "wp-2020-wra.yaml").write_text("rules: []\n", encoding="utf-8")
    report = coverage(load(corpus_dir / "claims"), corpus_dir / "archive", corpus_dir / "ignore")
    assert ["undefined-reference"] == [p.code for p in report.problems]


def test_output_is_bounded_and_terminal_safe(corpus_dir: Path) -> None:
    """Escape sequences in an archived text never reach the terminal, and a long sentence is cut to one short line."""
    (corpus_dir / "archive" / "doc.txt").write_text(
        "\x1b[2J The minister said " + "very " * 100 + "much.\n", encoding="utf-8"
    )
    text = render_coverage(coverage(load(corpus_dir / "claims"), corpus_dir / "archive"))
    listed = text.splitlines()[0]
    assert ("\x1b" in text, len(listed) < 250) == (False, True)


def test_dutch_sources_use_dutch_number_words_and_verbs(corpus_dir: Path) -> None:
    """A Dutch source's "vier" and "volgens" count, while the article "een" is no number."""
    claims = corpus_dir / "claims" / "example.yaml"
    text = claims.read_text(encoding="utf-8").replace("language: en", "language: nl")
    # Quotes in another language than English carry a translation (these stand in for Dutch ones).
    text = re.sub(r"^(    quote: .*)$", r"\1\n    translation: as quoted", text, flags=re.MULTILINE)
    claims.write_text(text, encoding="utf-8")
    (corpus_dir / "archive" / "doc.txt").write_text(
        "Volgens een minister zijn vier dorpen heroverd.\n", encoding="utf-8"
    )
    found = _uncovered(corpus_dir)
    assert [(1, "statement", "Volgens een minister zijn vier dorpen heroverd."), (1, "number", "vier")] == found


@pytest.mark.parametrize(
    ("rule", "line", "token", "expected"),
    [
        ("years", "in 1994 it ended", "1994", True),
        ("years", "3360 soldiers", "3360", False),
        ("dates", "on 27 September", "27", True),
        ("dates", "on September 27, they", "27", True),
        ("dates", "27 soldiers in September", "27", False),
        ("citation-markers", "killed.[77]", "77", True),
        ("citation-markers", "killed 77 people", "77", False),
        ("ordinals", "the 15th brigade", "15", True),
        ("designations", "five T-72 tanks", "72", True),
        ("designations", "fined EUR100,000", "100,000", False),
        ("times", "from 00:00 on", "00", True),
        ("urls", "see https://example.org/news/3804905.html", "3804905", True),
        ("file-names", "File:Protest in New York, 4.jpg", "4", True),
        ("reference-list", "5. 5,0 5,1 Cite web", "5,1", True),
        ("reference-list", "In 5 districts.", "5", False),
    ],
)
def test_each_rule_takes_its_class_only(rule: str, line: str, token: str, expected: bool) -> None:
    """Each rule of the table takes the numbers of its class and leaves figures alone."""
    start = line.index(token)
    assert expected == RULES[rule][1](line, start, start + len(token))


#: Claim ids as the corpus spells them: a year or "2020-"/"2023-" prefix, then lower-case words.
_ID = re.compile(r"\b20(?:20|23)-[a-z0-9]+(?:-[a-z0-9]+)+\b")
_BACKTICKED_ID = re.compile(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`")


def test_notes_name_only_ids_that_exist() -> None:
    """Every id a note of the bundled corpus mentions (backticked, or spelt like a claim id) is defined."""
    corpus = load(ROOT / "claims")
    things = (*corpus.claims, *corpus.figures, *corpus.propositions, *corpus.actors, *corpus.sources)
    known = {thing.id for thing in (*things, *corpus.conflicts)}
    missing = []
    for thing in things:
        note = getattr(thing, "note", None) or ""
        for word in {*_ID.findall(note), *_BACKTICKED_ID.findall(note)}:
            if word not in known and not re.fullmatch(r"20\d\d-\d\d(?:-\d\d)?", word):
                missing.append((thing.id, word))
    assert [] == sorted(missing)
