"""Claimed values: the wording a claimant used, normalised to an interval of counts.

"3,360", "at least 541", "700 to 1,000", "about 90,000" and "several" are all
claims about one number, and each allows a different set of true values.
Reconciliation compares those sets, so every value becomes an interval of
non-negative whole numbers ``[low, high]`` (``high`` is ``None`` when the
claim sets no upper limit), while the words stay as written.

The short phrases accepted here are the claim-file shorthand documented in
``docs/claim-files.md``; :data:`VALUE_PATTERN` is the same grammar as one
regular expression, shared with the JSON Schema so editors and the loader
agree.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Literal, get_args

from attrs import field, frozen
from attrs.validators import ge, in_, instance_of, optional

__all__ = [
    "DEFAULT_TOLERANCE",
    "DEFAULT_VAGUE_WORDS",
    "VALUE_KINDS",
    "VALUE_PATTERN",
    "Reading",
    "Value",
    "parse_value",
]

ValueKind = Literal["exact", "range", "at-least", "more-than", "up-to", "fewer-than", "about", "nearly", "vague"]
VALUE_KINDS: tuple[str, ...] = get_args(ValueKind)

#: How far "about n" reaches either side of n, as a share of n.
DEFAULT_TOLERANCE = 0.1

#: What vague words mean, as intervals (``None`` = no upper limit).
DEFAULT_VAGUE_WORDS: Mapping[str, tuple[int, int | None]] = {
    "a few": (2, 5),
    "few": (2, 5),
    "several": (3, 9),
    "a dozen": (10, 14),
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "low thousands": (1000, 3999),
    "thousands": (2000, 9999),
    "tens of thousands": (20000, 99999),
    "hundreds of thousands": (200000, 999999),
    "many": (2, None),
    "numerous": (2, None),
}

_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?: (?:thousand|million|billion))?"
_PREFIXES: dict[str, ValueKind] = {
    "at least": "at-least",
    "no fewer than": "at-least",
    "no less than": "at-least",
    "more than": "more-than",
    "over": "more-than",
    "above": "more-than",
    "up to": "up-to",
    "at most": "up-to",
    "no more than": "up-to",
    "fewer than": "fewer-than",
    "less than": "fewer-than",
    "under": "fewer-than",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "~": "about",
    "nearly": "nearly",
    "almost": "nearly",
}
_PREFIX_ALT = "|".join(re.escape(p) for p in sorted(_PREFIXES, key=len, reverse=True))
_RANGE_SEP = r"(?: ?[-–—] ?| to )"
_BOUNDED = re.compile(rf"^({_PREFIX_ALT}) ?({_NUM})$")
_RANGE = re.compile(rf"^({_NUM}){_RANGE_SEP}({_NUM})$")
_EXACT = re.compile(rf"^{_NUM}$")
_NUMBER = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?: (thousand|million|billion))?$")

_WORDS_ALT = "|".join(re.escape(w) for w in sorted(DEFAULT_VAGUE_WORDS, key=len, reverse=True))
#: The value shorthand (with the default vague words) as one regular expression.
VALUE_PATTERN = rf"^(?:{_NUM}|{_NUM}{_RANGE_SEP}{_NUM}|(?:{_PREFIX_ALT}) ?{_NUM}|{_WORDS_ALT})$"


@frozen(kw_only=True)
class Reading:
    """How value words are read: the vague-word table and the reach of "about".

    Both are conventions a reader may dispute, so they are configuration,
    passed to :func:`claimcheck.load` and :func:`claimcheck.reconcile`.
    """

    vague_words: Mapping[str, tuple[int, int | None]] = field(
        factory=lambda: dict(DEFAULT_VAGUE_WORDS), eq=False, hash=False
    )
    tolerance: float = field(default=DEFAULT_TOLERANCE, validator=[instance_of(float), ge(0.0)])
    _key: tuple[object, ...] = field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        for word, (low, high) in self.vague_words.items():
            if low < 0 or (high is not None and high < low):
                raise ValueError(f"vague word {word!r}: interval [{low}, {high}] is not a range of counts")
        key = (tuple(sorted(self.vague_words.items(), key=lambda kv: kv[0])), self.tolerance)
        object.__setattr__(self, "_key", key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Reading) and self._key == other._key

    def __hash__(self) -> int:
        return hash(self._key)


DEFAULT_READING = Reading()


@frozen(kw_only=True)
class Value:
    """A claimed value: its words and the interval of counts they allow."""

    text: str
    kind: ValueKind = field(validator=in_(VALUE_KINDS))
    low: int = field(validator=[instance_of(int), ge(0)])
    high: int | None = field(validator=optional([instance_of(int), ge(0)]))
    #: The number the claimant stated, when there is one ("about 90000" -> 90000).
    stated: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.high is not None and self.high < self.low:
            raise ValueError(f"value {self.text!r}: interval [{self.low}, {self.high}] is inverted")

    @property
    def bounded(self) -> bool:
        """Whether the value sets an upper limit."""
        return self.high is not None

    def contains(self, n: int) -> bool:
        """Whether ``n`` is a count this value allows."""
        return self.low <= n and (self.high is None or n <= self.high)

    def overlaps(self, other: Value) -> bool:
        """Whether some count satisfies both values."""
        return (self.high is None or other.low <= self.high) and (other.high is None or self.low <= other.high)

    def __str__(self) -> str:
        return self.text


#: The largest count claimcheck accepts: nothing counted in a conflict comes near it.
MAX_COUNT = 10**15


def _number(text: str) -> int:
    m = _NUMBER.match(text)
    if m is None:  # pragma: no cover - guarded by the callers' patterns
        raise ValueError(f"{text!r} is not a number")
    digits, scale = m.groups()
    exact = Decimal(digits.replace(",", "")) * _SCALES.get(scale or "", 1)
    if exact != exact.to_integral_value():
        raise ValueError(f"{text!r} is not a whole number of things")
    if exact > MAX_COUNT:
        raise ValueError(f"{text!r} is too large to be a count (at most {MAX_COUNT:,})")
    return int(exact)


def parse_value(raw: int | str, reading: Reading = DEFAULT_READING, tolerance: float | None = None) -> Value:
    """Read a value as written in a claim file.

    ``tolerance`` overrides the reading's reach of "about" for one claim.
    Returns the :class:`Value`; raises :class:`ValueError` saying what is
    wrong and what would be right.
    """
    if isinstance(raw, bool) or not isinstance(raw, (int, str)):
        raise TypeError(
            f"a value must be a count or a phrase like 'at least 541' (got {raw!r}, a {type(raw).__name__})"
        )
    if isinstance(raw, int):
        return _exact(raw)
    return _parse_text(raw, reading, reading.tolerance if tolerance is None else tolerance)


@lru_cache(maxsize=65536)
def _exact(n: int) -> Value:
    """A plain count; cached, because corpora repeat the same counts across many claims."""
    if n < 0:
        raise ValueError(f"a count cannot be negative (got {n})")
    if n > MAX_COUNT:
        raise ValueError(f"{n} is too large to be a count (at most {MAX_COUNT:,})")
    return Value(text=str(n), kind="exact", low=n, high=n, stated=n)


@lru_cache(maxsize=65536)
def _parse_text(raw: str, reading: Reading, tolerance: float) -> Value:
    text = " ".join(raw.split())
    lowered = text.lower()
    if lowered != text:
        raise ValueError(f"write values in lower case (got {raw!r}, try {lowered!r})")
    if _EXACT.match(text):
        n = _number(text)
        return Value(text=raw, kind="exact", low=n, high=n, stated=n)
    m = _RANGE.match(text)
    if m:
        low_s, high_s = m.groups()
        scale = _NUMBER.match(high_s)
        if scale and scale.group(2) and not _NUMBER.match(low_s).group(2):  # type: ignore[union-attr]
            low_s = f"{low_s} {scale.group(2)}"  # "1.5-2 million"
        low, high = _number(low_s), _number(high_s)
        if high < low:
            raise ValueError(f"range {raw!r} is inverted: write the smaller number first ({high}-{low})")
        return Value(text=raw, kind="range", low=low, high=high)
    m = _BOUNDED.match(text)
    if m:
        kind = _PREFIXES[m.group(1)]
        n = _number(m.group(2))
        if kind == "at-least":
            return Value(text=raw, kind=kind, low=n, high=None, stated=n)
        if kind == "more-than":
            return Value(text=raw, kind=kind, low=n + 1, high=None, stated=n)
        if kind == "up-to":
            return Value(text=raw, kind=kind, low=0, high=n, stated=n)
        if kind == "fewer-than":
            if n == 0:
                raise ValueError(f"{raw!r}: no count is fewer than 0")
            return Value(text=raw, kind=kind, low=0, high=n - 1, stated=n)
        reach = n * tolerance
        low = max(0, math.floor(n - reach))
        if kind == "nearly":
            return Value(text=raw, kind=kind, low=low, high=n, stated=n)
        return Value(text=raw, kind=kind, low=low, high=math.ceil(n + reach), stated=n)
    if text in reading.vague_words:
        vague_low, vague_high = reading.vague_words[text]
        return Value(text=raw, kind="vague", low=vague_low, high=vague_high)
    words = ", ".join(repr(w) for w in sorted(reading.vague_words))
    raise ValueError(
        f"{raw!r} is not a value claimcheck can read: write a count (3360), a range (700-1000), "
        f"a bound (at least 541, more than 5000, up to 20), about 90000, or one of {words}"
    )
