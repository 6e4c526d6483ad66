"""A mutation fuzzer over the bundled claim files: whatever an edit breaks, loading says where.

Each case takes one bundled claim file, breaks it the way hurried editing
and hostile pull requests do (lines deleted, repeated, swapped or
re-indented, tokens replaced by others from the corpus or by YAML's sharp
edges, random characters inserted) and loads it beside the shared actors,
conflicts and sources. Loading must either succeed, and then reconciling and
rendering must too, or raise :class:`~claimcheck.LoadError` whose every
problem names a file that was read, a line inside it and a documented code;
and no case may take longer than two seconds. The number of cases follows
the hypothesis profile (``HYPOTHESIS_PROFILE=ci`` runs more).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck import Corpus, LoadError, load, reconcile
from claimcheck.errors import PROBLEM_CODES
from claimcheck.render import render

CLAIMS = Path(__file__).resolve().parents[1] / "claims"
SHARED = [CLAIMS / "actors.yaml", CLAIMS / "conflicts.yaml", CLAIMS / "sources.yaml"]
FILES = sorted(CLAIMS.glob("*/*.yaml"))
TEXTS = {path.name + path.parent.name: path.read_text(encoding="utf-8") for path in [*SHARED, *FILES]}
#: Tokens of the corpus itself: a replacement from here is a plausible slip (an id or a key in the wrong place).
TOKENS = sorted({token for text in TEXTS.values() for token in re.findall(r"[^\s:]+:?", text)})
#: Tokens that probe YAML's and the format's edges.
SHARP = [
    "!!float", "!!python/object:os.system", "!!binary", "&a", "*a", "<<:", "[", "]", "{", "}", "-", "- ", ":", "? ",
    "|", ">", "'", '"', "#", "~", "null", "yes", "0x1F", "1_000", "1:30", ".inf", ".nan", "-1", "1.200", "3.000",
    "10**30", "99999999999999999999", "1e400", "0202-10-01", "2020-02-30", "2020-10-01~", "0001-01~", "9999-12-31~",
    "2020-10-04/2020-10-01", "15/07/2025", "2020-10-0１", "٣٣٦٠", "dozens", "more than -1", "between 10 and 1",
    "\t", "\u202e", "\x1b[31m", "\u00a0", "é", "e\u0301", "\ufeff",
]  # fmt: skip
_CHARACTERS = st.characters(codec="utf-8")


#: One edit: what it does, its line, a number (the other line, the token, the column) and a text.
Edit = tuple[str, int, int, str]


@st.composite
def edits(draw: st.DrawFn) -> tuple[Path, tuple[Edit, ...]]:
    """One bundled claim file and one to three random edits of it (small to print when a case fails)."""
    path = draw(st.sampled_from(FILES))
    size = TEXTS[path.name + path.parent.name].count("\n") + 1
    found: list[Edit] = []
    for _ in range(draw(st.integers(1, 3))):
        edit = draw(st.sampled_from(["delete", "repeat", "swap", "indent", "dedent", "token", "characters"]))
        text = ""
        if edit in ("indent", "dedent"):
            text = draw(st.sampled_from([" ", "  ", "    ", "\t"]))
        elif edit == "token":
            text = draw(st.sampled_from(SHARP) | st.sampled_from(TOKENS))
        elif edit == "characters":
            text = draw(st.text(_CHARACTERS, min_size=1, max_size=5))
        found.append((edit, draw(st.integers(0, size - 1)), draw(st.integers(0, size - 1)), text))
    return path, tuple(found)


def mutate(path: Path, changes: tuple[Edit, ...]) -> str:
    """The text of ``path`` with ``changes`` applied; positions wrap around what is left."""
    lines = TEXTS[path.name + path.parent.name].split("\n")
    for edit, where, number, text in changes:
        at = where % len(lines)
        if edit == "delete" and len(lines) > 1:
            del lines[at]
        elif edit == "repeat":
            lines.insert(at, lines[at])
        elif edit == "swap":
            other = number % len(lines)
            lines[at], lines[other] = lines[other], lines[at]
        elif edit == "indent":
            lines[at] = text + lines[at]
        elif edit == "dedent":
            lines[at] = lines[at].removeprefix(text)
        elif edit == "token":
            tokens = list(re.finditer(r"\S+", lines[at]))
            old = tokens[number % len(tokens)] if tokens else None
            lines[at] = lines[at][: old.start()] + text + lines[at][old.end() :] if old else text
        elif edit == "characters":
            column = number % (len(lines[at]) + 1)
            lines[at] = lines[at][:column] + text + lines[at][column:]
    return "\n".join(lines)


@settings(
    deadline=dt.timedelta(seconds=2),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=edits())
def test_a_mutated_file_loads_or_says_where_it_is_wrong(case: tuple[Path, tuple[Edit, ...]], tmp_path: Path) -> None:
    """Loading a mutated file either works (and so do reconciling and rendering) or names file, line and code."""
    original, changes = case
    text = mutate(original, changes)
    mutant = tmp_path / f"{original.parent.name}-{original.name}"
    mutant.write_text(text, encoding="utf-8")
    lines = {path.as_posix(): path.read_text(encoding="utf-8").count("\n") + 1 for path in [*SHARED, mutant]}
    corpus = _load([*SHARED, mutant])
    if isinstance(corpus, LoadError):
        assert corpus.problems
        for problem in corpus.problems:
            assert problem.code in PROBLEM_CODES, problem
            assert problem.path in lines, problem
            assert 1 <= problem.line <= lines[problem.path], problem
            assert 1 <= problem.column, problem
        return
    result = reconcile(corpus)
    assert render(result, corpus, "md")
    assert render(result, corpus, "json")


def _load(paths: list[Path]) -> Corpus | LoadError:
    """The corpus, or the one exception loading documents."""
    try:
        return load(paths)
    except LoadError as exc:
        return exc


def test_the_fuzzer_starts_from_files_that_load() -> None:
    """The shared files and the bundled corpus load, so a failing case is the mutation's doing."""
    assert load(CLAIMS).claims
    assert FILES


@pytest.mark.parametrize("token", SHARP)
def test_each_sharp_token_in_a_value_is_handled(token: str, tmp_path: Path) -> None:
    """Every sharp token written as a claim's value either loads or is a located problem, never a crash."""
    path = FILES[0]
    text = TEXTS[path.name + path.parent.name]
    value = re.search(r"^(\s+value: ).*$", text, re.MULTILINE)
    assert value is not None
    mutant = tmp_path / path.name
    mutant.write_text(text[: value.start()] + value.group(1) + token + text[value.end() :], encoding="utf-8")
    outcome = _load([*SHARED, mutant])
    if isinstance(outcome, LoadError):
        assert all(p.line >= 1 and p.code in PROBLEM_CODES for p in outcome.problems)
