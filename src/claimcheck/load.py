"""Loading claim files: YAML in, a validated :class:`~claimcheck.model.Corpus` out.

Validation happens here, once, at the edge, in three steps with a module
each: :mod:`claimcheck.yamlread` parses every file safely into plain data,
keeping each node's line and column; :mod:`claimcheck.convert` structures each
record into the model, forbidding unknown keys; :mod:`claimcheck.references`
checks the references across all files. Every problem found is collected
with its file, line and column, and raised together as one
:class:`~claimcheck.errors.LoadError`.
"""

from __future__ import annotations

import difflib
import gc
import os
import stat
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs
import yaml
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from .convert import SECTIONS, LoadMemo, converter, current_memo, describe, key_of, load_memo
from .errors import LoadError, Problem, ProblemList, quoted
from .lint import check_warnings
from .model import Claim, Corpus, CycleError, FieldError, Measure, Origin
from .quantities import check_quantities
from .references import check_references
from .tables import TABLE_SUFFIXES, HeaderProblems, PlainRows, TableProblem, in_column_names, is_table, rows
from .values import DEFAULT_READING, Reading, parse_value
from .yamlread import Limits, YamlProblem, parse_yaml

__all__ = ["SECTIONS", "Limits", "claim_files", "from_data", "load", "read_yaml_file"]

_ITEM = TypeVar("_ITEM")


def _fields(cls: type[Any]) -> list[str]:
    return [key_of(a.name) for a in attrs.fields(cls) if a.init and a.name != "origin"]


def _pos(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _key_node(node: yaml.Node | None, key: str) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return k, v
    return None, None


class _File:
    """One claim file being loaded: its path, nodes and the problems found in it."""

    def __init__(self, path: str, nodes: dict[int, yaml.Node], problems: ProblemList, broken: set[str]) -> None:
        self.path, self.nodes, self.problems = path, nodes, problems
        #: Ids of records that failed: references to them are not reported again.
        self.broken = broken

    def add(self, node_or_mark: Any, code: str, message: str, hint: str | None = None) -> None:
        mark = getattr(node_or_mark, "start_mark", node_or_mark)
        line, column = _pos(mark) if mark is not None else (1, 1)
        self.problems.append(Problem(path=self.path, line=line, column=column, code=code, message=message, hint=hint))

    def add_at_line(self, line: int, code: str, message: str, hint: str | None = None) -> None:
        """A problem known by its line only (found in the bytes, before any YAML node exists)."""
        self.add_at(line, 1, code, message, hint)

    def add_at(self, line: int, column: int, code: str, message: str, hint: str | None = None) -> None:
        """A problem at a line and column (1-based) found without a YAML node: in a table."""
        self.problems.append(Problem(path=self.path, line=line, column=column, code=code, message=message, hint=hint))

    def node(self, data: Any) -> yaml.Node | None:
        return self.nodes.get(id(data))

    def full(self) -> bool:
        """Whether the file has as many problems as are reported: the rest is only counted."""
        return self.problems.full(self.path)


def _structure_record(
    cls: type[_ITEM], record: Any, file: _File, reading: Reading = DEFAULT_READING, node: yaml.Node | None = None
) -> _ITEM | None:
    """Turn one record (a mapping from a claim file) into a model object.

    ``node`` is the record's YAML node when the caller has it (a string
    entry has none in ``file.nodes``). Returns ``None`` after adding its
    problems to ``file`` when it is wrong.
    """
    node = node or file.node(record)
    if not isinstance(record, dict):
        file.add(node, "wrong-type", f"each entry must be a mapping of keys, got {describe(record)}")
        return None
    # cattrs raises its own errors, the validators' ValueError and TypeError, and (before cattrs
    # 26.2) a bare Exception for a word outside a Literal: whatever stopped structuring is the
    # record's fault, and the detailed pass says what it was.
    try:
        # Most records are right: structure them quickly, and only a failing one again, in detail.
        return _finish(converter(reading, detailed=False).structure(record, cls), node, file, record, reading)
    except Exception:
        pass
    try:
        obj: _ITEM = converter(reading).structure(record, cls)
    except ClassValidationError as group:
        for path, exc in _leaves(group, ()):
            _report(cls, record, node, path, exc, file)
    except Exception as exc:
        _report(cls, record, node, (), exc, file)
    else:  # pragma: no cover - the fast converter refused what the detailed one accepts
        return _finish(obj, node, file, record, reading)
    if isinstance(record.get("id"), str):
        file.broken.add(record["id"])
    return None


def _finish(obj: _ITEM, node: yaml.Node | None, file: _File, record: dict[str, Any], reading: Reading) -> _ITEM:
    """Stamp the object with where it was written (and read "about" with the claim's own tolerance)."""
    if isinstance(obj, Claim) and obj.tolerance is not None and obj.value is not None:
        # Frozen after construction, like the origin below: set once, here, before anyone sees it.
        object.__setattr__(obj, "value", parse_value(record["value"], reading, obj.tolerance))
    line, column = _pos(node.start_mark) if node is not None else (1, 1)
    memo = current_memo()
    if memo is not None:
        # Files of a corpus have their claims on the same lines: one int for each line number.
        line = memo.numbers.setdefault(line, line)
    object.__setattr__(obj, "origin", Origin(path=file.path, line=line, column=column))
    return obj


def _leaves(exc: BaseException, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], BaseException]]:
    if isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            step: tuple[str | int, ...] = ()
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    step = (note.name,)
                elif isinstance(note, IterableValidationNote):
                    step = (note.index,)
            yield from _leaves(sub, path + step)
    else:
        yield path, exc


