"""Loading claim files: YAML in, a validated :class:`~claimcheck.model.Corpus` out.

Validation happens here, once, at the edge: PyYAML's *safe* loader (the C one
when present) parses each file while we keep every node's line and column,
refuse duplicate keys, unsafe tags, merge keys and aliased collections; one
cattrs converter structures each record into the model, forbidding unknown
keys; then references across all files are resolved. Every problem found is
collected with its file, line and column, and raised together as one
:class:`~claimcheck.errors.LoadError`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import os
import sys
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs
import yaml
from attrs import frozen
from cattrs import Converter
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    CattrsError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from yaml.resolver import Resolver

from .dates import DateSpan, parse_date
from .errors import LoadError, Problem
from .model import STANDINGS, Actor, Claim, Conflict, Corpus, CycleError, Figure, Origin, Proposition, Source
from .values import DEFAULT_READING, Reading, Value, parse_value

try:  # The C parser is several times faster; the pure one reads the same YAML.
    from yaml._yaml import CParser

    class _Parser(CParser, Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Resolver.__init__(self)

except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer, Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            Resolver.__init__(self)

        def dispose(self) -> None:
            pass


__all__ = ["SECTIONS", "Limits", "claim_files", "from_data", "load", "structure_record"]

#: Top-level keys of a claim file and the model class each list holds.
SECTIONS: dict[str, type[Any]] = {
    "conflicts": Conflict,
    "sources": Source,
    "actors": Actor,
    "figures": Figure,
    "propositions": Proposition,
    "claims": Claim,
}
_ITEM = TypeVar("_ITEM")
#: Counts beyond 15 digits are not counts of anything in this world.
_MAX_DIGITS = 15
#: Keys are words of the format; anything this long is not one.
_MAX_KEY = 100


@frozen(kw_only=True)
class Limits:
    """Bounds on what one claim file may cost to read (see ``docs/security.md``)."""

    max_file_bytes: int = 16 * 1024 * 1024
    max_depth: int = 32
    max_string: int = 100_000


def _key(name: str) -> str:
    """The claim-file key of a model attribute: ``as_of`` is written ``as-of``."""
    return name.replace("_", "-")


def _fields(cls: type[Any]) -> list[str]:
    return [_key(a.name) for a in attrs.fields(cls) if a.init and a.name != "origin"]


# --- YAML with positions ------------------------------------------------------


class _YamlProblem(Exception):
    def __init__(self, mark: Any, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.mark, self.code, self.message, self.hint = mark, code, message, hint


_STR = "tag:yaml.org,2002:str"
_BOOLS = yaml.constructor.SafeConstructor.bool_values
_FLOAT = yaml.constructor.SafeConstructor()


class _Builder:
    """Plain data from YAML nodes, keeping each container's node for line numbers.

    Only what claim files need is built: mappings with string keys, lists,
    strings, decimal integers, floats, booleans and null; dates stay text for
    the model to read as EDTF. Anything else (Python tags, sets, binary,
    merge keys, aliases of collections) is refused at its line. Walking the
    nodes directly, rather than through PyYAML's generic constructor, is what
    keeps loading close to the cost of parsing.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.nodes: dict[int, yaml.Node] = {}
        self._seen: set[int] = set()

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if id(node) in self._seen:
            raise _YamlProblem(
                node.start_mark,
                "alias-limit",
                "aliases of mappings or lists are not allowed in claim files",
                "write the data out where it is used",
            )
        self._seen.add(id(node))
        if depth >= self.limits.max_depth:
            raise _YamlProblem(node.start_mark, "too-deep", f"data nested deeper than {self.limits.max_depth} levels")
        if isinstance(node, yaml.MappingNode) and node.tag == "tag:yaml.org,2002:map":
            result: Any = self._mapping(node, depth + 1)
        elif isinstance(node, yaml.SequenceNode) and node.tag == "tag:yaml.org,2002:seq":
            result = [self.build(child, depth + 1) for child in node.value]
        else:
            raise self._unsafe(node)
        self.nodes[id(result)] = node
        return result

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _YamlProblem(
                    key_node.start_mark,
                    "alias-limit",
                    "merge keys ('<<') are not allowed in claim files",
                    "write the keys out",
                )
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                shown = "a list or mapping" if not isinstance(key_node, yaml.ScalarNode) else repr(key_node.value)
                raise _YamlProblem(
                    key_node.start_mark, "wrong-type", f"keys must be plain words, got {shown}", "quote it or rename it"
                )
            key = key_node.value
            if len(key) > _MAX_KEY:
                raise _YamlProblem(
                    key_node.start_mark, "too-large", f"a key of {len(key)} characters (keys are short words)"
                )
            if key in result:
                first = next(k for k, _ in node.value if k.value == key)
                raise _YamlProblem(
                    key_node.start_mark,
                    "duplicate-key",
                    f"duplicate key {key!r} (first at line {first.start_mark.line + 1})",
                    "keep one of them",
                )
            result[key] = self.build(value_node, depth)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR or tag == "tag:yaml.org,2002:timestamp":
            if len(text) > self.limits.max_string:
                raise _YamlProblem(
                    node.start_mark, "too-large", f"a string of {len(text)} characters (limit {self.limits.max_string})"
                )
            return text
        if tag == "tag:yaml.org,2002:int":
            return _integer(node)
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return _BOOLS[text.lower()]
        if tag == "tag:yaml.org,2002:float":
            return _FLOAT.construct_yaml_float(node)
        raise self._unsafe(node)

    @staticmethod
    def _unsafe(node: yaml.Node) -> _YamlProblem:
        return _YamlProblem(
            node.start_mark,
            "unsafe-tag",
            f"the YAML tag {node.tag!r} is not allowed in claim files",
            "use plain strings, numbers, lists and mappings",
        )


