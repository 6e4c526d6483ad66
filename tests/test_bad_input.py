"""Hostile and broken claim files: each is refused with its code and line, never with a traceback.

Claim files come from strangers' pull requests, so the loader must refuse
whatever it cannot read safely, say where, and keep going. Every case in
``tests/bad/`` (or built here, when it is too big or holds bytes an editor
would mangle) has the problem code and line it must be reported at, checked
through the API and through the command line run as a real process. The
valid cases (an empty file, a byte-order mark, HTML and control characters in
text) must load and keep their text. See ``docs/security.md``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import claimcheck
from claimcheck import Limits, LoadError, load
from claimcheck.errors import PROBLEM_CODES
from claimcheck.load import SECTIONS

BAD = Path(__file__).parent / "bad"
EXAMPLE = Path(__file__).parent / "data" / "valid" / "example.yaml"

#: Every refused case: its name -> (problem code, line). The name is a file in
#: ``tests/bad/``, a ``folder/file`` in it (the folder is loaded, the problem
#: is in that file), or a case in ``GENERATED`` (built in a temporary folder).
CASES: dict[str, tuple[str, int]] = {
    # Malformed YAML.
    "yaml-bad-indentation.yaml": ("yaml-syntax", 19),
    "yaml-unclosed-quote.yaml": ("yaml-syntax", 32),  # where the quote opens, not the end of the file
    "yaml-tab-indentation.yaml": ("yaml-syntax", 23),
    "yaml-two-documents.yaml": ("yaml-syntax", 33),
    "raw-control-character.yaml": ("yaml-syntax", 27),  # generated: a raw ESC byte in a name
    # Encoding.
    "not-utf8-latin1.yaml": ("encoding", 19),  # generated
    "not-utf8-utf16.yaml": ("encoding", 1),  # generated
    # Wrong types, unknown, missing and duplicate keys, bad ids.
    "wrong-type-name-list.yaml": ("wrong-type", 18),
    "wrong-type-value-float.yaml": ("wrong-type", 29),
    "wrong-type-sides-text.yaml": ("wrong-type", 6),
    "wrong-type-section-mapping.yaml": ("wrong-type", 21),
    "wrong-type-top-level-list.yaml": ("wrong-type", 2),
    "unknown-key-typo.yaml": ("unknown-key", 32),
    "unknown-key-section.yaml": ("unknown-key", 25),
    "missing-key-quote.yaml": ("missing-key", 26),
    "duplicate-key.yaml": ("duplicate-key", 30),
    "bad-id.yaml": ("bad-id", 17),
    "duplicate-id-across-files/b.yaml": ("duplicate-id", 3),
    # References and cycles.
    "undefined-actor.yaml": ("undefined-reference", 28),
    "undefined-source.yaml": ("undefined-reference", 31),
    "undefined-figure.yaml": ("undefined-reference", 27),
    "undefined-supersedes.yaml": ("undefined-reference", 32),
    "relay-claimant-in-via.yaml": ("cycle", 32),
    "relay-twice-in-via.yaml": ("cycle", 32),
    "supersedes-cycle.yaml": ("cycle", 32),
    "parent-cycle.yaml": ("cycle", 21),
    "parent-self.yaml": ("cycle", 16),
    # Values and dates.
    "negative-count.yaml": ("bad-value", 29),
    "inverted-range.yaml": ("bad-value", 29),
    "sexagesimal-count.yaml": ("bad-value", 29),
    "nan-value.yaml": ("wrong-type", 29),
    "inf-value.yaml": ("wrong-type", 29),
    "tolerance-nan.yaml": ("bad-field", 30),
    "tolerance-inf.yaml": ("bad-field", 30),
    "huge-integer.yaml": ("too-large", 40),  # generated: a 5,000-digit integer
    "date-impossible.yaml": ("bad-date", 30),
    "date-malformed.yaml": ("bad-date", 30),
    "date-month-13.yaml": ("bad-date", 30),
    "date-before-figure-period.yaml": ("inconsistent", 31),
    # Hostile YAML.
    "unsafe-tag-python-apply.yaml": ("unsafe-tag", 32),
    "unsafe-tag-python-name.yaml": ("unsafe-tag", 18),
    "unsafe-tag-local.yaml": ("unsafe-tag", 25),
    "alias-bomb.yaml": ("alias-limit", 3),  # the first alias of a list, not its anchor
    "alias-of-record.yaml": ("alias-limit", 21),  # likewise
    "merge-key.yaml": ("alias-limit", 21),
    "key-not-string-list.yaml": ("wrong-type", 25),
    "key-not-string-int.yaml": ("wrong-type", 25),
    "key-not-string-null.yaml": ("wrong-type", 25),
    "deep-nesting-block.yaml": ("too-deep", 34),
    "deep-nesting-10k.yaml": ("too-deep", 1),  # generated: 10,000 nested '['
    "deep-nesting-100k.yaml": ("too-deep", 1),  # generated: 100,000 nested '['
    # Size limits.
    "long-string.yaml": ("too-large", 44),  # generated: a quote one character over the limit
    "long-key.yaml": ("too-large", 45),  # generated: a 200,000-character key
    "file-too-large.yaml": ("too-large", 1),  # generated: one byte over max_file_bytes (sparse)
    "huge-count.yaml": ("too-large", 29),  # a count of 10**30
}

#: Cases that must load: a file in ``tests/bad/`` or in ``GENERATED``.
VALID = [
    "empty.yaml",
    "comments-only.yaml",
    "byte-order-mark.yaml",
    "html-and-control-characters.yaml",
    "string-at-limit.yaml",
]

#: Files that only support a case (the first definition of a duplicated id).
SUPPORT = ["duplicate-id-across-files/a.yaml"]

#: Cases that have crashed the interpreter itself (a segfault in the C YAML
#: composer): their API check runs in a child process so the test run survives.
ISOLATED = {"deep-nesting-100k.yaml"}

_QUOTE_LINE = "    quote: the Armenian Health Ministry put the number at 3,360\n"


def _example() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def _replaced(old: str, new: str) -> str:
    text = _example()
    assert 1 == text.count(old), old
    return text.replace(old, new)


def _text(build: Callable[[], str], encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda path: path.write_bytes(build().encode(encoding))


def _too_large(path: Path) -> None:
    with path.open("wb") as out:
        out.write(_example().encode("utf-8"))
        out.truncate(Limits().max_file_bytes + 1)  # sparse: no disk is spent on it


def _nested(depth: int) -> Callable[[Path], None]:
    return _text(lambda: "claims: " + "[" * depth + "]" * depth + "\n")


#: Cases written by the tests: name -> how to write the file. Line numbers in
#: ``CASES`` refer to tests/data/valid/example.yaml, which they start from.
GENERATED: dict[str, Callable[[Path], None]] = {
    "raw-control-character.yaml": _text(lambda: _replaced("Azg (Armenian daily)", "Azg \x1b[31m daily")),
    "not-utf8-latin1.yaml": _text(
        lambda: _replaced("Ministry of Health of Armenia", "Ministère de la Santé d'Arménie"), "latin-1"
    ),
    "not-utf8-utf16.yaml": _text(_example, "utf-16"),
    "huge-integer.yaml": _text(lambda: _replaced("    value: 3360\n", "    value: 1" + "0" * 5000 + "\n")),
    "deep-nesting-10k.yaml": _nested(10_000),
    "deep-nesting-100k.yaml": _nested(100_000),
    "long-string.yaml": _text(lambda: _replaced(_QUOTE_LINE, "    quote: " + "x" * (Limits().max_string + 1) + "\n")),
    "long-key.yaml": _text(lambda: _replaced(_QUOTE_LINE, _QUOTE_LINE + "    ? " + "k" * 200_000 + "\n    : 1\n")),
    "file-too-large.yaml": _too_large,
    "string-at-limit.yaml": _text(lambda: _replaced(_QUOTE_LINE, "    quote: " + "x" * Limits().max_string + "\n")),
}


def _materialise(name: str, tmp_path: Path) -> tuple[Path, Path]:
    """The path to load for a case, and the file its problem must name."""
    if name in GENERATED:
        path = tmp_path / name
        GENERATED[name](path)
        return path, path
    folder, _, _ = name.partition("/")
    return BAD / folder, BAD / name


def _api_problems(path: Path, isolated: bool) -> list[tuple[str, str, int]]:
    """``(path, code, line)`` of every problem ``load`` raises; fails if it raises anything else."""
    if not isolated:
        with pytest.raises(LoadError) as info:
            load(path)
        return [(p.path, p.code, p.line) for p in info.value.problems]
    script = (
        "import json, sys, claimcheck\n"
        "try:\n"
        "    claimcheck.load(sys.argv[1])\n"
        "except claimcheck.LoadError as exc:\n"
        "    print(json.dumps([[p.path, p.code, p.line] for p in exc.problems]))\n"
        "else:\n"
        "    print('loaded')\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=False)
    assert 0 == run.returncode, f"load() killed the interpreter (exit {run.returncode}): {run.stderr[-2000:]}"
    assert "loaded" != run.stdout.strip(), "load() accepted the file"
    return [tuple(p) for p in json.loads(run.stdout)]


def _cli(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimcheck.cli", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_tables_match_the_folder() -> None:
    """Every file in tests/bad/ is a case, and every committed case has its file."""
    on_disk = {p.relative_to(BAD).as_posix() for p in BAD.rglob("*") if p.is_file()}
    named = {n for n in [*CASES, *VALID, *SUPPORT] if n not in GENERATED}
    assert on_disk == named
    assert set(GENERATED) <= {*CASES, *VALID}
    assert all(code in PROBLEM_CODES for code, _ in CASES.values())


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_api_reports_the_code_at_the_line(name: str, tmp_path: Path) -> None:
    """``load`` raises LoadError with the case's code at its file and line."""
    code, line = CASES[name]
    path, where = _materialise(name, tmp_path)
    problems = _api_problems(path, isolated=name in ISOLATED)
    assert (where.as_posix(), code, line) in problems, problems[:5]


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_cli_reports_the_line_without_a_traceback(name: str, tmp_path: Path) -> None:
    """``claimcheck check FILE`` exits 1, names ``FILE:LINE:`` and never shows a traceback."""
    _, line = CASES[name]
    path, where = _materialise(name, tmp_path)
    run = _cli(path)
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert 1 == run.returncode, run.stderr[-3000:]
    assert f"{where.as_posix()}:{line}:" in run.stderr, run.stderr[:3000]