def _report(
    cls: type[Any],
    record: dict[str, Any],
    node: yaml.Node | None,
    path: tuple[str | int, ...],
    exc: BaseException,
    file: _File,
) -> None:
    kind = cls.__name__.lower()
    allowed = _fields(cls)
    if isinstance(exc, ForbiddenExtraKeysError):
        for extra in sorted(exc.extra_fields):
            key_node, _ = _key_node(node, extra)
            close = difflib.get_close_matches(extra, allowed, n=1)
            file.add(
                key_node or node,
                "unknown-key",
                f"unknown key {quoted(extra)} in a {kind}",
                f"did you mean {close[0]!r}?" if close else f"a {kind} takes {', '.join(allowed)}",
            )
        return
    # attrs validators name the attribute in their arguments; the model's own rules name the key.
    attr = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], attrs.Attribute) else None
    if attr is not None and not path:
        path = (attr.name,)
    own_rule = False
    if isinstance(exc, FieldError) and exc.key is not None and not path:
        own_rule = True
        path = (exc.key.replace("-", "_"), *(() if exc.index is None else (exc.index,)))
    name = path[0] if path and isinstance(path[0], str) else None
    key = key_of(name) if name else None
    if isinstance(exc, KeyError) and key is not None and key not in record:
        file.add(node, "missing-key", f"a {kind} needs {key!r}", _example(cls, key))
        return
    _, value_node = _key_node(node, key) if key else (None, None)
    steps: list[str | int] = list(path[1:])
    for step in steps:
        if isinstance(step, int) and isinstance(value_node, yaml.SequenceNode) and step < len(value_node.value):
            value_node = value_node.value[step]
    message = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
    hint: str | None = None
    if "not in literal" in message and name is not None:
        choices = _literal_words(typing.get_type_hints(cls)[name])
        got = record.get(key or "")
        message = f"must be one of {', '.join(choices)}, got {describe(got)}"
        close = difflib.get_close_matches(got, choices, n=1) if isinstance(got, str) else []
        hint = f"did you mean {close[0]!r}?" if close else None
    code = "wrong-type" if isinstance(exc, TypeError) else "cycle" if isinstance(exc, CycleError) else "bad-field"
    if key == "value":
        code = "bad-value" if isinstance(exc, ValueError) else code
    elif key in ("date", "as-of", "period", "published"):
        code = "bad-date"
    elif key == "id" or (attr is not None and "must match regex" in message):
        code = "bad-id"
        got = record.get(key or "id")
        shown = quoted(got) if isinstance(got, str) else repr(got)
        message = f"{shown} is not an id: use lower-case words joined by hyphens, like 'az-mod'"
    label = f"'{key}' " if key else ""
    file.add(value_node or node, code, f"{label}{message}" if key and not own_rule else f"{kind}: {message}", hint)


