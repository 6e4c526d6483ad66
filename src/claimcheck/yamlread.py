"""Reading YAML safely, keeping where every piece of data was written.

Claim files are untrusted input. They are parsed by PyYAML's safe parser (the
C one when present) and turned into plain data (mappings with string keys,
lists, strings, decimal integers, floats, booleans, null; dates stay text)
straight from the parser's nodes, so each container keeps its node for line
and column. Anything else (tags that build objects, sets, binary, merge
keys, aliases of collections, nesting beyond the limit, oversized strings
and numbers) is refused with a :class:`YamlProblem` at its line.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from attrs import frozen
from yaml.resolver import Resolver

from .values import AMBIGUOUS_DECIMAL

__all__ = ["Limits", "YamlProblem", "parse_yaml"]

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


@frozen(kw_only=True)
class Limits:
    """Bounds on what one claim file may cost to read (see ``docs/security.md``)."""

    max_file_bytes: int = 16 * 1024 * 1024
    max_depth: int = 32
    max_string: int = 100_000


#: Counts beyond 15 digits are not counts of anything in this world.
_MAX_DIGITS = 15
#: Keys are words of the format; anything this long is not one.
_MAX_KEY = 100


class YamlProblem(Exception):
    """Something in a YAML text that claim files must not hold, at a mark (line, column)."""

    def __init__(self, mark: Any, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.mark, self.code, self.message, self.hint = mark, code, message, hint


_STR = "tag:yaml.org,2002:str"
_BOOLS = yaml.constructor.SafeConstructor.bool_values
_FLOAT = yaml.constructor.SafeConstructor()
#: What YAML 1.1 reads as null (an explicit ``!!null`` tag skips the resolver's check).
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_DECIMAL = re.compile(r"[-+]?[0-9]+", re.ASCII)


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
            raise YamlProblem(
                node.start_mark,
                "alias-limit",
                "aliases of mappings or lists are not allowed in claim files",
                "write the data out where it is used",
            )
        self._seen.add(id(node))
        if depth >= self.limits.max_depth:
            raise YamlProblem(node.start_mark, "too-deep", f"data nested deeper than {self.limits.max_depth} levels")
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
                raise YamlProblem(
                    key_node.start_mark,
                    "alias-limit",
                    "merge keys ('<<') are not allowed in claim files",
                    "write the keys out",
                )
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                shown = "a list or mapping" if not isinstance(key_node, yaml.ScalarNode) else repr(key_node.value)
                raise YamlProblem(
                    key_node.start_mark, "wrong-type", f"keys must be plain words, got {shown}", "quote it or rename it"
                )
            key = key_node.value
            if len(key) > _MAX_KEY:
                raise YamlProblem(
                    key_node.start_mark, "too-large", f"a key of {len(key)} characters (keys are short words)"
                )
            if key in result:
                first = next(k for k, _ in node.value if k.value == key)
                raise YamlProblem(
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
                raise YamlProblem(
                    node.start_mark, "too-large", f"a string of {len(text)} characters (limit {self.limits.max_string})"
                )
            return text
        if tag == "tag:yaml.org,2002:int":
            return _integer(node)
        if tag == "tag:yaml.org,2002:null":
            if text not in _NULLS:
                raise _not_a(node, "null")
            return None
        if tag == "tag:yaml.org,2002:bool":
            # A plain true/false is resolved to this tag; an explicit ``!!bool maybe`` is not one.
            if text.lower() not in _BOOLS:
                raise _not_a(node, "boolean")
            return _BOOLS[text.lower()]
        if tag == "tag:yaml.org,2002:float":
            if AMBIGUOUS_DECIMAL.fullmatch(text):
                return text  # 3.000 as a float would be 3.0: keep the text, so the value reader can ask
            try:
                return _FLOAT.construct_yaml_float(node)
            except (ValueError, IndexError):  # only an explicit ``!!float`` tag lets such text through
                raise _not_a(node, "number") from None
        raise self._unsafe(node)

    @staticmethod
    def _unsafe(node: yaml.Node) -> YamlProblem:
        return YamlProblem(
            node.start_mark,
            "unsafe-tag",
            f"the YAML tag {node.tag!r} is not allowed in claim files",
            "use plain strings, numbers, lists and mappings",
        )


def _not_a(node: yaml.ScalarNode, kind: str) -> YamlProblem:
    """An explicitly tagged scalar (``!!float abc``) whose text is not what its tag says."""
    shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
    return YamlProblem(
        node.start_mark,
        "wrong-type",
        f"{shown!r} is tagged as a {kind} but is not one",
        "remove the '!!' tag and write the value plainly",
    )


def _integer(node: yaml.ScalarNode) -> int | str:
    """Plain decimal integers only; YAML 1.1's 0x10, 1_000 and 1:30 stay text, and so fail clearly."""
    text = node.value
    if not _DECIMAL.fullmatch(text):
        return str(text)
    digits = text.lstrip("+-")
    if len(digits) > _MAX_DIGITS:
        raise YamlProblem(node.start_mark, "too-large", f"a number of {len(digits)} digits is too large to be a count")
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
                    raise YamlProblem(
                        event.start_mark, "too-deep", f"data nested deeper than {limits.max_depth} levels"
                    )
                if event.anchor is not None:
                    collections.add(event.anchor)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent) and event.anchor in collections:
                raise YamlProblem(
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


def parse_yaml(text: str, limits: Limits) -> tuple[Any, dict[int, yaml.Node]]:
    """Plain data from one YAML text, and each container's node (by ``id``) for positions.

    Raises :class:`YamlProblem` for what claim files must not hold and PyYAML's
    ``YAMLError`` for text that is not YAML.
    """
    try:
        if _needs_prescan(text):
            _prescan(text, limits)
        parser = _Parser(text)
        builder = _Builder(limits)
        try:
            node = parser.get_single_node()
            data = builder.build(node) if node is not None else None
        finally:
            parser.dispose()
    except yaml.YAMLError:
        # Parsers stop deep flow nesting with errors of their own, worded and placed differently
        # from one release to the next (libyaml 0.2.5 in PyYAML 6.0.4 stops at 1,000 levels while
        # scanning ahead, before any event reaches us): the limit is ours, so find it ourselves.
        deep = _flow_too_deep(text, limits.max_depth)
        if deep is not None:
            raise YamlProblem(deep, "too-deep", f"data nested deeper than {limits.max_depth} levels") from None
        raise
    return data, builder.nodes


_FLOW_TOKENS = re.compile(r"""[\[\]{}\n"'#]""")


def _flow_too_deep(text: str, limit: int) -> yaml.Mark | None:
    """Where ``[`` and ``{`` first nest deeper than ``limit``, outside quotes and comments; None if never.

    A lexical count, enough to name the line of runaway nesting in text the
    parser refused; quoted scalars are skipped, so brackets in a quote never count.
    """
    if text.count("[") + text.count("{") <= limit:
        return None
    depth, line, line_start, at, end = 0, 0, 0, 0, len(text)
    while (match := _FLOW_TOKENS.search(text, at)) is not None:
        char, at = match.group(), match.end()
        if char == "\n":
            line, line_start = line + 1, at
        elif char in "[{":
            depth += 1
            if depth > limit:
                return yaml.Mark("<text>", at - 1, line, at - 1 - line_start, None, 0)
        elif char in "]}":
            depth = max(depth - 1, 0)
        elif char == "#":
            if at == 1 or text[at - 2] in " \t\n":
                newline = text.find("\n", at)
                at = end if newline < 0 else newline
        elif at == 1 or text[at - 2] in " \t\n[{,:-?":
            # A quote opens a quoted scalar only where a scalar may start; skip to its closing quote.
            at = _after_quoted(text, at, char)
            line += text.count("\n", match.start(), at)
            line_start = max(line_start, text.rfind("\n", match.start(), at) + 1)
    return None


def _after_quoted(text: str, at: int, quote: str) -> int:
    """The index just after the quoted scalar that opened at ``at - 1`` (the end of the text if unclosed)."""
    while True:
        close = text.find(quote, at)
        if close < 0:
            return len(text)
        if quote == "'" and text.startswith("''", close):
            at = close + 2
        elif quote == '"' and _escaped(text, close):
            at = close + 1
        else:
            return close + 1


def _escaped(text: str, at: int) -> bool:
    """Whether the character at ``at`` follows an odd number of backslashes."""
    slashes = 0
    while at - slashes - 1 >= 0 and text[at - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 1
