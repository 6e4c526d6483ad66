"""The one converter between claim-file data and the model, both ways.

cattrs structures each record (a mapping from a claim file) into its model
class and back, with claim-file keys in kebab-case (``as-of``), unknown keys
forbidden, and strict types: a string is never silently turned into a number
or a list. Values and dates are read by their own parsers, with the
vague-word table and the reach of "about" that a :class:`~claimcheck.values.Reading`
gives.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import attrs
from cattrs import Converter
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .dates import DateSpan, parse_date
from .errors import quoted
from .measures import Measure
from .model import ID_PATTERN, Actor, Claim, Conflict, FieldError, Figure, Proposition, Source
from .values import DEFAULT_READING, Reading, Value, parse_value, read_value

__all__ = ["SECTIONS", "LoadMemo", "converter", "current_memo", "describe", "key_of", "load_memo", "make_converter",
           "structure_date"]  # fmt: skip

#: Top-level keys of a claim file and the model class each list holds.
SECTIONS: dict[str, type[Any]] = {
    "conflicts": Conflict,
    "sources": Source,
    "actors": Actor,
    "figures": Figure,
    "propositions": Proposition,
    "claims": Claim,
    "measures": Measure,
}


def key_of(name: str) -> str:
    """The claim-file key of a model attribute: ``as_of`` is written ``as-of``."""
    return name.replace("_", "-")


def _strict(kind: type[Any], label: str) -> Callable[[Any, Any], Any]:
    def check(value: Any, _: Any) -> Any:
        if type(value) is not kind:
            if kind is str and isinstance(value, bool):
                raise TypeError(
                    f"must be {label}, got {str(value).lower()}: YAML reads yes, no, on and off as true or "
                    f"false; put the word in quotes"
                )
            raise TypeError(f"must be {label}, got {describe(value)}")
        return value

    return check


def describe(value: Any) -> str:
    """What a value from a claim file is, for a message: its kind, and text cut to a few words."""
    if isinstance(value, str):
        return f"{quoted(value)} (text)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true or false)"
    if isinstance(value, (int, float)):
        return f"{value!r} (a number)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{value!r} (a {type(value).__name__})"


class LoadMemo:
    """What the objects of one load share: equal dates, values, line numbers and lists are one object each.

    It lives as long as the load, so a long-running process does not keep every value it ever read
    (a module-wide cache would), and a load does not pay for hashing a :class:`Reading` per value.
    """

    __slots__ = ("dates", "lists", "numbers", "values")

    def __init__(self) -> None:
        self.dates: dict[str, DateSpan] = {}
        self.values: dict[int | str, Value] = {}
        self.numbers: dict[int, int] = {}
        self.lists: dict[tuple[str, ...], tuple[str, ...]] = {}


_MEMO: ContextVar[LoadMemo | None] = ContextVar("claimcheck_load_memo", default=None)


@contextmanager
def load_memo() -> Iterator[LoadMemo]:
    """Share equal dates, values, numbers and lists among the objects structured inside the block."""
    token = _MEMO.set(LoadMemo())
    try:
        yield _MEMO.get()  # type: ignore[misc]  # set just above
    finally:
        _MEMO.reset(token)


def current_memo() -> LoadMemo | None:
    """The memo of the load under way, or ``None`` outside a load."""
    return _MEMO.get()


_strict_text = _strict(str, "text")


def _text(value: Any, _: Any) -> str:
    """Strict text; short strings (ids, names, locators) are interned, as they repeat across claims."""
    if type(value) is not str:
        return _strict_text(value, _)  # type: ignore[no-any-return]
    return sys.intern(value) if len(value) <= 64 else value


def _own_text(value: Any, _: Any) -> str:
    """Strict text that no other object repeats (a claim's id, its quote): not interned, which would only cost."""
    return value if type(value) is str else _strict_text(value, _)


def _own_optional_text(value: Any, _: Any) -> str | None:
    """:func:`_own_text` of a key that may also be null."""
    return None if value is None else _own_text(value, _)


def structure_date(value: Any, _: Any) -> DateSpan:
    """A date as a claim file may write it: EDTF text, a YAML date, or a year as a number."""
    if isinstance(value, dt.datetime):
        raise TypeError(f"must be a date without a time, got {value.isoformat()}")
    if isinstance(value, dt.date):
        return _date(value.isoformat())
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return _date(str(value))
    if isinstance(value, str):
        return _date(value.strip(" "))  # only spaces: a newline or tab is refused, not hidden
    raise TypeError(f"must be an EDTF date like 2020-09-27, 2020-09 or 2020, got {describe(value)}")


_read_date: Callable[[str], DateSpan] = parse_date.__wrapped__


def _date(text: str) -> DateSpan:
    """The date ``text`` names: one object per text within a load."""
    memo = _MEMO.get()
    if memo is None:
        return parse_date(text)
    found = memo.dates.get(text)
    if found is None:
        found = memo.dates[text] = _read_date(text)
    return found


def _structure_tolerance(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"must be a number such as 0.1, got {describe(value)}")
    if not 0 <= value <= 1:  # also refuses NaN, which compares false
        raise ValueError(f"must be a share between 0 and 1, such as 0.1, got {value!r}")
    return float(value)


def _structure_names(value: Any, _: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError(f"must be a list, got {describe(value)}")
    for item in value:
        if not isinstance(item, str):
            raise TypeError(f"must be a list of strings, got {describe(item)} in it")
    names = tuple(value)
    memo = _MEMO.get()
    # Relays and place lists repeat across claims: one tuple for each list.
    return names if memo is None or not names else memo.lists.setdefault(names, names)


def _structure_sides(value: Any, _: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise TypeError(f"must be a mapping of conflict ids to sides, got {describe(value)}")
    for side in value.values():
        if not isinstance(side, str):
            raise TypeError(f"must map conflict ids to side ids, got {describe(side)}")
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
    conv.register_structure_hook(DateSpan, structure_date)
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], _structure_names)
    conv.register_structure_hook_func(lambda t: t == Mapping[str, str], _structure_sides)

    def structure_value(raw: Any, _: Any) -> Value:
        if isinstance(raw, bool) or not isinstance(raw, (int, str)):
            raise TypeError(f"must be a count or a phrase like 'at least 541', got {describe(raw)}")
        memo = _MEMO.get()
        if memo is None:
            return parse_value(raw, reading)
        found = memo.values.get(raw)
        if found is None:
            found = memo.values[raw] = read_value(raw, reading)
        return found

    conv.register_structure_hook(Value, structure_value)
    conv.register_unstructure_hook(DateSpan, lambda d: d.text)
    conv.register_unstructure_hook(Value, _unstructure_value)
    conv.register_unstructure_hook_func(lambda t: t == Mapping[str, str], dict)
    for cls in SECTIONS.values():
        renames: dict[str, Any] = {a.name: override(rename=key_of(a.name)) for a in attrs.fields(cls) if "_" in a.name}
        renames["origin"] = override(omit=True)
        if cls is Claim:
            # A joint statement's claimants are written as one list under `claimant`, never as a key of their own.
            renames["co_claimants"] = override(omit=True)
            for name in _OWN_TEXT:
                hook = _own_text if name in ("id", "quote") else _own_optional_text
                renames[name] = override(rename=key_of(name), struct_hook=hook)
        structure: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, conv, **renames)
        unstructure: Callable[[Any], Any] = make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True, **renames)
        if cls is Claim:
            structure, unstructure = _joint(structure), _joint_out(unstructure)
        conv.register_structure_hook(cls, structure)
        conv.register_unstructure_hook(cls, unstructure)
    return conv