def _example(cls: type[Any], key: str) -> str | None:
    examples = {
        "id": "an id like 'az-mod'",
        "claimant": "the id of the actor who made the claim",
        "source": "the id of the source document",
        "date": "when it was said, e.g. 2020-10-01",
        "quote": "the words of the source, verbatim",
    }
    return examples.get(key)


# --- files and references ------------------------------------------------------


def claim_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The claim files under ``paths`` (files, or folders searched recursively), sorted."""
    return _claim_files(paths, [])


def _claim_files(paths: Iterable[str | os.PathLike[str]], problems: list[Problem]) -> list[Path]:
    """Claim files under ``paths``, each once; what cannot or may not be read goes to ``problems``.

    A claims folder often holds strangers' pull requests: a link to a file
    elsewhere on the machine would leak its text into error messages, and a
    named pipe or a device would hang the checker or feed it without end. So
    only regular files are read, links must stay inside the folder (or, given
    by name, inside the current folder), and nothing found is skipped silently.
    """
    found: dict[tuple[int, int], Path] = {}
    for raw in paths:
        if not os.fspath(raw):
            # Path("") is the current folder: an empty argument is a slip, not a request to read everything here.
            problems.append(_path_problem('""', "no-files", "an empty path names no file or folder"))
            continue
        path = Path(raw)
        if path.is_dir():
            _walk(path, found, problems)
        elif path.is_symlink() and not _inside(path, Path.cwd()):
            problems.append(_outside(path, "the current folder"))
        elif path.is_symlink() and path.resolve().suffix not in (".yaml", ".yml", *TABLE_SUFFIXES):
            # Inside the tree too are files no claim file should lead to: .git/config, .env...
            message = "a symbolic link to a file not named *.yaml, *.yml, *.csv or *.json is not read"
            problems.append(_path_problem(path.as_posix(), "outside-folder", message, "give the claim file itself"))
        else:
            _add_file(path, found, problems)
    return sorted(found.values(), key=lambda p: p.as_posix())


def _walk(top: Path, found: dict[tuple[int, int], Path], problems: list[Problem]) -> None:
    """Claim files in ``top`` and its sub-folders (links to folders are not followed)."""

    def unreadable(exc: OSError) -> None:
        shown = Path(exc.filename).as_posix() if exc.filename else top.as_posix()
        problems.append(_path_problem(shown, "unreadable", f"cannot read the folder: {exc.strerror or exc}"))

    for folder, dirs, names in os.walk(top, onerror=unreadable):
        dirs.sort()
        for name in names:
            path = Path(folder, name)
            if path.suffix not in (".yaml", ".yml"):
                continue
            if path.is_symlink() and not _inside(path, top):
                problems.append(_outside(path, "the claims folder"))
                continue
            _add_file(path, found, problems)


def _inside(link: Path, root: Path) -> bool:
    """Whether a link leads into ``root``."""
    return link.resolve().is_relative_to(root.resolve())


def _add_file(path: Path, found: dict[tuple[int, int], Path], problems: list[Problem]) -> None:
    """Add ``path`` if it is a regular file not found already (by another name, a link, or twice)."""
    shown = path.as_posix()
    try:
        # stat, never open, before knowing what it is: opening a pipe waits for a writer, a device may never end.
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            problems.append(_path_problem(shown, "unreadable", "a symbolic link to a file that does not exist"))
        else:
            problems.append(_path_problem(shown, "no-files", "no such file or folder"))
        return
    except OSError as exc:
        problems.append(_path_problem(shown, "unreadable", f"cannot read the file: {exc.strerror or exc}"))
        return
    if not stat.S_ISREG(info.st_mode):
        problems.append(_not_regular(shown, info.st_mode))
        return
    key = (info.st_dev, info.st_ino)
    if key not in found or shown < found[key].as_posix():
        found[key] = path


def _not_regular(shown: str, mode: int) -> Problem:
    kinds = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}
    kind = kinds.get(stat.S_IFMT(mode), "a path that is not a regular file")
    return _path_problem(shown, "unreadable", f"{kind} is not read as a claim file", "claim files are regular files")


def _outside(path: Path, where: str) -> Problem:
    return _path_problem(
        path.as_posix(),
        "outside-folder",
        f"a symbolic link to a file outside {where} is not read",
        "copy the file into the folder, or give the file it points to",
    )


def _path_problem(shown: str, code: str, message: str, hint: str | None = None) -> Problem:
    return Problem(path=shown, line=1, column=1, code=code, message=message, hint=hint)


def _read_file(
    path: Path, limits: Limits, problems: ProblemList, reading: Reading, broken: set[str]
) -> dict[str, list[Any]]:
    file = _File(path.as_posix(), {}, problems, broken)
    text = _read_text(path, limits, file)
    if text is None:
        return {}
    if is_table(path.name, text):
        return {"claims": _table_claims(text, file, reading)}
    read = _parse_data(text, limits, file)
    if read is None:
        return {}
    data, file.nodes = read
    return _sections(data, file, reading)


def _table_claims(text: str, file: _File, reading: Reading) -> list[Claim]:
    """The claims of a table (see :mod:`claimcheck.tables`); problems go to ``file``."""
    claims: list[Claim] = []
    skipped: list[yaml.Node] = []
    plain = PlainRows(reading, current_memo() or LoadMemo())
    try:
        for record, node in rows(text, file.path):
            if file.full():
                # Counted, not checked; their ids count as broken, as in a claim file too full of problems.
                if isinstance(record.get("id"), str):
                    file.broken.add(record["id"])
                skipped.append(node)
                continue
            # Most rows are plain: built directly; any other goes through the converter, which says what is wrong.
            claim = plain.claim(record)
            if claim is not None:
                claims.append(_finish(claim, node, file, record, reading))
                continue
            claim = _structure_record(Claim, record, file, reading, node)
            if claim is not None:
                claims.append(claim)
        if skipped:
            line, column = _pos(skipped[0].start_mark)
            place = Problem(
                path=file.path, line=line, column=column, code="too-many-problems", message="rows not checked"
            )
            file.problems.skipped(place, len(skipped))
    except HeaderProblems as exc:
        for problem in exc.problems:
            file.add_at(problem.line, problem.column, problem.code, problem.message, problem.hint)
    except TableProblem as problem:
        file.add_at(problem.line, problem.column, problem.code, problem.message, problem.hint)
    return claims


def read_yaml_file(path: Path, limits: Limits, problems: list[Problem]) -> tuple[Any, dict[int, yaml.Node]] | None:
    """The plain data of one YAML file read as safely as claim files, and its nodes (by ``id``) for positions.

    Returns ``None`` after adding to ``problems`` what stopped the reading.
    """
    found = ProblemList()
    read = _read_data(path, limits, _File(path.as_posix(), {}, found, set()))
    problems.extend(found.closed())
    return read


def _read_data(path: Path, limits: Limits, file: _File) -> tuple[Any, dict[int, yaml.Node]] | None:
    text = _read_text(path, limits, file)
    return None if text is None else _parse_data(text, limits, file)


def _read_text(path: Path, limits: Limits, file: _File) -> str | None:
    """The text of one file, read within the limits; ``None`` after adding to ``file`` what stopped it."""
    shown, problems = file.path, file.problems
    try:
        # Non-blocking, so that a file swapped for a named pipe since it was found cannot hang the read.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                problems.append(_not_regular(shown, info.st_mode))
                return None
            # One byte past the limit is enough to know, so a file that grows while it is read stays bounded.
            raw = b"" if info.st_size > limits.max_file_bytes else handle.read(limits.max_file_bytes + 1)
    except OSError as exc:
        file.add(None, "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return None
    if info.st_size > limits.max_file_bytes or len(raw) > limits.max_file_bytes:
        size = max(info.st_size, len(raw))
        file.add(
            None,
            "too-large",
            f"the file has {size} bytes (limit {limits.max_file_bytes})",
            "split it into several files",
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        file.add_at_line(
            raw[: exc.start].count(b"\n") + 1,
            "encoding",
            f"the file is not UTF-8 text (byte {raw[exc.start]:#04x} at offset {exc.start})",
            "save it as UTF-8",
        )
        return None
    return text


def _parse_data(text: str, limits: Limits, file: _File) -> tuple[Any, dict[int, yaml.Node]] | None:
    try:
        data, nodes = parse_yaml(text, limits)
    except YamlProblem as exc:
        file.add(exc.mark, exc.code, exc.message, exc.hint)
        return None
    except yaml.reader.ReaderError as exc:
        file.add_at_line(
            text.encode("utf-8")[: exc.position].count(b"\n") + 1,
            "yaml-syntax",
            f"control character {exc.character!r} is not allowed in YAML text",
            "remove it, or write it as an escape in a double-quoted string",
        )
        return None
    except yaml.MarkedYAMLError as exc:
        # At the end of the file the useful place is where the unclosed thing began.
        at_end = "end of stream" in (exc.problem or "")
        mark = (exc.context_mark if at_end else None) or exc.problem_mark or exc.context_mark
        context = f"{exc.context}" if exc.context and exc.problem else None
        hint = _syntax_hint(exc.problem or "", text, mark) or context
        last = text.count("\n") + 1
        if mark is not None and mark.line >= last:  # the parser's end of a text with no final newline
            file.add_at_line(last, "yaml-syntax", f"{exc.problem or exc.context}".strip(), hint)
        else:
            file.add(mark, "yaml-syntax", f"{exc.problem or exc.context}".strip(), hint)
        return None
    except yaml.YAMLError as exc:
        file.add(None, "yaml-syntax", str(exc).splitlines()[0] if str(exc) else "malformed YAML")
        return None
    except RecursionError:
        file.add(None, "too-deep", "the data is nested too deeply to read")
        return None
    return data, nodes


def _syntax_hint(problem: str, text: str, mark: Any) -> str | None:
    """A plain-words cause for the YAML errors authors meet most, where the parser's words name none.

    PyYAML speaks of "mapping values" and "block collections"; an author needs
    to hear "quote the value" or "line it up".
    """
    lines = text.split("\n") if mark is not None else []
    before = lines[mark.line][: mark.column] if mark is not None and mark.line < len(lines) else ""
    if "tab" in problem or "\t" in problem:
        return "indent with spaces: YAML does not allow tabs for indentation"
    if "mapping values are not allowed" in problem:
        if ": " in before.lstrip(" -"):
            return "a value that holds ': ' must be quoted, e.g. title: \"The war: a history\""
        return "check this line's indentation: the keys of one entry start in the same column"
    if "expected '-' indicator" in problem or "expected key" in problem or "expected <block end>" in problem:
        return "check the indentation: the keys of one entry, and the '- ' of one list, each start in one column"
    return None


def _sections(data: Any, file: _File, reading: Reading) -> dict[str, list[Any]]:
    """The model objects of one file's data, by section; problems go to ``file``."""
    nodes = file.nodes
    if data is None:
        return {}
    if not isinstance(data, dict):
        file.add(
            nodes.get(id(data)),
            "wrong-type",
            f"a claim file is a mapping with keys {', '.join(SECTIONS)}, got {describe(data)}",
        )
        return {}
    out: dict[str, list[Any]] = {}
    root = nodes.get(id(data))
    for section, records in data.items():
        key_node, value_node = _key_node(root, section)
        if section not in SECTIONS:
            close = difflib.get_close_matches(section, list(SECTIONS), n=1)
            file.add(
                key_node,
                "unknown-key",
                f"unknown section {quoted(section)}",
                f"did you mean {close[0]!r}?" if close else f"sections are {', '.join(SECTIONS)}",
            )
            continue
        if records is None:
            continue
        if not isinstance(records, list):
            file.add(
                value_node or key_node,
                "wrong-type",
                f"{section!r} must be a list of entries, got {describe(records)}",
            )
            continue
        cls = SECTIONS[section]
        objs = out.setdefault(section, [])
        entry_nodes = value_node.value if isinstance(value_node, yaml.SequenceNode) else ()
        for i, record in enumerate(records):
            if file.full():
                _skip(records[i:], entry_nodes[i:], file)
                break
            obj = _structure_record(cls, record, file, reading, entry_nodes[i] if i < len(entry_nodes) else None)
            if obj is not None:
                objs.append(obj)
    return out