@pytest.mark.parametrize("name", VALID)
def test_valid_cases_load_and_pass_the_cli(name: str, tmp_path: Path) -> None:
    """Valid (and knowingly accepted) cases load, and the CLI exits 0."""
    path, _ = _materialise(name, tmp_path)
    load(path)
    run = _cli(path)
    assert (0, "ok:") == (run.returncode, run.stderr[:3]), run.stderr[-3000:]


@pytest.mark.parametrize("name", ["empty.yaml", "comments-only.yaml"])
def test_an_empty_file_contributes_nothing(name: str) -> None:
    """An empty file is valid: alone it gives an empty corpus; beside others it adds nothing."""
    assert claimcheck.Corpus() == load(BAD / name)
    assert load(EXAMPLE) == load([EXAMPLE, BAD / name])


def test_a_byte_order_mark_is_not_part_of_the_first_key() -> None:
    """A UTF-8 byte-order mark is skipped; the file reads as without it."""
    path = BAD / "byte-order-mark.yaml"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    corpus = load(path)
    assert ["war-2020"] == [c.id for c in corpus.conflicts]
    assert 3 == corpus.conflicts[0].origin.line  # type: ignore[union-attr]  # lines count as without it


def test_html_formulas_and_control_characters_are_kept_as_written() -> None:
    """Text is data: markup, formulas and escaped control characters load unchanged."""
    corpus = load(BAD / "html-and-control-characters.yaml")
    assert "<script>alert('azg')</script> & <b>Azg</b>" == corpus.actor("azg").name
    assert "Armenian </td><img src=x onerror=alert(1)> deaths" == corpus.figure("am-mil-killed-2020").label
    quote = '=HYPERLINK("http://example.invalid","3,360")\t\x1b[31mred\x1b[0m \u202eevil\u202c \x00 \x07 end'
    assert quote == corpus.claim("am-mil-killed-am-health").quote


