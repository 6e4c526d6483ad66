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
from collections.abc import Mapping, Sequence
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

#: The largest count claimcheck accepts: nothing counted in a conflict comes near it.
MAX_COUNT = 10**15

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
# [0-9], not \d: Python's \d also matches the digits of other scripts ("৪00", "٣٣٦٠"), which int() accepts.
_NUM = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?: (?:thousand|million|billion))?"
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
# Matched with fullmatch: "$" would also match before a final newline.
_BOUNDED = re.compile(rf"({_PREFIX_ALT}) ?({_NUM})")
_RANGE = re.compile(rf"({_NUM}){_RANGE_SEP}({_NUM})")
_EXACT = re.compile(_NUM)
_NUMBER = re.compile(r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?(?: (thousand|million|billion))?")
#: "1.200" is 1.2 to an English reader and 1200 to a German one: a decimal point before exactly three
#: digits is refused rather than guessed (with a scale word, "1.200 million", only the English reading is usual).
AMBIGUOUS_DECIMAL = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

_WORDS_ALT = "|".join(re.escape(w) for w in sorted(DEFAULT_VAGUE_WORDS, key=len, reverse=True))
#: The value shorthand (with the default vague words) as one regular expression.
VALUE_PATTERN = rf"^(?:{_NUM}|{_NUM}{_RANGE_SEP}{_NUM}|(?:{_PREFIX_ALT}) ?{_NUM}|{_WORDS_ALT})$"


def _vague_table(table: Mapping[str, Sequence[int | None]]) -> dict[str, tuple[int, int | None]]:
    """A private copy of a vague-word table, each entry checked and made a ``(low, high)`` tuple."""
    if not isinstance(table, Mapping):
        raise TypeError(f"vague_words must be a mapping of words to (low, high) pairs, got {type(table).__name__}")
    checked: dict[str, tuple[int, int | None]] = {}
    for word, pair in table.items():
        if not isinstance(word, str):
            raise TypeError(f"vague words must be str, got {word!r} ({type(word).__name__})")
        if not word or word != " ".join(word.lower().split()):
            # Values are read in lower case with single spaces: any other spelling would never match.
            raise ValueError(f"vague word {word!r} would never match: write it in lower case with single spaces")
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise TypeError(f"vague word {word!r} must map to a pair (low, high), got {pair!r}")
        low, high = pair
        if type(low) is not int or not (high is None or type(high) is int):  # type() also refuses True
            raise TypeError(
                f"vague word {word!r}: low and high must be whole numbers (high None for no upper limit), got {pair!r}"
            )
        if low < 0 or (high is not None and (high < low or high > MAX_COUNT)):
            raise ValueError(f"vague word {word!r}: interval [{low}, {high}] is not a range of counts")
        checked[word] = (low, high)
    return checked


def check_tolerance(tolerance: float) -> float:
    """The reach of "about" as a float, once checked to be a share between 0 and 1.

    Raises :class:`TypeError` for something that is not a number and
    :class:`ValueError` for a number outside [0, 1] (infinity and NaN too).
    """
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)):
        raise TypeError(f"tolerance must be a number such as 0.1, got {tolerance!r} ({type(tolerance).__name__})")
    if not 0 <= tolerance <= 1:  # also refuses NaN, which compares false
        raise ValueError(f"tolerance must be a share between 0 and 1, such as 0.1, got {tolerance!r}")
    return float(tolerance)


@frozen(kw_only=True)
class Reading:
    """How value words are read: the vague-word table and the reach of "about".

    Both are conventions a reader may dispute, so they are configuration,
    passed to :func:`claimcheck.load` and :func:`claimcheck.reconcile`.
    ``vague_words`` maps lower-case words to ``(low, high)`` pairs of counts
    (``high`` ``None`` for no upper limit; lists are read as pairs too);
    ``tolerance`` is a share between 0 and 1. Raises :class:`TypeError` for
    an argument of the wrong type and :class:`ValueError` for a wrong value.
    """

    vague_words: Mapping[str, tuple[int, int | None]] = field(
        factory=lambda: dict(DEFAULT_VAGUE_WORDS), converter=_vague_table, eq=False, hash=False
    )
    tolerance: float = field(default=DEFAULT_TOLERANCE, converter=check_tolerance)
    _key: tuple[object, ...] = field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
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