def _integer(node: yaml.ScalarNode) -> int | str:
    """Plain decimal integers only; YAML 1.1's 0x10, 1_000 and 1:30 stay text, and so fail clearly."""
    text = node.value
    digits = text.lstrip("+-")
    if not digits.isdigit() or not digits.isascii():
        return str(text)
    if len(digits) > _MAX_DIGITS:
        raise _YamlProblem(node.start_mark, "too-large", f"a number of {len(digits)} digits is too large to be a count")
    return int(text)


def _prescan(text: str, limits: Limits) -> None:
    """Walk the YAML events once to refuse deep nesting and aliased collections before composing.

    PyYAML's composer recurses once per nesting level, in C: tens of
    thousands of ``[`` crash the interpreter before any check of ours runs.
    Events come flat, so counting depth here is safe; it also finds the alias
    (not the anchor) of a collection, which is the line the author must fix.
    """
    parser = _Parser(text)
    depth = 0
    collections: set[str] = set()
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > limits.max_depth:
                    raise _YamlProblem(
                        event.start_mark, "too-deep", f"data nested deeper than {limits.max_depth} levels"
                    )
                if event.anchor is not None:
                    collections.add(event.anchor)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent) and event.anchor in collections:
                raise _YamlProblem(
                    event.start_mark,
                    "alias-limit",
                    "aliases of mappings or lists are not allowed in claim files",
                    "write the data out where it is used",
                )
    finally:
        parser.dispose()


def _needs_prescan(text: str) -> bool:
    """Cheap signs that a file may nest deeply in flow style or alias collections."""
    return text.count("[") + text.count("{") > 2000 or ("&" in text and "*" in text)


def _parse(text: str, limits: Limits) -> tuple[Any, dict[int, yaml.Node]]:
    if _needs_prescan(text):
        _prescan(text, limits)
    parser = _Parser(text)
    builder = _Builder(limits)
    try:
        node = parser.get_single_node()
        data = builder.build(node) if node is not None else None
    finally:
        parser.dispose()
    return data, builder.nodes


# --- structuring ----------------------------------------------------------------