def _require(value: object, cls: type[Any], name: str) -> None:
    """Refuse an argument of the wrong type at the door, not deep inside (a TypeError naming it)."""
    if not isinstance(value, cls):
        raise TypeError(f"{name} must be a {cls.__name__}, got {type(value).__name__}")


def _skip(records: list[Any], entry_nodes: Sequence[yaml.Node], file: _File) -> None:
    """Count the entries of a file too full of problems to check further.

    Their ids count as broken, so references to them from other files are not
    reported as undefined.
    """
    for record in records:
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            file.broken.add(record["id"])
    first = entry_nodes[0].start_mark if entry_nodes else None
    line, column = _pos(first) if first is not None else (1, 1)
    place = Problem(path=file.path, line=line, column=column, code="too-many-problems", message="entries not checked")
    file.problems.skipped(place, len(records))


def load(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = "claims",
    *,
    reading: Reading = DEFAULT_READING,
    limits: Limits | None = None,
    measures: Iterable[Measure] = (),
) -> Corpus:
    """Load every claim file under ``paths`` into one corpus.

    ``paths`` is a path (``str`` or :class:`os.PathLike`) or an iterable of
    them; ``reading`` sets the vague-word table and the reach of "about";
    ``limits`` bounds what any one file may cost; ``measures`` extend the
    measure table (over the files' own ``measures:``). Returns the
    :class:`~claimcheck.model.Corpus`, with what is worth hearing but not
    wrong in its ``warnings``; raises
    :class:`~claimcheck.errors.LoadError` carrying every problem found in
    the files, and :class:`TypeError` for an argument of the wrong type
    (``bytes`` paths included).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    elif isinstance(paths, Iterable) and not isinstance(paths, (bytes, bytearray)):
        paths = list(paths)
    else:
        raise TypeError(f"paths must be str or os.PathLike, or an iterable of them, got {type(paths).__name__}")
    for path in paths:
        # os.fspath: a PathLike may still stand for bytes, which the messages could not show as text.
        if not isinstance(path, (str, os.PathLike)) or not isinstance(os.fspath(path), str):
            raise TypeError(f"paths must be str or os.PathLike, got {type(path).__name__}")
    _require(reading, Reading, "reading")
    if limits is not None:
        _require(limits, Limits, "limits")
    limits = limits or Limits()
    extra = _measures(measures)
    problems = ProblemList()
    files = _claim_files(paths, problems)
    # Loading makes many objects and no reference cycles: the cyclic collector would only walk the
    # growing corpus again and again (measured: 4x slower at 100k claims).
    enabled = gc.isenabled()
    gc.disable()
    try:
        with load_memo():
            return _load_files(files, paths, problems, limits, reading, extra)
    finally:
        if enabled:
            gc.enable()


def _load_files(
    files: list[Path],
    paths: Iterable[str | os.PathLike[str]],
    problems: ProblemList,
    limits: Limits,
    reading: Reading,
    measures: tuple[Measure, ...] = (),
) -> Corpus:
    if not files:
        shown = ", ".join(str(p) for p in paths) or "(nothing)"
        raise LoadError(
            problems
            or [
                Problem(
                    path=shown,
                    line=1,
                    column=1,
                    code="no-files",
                    message="no claim files (*.yaml, *.yml) found",
                    hint="give a folder that holds claim files",
                )
            ]
        )
    sections: dict[str, list[Any]] = {name: [] for name in SECTIONS}
    broken: set[str] = set()
    for path in files:
        for name, objs in _read_file(path, limits, problems, reading, broken).items():
            sections[name].extend(objs)
    tables = [path for path in files if path.suffix.lower() in TABLE_SUFFIXES]
    defined = any(objs for name, objs in sections.items() if name != "claims")
    if tables and not defined and sections["claims"] and not problems:
        # A table holds claims only: without the files defining what it names, every row would be a problem.
        message = "a claims table holds claims only, and no claim file defines the actors, sources and figures it names"
        hint = "name the claim files or their folder beside the table, as in: claimcheck check claims/ claims.csv"
        raise LoadError([Problem(path=str(tables[0]), line=1, column=1, code="no-files", message=message, hint=hint)])
    try:
        return _build(sections, problems, broken, reading, limits, measures)
    except LoadError as exc:
        if not tables:
            raise
        # A table's problems name its columns (as_of), not the claim-file keys (as-of) the loader knows.
        table_paths = {str(path) for path in tables}
        raise LoadError(
            [
                attrs.evolve(p, message=in_column_names(p.message), hint=p.hint and in_column_names(p.hint))
                if p.path in table_paths
                else p
                for p in exc.problems
            ]
        ) from None


def _measures(measures: Iterable[Measure]) -> tuple[Measure, ...]:
    """Measures given from Python, checked at the door like the other arguments."""
    if isinstance(measures, (str, bytes)) or not isinstance(measures, Iterable):
        raise TypeError(f"measures must be an iterable of Measure, got {type(measures).__name__}")
    found = tuple(measures)
    for measure in found:
        _require(measure, Measure, "each of measures")
    return found


def from_data(
    data: Mapping[str, Any],
    *,
    name: str = "<data>",
    reading: Reading = DEFAULT_READING,
    measures: Iterable[Measure] = (),
) -> Corpus:
    """Build a corpus from claim-file data already in memory (mappings and lists, as YAML gives).

    The same checks as :func:`load` apply; problems name ``name`` as their
    file, at line 1 (data in memory has no lines). A key that is not a
    string, at any depth, is such a problem (``wrong-type``), as a key that
    is not a word is in a file. Raises :class:`~claimcheck.errors.LoadError`, and
    :class:`TypeError` when ``data`` is not a mapping or another argument
    has the wrong type.
    """
    if not isinstance(data, Mapping):
        raise TypeError(
            f"data must be a mapping of sections ({', '.join(SECTIONS)}), as in a claim file, got {type(data).__name__}"
        )
    _require(name, str, "name")
    _require(reading, Reading, "reading")
    extra = _measures(measures)
    problems = ProblemList()
    broken: set[str] = set()
    file = _File(name, {}, problems, broken)
    _string_keys(data, file)
    if problems:
        raise LoadError(problems.closed())
    with load_memo():
        sections = {section: [] for section in SECTIONS} | _sections(dict(data), file, reading)
    return _build(sections, problems, broken, reading, measures=extra)


def _string_keys(data: Mapping[Any, Any], file: _File) -> None:
    """Report every key that is not a string, at any depth, as YAML keys are checked in a file.

    The model's keys are words; an int or a tuple key would otherwise fail deep inside structuring.
    Walked with a stack and a set of containers seen, so deep or self-containing data cannot recurse.
    """
    stack: list[tuple[str, Any]] = [("", data)]
    seen: set[int] = set()
    while stack:
        where, item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, Mapping):
            for key, value in item.items():
                if not isinstance(key, str):
                    shown = "section names must be strings" if not where else f"keys in {where!r} must be strings"
                    file.add(None, "wrong-type", f"{shown}, got {describe(key)}")
                elif isinstance(value, (Mapping, list)):
                    stack.append((where or key, value))
        elif isinstance(item, list):
            stack.extend((where, value) for value in item if isinstance(value, (Mapping, list)))


def _build(
    sections: dict[str, list[Any]],
    problems: ProblemList,
    broken: set[str],
    reading: Reading,
    limits: Limits | None = None,
    measures: tuple[Measure, ...] = (),
) -> Corpus:
    """The corpus of the objects read, or a :class:`LoadError`; ``limits`` when they were read from files.

    ``measures`` given from Python come after the files' own, and win over them.
    """
    objects = _unique(sections, problems)
    objects["measures"] = [*objects.get("measures", ()), *measures]
    corpus = Corpus(**{name: tuple(items) for name, items in objects.items()})
    check_references(corpus, problems, broken)
    check_quantities(corpus, problems, reading)
    if problems:
        if limits is not None:
            _point_at_values(problems, limits)
        raise LoadError(problems.closed())
    warnings = ProblemList()
    check_warnings(corpus, warnings)
    if warnings and limits is not None:
        _point_at_values(warnings, limits)
    found = tuple(sorted(warnings.closed(), key=lambda p: p.sort_key))
    # Set once, here, before anyone sees the corpus (warnings are no part of its equality).
    object.__setattr__(corpus, "warnings", found)
    return corpus


def _point_at_values(problems: ProblemList, limits: Limits) -> None:
    """Move problems found at an object to the value they are about (``claimant: no-such-actor``).

    Objects keep only where they start, which costs nothing when all is well;
    so only the files that have such problems are parsed again to find the
    value's line. A file that cannot be read again keeps its problems where
    they are.
    """
    by_path: dict[str, list[tuple[int, tuple[str | int, ...]]]] = {}
    for index, at in problems.at_value:
        by_path.setdefault(problems[index].path, []).append((index, at))
    for path, wanted in by_path.items():
        entries = _entry_nodes(Path(path), limits)
        for index, at in wanted:
            problem = problems[index]
            node = _value_node(entries.get((problem.line, problem.column)), at)
            if node is not None:
                line, column = _pos(node.start_mark)
                problems[index] = attrs.evolve(problem, line=line, column=column)


def _entry_nodes(path: Path, limits: Limits) -> dict[tuple[int, int], yaml.Node]:
    """The nodes of a claim file's entries, by their line and column; empty if it cannot be read again."""
    try:
        if not path.is_file() or path.stat().st_size > limits.max_file_bytes:
            return {}
        text = path.read_bytes().decode("utf-8-sig")
        if is_table(path.name, text):
            return {_pos(node.start_mark): node for _, node in rows(text, path.as_posix())}
        data, nodes = parse_yaml(text, limits)
    except (OSError, ValueError, yaml.YAMLError, YamlProblem, RecursionError, TableProblem, HeaderProblems):
        return {}
    root = nodes.get(id(data))
    entries: dict[tuple[int, int], yaml.Node] = {}
    for _, section in root.value if isinstance(root, yaml.MappingNode) else ():
        for entry in section.value if isinstance(section, yaml.SequenceNode) else ():
            entries[_pos(entry.start_mark)] = entry
    return entries


