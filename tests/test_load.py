"""Loading claim files: objects when they are right, every problem with its line when not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given

import claimcheck
from claimcheck import LoadError, load
from claimcheck.dump import dump

from .strategies import claim_files

DATA = Path(__file__).parent / "data"
VALID = DATA / "valid" / "example.yaml"


def _write(tmp_path: Path, text: str, name: str = "claims.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path | list[Path]) -> list[claimcheck.Problem]:
    with pytest.raises(LoadError) as info:
        load(path)
    return list(info.value.problems)


def test_the_example_file_loads_into_objects() -> None:
    """A valid file gives a corpus whose references resolve and whose values are intervals."""
    corpus = load(VALID)
    claim = corpus.claim("am-mil-killed-az-mod")
    assert (5001, None) == (claim.value.low, claim.value.high)  # type: ignore[union-attr]
    assert "armenia" == corpus.side_of("am-health", "war-2020")
    assert "am-gov" == corpus.root_of("am-health")
    assert ("azg",) == claim.via
    assert 45 == claim.origin.line  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("old", "new", "code", "line", "text"),
    [
        (
            "    claimant: am-health\n",
            "    claimaint: am-health\n",
            "unknown-key",
            39,
            "did you mean 'claimant'",
        ),
        (
            "    value: 3360\n",
            "    value: 3360\n    value: 3361\n",
            "duplicate-key",
            41,
            "duplicate key 'value'",
        ),
        ("    value: 3360\n", "    value: three thousandish\n", "bad-value", 40, "three thousandish"),
        (
            "    claimant: az-mod\n",
            "    claimant: az-mdo\n",
            "undefined-reference",
            47,
            "did you mean 'az-mod'",
        ),
        ("    date: 2021-03\n", "    date: 2021-02-30\n", "bad-date", 41, "does not exist"),
        ("    value: 3360\n", "    value: -3360\n", "bad-value", 40, "negative"),
        ("    value: more than 5000\n", "    value: 5000-4000\n", "bad-value", 48, "inverted"),
        ("  - id: azg\n", "  - id: Azg Daily\n", "bad-id", 26, "lower-case words"),
    ],
)
def test_a_mutated_file_names_the_file_and_line(
    tmp_path: Path, old: str, new: str, code: str, line: int, text: str
) -> None:
    """Each kind of mistake gives a problem with its code, the file and the mutated line."""
    source = VALID.read_text(encoding="utf-8")
    assert old in source
    path = _write(tmp_path, source.replace(old, new, 1))
    problems = _problems(path)
    assert [(code, path.as_posix(), line)] == [(p.code, p.path, p.line) for p in problems if p.code == code][:1]
    assert any(text in str(p) for p in problems)


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    """Three independent mistakes give three problems, sorted by line."""
    source = VALID.read_text(encoding="utf-8")
    source = source.replace("    value: 3360\n", "    value: lots\n")
    source = source.replace('    source: wp-2020-war\n    locator: "[78]"', '    source: nowhere\n    locator: "[78]"')
    source = source.replace("    label: Armenian", "    lable: Armenian")
    problems = _problems(_write(tmp_path, source))
    assert ["missing-key", "unknown-key", "bad-value", "undefined-reference"] == [p.code for p in problems]
    assert sorted(p.line for p in problems) == [p.line for p in problems]


def test_ids_are_global_across_files(tmp_path: Path) -> None:
    """The same id in two files is an error at the second, naming the first."""
    _write(tmp_path, VALID.read_text(encoding="utf-8"), "a.yaml")
    _write(tmp_path, "actors:\n  - id: az-mod\n    name: Again\n", "b.yaml")
    (problem,) = _problems([tmp_path])
    assert ("duplicate-id", 2) == (problem.code, problem.line)
    assert "a.yaml:22" in problem.message


def test_files_merge_into_one_corpus_whatever_their_order(tmp_path: Path) -> None:
    """References resolve across files, and the corpus does not depend on argument order."""
    data = yaml.safe_load(VALID.read_text(encoding="utf-8"))
    claims = data.pop("claims")
    a = _write(tmp_path, yaml.safe_dump(data), "shared.yaml")
    b = (
        _write(tmp_path, yaml.safe_dump({"claims": claims}), "sub/claims.yaml")
        if (tmp_path / "sub").mkdir() is None
        else None
    )
    assert b is not None
    assert load([a, b]) == load([b, a]) == load(tmp_path)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("claims: [\n", "yaml-syntax"),
        ("claims:\n  - !!python/object/apply:os.system ['echo hi']\n", "unsafe-tag"),
        ("a: &x [1, 2]\nb: *x\n", "alias-limit"),
        ("base: &b {id: x}\nactors:\n  - <<: *b\n    name: y\n", "alias-limit"),
        ("- just\n- a list\n", "wrong-type"),
        ("claim:\n  - id: x\n", "unknown-key"),
        ("claims: {id: x}\n", "wrong-type"),
        ("? [a, b]\n: 1\n", "wrong-type"),
    ],
)
def test_hostile_or_malformed_yaml_is_a_problem_not_a_crash(tmp_path: Path, text: str, code: str) -> None:
    """Malformed YAML, unsafe tags, aliases, merge keys and odd shapes each give one coded problem."""
    problems = _problems(_write(tmp_path, text))
    assert code in [p.code for p in problems]


def test_a_file_that_is_not_utf8_is_a_problem(tmp_path: Path) -> None:
    """Latin-1 bytes are reported with their line, not decoded into mojibake."""
    path = tmp_path / "latin1.yaml"
    path.write_bytes("actors:\n  - id: x\n    name: Füzuli\n".encode("latin-1"))
    (problem,) = _problems(path)
    assert ("encoding", 3) == (problem.code, problem.line)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """A UTF-8 byte-order mark, as some editors write, is not an error."""
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.read_bytes())
    assert load(path) == load(VALID)


def test_cycles_are_refused(tmp_path: Path) -> None:
    """A parent chain that loops back is a 'cycle' problem."""
    text = VALID.read_text(encoding="utf-8").replace(
        "    kind: government\n", "    kind: government\n    parent: am-health\n", 1
    )
    assert "cycle" in [p.code for p in _problems(_write(tmp_path, text))]


def test_a_claim_dated_before_its_figure_period_is_inconsistent(tmp_path: Path) -> None:
    """A claim made before the period it reports on began is refused."""
    text = VALID.read_text(encoding="utf-8").replace("    date: 2020-11\n", "    date: 2019-05\n")
    assert ["inconsistent"] == [p.code for p in _problems(_write(tmp_path, text))]


@given(claim_files())
def test_yaml_round_trip_gives_equal_objects(data: dict[str, Any]) -> None:
    """Claim data -> objects -> YAML -> objects gives equal objects."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        first = Path(tmp) / "a.yaml"
        first.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        corpus = load(first)
        second = Path(tmp) / "b" / "a.yaml"
        second.parent.mkdir()
        second.write_text(dump(corpus), encoding="utf-8")
        assert corpus == load(second)


def test_a_link_out_of_the_claims_folder_is_not_read(tmp_path: Path) -> None:
    """A *.yaml symbolic link to a file elsewhere is refused without echoing that file's content."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN: hunter2\n", encoding="utf-8")
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "example.yaml").write_text(VALID.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "leak.yaml").symlink_to(secret)
    (problem,) = _problems(folder)
    assert "outside-folder" == problem.code
    assert "hunter2" not in str(problem)
    assert "TOKEN" not in str(problem)