def _strict(kind: type[Any], label: str) -> Callable[[Any, Any], Any]:
    def check(value: Any, _: Any) -> Any:
        if type(value) is not kind:
            if kind is str and isinstance(value, bool):
                raise TypeError(
                    f"must be {label}, got {str(value).lower()}: YAML reads yes, no, on and off as true or "
                    f"false; put the word in quotes"
                )
            raise TypeError(f"must be {label}, got {_describe(value)}")
        return value

    return check


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{value!r} (a {type(value).__name__})"


def _text(value: Any, _: Any) -> str:
    """Strict text; short strings (ids, names, locators) are interned, as they repeat across claims."""
    if type(value) is not str:
        return _strict(str, "text")(value, _)  # type: ignore[no-any-return]
    return sys.intern(value) if len(value) <= 64 else value


def _structure_date(value: Any, _: Any) -> DateSpan:
    if isinstance(value, dt.datetime):
        raise TypeError(f"must be a date without a time, got {value.isoformat()}")
    if isinstance(value, dt.date):
        return parse_date(value.isoformat())
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return parse_date(str(value))
    if isinstance(value, str):
        return parse_date(value.strip())
    raise TypeError(f"must be an EDTF date like 2020-09-27, 2020-09 or 2020, got {_describe(value)}")


def _structure_tolerance(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"must be a number such as 0.1, got {_describe(value)}")
    if not 0 <= value <= 1:  # also refuses NaN, which compares false
        raise ValueError(f"must be a share between 0 and 1, such as 0.1, got {value!r}")
    return float(value)


def _structure_names(value: Any, _: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError(f"must be a list, got {_describe(value)}")
    for item in value:
        if not isinstance(item, str):
            raise TypeError(f"must be a list of strings, got {_describe(item)} in it")
    return tuple(value)


def _structure_sides(value: Any, _: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise TypeError(f"must be a mapping of conflict ids to sides, got {_describe(value)}")
    for side in value.values():
        if not isinstance(side, str):
            raise TypeError(f"must map conflict ids to side ids, got {_describe(side)}")
    return dict(value)


def make_converter(reading: Reading = DEFAULT_READING, *, detailed: bool = True) -> Converter:
    """The one converter between claim-file data and the model.

    ``detailed`` collects every problem of a record (slower, used once a
    record is known to be wrong). Strict: a string is never silently turned
    into a number or a list, and
    unknown keys are errors.
    """
    conv = Converter(forbid_extra_keys=True, detailed_validation=detailed)
    conv.register_structure_hook(str, _text)
    conv.register_structure_hook(bool, _strict(bool, "true or false"))
    conv.register_structure_hook(int, _strict(int, "a whole number"))
    conv.register_structure_hook(float, _structure_tolerance)
    conv.register_structure_hook(DateSpan, _structure_date)
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], _structure_names)
    conv.register_structure_hook_func(lambda t: t == Mapping[str, str], _structure_sides)

    def structure_value(raw: Any, _: Any) -> Value:
        if isinstance(raw, bool) or not isinstance(raw, (int, str)):
            raise TypeError(f"must be a count or a phrase like 'at least 541', got {_describe(raw)}")
        return parse_value(raw, reading)

    conv.register_structure_hook(Value, structure_value)
    conv.register_unstructure_hook(DateSpan, lambda d: d.text)
    conv.register_unstructure_hook(Value, _unstructure_value)
    conv.register_unstructure_hook_func(lambda t: t == Mapping[str, str], dict)
    for cls in SECTIONS.values():
        renames: dict[str, Any] = {a.name: override(rename=_key(a.name)) for a in attrs.fields(cls) if "_" in a.name}
        renames["origin"] = override(omit=True)
        conv.register_structure_hook(cls, make_dict_structure_fn(cls, conv, **renames))
        conv.register_unstructure_hook(
            cls, make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True, **renames)
        )
    return conv


def _unstructure_value(value: Value) -> int | str:
    """Counts written as plain numbers come back as numbers, phrases as phrases."""
    return int(value.text) if value.text.isdigit() and value.text == str(value.low) else value.text


_CONVERTERS: dict[tuple[Reading, bool], Converter] = {}


