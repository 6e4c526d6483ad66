"""YAML that a claim file must not hold, whatever PyYAML release reads it.

Explicit standard tags with text that is not what they say, nesting that the
parser itself refuses before our limit is reached, and the syntax errors
authors meet most: each is a problem with its code, its line and a hint in
plain words, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import Limits, LoadError, load
from claimcheck.yamlread import YamlProblem, parse_yaml

_HEAD = "sources:\n  - id: wp\n    title: Casualties\n"


def _problems(tmp_path: Path, text: str) -> list[tuple[str, int, str]]:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load(path)
    return [(p.code, p.line, p.hint or "") for p in caught.value.problems]


@pytest.mark.parametrize(
    ("scalar", "kind"),
    [("!!float abc", "number"), ("!!float", "number"), ("!!bool maybe", "boolean"), ("!!null x", "null")],
)
def test_a_standard_tag_on_text_it_does_not_fit_is_a_wrong_type(tmp_path: Path, scalar: str, kind: str) -> None:
    """An explicit tag whose text is not of its kind is refused at its line, naming the kind."""
    problems = _problems(tmp_path, _HEAD + f"    published: {scalar}\n")
    assert [("wrong-type", 4)] == [(code, line) for code, line, _ in problems]
    with pytest.raises(YamlProblem, match=f"tagged as a {kind}"):
        parse_yaml(f"a: {scalar}", Limits())


@pytest.mark.parametrize("scalar", ['!!int "+-5"', "!!int ４２", "!!int 0x10"])
def test_an_int_tag_on_text_that_is_no_decimal_stays_text(scalar: str) -> None:
    """Only plain ASCII decimal integers become numbers; anything else stays text for the model to refuse."""
    data, _ = parse_yaml(f"a: {scalar}", Limits())
    assert isinstance(data["a"], str)


def test_standard_tags_on_fitting_text_still_read() -> None:
    """Explicit tags on text of their kind read as that kind."""
    data, _ = parse_yaml("a: !!float 3\nb: !!bool yes\nc: !!null ~\nd: !!int -7\ne: !!str 5", Limits())
    assert {"a": 3.0, "b": True, "c": None, "d": -7, "e": "5"} == data


@given(depth=st.integers(min_value=1, max_value=3000), quoted=st.booleans())
def test_flow_nesting_is_too_deep_exactly_past_the_limit(depth: int, quoted: bool) -> None:
    """Nesting past the limit is `too-deep` on its line, whoever stops it first; quoted brackets never count."""
    limits = Limits()
    noise = "'[[[[ {{{{ '' [[[[', \"[[[[ \\\" {{{{\", " if quoted else ""
    text = "a:\n  " + "[" * depth + noise + "1" + "]" * depth
    if depth + 1 <= limits.max_depth:  # the mapping holding the list is a level too
        data, _ = parse_yaml(text, limits)
        assert data is not None
        return
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text, limits)
    assert ("too-deep", 1) == (caught.value.code, caught.value.mark.line)
    column = caught.value.mark.column
    assert "[" == text.split("\n")[1][column]
    assert column - len("  ") + 1 in (limits.max_depth, limits.max_depth + 1)  # the bracket past the limit


@pytest.mark.parametrize("depth", [1_001, 10_000, 100_000])
def test_nesting_the_parser_refuses_is_reported_at_its_line(tmp_path: Path, depth: int) -> None:
    """Nesting deep enough for the parser to stop first is still our `too-deep`, on the line it starts."""
    problems = _problems(tmp_path, _HEAD + "    tags: " + "[" * depth + "]" * depth + "\n")
    assert [("too-deep", 4)] == [(code, line) for code, line, _ in problems]


def test_an_unclosed_nest_with_brackets_in_comments_is_a_syntax_error(tmp_path: Path) -> None:
    """Brackets in a comment do not count towards nesting: an unclosed list is a plain syntax error."""
    problems = _problems(tmp_path, _HEAD + "# " + "[" * 2000 + "\n    tags: [a\n")
    assert ["yaml-syntax"] == [code for code, _, _ in problems]


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ("    title: The war: a history\n", "must be quoted"),
        ("     title: The war\n", "indentation"),
        ("\ttitle: The war\n", "tabs"),
        ("   - id: other\n", "indentation"),
    ],
)
def test_common_syntax_errors_get_a_plain_hint(tmp_path: Path, line: str, hint: str) -> None:
    """An unquoted ': ' in a value, a stray indent and a tab each get a hint that names the cause."""
    problems = _problems(tmp_path, "sources:\n  - id: wp\n    publisher: Wikipedia\n" + line)
    assert 1 == len(problems)
    code, number, text = problems[0]
    assert ("yaml-syntax", 4) == (code, number)
    assert hint in text