def odd_character(text: str) -> str | None:
    """What is wrong with the first character that has no place in a value or a date, or ``None``.

    Control characters would break the reports' tables and forge terminal
    lines; digits of other scripts ("٣٣٦٠", "３３６０") pass Python's ``int()``
    and ``\\d`` but are not the digits the format is written in. The answer
    completes a sentence that starts with the text quoted.
    """
    control = _CONTROL.search(text)
    if control is not None:
        return f"holds the control character U+{ord(control.group()):04X} (write it as plain text on one line)"
    if not text.isascii():
        for char in text:
            if char.isdigit() and not char.isascii():
                return f"uses the digit {char!r} (U+{ord(char):04X}): write numbers with the digits 0-9"
    return None


def _number(text: str) -> int:
    """The whole count a number as written stands for ("1,200", "1.5 million"), computed exactly."""
    m = _NUMBER.fullmatch(text)
    if m is None:  # pragma: no cover - guarded by the callers' patterns
        raise ValueError(f"{text!r} is not a number")
    whole, fraction, scale_word = m.groups()
    if scale_word is None and fraction is not None and AMBIGUOUS_DECIMAL.fullmatch(f"{whole}.{fraction}"):
        grouped = int(whole + fraction)
        question = f"did you mean {grouped:,}? Write {grouped} or {grouped:,}"
        if fraction == "000":
            question = f"did you mean {grouped:,} or {whole}? Write {grouped} or {grouped:,}, or {whole}"
        raise ValueError(
            f"{text!r} is ambiguous: {question} (a point before three digits may separate thousands or decimals)"
        )
    whole = whole.replace(",", "").lstrip("0") or "0"
    fraction = (fraction or "").rstrip("0")
    scale = _SCALES.get(scale_word or "", 1)
    # Integers, not floats or Decimal's 28 digits: "3360.0000000000000000000000000001" is not 3360.
    # No scale has more than 9 zeros, so a longer fraction is never whole (and is never turned into an int).
    if len(fraction) > 9 or int(fraction or "0") * scale % 10 ** len(fraction):
        raise ValueError(f"{text!r} is not a whole number of things")
    if len(whole) > 16:  # too large whatever the scale; also keeps int() far from its digit limit
        raise ValueError(f"{text!r} is too large to be a count (at most {MAX_COUNT:,})")
    exact: int = int(whole) * scale + int(fraction or "0") * scale // 10 ** len(fraction)
    if exact > MAX_COUNT:
        raise ValueError(f"{text!r} is too large to be a count (at most {MAX_COUNT:,})")
    return exact


def parse_value(raw: int | str, reading: Reading = DEFAULT_READING, tolerance: float | None = None) -> Value:
    """Read a value as written in a claim file.

    ``tolerance`` overrides the reading's reach of "about" for one claim.
    Returns the :class:`Value`; raises :class:`ValueError` saying what is
    wrong and what would be right, and :class:`TypeError` for arguments of
    the wrong type.
    """
    if isinstance(raw, bool) or not isinstance(raw, (int, str)):
        raise TypeError(
            f"a value must be a count or a phrase like 'at least 541' (got {raw!r}, a {type(raw).__name__})"
        )
    if not isinstance(reading, Reading):
        raise TypeError(f"reading must be a claimcheck.Reading, got {type(reading).__name__}")
    if isinstance(raw, int):
        return _exact(raw)
    return _parse_text(raw, reading, reading.tolerance if tolerance is None else check_tolerance(tolerance))


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
    odd = odd_character(raw)
    if odd is not None:
        raise ValueError(f"{raw!r} {odd}")
    text = " ".join(raw.split())
    lowered = text.lower()
    if lowered != text:
        raise ValueError(f"write values in lower case (got {raw!r}, try {lowered!r})")
    if _EXACT.fullmatch(text):
        n = _number(text)
        return Value(text=raw, kind="exact", low=n, high=n, stated=n)
    m = _RANGE.fullmatch(text)
    if m:
        low_s, high_s = m.groups()
        scale = _NUMBER.fullmatch(high_s)
        if scale and scale.group(3) and not _NUMBER.fullmatch(low_s).group(3):  # type: ignore[union-attr]
            low_s = f"{low_s} {scale.group(3)}"  # "1.5-2 million"
        low, high = _number(low_s), _number(high_s)
        if high < low:
            raise ValueError(f"range {raw!r} is inverted: write the smaller number first ({high}-{low})")
        return Value(text=raw, kind="range", low=low, high=high)
    m = _BOUNDED.fullmatch(text)
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