def _converter(reading: Reading, detailed: bool = True) -> Converter:
    key = (reading, detailed)
    if key not in _CONVERTERS:
        _CONVERTERS[key] = make_converter(reading, detailed=detailed)
    return _CONVERTERS[key]


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

    def __init__(self, path: str, nodes: dict[int, yaml.Node], problems: list[Problem], broken: set[str]) -> None:
        self.path, self.nodes, self.problems = path, nodes, problems
        #: Ids of records that failed: references to them are not reported again.
        self.broken = broken

    def add(self, node_or_mark: Any, code: str, message: str, hint: str | None = None) -> None:
        mark = getattr(node_or_mark, "start_mark", node_or_mark)
        line, column = _pos(mark) if mark is not None else (1, 1)
        self.problems.append(Problem(path=self.path, line=line, column=column, code=code, message=message, hint=hint))

    def node(self, data: Any) -> yaml.Node | None:
        return self.nodes.get(id(data))


def structure_record(cls: type[_ITEM], record: Any, file: _File, reading: Reading = DEFAULT_READING) -> _ITEM | None:
    """Turn one record (a mapping from a claim file) into a model object.

    Returns ``None`` after adding its problems to ``file`` when it is wrong.
    """
    node = file.node(record)
    if not isinstance(record, dict):
        file.add(node, "wrong-type", f"each entry must be a mapping of keys, got {_describe(record)}")
        return None
    fast, detailed = _converter(reading, detailed=False), _converter(reading)
    try:
        # Most records are right: structure them quickly, and only a failing one again, in detail.
        return _finish(fast.structure(record, cls), node, file, record, reading)
    except (CattrsError, ValueError, TypeError, KeyError):
        pass
    try:
        obj: _ITEM = detailed.structure(record, cls)
    except ClassValidationError as group:
        for path, exc in _leaves(group, ()):
            _report(cls, record, node, path, exc, file)
    except (CattrsError, ValueError, TypeError) as exc:
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
                f"unknown key {extra!r} in a {kind}",
                f"did you mean {close[0]!r}?" if close else f"a {kind} takes {', '.join(allowed)}",
            )
        return
    # attrs validators name the attribute in their arguments.
    attr = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], attrs.Attribute) else None
    if attr is not None and not path:
        path = (attr.name,)
    name = path[0] if path and isinstance(path[0], str) else None
    key = _key(name) if name else None
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
    if isinstance(exc, CattrsError) and "not in literal" in message and name is not None:
        choices = [str(c) for c in typing.get_args(typing.get_type_hints(cls)[name]) if c is not None]
        got = record.get(key or "")
        message = f"must be one of {', '.join(choices)}, got {_describe(got)}"
        close = difflib.get_close_matches(got, choices, n=1) if isinstance(got, str) else []
        hint = f"did you mean {close[0]!r}?" if close else None
    code = "wrong-type" if isinstance(exc, TypeError) else "cycle" if isinstance(exc, CycleError) else "bad-field"
    if key == "value":
        code = "bad-value" if isinstance(exc, ValueError) else code
    elif key in ("date", "as-of", "period", "published"):
        code = "bad-date"
    elif key == "id" or (attr is not None and "must match regex" in message):
        code = "bad-id"
        message = f"{record.get(key or 'id')!r} is not an id: use lower-case words joined by hyphens, like 'az-mod'"
    label = f"'{key}' " if key else ""
    file.add(value_node or node, code, f"{label}{message}" if key else f"{kind}: {message}", hint)


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
    """Claim files under ``paths``; links inside a folder that lead out of it are refused.

    A claims folder often holds strangers' pull requests: a link to a file
    elsewhere on the machine would leak its text into error messages.
    """
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            found.add(path)
            continue
        root = path.resolve()
        for p in path.rglob("*"):
            if p.suffix not in (".yaml", ".yml") or not p.is_file():
                continue
            if p.is_symlink() and not p.resolve().is_relative_to(root):
                problems.append(
                    Problem(
                        path=p.as_posix(),
                        line=1,
                        column=1,
                        code="outside-folder",
                        message="a symbolic link to a file outside the claims folder is not read",
                        hint="copy the file into the folder instead",
                    )
                )
                continue
            found.add(p)
    return sorted(found, key=lambda p: p.as_posix())


