"""JSON text written piece by piece, byte for byte what ``json.dumps(..., indent=2)`` writes for the same data.

A report or an export of a large corpus is mostly one or two long arrays
(figures, claims). Building the whole document as data and then as one string
holds it in memory two or three times over; instead the document is given as
a skeleton whose long arrays are :class:`Lazy` (items made one at a time), and
:func:`iter_json` yields its text as it goes: the skeleton's own mappings and lists
key by key, each array item encoded whole by the standard encoder and
indented to its depth. Literal newlines in ``json`` output are only ever
layout (a newline inside a string is written ``\\n``), so re-indenting an
item's text is exact.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["Lazy", "iter_json", "materialise"]

#: Spaces per level, as the reports and exports have always been indented.
INDENT = 2


class Lazy:
    """An array whose items are made when the document is written (once), not before.

    Its items are plain JSON data (no :class:`Lazy` inside): each is encoded whole, never searched.
    """

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def materialise(value: Any) -> Any:
    """The skeleton as plain data: every :class:`Lazy` made into a list (what ``json.dumps`` is given)."""
    if isinstance(value, Lazy):
        return list(value.items)
    if isinstance(value, list):
        return [materialise(item) for item in value]
    if isinstance(value, dict):
        return {key: materialise(item) for key, item in value.items()}
    return value


def iter_json(value: Any, *, sort_keys: bool) -> Iterator[str]:
    """The JSON text of ``value`` (a skeleton with :class:`Lazy` arrays) in pieces, without a final newline.

    The pieces join to ``json.dumps(materialise(value), indent=2, sort_keys=sort_keys, ensure_ascii=False)``.
    """
    encoder = json.JSONEncoder(indent=INDENT, sort_keys=sort_keys, ensure_ascii=False)
    return _pieces(value, 0, encoder)


def _pieces(value: Any, depth: int, encoder: json.JSONEncoder) -> Iterator[str]:
    inner = "\n" + " " * (INDENT * (depth + 1))
    lazy = isinstance(value, Lazy)
    if lazy or (isinstance(value, list) and any(_has_lazy(item) for item in value)):
        opened = False
        for item in value.items if lazy else value:
            yield ("," if opened else "[") + inner
            opened = True
            if lazy:  # plain data: encoded whole
                yield encoder.encode(item).replace("\n", inner)
            else:
                yield from _pieces(item, depth + 1, encoder)
        yield inner[:-INDENT] + "]" if opened else "[]"
    elif isinstance(value, dict) and value and any(_has_lazy(item) for item in value.values()):
        keys = sorted(value) if encoder.sort_keys else list(value)
        for i, key in enumerate(keys):
            yield ("," if i else "{") + inner + encoder.encode(key) + ": "
            yield from _pieces(value[key], depth + 1, encoder)
        yield inner[:-INDENT] + "}"
    else:
        text = encoder.encode(value)
        yield text.replace("\n", inner[:-INDENT]) if depth else text


def _has_lazy(value: Any) -> bool:
    """Whether a lazy array is in ``value``: only then is it written piece by piece, else encoded whole."""
    if isinstance(value, Lazy):
        return True
    if isinstance(value, dict):
        return any(_has_lazy(item) for item in value.values())
    return isinstance(value, list) and any(_has_lazy(item) for item in value)
