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
import sys
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import yaml

from .convert import LoadMemo, structure_date
from .errors import quoted
from .model import ID_PATTERN, METHODS, STANCES, Claim
from .values import Reading, Value, read_value

__all__ = [
    "DERIVED_COLUMNS",
    "INPUT_COLUMNS",
    "REQUIRED_COLUMNS",
    "TABLE_SUFFIXES",
    "HeaderProblems",
    "PlainRows",
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


def in_column_names(text: str) -> str:
    """A problem's text with the claim-file keys it quotes (``'as-of'``) named as the table's columns (``'as_of'``)."""
    for column, key in _KEYS.items():
        if column != key:
            text = text.replace(f"'{key}'", f"'{column}'")
    return text


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
    if len(columns) == 1 and columns[0].count(";") >= len(REQUIRED_COLUMNS) - 1:
        # A spreadsheet set to a European locale separates cells with semicolons.
        message = "the header is one column of names separated by ';': this table is not separated by commas"
        hint = "save it as comma-separated values"
        return [None], [TableProblem(*at(0), "table-syntax", message, hint)]
    for i, column in enumerate(columns):
        line, col = at(i)
        if not column.strip():
            message = "a column without a name"
            problems.append(TableProblem(line, col, "unknown-key", message, "remove the comma that ends the header"))
            kept.append(None)
            continue
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
            close = difflib.get_close_matches(column.strip().lower().replace("-", "_"), known, n=1)
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


def _json_record(columns: list[str | None], cells: list[Any]) -> dict[str, Any]:
    """The claim-file record of one JSON record: empty cells left out, the claimants of a joint statement kept."""
    record: dict[str, Any] = {}
    for column, cell in zip(columns, cells, strict=True):
        if column is None or cell is None or cell == "" or cell == []:
            continue
        if column == "claimants":
            if isinstance(cell, list) and len(cell) > 1:
                record["claimant"] = cell
            continue
        record[_KEYS[column]] = cell
    return record


_Plan = list[tuple[int, str, str]]


def _plan(columns: list[str | None]) -> _Plan:
    """How each read column of a CSV header becomes a key of the record: its position, key and kind of cell."""
    plan = []
    for i, column in enumerate(columns):
        if column is not None:
            kind = "list" if column in _LISTS else column if column in ("hedged", "tolerance") else "text"
            plan.append((i, "claimants" if column == "claimants" else _KEYS[column], kind))
    return plan


def _csv_record(plan: _Plan, cells: list[str]) -> dict[str, Any]:
    """The claim-file record of one CSV row: empty cells left out, lists split, words of booleans read."""
    record: dict[str, Any] = {}
    for i, key, kind in plan:
        cell: Any = cells[i]
        if not cell:
            continue
        if kind == "text":
            record[key] = cell[1:] if cell[0] == "'" else cell
            continue
        if kind == "list":
            cell = [_text(item) for item in cell.split(LIST_SEPARATOR)]
            if key == "claimants":
                if len(cell) > 1:
                    record["claimant"] = cell
                continue
        elif kind == "hedged":
            cell = _BOOLS.get(cell, cell)
        else:
            # Text that is no number stays text: the converter says what a tolerance must be.
            with contextlib.suppress(ValueError):
                cell = float(cell)
        record[key] = cell
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
        message = "the table is empty: a claims table starts with a header row naming its columns"
        raise TableProblem(1, 1, "table-syntax", message, f"such as {','.join(REQUIRED_COLUMNS)}")
    columns, problems = _header(header, lambda i: _cell_mark(lines, 0, i))
    if problems:
        raise HeaderProblems(problems)
    width = len(header)
    plan = _plan(columns)
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
        yield _csv_record(plan, cells), node


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
        yield _json_record(columns, list(item.values())), node
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


_ID = re.compile(ID_PATTERN)
#: Keys whose cell is another claim's id.
_CLAIM_REFS = ("same-as", "joint-with", "supersedes", "relative-to", "adds-to", "disowned-by")
#: Keys a plain row may hold; a row with any other (``tolerance``) goes through the converter.
_PLAIN_KEYS = frozenset({"id", "claimant", "date", "source", "quote", "figure", "value", "places", "proposition",
                         "stance", "locator", "as-of", "translation", "language", "via", "hedged", "method", "note",
                         *_CLAIM_REFS})  # fmt: skip
#: Every field of a claim and its default, in the constructor's order.
_FIELDS = tuple((a.name, a.default) for a in attrs.fields(Claim))
#: The slots' own setters (a claim is frozen): a plain row's claim is filled in without the constructor.
_SETTERS = tuple((getattr(Claim, name).__set__, name, default) for name, default in _FIELDS)
_new = object.__new__


class PlainRows:
    """Claims built straight from plain rows, without the converter and the validating constructor.

    A table of a hundred thousand claims is mostly plain rows: text cells, dates and values seen before,
    ids already checked. :meth:`claim` builds the same claim the converter would from such a row, checking
    what the converter and the model check, and gives ``None`` for any row it is not sure of; that row goes
    through the converter, which says what is wrong exactly as for a claim-file entry.
    """

    def __init__(self, reading: Reading, memo: LoadMemo) -> None:
        self.reading, self.memo = reading, memo
        #: Ids (of actors, sources, figures, relays) already found to be ids.
        self.ids: set[str] = set()

    def _id(self, cell: Any) -> bool:
        if cell.__class__ is not str:
            return False
        if cell in self.ids:
            return True
        if _ID.fullmatch(cell) is None:
            return False
        self.ids.add(cell)
        return True

    def _value(self, cell: str) -> Value:
        values = self.memo.values
        found = values.get(cell)
        if found is None:
            found = values[cell] = read_value(cell, self.reading)
        return found

    def _names(self, cell: Any) -> tuple[str, ...] | None:
        if cell.__class__ is not list or not all(item.__class__ is str for item in cell):
            return None
        names = tuple(cell)
        return self.memo.lists.setdefault(names, names)

    def claim(self, record: dict[str, Any]) -> Claim | None:
        """The claim of a plain row, or ``None`` when the converter must read it."""
        if not _PLAIN_KEYS.issuperset(record):
            return None
        claim_id: Any = record.get("id")
        claimant: Any = record.get("claimant")
        source: Any = record.get("source")
        quote: Any = record.get("quote")
        if claim_id.__class__ is not str or _ID.fullmatch(claim_id) is None:
            return None
        if not (self._id(claimant) and self._id(source)) or quote.__class__ is not str or not quote.strip():
            return None
        fields: dict[str, Any] = {"id": claim_id, "claimant": _short(claimant), "source": _short(source)}
        fields["quote"] = quote
        try:
            fields["date"] = structure_date(record.get("date"), None)
            if "as-of" in record:
                fields["as_of"] = structure_date(record["as-of"], None)
            if "value" in record:
                value = record["value"]
                if value.__class__ is not str:
                    return None
                fields["value"] = self._value(value)
        except (ValueError, TypeError):
            return None
        for key in ("figure", "proposition", *_CLAIM_REFS):
            if key in record:
                if not self._id(record[key]):
                    return None
                fields[key.replace("-", "_")] = _short(record[key]) if key in ("figure", "proposition") else record[key]
        for key in ("locator", "language", "translation", "note"):
            if key in record:
                text = record[key]
                if text.__class__ is not str:
                    return None
                fields[key] = _short(text) if key in ("locator", "language") else text
        if "stance" in record:
            if record["stance"] not in STANCES or record["stance"].__class__ is not str:
                return None
            fields["stance"] = sys.intern(record["stance"])
        if "method" in record:
            if record["method"] not in METHODS or record["method"].__class__ is not str:
                return None
            fields["method"] = sys.intern(record["method"])
        if "hedged" in record:
            if record["hedged"].__class__ is not bool:
                return None
            fields["hedged"] = record["hedged"]
        for key in ("places", "via"):
            if key in record:
                names = self._names(record[key])
                if names is None:
                    return None
                if key == "via" and not all(self._id(name) for name in names):
                    return None
                if key == "places" and not all(unicodedata.is_normalized("NFC", name) for name in names):
                    return None
                fields[key] = names
        claim: Claim = _new(Claim)
        for put, name, default in _SETTERS:
            put(claim, fields.get(name, default))
        try:
            # The rules between fields (a figure needs a value, no claim refers to itself...) are the model's own.
            claim.__attrs_post_init__()
        except ValueError:
            return None
        return claim


def _short(text: str) -> str:
    """Text as the converter keeps it: short strings (ids, locators) interned, as they repeat across claims."""
    return sys.intern(text) if len(text) <= 64 else text
