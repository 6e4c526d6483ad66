"""Tables in: the CSV and JSON claim exports read back as claims.

A pipeline that makes a million claims writes a table, not a million YAML
mappings. A table holds claims only, one row per claim, with the columns of
``claimcheck export --format csv`` (or the keys of ``--format json``); the
conflicts, sources, actors, figures and propositions the claims refer to come
from claim files given beside it (``claimcheck.load(["defs/", "claims.csv"])``).
Each row becomes the same record a claim file would hold, and is checked by
the same converter, so a bad row gets the same message as a bad YAML entry,
at its line and column. Columns the export derives (the claimant's name,
voice, side, the interval, the statement...) are recomputed on load, and
their cells are not read.
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import yaml

from .errors import quoted

__all__ = [
    "DERIVED_COLUMNS",
    "INPUT_COLUMNS",
    "REQUIRED_COLUMNS",
    "TABLE_SUFFIXES",
    "HeaderProblems",
    "RowNode",
    "TableProblem",
    "is_table",
    "rows",
]

#: File name endings read as tables when a file is named (a folder's tables are never read: exports
#: written into a claims folder would be read twice).
TABLE_SUFFIXES = (".csv", ".json")
#: Columns read into the claim, by the kind of cell.
_TEXT = ("id", "figure", "proposition", "stance", "claimant", "value", "date", "as_of", "source", "locator",
         "same_as", "supersedes", "quote", "translation", "note", "method", "joint_with", "disowned_by",
         "language", "relative_to", "adds_to")  # fmt: skip
_LISTS = ("places", "via", "claimants")
INPUT_COLUMNS: tuple[str, ...] = (*_TEXT, *_LISTS, "hedged", "tolerance")
#: Columns the export computes from the corpus: accepted, and not read.
DERIVED_COLUMNS = frozenset(
    {"claimant_name", "voice", "side", "low", "high", "kind", "date_earliest", "date_latest", "statement", "party",
     "standing"}
)  # fmt: skip
#: Columns every table must have (a claim needs them).
REQUIRED_COLUMNS = ("id", "claimant", "date", "source", "quote")
#: How the cells of a list column are joined in CSV.
LIST_SEPARATOR = "; "
_BOOLS = {"True": True, "False": False, "true": True, "false": False}
_KEYS = {column: column.replace("_", "-") for column in INPUT_COLUMNS}


class TableProblem(Exception):
    """Something that stops a table from being read, at a line and column (1-based)."""

    def __init__(self, line: int, column: int, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.line, self.column, self.code, self.message, self.hint = line, column, code, message, hint


def is_table(name: str, text: str | None = None) -> bool:
    """Whether a named file is read as a table: a ``.csv``, or a ``.json`` holding an array.

    A ``.json`` file holding a mapping is a claim file written in JSON (which is YAML), as before.
    """
    lower = name.lower()
    if lower.endswith(".csv"):
        return True
    return lower.endswith(".json") and (text is None or text.lstrip("\ufeff \t\r\n")[:1] == "[")


def _mark(line: int, column: int) -> yaml.Mark:
    """A position as PyYAML's marks give it (0-based), so a table's problems are placed as a file's are."""
    return yaml.Mark("", 0, line, column, None, None)  # type: ignore[arg-type]  # no buffer: no snippet


class RowNode(yaml.MappingNode):
    """A table row seen as the YAML mapping it stands for, its cells' positions found only when asked.

    Most rows are right and need only where they start; a wrong one is placed at its cell.
    """

    def __init__(self, start_mark: yaml.Mark, cells: Callable[[], list[tuple[str, yaml.Mark]]]) -> None:
        self.tag, self.start_mark, self.end_mark = "tag:yaml.org,2002:map", start_mark, start_mark
        self.flow_style = None
        self._cells = cells
        self._value: list[tuple[yaml.Node, yaml.Node]] | None = None

    @property
    def value(self) -> list[tuple[yaml.Node, yaml.Node]]:
        if self._value is None:
            self._value = [
                (yaml.ScalarNode("tag:yaml.org,2002:str", key, mark, mark), yaml.ScalarNode("", "", mark, mark))
                for key, mark in self._cells()
            ]
        return self._value