#: A claim's text fields that no other object repeats: its id, its words, and the claims it refers to.
_OWN_TEXT = ("id", "quote", "translation", "note", "same_as", "joint_with", "supersedes", "relative_to", "adds_to",
             "disowned_by")  # fmt: skip


def _joint(structure: Callable[[Any, Any], Claim]) -> Callable[[Any, Any], Claim]:
    """Read ``claimant: [a, b]`` (a joint statement) as ``claimant`` a and ``co_claimants`` (b,)."""

    def structure_claim(raw: Any, cls: Any) -> Claim:
        names = raw.get("claimant") if isinstance(raw, dict) else None
        if not isinstance(names, list):
            return structure(raw, cls)
        if not names:
            raise FieldError("'claimant' must name at least one actor", key="claimant")
        for i, name in enumerate(names):
            if not isinstance(name, str):
                raise TypeError(f"'claimant' must be an actor id or a list of them, got {describe(name)} in it")
            if not re.match(ID_PATTERN, name):
                message = f"'claimant' lists {quoted(name)}, which is not an id: use lower-case words joined by hyphens"
                raise FieldError(message, key="claimant", index=i)
        claim = structure({**raw, "claimant": names[0]}, cls)
        return attrs.evolve(claim, co_claimants=tuple(sys.intern(n) for n in names[1:]))

    return structure_claim


def _joint_out(unstructure: Callable[[Claim], dict[str, Any]]) -> Callable[[Claim], dict[str, Any]]:
    """Write a joint statement's claimants as one list; one claimant stays a plain id."""

    def unstructure_claim(claim: Claim) -> dict[str, Any]:
        data = unstructure(claim)
        if claim.co_claimants:
            data["claimant"] = list(claim.claimants)
        return data

    return unstructure_claim


def _unstructure_value(value: Value) -> int | str:
    """Counts written as plain numbers come back as numbers, phrases as phrases."""
    return int(value.text) if value.text.isdigit() and value.text == str(value.low) else value.text


_CONVERTERS: dict[tuple[Reading, bool], Converter] = {}


def converter(reading: Reading = DEFAULT_READING, detailed: bool = True) -> Converter:
    """The converter for this reading, built once and kept."""
    key = (reading, detailed)
    if key not in _CONVERTERS:
        _CONVERTERS[key] = make_converter(reading, detailed=detailed)
    return _CONVERTERS[key]