def _read_file(
    path: Path, limits: Limits, problems: list[Problem], reading: Reading, broken: set[str]
) -> dict[str, list[Any]]:
    shown = path.as_posix()
    file = _File(shown, {}, problems, broken)
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            file.add(
                None,
                "too-large",
                f"the file has {size} bytes (limit {limits.max_file_bytes})",
                "split it into several files",
            )
            return {}
        raw = path.read_bytes()
    except OSError as exc:
        file.add(None, "encoding", f"cannot read the file: {exc.strerror or exc}")
        return {}
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                path=shown,
                line=line,
                column=1,
                code="encoding",
                message=f"the file is not UTF-8 text (byte {raw[exc.start]:#04x} at offset {exc.start})",
                hint="save it as UTF-8",
            )
        )
        return {}
    try:
        data, nodes = _parse(text, limits)
    except _YamlProblem as exc:
        file.add(exc.mark, exc.code, exc.message, exc.hint)
        return {}
    except yaml.reader.ReaderError as exc:
        line = text.encode("utf-8")[: exc.position].count(b"\n") + 1
        problems.append(
            Problem(
                path=shown,
                line=line,
                column=1,
                code="yaml-syntax",
                message=f"control character {exc.character!r} is not allowed in YAML text",
                hint="remove it, or write it as an escape in a double-quoted string",
            )
        )
        return {}
    except yaml.MarkedYAMLError as exc:
        # At the end of the file the useful place is where the unclosed thing began.
        at_end = "end of stream" in (exc.problem or "")
        mark = (exc.context_mark if at_end else None) or exc.problem_mark or exc.context_mark
        file.add(
            mark,
            "yaml-syntax",
            f"{exc.problem or exc.context}".strip(),
            f"{exc.context}" if exc.context and exc.problem else None,
        )
        return {}
    except yaml.YAMLError as exc:
        file.add(None, "yaml-syntax", str(exc).splitlines()[0] if str(exc) else "malformed YAML")
        return {}
    except RecursionError:
        file.add(None, "too-deep", "the data is nested too deeply to read")
        return {}
    file.nodes = nodes
    return _sections(data, file, reading)


def _sections(data: Any, file: _File, reading: Reading) -> dict[str, list[Any]]:
    """The model objects of one file's data, by section; problems go to ``file``."""
    nodes = file.nodes
    if data is None:
        return {}
    if not isinstance(data, dict):
        file.add(
            nodes.get(id(data)),
            "wrong-type",
            f"a claim file is a mapping with keys {', '.join(SECTIONS)}, got {_describe(data)}",
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
                f"unknown section {section!r}",
                f"did you mean {close[0]!r}?" if close else f"sections are {', '.join(SECTIONS)}",
            )
            continue
        if records is None:
            continue
        if not isinstance(records, list):
            file.add(
                value_node or key_node,
                "wrong-type",
                f"{section!r} must be a list of entries, got {_describe(records)}",
            )
            continue
        cls = SECTIONS[section]
        objs = out.setdefault(section, [])
        for record in records:
            obj = structure_record(cls, record, file, reading)
            if obj is not None:
                objs.append(obj)
    return out


def load(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = "claims",
    *,
    reading: Reading = DEFAULT_READING,
    limits: Limits | None = None,
) -> Corpus:
    """Load every claim file under ``paths`` into one corpus.

    ``reading`` sets the vague-word table and the reach of "about";
    ``limits`` bounds what any one file may cost. Returns the
    :class:`~claimcheck.model.Corpus`; raises
    :class:`~claimcheck.errors.LoadError` carrying every problem found.
    """
    paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    limits = limits or Limits()
    problems: list[Problem] = []
    files = _claim_files(paths, problems)
    # Loading makes many objects and no reference cycles: the cyclic collector would only walk the
    # growing corpus again and again (measured: 4x slower at 100k claims).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_files(files, paths, problems, limits, reading)
    finally:
        if enabled:
            gc.enable()