def _value_node(entry: yaml.Node | None, at: tuple[str | int, ...]) -> yaml.Node | None:
    """The node ``at`` names inside an entry: a key's value, then a list's item or a mapping's key."""
    _, node = _key_node(entry, str(at[0]))
    for step in at[1:]:
        if isinstance(step, int) and isinstance(node, yaml.SequenceNode) and step < len(node.value):
            node = node.value[step]
        elif isinstance(step, str) and isinstance(node, yaml.MappingNode):
            node, _ = _key_node(node, step)
        else:
            return None
    return node


def _unique(sections: dict[str, list[Any]], problems: ProblemList) -> dict[str, list[Any]]:
    seen: dict[str, Any] = {}
    words: dict[str, Measure] = {}
    kept: dict[str, list[Any]] = {name: [] for name in sections}
    for name, objs in sections.items():
        for obj in objs:
            if isinstance(obj, Measure):
                # Measures are named by their word, apart from ids: a measure `killed` and a figure `killed` can be.
                known = words.get(obj.word)
                if known is not None:
                    message = f"measure {quoted(obj.word)} is already defined at {known.origin}"
                    problem = Problem.at(obj.origin, "duplicate-id", message, "define each word once")
                    problems.append(problem, at=("word",))
                    continue
                words[obj.word] = obj
                kept[name].append(obj)
                continue
            first = seen.get(obj.id)
            if first is not None:
                problems.append(
                    Problem.at(
                        obj.origin,
                        "duplicate-id",
                        f"id {quoted(obj.id)} is already defined at {first.origin}",
                        "ids are global across all claim files; rename one",
                    ),
                    at=("id",),
                )
                continue
            seen[obj.id] = obj
            kept[name].append(obj)
    return kept


def _literal_words(hint: Any) -> list[str]:
    """The words a Literal type allows, also inside an optional one (``Literal['asserts', ...] | None``)."""
    if typing.get_origin(hint) is typing.Literal:
        return [str(word) for word in typing.get_args(hint) if word is not None]
    return [word for arg in typing.get_args(hint) for word in _literal_words(arg)]
