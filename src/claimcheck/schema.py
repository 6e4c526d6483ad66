"""The JSON Schema of claim files, generated from the model so the two cannot drift.

Editors (VS Code's YAML extension, for one) use it to complete keys and
underline mistakes as people type. It checks what a schema can: keys, types,
id, date and value shapes. What it cannot see (references across files,
dates that do not exist, cycles) the loader checks.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from .convert import SECTIONS
from .dates import DATE_PATTERN, DateSpan
from .model import ID_PATTERN, Party
from .values import VALUE_PATTERN, Value

__all__ = ["SCHEMA_ID", "claim_file_schema"]

SCHEMA_ID = "https://claimcheck.invalid/schema/claim-file-1.json"

_DESCRIPTIONS = {
    "conflicts": "Conflicts and their belligerent sides.",
    "sources": "Documents the claims are read in.",
    "actors": "Who makes or relays claims, with a side per conflict.",
    "figures": "The things being counted.",
    "propositions": "Statements that actors assert or deny.",
    "claims": "One actor asserting one value (or stance) in one source.",
    "measures": "Measure words of this corpus: what each counts, extending the default table.",
}
_ID_FIELDS = {
    "id",
    "claimant",
    "source",
    "figure",
    "proposition",
    "conflict",
    "parent",
    "of",
    "same_as",
    "joint_with",
    "supersedes",
    "relative_to",
    "adds_to",
    "share_of",
    "disowned_by",
    "side",
}
_ID = {"type": "string", "pattern": ID_PATTERN}
_ID_LIST_FIELDS = {"via", "parts", "at_most"}


def _type_schema(name: str, tp: Any) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _type_schema(name, args[0]) if len(args) == 1 else {"anyOf": [_type_schema(name, a) for a in args]}
    if origin is Literal:
        return {"enum": list(typing.get_args(tp))}
    if tp is DateSpan:
        return {
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "EDTF date or interval: 2020-09-27, 2020-09, 2020, 2020-10-04/2020-10-17",
        }
    if tp is Value:
        return {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": VALUE_PATTERN},
            ],
            "description": "a count (3360) or a phrase: 700-1000, 18 or 19, at least 541, slightly more than 1400, "
            "about 90000, several hundred, 22.8%, two-thirds, US$2 billion, $1,500 a month, several times, 11 more",
        }
    if name == "claimant":
        # One actor, or the claimants of a joint statement, the first named first.
        return {"anyOf": [_ID, {"type": "array", "items": _ID, "minItems": 1, "uniqueItems": True}]}
    if tp == tuple[Party, ...]:
        return {"type": "array", "items": _class_schema(Party)}
    if tp is str:
        if name in _ID_FIELDS:
            return dict(_ID)
        return {"type": "string", "minLength": 1} if name in _NONBLANK else {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is float:
        return {"type": "number", "minimum": 0}
    if origin is tuple:
        item = {"type": "string", "pattern": ID_PATTERN} if name in _ID_LIST_FIELDS else {"type": "string"}
        return {"type": "array", "items": item}
    if tp == Mapping[str, str]:
        return {
            "type": "object",
            "propertyNames": {"pattern": ID_PATTERN},
            "additionalProperties": {"type": "string", "pattern": ID_PATTERN},
        }
    raise TypeError(f"no schema for {name}: {tp!r}")  # pragma: no cover - a new field type


_NONBLANK = {"name", "title", "label", "measure", "statement", "quote", "unit", "word"}


def _class_schema(cls: type[Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for a in attrs.fields(cls):
        if not a.init or a.name in ("origin", "co_claimants"):
            continue
        key = a.name.replace("_", "-")
        properties[key] = _type_schema(a.name, hints[a.name])
        if a.default is attrs.NOTHING:
            required.append(key)
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        "description": (cls.__doc__ or "").strip().splitlines()[0],
    }


def _req(*keys: str) -> dict[str, Any]:
    return {"required": list(keys)}


# A claim is about a figure (with a value or places) or about a proposition (with a stance).
_CLAIM_SHAPES = {
    "oneOf": [
        {
            **_req("figure"),
            "anyOf": [_req("value"), _req("places")],
            "not": {"anyOf": [_req("proposition"), _req("stance")]},
        },
        {
            **_req("proposition", "stance"),
            "not": {"anyOf": [_req("figure"), _req("value"), _req("places"), _req("method")]},
        },
    ]
}


def claim_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that a claim file must satisfy."""
    defs = {cls.__name__: _class_schema(cls) for cls in SECTIONS.values()}
    defs["Claim"].update(_CLAIM_SHAPES)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "claimcheck claim file",
        "type": ["object", "null"],
        "properties": {
            section: {
                "type": ["array", "null"],
                "items": {"$ref": f"#/$defs/{cls.__name__}"},
                "description": _DESCRIPTIONS[section],
            }
            for section, cls in SECTIONS.items()
        },
        "additionalProperties": False,
        "$defs": defs,
    }