def _load_files(
    files: list[Path],
    paths: Iterable[str | os.PathLike[str]],
    problems: list[Problem],
    limits: Limits,
    reading: Reading,
) -> Corpus:
    if not files:
        shown = ", ".join(str(p) for p in paths) or "(nothing)"
        raise LoadError(
            [
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
        if not path.exists():
            problems.append(
                Problem(path=path.as_posix(), line=1, column=1, code="no-files", message="no such file or folder")
            )
            continue
        for name, objs in _read_file(path, limits, problems, reading, broken).items():
            sections[name].extend(objs)
    return _build(sections, problems, broken)


def from_data(data: Mapping[str, Any], *, name: str = "<data>", reading: Reading = DEFAULT_READING) -> Corpus:
    """Build a corpus from claim-file data already in memory (mappings and lists, as YAML gives).

    The same checks as :func:`load` apply; problems name ``name`` as their
    file, at line 1 (data in memory has no lines). Raises
    :class:`~claimcheck.errors.LoadError`.
    """
    problems: list[Problem] = []
    broken: set[str] = set()
    sections = {section: [] for section in SECTIONS} | _sections(dict(data), _File(name, {}, problems, broken), reading)
    return _build(sections, problems, broken)


def _build(sections: dict[str, list[Any]], problems: list[Problem], broken: set[str]) -> Corpus:
    objects = _unique(sections, problems)
    _resolve(objects, problems, broken)
    if problems:
        raise LoadError(problems)
    return Corpus(**{name: tuple(items) for name, items in objects.items()})


def _problem_at(obj: Any, code: str, message: str, hint: str | None = None) -> Problem:
    return Problem.at(obj.origin, code, message, hint)


def _unique(sections: dict[str, list[Any]], problems: list[Problem]) -> dict[str, list[Any]]:
    seen: dict[str, Any] = {}
    kept: dict[str, list[Any]] = {name: [] for name in sections}
    for name, objs in sections.items():
        for obj in objs:
            first = seen.get(obj.id)
            if first is not None:
                problems.append(
                    _problem_at(
                        obj,
                        "duplicate-id",
                        f"id {obj.id!r} is already defined at {first.origin}",
                        "ids are global across all claim files; rename one",
                    )
                )
                continue
            seen[obj.id] = obj
            kept[name].append(obj)
    return kept


def _resolve(objects: dict[str, list[Any]], problems: list[Problem], broken: set[str]) -> None:
    """Check that every reference names an object of the right kind, and nothing loops.

    References to records that already failed (``broken``) are not reported twice.
    """
    index: dict[str, Any] = {obj.id: obj for objs in objects.values() for obj in objs}

    def ref(obj: Any, key: str, target: str | None, cls: type[Any]) -> Any:
        if target is None or (target in broken and target not in index):
            return None
        found = index.get(target)
        if isinstance(found, cls):
            return found
        kind = cls.__name__.lower()
        if found is None:
            close = difflib.get_close_matches(target, [i for i, o in index.items() if isinstance(o, cls)], n=1)
            article = "an" if kind[0] in "aeiou" else "a"
            hint = f"did you mean {close[0]!r}?" if close else f"define {article} {kind} with id {target!r}"
            problems.append(
                _problem_at(obj, "undefined-reference", f"'{key}' names {target!r}, but no {kind} has that id", hint)
            )
        else:
            problems.append(
                _problem_at(
                    obj,
                    "undefined-reference",
                    f"'{key}' names {target!r}, which is a {type(found).__name__.lower()}, not a {kind}",
                )
            )
        return None

    for actor in objects["actors"]:
        ref(actor, "parent", actor.parent, Actor)
        for conflict_id, side in sorted(actor.sides.items()):
            conflict = ref(actor, "sides", conflict_id, Conflict)
            if conflict is not None and side not in conflict.sides and side not in STANDINGS:
                allowed = ", ".join([*conflict.sides, *STANDINGS])
                problems.append(
                    _problem_at(
                        actor,
                        "undefined-reference",
                        f"'sides': {side!r} is not a side of {conflict_id!r}",
                        f"use one of {allowed}",
                    )
                )
    _no_cycles(objects["actors"], lambda a: [a.parent] if a.parent else [], "parent", problems)
    for figure in objects["figures"]:
        conflict = ref(figure, "conflict", figure.conflict, Conflict)
        if conflict is not None and figure.of is not None and figure.of not in conflict.sides:
            problems.append(
                _problem_at(
                    figure,
                    "undefined-reference",
                    f"'of': {figure.of!r} is not a side of {figure.conflict!r}",
                    f"use one of {', '.join(conflict.sides)}",
                )
            )
        for part in figure.parts:
            ref(figure, "parts", part, Figure)
        for bound in figure.at_most:
            ref(figure, "at-most", bound, Figure)
    _no_cycles(objects["figures"], lambda f: list(f.parts), "parts", problems)
    for prop in objects["propositions"]:
        ref(prop, "conflict", prop.conflict, Conflict)
    for claim in objects["claims"]:
        ref(claim, "claimant", claim.claimant, Actor)
        for relay in claim.via:
            ref(claim, "via", relay, Actor)
        ref(claim, "source", claim.source, Source)
        figure = ref(claim, "figure", claim.figure, Figure)
        ref(claim, "proposition", claim.proposition, Proposition)
        for key in ("same-as", "supersedes"):
            other = ref(claim, key, getattr(claim, _attr(key)), Claim)
            if other is None:
                continue
            if (other.figure, other.proposition) != (claim.figure, claim.proposition):
                problems.append(
                    _problem_at(
                        claim,
                        "inconsistent",
                        f"'{key}' names {other.id!r}, a claim about something else",
                        "both claims must be about the same figure or proposition",
                    )
                )
            elif _root(index, other.claimant) != _root(index, claim.claimant):
                problems.append(
                    _problem_at(
                        claim,
                        "inconsistent",
                        f"'{key}' names {other.id!r}, made by {other.claimant!r}, not by {claim.claimant!r}",
                        "a revision or a repeated statement has the same claimant",
                    )
                )
        if figure is not None:
            period = figure.period or getattr(index.get(figure.conflict), "period", None)
            if period is not None and claim.date.before(period):
                problems.append(
                    _problem_at(
                        claim,
                        "inconsistent",
                        f"the claim is dated {claim.date} but its figure {figure.id!r} covers {period}, "
                        "which starts later",
                        "check the 'date', or the figure's 'period'",
                    )
                )
        if claim.as_of is not None and claim.date.before(claim.as_of):
            problems.append(
                _problem_at(
                    claim,
                    "inconsistent",
                    f"the claim is dated {claim.date} but reports a figure as of {claim.as_of}, later",
                    "'as-of' cannot be later than 'date'",
                )
            )
    _no_cycles(objects["claims"], lambda c: [c.same_as] if c.same_as else [], "same-as", problems)
    _no_cycles(objects["claims"], lambda c: [c.supersedes] if c.supersedes else [], "supersedes", problems)


def _attr(key: str) -> str:
    return key.replace("-", "_")


def _root(index: Mapping[str, Any], actor_id: str) -> str:
    seen = set()
    while actor_id not in seen:
        seen.add(actor_id)
        actor = index.get(actor_id)
        if not isinstance(actor, Actor) or actor.parent is None:
            return actor_id
        actor_id = actor.parent
    return actor_id


def _no_cycles(objs: list[Any], edges: Callable[[Any], list[str]], key: str, problems: list[Problem]) -> None:
    """Report each object that can reach itself by following ``edges``."""
    by_id = {o.id: o for o in objs}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in sorted(o.id for o in objs if edges(o)):
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(edges(by_id[start])))]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif child in by_id:
                if state.get(child) == 1:
                    path = [n for n, _ in stack]
                    loop = [*path[path.index(child) :], child]
                    problems.append(_problem_at(by_id[child], "cycle", f"'{key}' loops back: {' -> '.join(loop)}"))
                elif not state.get(child):
                    state[child] = 1
                    stack.append((child, iter(edges(by_id[child]))))