def _header(columns: list[str], at: Callable[[int], tuple[int, int]]) -> tuple[list[str | None], list[TableProblem]]:
    """The input column of each position (``None`` for a derived one), and what is wrong with the header."""
    problems: list[TableProblem] = []
    kept: list[str | None] = []
    seen: set[str] = set()
    known = [*INPUT_COLUMNS, *sorted(DERIVED_COLUMNS)]
    for i, column in enumerate(columns):
        line, col = at(i)
        if column in seen:
            problems.append(TableProblem(line, col, "duplicate-key", f"column {quoted(column)} appears twice"))
            kept.append(None)
            continue
        seen.add(column)
        if column in DERIVED_COLUMNS:
            kept.append(None)
        elif column in _KEYS:
            kept.append(column)
        else:
            close = difflib.get_close_matches(column, known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"a claims table takes {', '.join(INPUT_COLUMNS)}"
            problems.append(TableProblem(line, col, "unknown-key", f"unknown column {quoted(column)}", hint))
            kept.append(None)
    for column in REQUIRED_COLUMNS:
        if column not in seen:
            problems.append(TableProblem(1, 1, "missing-key", f"a claims table needs a column {column!r}"))
    return kept, problems


def _text(cell: str) -> str:
    """A CSV cell's text: the export's leading quote (which keeps spreadsheets from running it) taken off."""
    return cell[1:] if cell[:1] == "'" else cell


def _record(columns: list[str | None], cells: list[Any], from_csv: bool) -> dict[str, Any]:
    """The claim-file record of one row: empty cells left out, lists split, words of booleans read."""
    record: dict[str, Any] = {}
    for column, cell in zip(columns, cells, strict=True):
        if column is None or cell is None or cell == "" or cell == []:
            continue
        if from_csv:
            if column in _LISTS:
                cell = [_text(item) for item in cell.split(LIST_SEPARATOR)]
            elif column == "hedged":
                cell = _BOOLS.get(cell, cell)
            elif column == "tolerance":
                # Text that is no number stays text: the converter says what a tolerance must be.
                with contextlib.suppress(ValueError):
                    cell = float(cell)
            else:
                cell = _text(cell)
        if column == "claimants":
            if isinstance(cell, list) and len(cell) > 1:
                record["claimant"] = cell
            continue
        record[_KEYS[column]] = cell
    return record


def rows(text: str, name: str) -> Iterator[tuple[dict[str, Any], RowNode]]:
    """The claim records of a table's text, each with the node that places it.

    Raises :class:`HeaderProblems` when the columns are wrong, and :class:`TableProblem` at the first row
    that cannot be read as a row at all (rows before it have been given).
    """
    if name.lower().endswith(".json"):
        yield from _json_rows(text)
    else:
        yield from _csv_rows(text)


class HeaderProblems(Exception):
    """The problems of a table's header: the rows cannot be read against it."""

    def __init__(self, problems: list[TableProblem]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems


def _csv_rows(text: str) -> Iterator[tuple[dict[str, Any], RowNode]]:
    lines = _lines(text)
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise TableProblem(1, 1, "table-syntax", f"the CSV header cannot be read: {exc}") from None
    if header is None:
        return
    columns, problems = _header(header, lambda i: _cell_mark(lines, 0, i))
    if problems:
        raise HeaderProblems(problems)
    width = len(header)
    first = reader.line_num  # lines read so far: the next row starts on the line after
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise TableProblem(first + 1, 1, "table-syntax", f"the row cannot be read as CSV: {exc}") from None
        start = first
        first = reader.line_num
        if not cells:
            continue  # a blank line
        if len(cells) != width:
            message = f"the row has {len(cells)} cells and the header {width}"
            raise TableProblem(start + 1, 1, "table-syntax", message, "quote cells that hold commas")
        node = RowNode(_mark(start, 0), _csv_cells(lines, start, columns))
        yield _record(columns, cells, True), node


def _lines(text: str) -> list[str]:
    """The lines of a CSV text, each with its end; split at ``\n`` only, as the csv module reads them.

    (``str.splitlines`` also splits at form feeds and Unicode line separators, which a quoted cell may hold.)
    """
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])