def test_unsafe_tags_run_nothing(tmp_path: Path) -> None:
    """A python/object/apply tag is refused before anything is called."""
    marker = tmp_path / "pwned"
    path = tmp_path / "apply.yaml"
    path.write_text(_replaced(_QUOTE_LINE, f'    quote: !!python/object/apply:os.system ["touch {marker}"]\n'))
    with pytest.raises(LoadError) as info:
        load(path)
    assert ["unsafe-tag"] == [p.code for p in info.value.problems]
    assert not marker.exists()


# --- fuzzing -------------------------------------------------------------------------


def _load_bytes(data: bytes) -> None:
    """Load ``data`` as a claim file: it may load or raise LoadError, nothing else."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        try:
            load(path)
        except LoadError as exc:
            problems = exc.problems
        else:
            return
    assert problems
    assert all(p.code in PROBLEM_CODES for p in problems)


_leaves = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_data = st.recursive(
    _leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
_FIELDS = sorted({f.name.replace("_", "-") for cls in SECTIONS.values() for f in attrs.fields(cls)} - {"origin"})


@given(st.text())
def test_any_text_loads_or_is_refused(text: str) -> None:
    """Arbitrary text (lone surrogates included, as the bytes they would be) never crashes the loader."""
    _load_bytes(text.encode("utf-8", "surrogatepass"))


@given(st.binary())
def test_any_bytes_load_or_are_refused(data: bytes) -> None:
    """Arbitrary bytes never crash the loader."""
    _load_bytes(data)


@given(_data)
def test_any_yaml_data_loads_or_is_refused(data: Any) -> None:
    """Arbitrary nested data, written by yaml.safe_dump, never crashes the loader."""
    _load_bytes(yaml.safe_dump(data).encode("utf-8"))


@given(
    st.sampled_from(sorted(SECTIONS)),
    st.integers(min_value=0, max_value=4),
    st.sampled_from(_FIELDS) | st.text(max_size=8),
    _data,
)
def test_a_valid_file_with_one_field_replaced_loads_or_is_refused(
    section: str, index: int, key: str, value: Any
) -> None:
    """Any value in any field of a valid file reaches the checks and comes back as problems, never a crash."""
    data = yaml.safe_load(_example())
    records = data.get(section) or [{}]
    records[index % len(records)][key] = value
    data[section] = records
    _load_bytes(yaml.safe_dump(data, allow_unicode=True).encode("utf-8", "surrogatepass"))


def test_the_limits_are_the_documented_defaults() -> None:
    """docs/security.md states these defaults; change both together."""
    limits = Limits()
    assert (16 * 1024 * 1024, 32, 100_000) == (limits.max_file_bytes, limits.max_depth, limits.max_string)
    assert "16 MiB" in (Path(__file__).parents[1] / "docs" / "security.md").read_text(encoding="utf-8")
