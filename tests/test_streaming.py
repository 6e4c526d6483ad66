"""Streamed reports and exports: the same bytes as the whole strings, written atomically as they are made."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import Corpus, Reconciliation, from_data, load, reconcile
from claimcheck.cli import main
from claimcheck.export import EXPORT_FORMATS, export, stream_export
from claimcheck.jsonstream import Lazy, iter_json, materialise
from claimcheck.output import write_chunks_atomic
from claimcheck.render import FORMATS, Shown, render, stream
from claimcheck.render.terminal import render_figure, render_proposition, stream_figure, stream_proposition

from .strategies import claim_files

CLAIMS = Path(__file__).resolve().parents[1] / "claims"
FILTERS = (None, Shown(min_severity="medium"), Shown(only=frozenset({"contradiction"})))


@pytest.fixture(scope="module")
def bundled() -> tuple[Corpus, Reconciliation]:
    corpus = load(CLAIMS)
    return corpus, reconcile(corpus)


# HTML draws charts (seconds for the bundled claims): filters are covered by the other two formats.
@pytest.mark.parametrize(
    ("fmt", "shown"), [(fmt, shown) for fmt in ("md", "json") for shown in FILTERS] + [("html", None)]
)
def test_streamed_reports_of_the_bundled_corpus_are_the_whole_reports(
    bundled: tuple[Corpus, Reconciliation], fmt: str, shown: Shown | None
) -> None:
    """Every report format of the bundled claims, filtered or not, streams to exactly the string render returns."""
    corpus, result = bundled
    pieces = list(stream(result, corpus, fmt, shown=shown))
    assert render(result, corpus, fmt, shown=shown) == "".join(pieces)
    assert len(pieces) > len(corpus.figures) // 2  # written as it goes, not one string at the end


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_streamed_exports_of_the_bundled_corpus_are_the_whole_exports(
    bundled: tuple[Corpus, Reconciliation], fmt: str
) -> None:
    """Every export format of the bundled claims streams to exactly the string export returns."""
    corpus, _ = bundled
    assert export(corpus, fmt) == "".join(stream_export(corpus, fmt))


def test_terminal_views_of_the_bundled_corpus_stream_line_by_line(bundled: tuple[Corpus, Reconciliation]) -> None:
    """Each figure and proposition `show` prints streams to the text render_figure or render_proposition returns."""
    corpus, result = bundled
    for fr in result.figures:
        assert render_figure(fr, corpus) == "".join(stream_figure(fr, corpus))
    for pr in result.propositions:
        assert render_proposition(pr, corpus) == "".join(stream_proposition(pr, corpus))


@given(claim_files(), st.sampled_from(list(FORMATS)), st.sampled_from(FILTERS))
def test_streamed_reports_equal_the_whole_reports_on_any_corpus(
    data: dict[str, Any], fmt: str, shown: Shown | None
) -> None:
    """On any valid corpus, each report format streams to the bytes of the whole-string renderer."""
    corpus = from_data(data)
    result = reconcile(corpus)
    assert (
        render(result, corpus, fmt, shown=shown).encode() == "".join(stream(result, corpus, fmt, shown=shown)).encode()
    )


@given(claim_files(), st.sampled_from(["json", "csv"]))
def test_streamed_exports_equal_the_whole_exports_on_any_corpus(data: dict[str, Any], fmt: str) -> None:
    """On any valid corpus, the JSON and CSV exports stream to the bytes of the whole export."""
    corpus = from_data(data)
    assert export(corpus, fmt).encode() == "".join(stream_export(corpus, fmt)).encode()


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8))
_PLAIN = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)),
    max_leaves=10,
)
#: A skeleton: lazy arrays anywhere, each holding plain data.
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(_PLAIN, max_size=4).map(Lazy),
        st.dictionaries(st.text(max_size=6), inner, max_size=4),
    ),
    max_leaves=20,
)


@given(_VALUES, st.booleans())
def test_iter_json_writes_what_json_dumps_writes(value: Any, sort_keys: bool) -> None:
    """Any JSON value with lazy arrays (of plain data) anywhere in it is written as json.dumps writes the same
    data, indented by two."""
    pieces = "".join(iter_json(value, sort_keys=sort_keys))
    assert json.dumps(materialise(value), indent=2, sort_keys=sort_keys, ensure_ascii=False) == pieces


def _failing(pieces: int, error: BaseException) -> Iterator[str]:
    for i in range(pieces):
        yield f"piece {i}\n" * 1000
    raise error


@pytest.mark.parametrize("error", [RuntimeError("rendering failed"), KeyboardInterrupt()])
def test_a_stream_that_fails_midway_leaves_the_previous_file(tmp_path: Path, error: BaseException) -> None:
    """An error or an interruption after some pieces were written leaves the old file whole and no temporary file."""
    target = tmp_path / "report.json"
    target.write_text("previous report\n", encoding="utf-8")
    with pytest.raises(type(error)):
        write_chunks_atomic(target, _failing(50, error))
    assert ["report.json"] == [p.name for p in tmp_path.iterdir()]
    assert "previous report\n" == target.read_text(encoding="utf-8")


def test_pieces_are_written_while_they_are_made(tmp_path: Path) -> None:
    """The pieces reach the temporary file before the last one is made: the report is never one string."""
    target = tmp_path / "out.txt"
    seen: list[int] = []

    def pieces() -> Iterator[str]:
        for _ in range(64):
            yield "x" * 65536
            temporary = [p for p in tmp_path.iterdir() if p.name != "out.txt"]
            seen.append(temporary[0].stat().st_size if temporary else 0)

    write_chunks_atomic(target, pieces())
    assert 64 * 65536 == target.stat().st_size
    assert seen[-1] > 32 * 65536


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_the_command_line_writes_the_rendered_report(
    bundled: tuple[Corpus, Reconciliation], tmp_path: Path, fmt: str
) -> None:
    """`claimcheck report -o FILE` writes the bytes render returns for the same claims."""
    corpus, result = bundled
    target = tmp_path / f"report.{fmt}"
    assert 0 == main(["report", str(CLAIMS), "--format", fmt, "-o", str(target)])
    assert render(result, corpus, fmt).encode() == target.read_bytes()


def test_the_command_line_writes_the_csv_export(bundled: tuple[Corpus, Reconciliation], tmp_path: Path) -> None:
    """`claimcheck export --format csv -o FILE` writes the bytes export returns."""
    corpus, _ = bundled
    target = tmp_path / "claims.csv"
    assert 0 == main(["export", str(CLAIMS), "--format", "csv", "-o", str(target)])
    assert export(corpus, "csv").encode() == target.read_bytes()