def _csv_cells(lines: list[str], start: int, columns: list[str | None]) -> Callable[[], list[tuple[str, yaml.Mark]]]:
    def cells() -> list[tuple[str, yaml.Mark]]:
        out = []
        for i, column in enumerate(columns):
            if column is not None:
                line, col = _cell_mark(lines, start, i)
                key = "claimant" if column == "claimants" else _KEYS[column]
                out.append((key, _mark(line - 1, col - 1)))
        return out

    return cells


def _cell_mark(lines: list[str], start: int, index: int) -> tuple[int, int]:
    """The 1-based line and column where cell ``index`` of the row starting at line ``start`` (0-based) begins."""
    line, col, cell, quoted_cell, at_start = start, 0, 0, False, True
    while line < len(lines):
        text = lines[line]
        while col < len(text):
            if cell == index and at_start:
                return line + 1, col + 1
            char = text[col]
            at_start = False
            if quoted_cell:
                if char == '"':
                    if text[col + 1 : col + 2] == '"':
                        col += 1
                    else:
                        quoted_cell = False
            elif char == '"':
                quoted_cell = True
            elif char == ",":
                cell, at_start = cell + 1, True
            elif char in "\r\n":
                return line + 1, col + 1
            col += 1
        line, col = line + 1, 0
    return start + 1, 1


_JSON_KEY = r'(?<!\\)"{}"\s*:'


def _json_rows(text: str) -> Iterator[tuple[dict[str, Any], RowNode]]:
    decoder = json.JSONDecoder()
    at = _skip(text, 0)
    if text[at : at + 1] != "[":
        raise TableProblem(*_line_col(text, at), "table-syntax", "a JSON claims table is an array of records")
    at = _skip(text, at + 1)
    line, counted = 0, 0
    columns_seen: dict[str, str | None] = {}
    while text[at : at + 1] != "]":
        line += text.count("\n", counted, at)
        counted = at
        column = at - (text.rfind("\n", 0, at) + 1)
        try:
            item, end = decoder.raw_decode(text, at)
        except json.JSONDecodeError as exc:
            raise TableProblem(exc.lineno, exc.colno, "table-syntax", f"malformed JSON: {exc.msg}") from None
        if not isinstance(item, dict):
            raise TableProblem(line + 1, column + 1, "table-syntax", "each entry of a JSON claims table is a record")
        columns = [_json_column(key, columns_seen, text, at, line, column) for key in item]
        span = (at, end)
        node = RowNode(_mark(line, column), _json_cells(text, span, columns))
        yield _record(columns, list(item.values()), False), node
        at = _skip(text, end)
        if text[at : at + 1] == ",":
            at = _skip(text, at + 1)
        elif text[at : at + 1] != "]":
            raise TableProblem(*_line_col(text, at), "table-syntax", "malformed JSON: expected ',' or ']'")
    after = _skip(text, at + 1)
    if after < len(text):
        raise TableProblem(*_line_col(text, after), "table-syntax", "malformed JSON: text after the array")


def _json_column(key: str, seen: dict[str, str | None], text: str, at: int, line: int, column: int) -> str | None:
    """The input column a record's key names (``None`` for a derived one); an unknown key stops the table."""
    if key not in seen:
        kept, problems = _header([key], lambda _: (line + 1, column + 1))
        if problems and problems[0].code == "unknown-key":
            found = re.compile(_JSON_KEY.format(re.escape(key))).search(text, at)
            where = _line_col(text, found.start()) if found else (line + 1, column + 1)
            problem = problems[0]
            raise TableProblem(*where, problem.code, f"unknown key {quoted(key)} in a claim record", problem.hint)
        seen[key] = kept[0]
    return seen[key]


_Cells = Callable[[], list[tuple[str, yaml.Mark]]]


def _json_cells(text: str, span: tuple[int, int], columns: list[str | None]) -> _Cells:
    def cells() -> list[tuple[str, yaml.Mark]]:
        out = []
        for column in columns:
            if column is None:
                continue
            found = re.compile(_JSON_KEY.format(re.escape(column))).search(text, *span)
            line, col = _line_col(text, _skip(text, found.end()) if found else span[0])
            key = "claimant" if column == "claimants" else _KEYS[column]
            out.append((key, _mark(line - 1, col - 1)))
        return out

    return cells


def _skip(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n\ufeff":
        at += 1
    return at


def _line_col(text: str, at: int) -> tuple[int, int]:
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
