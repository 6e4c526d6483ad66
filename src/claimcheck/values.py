"""Claimed values: the wording a claimant used, normalised to an interval.

"3,360", "at least 541", "18 or 19", "slightly more than 1,400", "about
90,000", "several", "22.8%", "US$2 billion", "$1,500 a month" and "11 more"
are all claims about one number, and each allows a different set of true
values. Reconciliation compares those sets, so every value becomes an
interval ``[low, high]`` (``high`` is ``None`` when the claim sets no upper
limit), while the words stay as written.

Counts are whole numbers. A share (``22.8%``, ``two-thirds``) or a sum of
money (``$2.5 million``) need not be: its exact bounds are kept as fractions
in :attr:`Value.exact`, and ``low``/``high`` are the whole numbers around
them, which is what reconciliation compares. A value can also be relative
to another claim (``several times``, read with ``relative-to``) or add to it
(``11 more``, read with ``adds-to``): :attr:`Value.operand` keeps the factor
or the increment, and :mod:`claimcheck.quantities` computes the interval
once the claim it rests on is loaded.

The short phrases accepted here are the claim-file shorthand documented in
``docs/claim-files.md``; :data:`VALUE_PATTERN` is the same grammar as one
regular expression, built from the same pieces as the parser and shared with
the JSON Schema, so editors and the loader agree.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Literal, get_args

from attrs import evolve, field, frozen
from attrs.validators import ge, in_, instance_of, optional

from .patterns import LazyPattern

__all__ = [
    "DEFAULT_SLIGHTLY",
    "DEFAULT_TOLERANCE",
    "DEFAULT_VAGUE_WORDS",
    "QUANTITIES",
    "VALUE_KINDS",
    "VALUE_PATTERN",
    "Detail",
    "Reading",
    "Span",
    "Value",
    "parse_value",
]

ValueKind = Literal[
    "exact",
    "range",
    "either",
    "at-least",
    "more-than",
    "slightly-more",
    "up-to",
    "fewer-than",
    "slightly-less",
    "about",
    "nearly",
    "vague",
    "times",
    "more",
]
VALUE_KINDS: tuple[str, ...] = get_args(ValueKind)
#: What a value measures: a count of people or things, a share (in per cent), or a sum of money.
Quantity = Literal["count", "share", "money"]
QUANTITIES: tuple[str, ...] = get_args(Quantity)

#: How far "about n" reaches either side of n, as a share of n.
DEFAULT_TOLERANCE = 0.1
#: How far "slightly more than n" (or "just under n") reaches beyond n, as a share of n.
DEFAULT_SLIGHTLY = 0.05

#: The largest count claimcheck accepts: nothing counted in a conflict comes near it.
MAX_COUNT = 10**15
#: The most decimals a share or a sum of money may state.
MAX_DECIMALS = 9

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
#: Vague words that multiply a unit ("several hundred", "a few dozen") or a claim ("several times").
MULTIPLIERS = ("a few", "few", "several", "many")

_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "k": 1_000, "m": 1_000_000}
_SCALES["bn"] = _SCALES["billion"]
_UNITS_OF = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000}
_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
#: Numbers written as words, "one" to "ninety-nine".
NUMBER_WORDS: dict[str, int] = {w: i + 1 for i, w in enumerate(_ONES)} | {w: i + 10 for i, w in enumerate(_TEENS)}
for _i, _tens in enumerate(_TENS):
    NUMBER_WORDS[_tens] = 20 + 10 * _i
    for _j, _one in enumerate(_ONES):
        NUMBER_WORDS[f"{_tens}-{_one}"] = 20 + 10 * _i + _j + 1
#: Shares written as words, in per cent.
SHARE_WORDS: dict[str, Fraction] = {
    "half": Fraction(50),
    "a half": Fraction(50),
    "one-half": Fraction(50),
    "a third": Fraction(100, 3),
    "one-third": Fraction(100, 3),
    "one third": Fraction(100, 3),
    "two-thirds": Fraction(200, 3),
    "two thirds": Fraction(200, 3),
    "a quarter": Fraction(25),
    "one-quarter": Fraction(25),
    "one quarter": Fraction(25),
    "three-quarters": Fraction(75),
    "three quarters": Fraction(75),
    "a fifth": Fraction(20),
    "one-fifth": Fraction(20),
    "one fifth": Fraction(20),
}
#: Currency marks and the ISO 4217 code each stands for ("$" is read as the US dollar).
CURRENCY_SIGNS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB"}
CURRENCY_WORDS = {
    "dollars": "USD",
    "euros": "EUR",
    "pounds": "GBP",
    "drams": "AMD",
    "manats": "AZN",
    "roubles": "RUB",
    "rubles": "RUB",
    "lira": "TRY",
}
#: Rate endings and the period each names.
PERIODS = {
    "a day": "day",
    "per day": "day",
    "daily": "day",
    "a week": "week",
    "per week": "week",
    "weekly": "week",
    "a month": "month",
    "per month": "month",
    "monthly": "month",
    "a year": "year",
    "per year": "year",
    "yearly": "year",
    "annually": "year",
}
_PREFIXES: dict[str, ValueKind] = {
    "at least": "at-least",
    "no fewer than": "at-least",
    "no less than": "at-least",
    "not fewer than": "at-least",
    "not less than": "at-least",
    "more than": "more-than",
    "over": "more-than",
    "above": "more-than",
    "slightly more than": "slightly-more",
    "slightly over": "slightly-more",
    "slightly above": "slightly-more",
    "just over": "slightly-more",
    "just above": "slightly-more",
    "a little more than": "slightly-more",
    "a little over": "slightly-more",
    "up to": "up-to",
    "at most": "up-to",
    "no more than": "up-to",
    "not more than": "up-to",
    "fewer than": "fewer-than",
    "less than": "fewer-than",
    "under": "fewer-than",
    "below": "fewer-than",
    "slightly fewer than": "slightly-less",
    "slightly less than": "slightly-less",
    "slightly under": "slightly-less",
    "slightly below": "slightly-less",
    "just under": "slightly-less",
    "just below": "slightly-less",
    "a little less than": "slightly-less",
    "a little fewer than": "slightly-less",
    "a little under": "slightly-less",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "close to": "about",
    "~": "about",
    "nearly": "nearly",
    "almost": "nearly",
}
_ABOUT = [p for p, k in _PREFIXES.items() if k == "about"]
_COMPARATIVES = ("more", "as many", "as much", "larger", "higher", "greater", "bigger")


def _alt(words: Sequence[str]) -> str:
    """Words as one regular-expression alternative, longest first (so "just over" wins over "over")."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


# The grammar's pieces, as non-capturing expressions: VALUE_PATTERN joins them, and the parser wraps
# them in groups. [0-9], not \d: Python's \d also matches the digits of other scripts ("৪00", "٣٣٦٠").
_DIGITS = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_NUMBER = (
    rf"(?:{_DIGITS}(?:k|m|bn| thousand| million| billion)?"
    rf"|(?:{_alt(list(NUMBER_WORDS))})(?: hundred| thousand| million| billion)?"
    r"|a (?:hundred|thousand|million|billion))"
)
_CODE = r"[A-Z]{3}"
_SIGN = rf"(?:{_alt(list(CURRENCY_SIGNS))}|{_CODE} ?)"
_SUFFIX_MONEY = rf"(?: {_CODE}| (?:{_alt(list(CURRENCY_WORDS))}))"
_PERCENT = r"(?: ?%| percent| per cent)"
_AMOUNT = (
    rf"(?:{_SIGN}{_NUMBER}|{_NUMBER}(?:{_PERCENT}|{_SUFFIX_MONEY})?"
    rf"|{_alt(list(SHARE_WORDS))}|{_NUMBER} in {_NUMBER})"
)
_SEP = r"(?: ?[-–—] ?| to )"
_RANGE = rf"(?:{_AMOUNT}{_SEP}{_AMOUNT}|between {_AMOUNT} and {_AMOUNT}|from {_AMOUNT} to (?:more than )?{_AMOUNT})"
_PREFIX = _alt(list(_PREFIXES))
_VAGUE = _alt(list(DEFAULT_VAGUE_WORDS))
_SCALED_VAGUE = rf"(?:{_alt(MULTIPLIERS)}) (?:{_alt(list(_UNITS_OF))})"
_PER = rf"(?: (?:{_alt(list(PERIODS))}))"
_BASIC = (
    rf"(?:(?:{_AMOUNT} or {_AMOUNT}|{_RANGE}|(?:{_alt(_ABOUT)}) ?{_AMOUNT}{_SEP}{_AMOUNT}"
    rf"|(?:{_PREFIX}) ?{_AMOUNT}|{_AMOUNT}|{_SCALED_VAGUE}|{_VAGUE}){_PER}?)"
)
_FACTOR = (
    rf"(?:(?:(?:{_alt(_ABOUT)}) ?)?(?:{_NUMBER} or {_NUMBER}|{_NUMBER}{_SEP}{_NUMBER})|(?:{_PREFIX}) ?{_NUMBER}"
    rf"|{_NUMBER}|{_alt(MULTIPLIERS)})"
)
_RELATIVE = (
    rf"(?:{_FACTOR} times(?: (?:{_alt(_COMPARATIVES)}))?|twice(?: as many| as much)?|(?:by )?a factor of {_FACTOR})"
)
_INCREMENT = rf"(?:{_BASIC} more|another {_BASIC}|a further {_BASIC})"
#: The value shorthand (with the default vague words) as one regular expression.
VALUE_PATTERN = rf"^(?:{_BASIC}|{_RELATIVE}|{_INCREMENT})$"

# The parser's expressions: the same pieces, with groups around what it reads. Matched with fullmatch
# ("$" would also match before a final newline). The long ones are compiled on first use: together they
# take most of a second to compile, which every import of claimcheck paid before.
_RELATIVE_RE = LazyPattern(
    rf"({_FACTOR}) times(?: (?:{_alt(_COMPARATIVES)}))?|(twice)(?: as many| as much)?|(?:by )?a factor of ({_FACTOR})"
)
_INCREMENT_RE = re.compile(r"(.+) more|another (.+)|a further (.+)")
_PER_RE = LazyPattern(rf"(.+?){_PER}")
_EITHER_RE = LazyPattern(rf"({_AMOUNT}) or ({_AMOUNT})")
_RANGE_RE = LazyPattern(
    rf"({_AMOUNT}){_SEP}({_AMOUNT})|between ({_AMOUNT}) and ({_AMOUNT})|from ({_AMOUNT}) to (more than )?({_AMOUNT})"
)
_ABOUT_RANGE_RE = LazyPattern(rf"(?:{_alt(_ABOUT)}) ?({_AMOUNT}{_SEP}{_AMOUNT})")
# Words or marks without which an expression cannot match, looked for before it is used so that the
# long ones are compiled only for text that may match them: the first "dozens" or "30%" of a run would
# otherwise compile them all, a third of `claimcheck check` on the bundled claims.
_RELATIVE_MARKS = (" times", "twice", "a factor of")  # in every form of _RELATIVE_RE
_RANGE_MARKS = ("-", "–", "—", " to ", "between ")  # in every form of _RANGE_RE and _ABOUT_RANGE_RE
_EITHER_MARK = " or "  # in every form of _EITHER_RE
_BOUNDED_RE = LazyPattern(rf"({_PREFIX}) ?({_AMOUNT})")
_SCALED_VAGUE_RE = re.compile(rf"({_alt(MULTIPLIERS)}) ({_alt(list(_UNITS_OF))})")
_AMOUNT_RE = LazyPattern(
    rf"({_SIGN})({_NUMBER})|({_NUMBER})({_PERCENT}|{_SUFFIX_MONEY})?"
    rf"|({_alt(list(SHARE_WORDS))})|({_NUMBER}) in ({_NUMBER})"
)
_NUMBER_RE = LazyPattern(
    r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?(k|m|bn| thousand| million| billion)?"
    rf"|({_alt(list(NUMBER_WORDS))})(?: (hundred|thousand|million|billion))?|a (hundred|thousand|million|billion)"
)
_FACTOR_RE = LazyPattern(
    rf"((?:{_alt(_ABOUT)}) ?)?(?:({_NUMBER}) or ({_NUMBER})|({_NUMBER}){_SEP}({_NUMBER}))|({_PREFIX}) ?({_NUMBER})"
    rf"|({_NUMBER})|({_alt(MULTIPLIERS)})"
)
#: "1.200" is 1.2 to an English reader and 1200 to a German one: a decimal point before exactly three
#: digits is refused rather than guessed (with a scale word, "1.200 million", only the English reading is usual).
AMBIGUOUS_DECIMAL = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Upper case is allowed only in currency marks: "US$2 billion", "EUR 100,000", "50,000 AMD".
_UPPER_ALLOWED = re.compile(rf"US\$|(?<![A-Za-z]){_CODE}(?![A-Za-z])")


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


def check_tolerance(tolerance: float, name: str = "tolerance") -> float:
    """The reach of "about" (or of "slightly", by ``name``) as a float, once checked to be a share between 0 and 1.

    Raises :class:`TypeError` for something that is not a number and
    :class:`ValueError` for a number outside [0, 1] (infinity and NaN too).
    """
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)):
        raise TypeError(f"{name} must be a number such as 0.1, got {tolerance!r} ({type(tolerance).__name__})")
    if not 0 <= tolerance <= 1:  # also refuses NaN, which compares false
        raise ValueError(f"{name} must be a share between 0 and 1, such as 0.1, got {tolerance!r}")
    return float(tolerance)


def _check_slightly(slightly: float) -> float:
    return check_tolerance(slightly, "slightly")


@frozen(kw_only=True)
class Reading:
    """How value words are read: the vague-word table and the reach of "about" and "slightly".

    Both are conventions a reader may dispute, so they are configuration,
    passed to :func:`claimcheck.load` and :func:`claimcheck.reconcile`.
    ``vague_words`` maps lower-case words to ``(low, high)`` pairs of counts
    (``high`` ``None`` for no upper limit; lists are read as pairs too);
    ``tolerance`` (the reach of "about") and ``slightly`` (how far "slightly
    more than" and "just under" go) are shares between 0 and 1. Raises :class:`TypeError` for
    an argument of the wrong type and :class:`ValueError` for a wrong value.
    """

    vague_words: Mapping[str, tuple[int, int | None]] = field(
        factory=lambda: dict(DEFAULT_VAGUE_WORDS), converter=_vague_table, eq=False, hash=False
    )
    tolerance: float = field(default=DEFAULT_TOLERANCE, converter=check_tolerance)
    slightly: float = field(default=DEFAULT_SLIGHTLY, converter=_check_slightly)
    _key: tuple[object, ...] = field(init=False, repr=False)
    # Kept: a reading is a cache key for every value parsed, and hashing its whole table each time showed.
    _hash: int = field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        key = (tuple(sorted(self.vague_words.items(), key=lambda kv: kv[0])), self.tolerance, self.slightly)
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "_hash", hash(key))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Reading) and self._key == other._key

    def __hash__(self) -> int:
        return self._hash


DEFAULT_READING = Reading()


@frozen(kw_only=True, weakref_slot=False)  # many of them, and nothing refers to them weakly
class Span:
    """An exact interval of numbers, for values that are not whole counts (22.8%, $2.5 million, 1.5 times).

    ``high`` is ``None`` when there is no upper limit; ``low_open`` and
    ``high_open`` exclude an end ("more than half" excludes 50%).
    """

    low: Fraction = field(validator=instance_of(Fraction))
    high: Fraction | None = field(default=None, validator=optional(instance_of(Fraction)))
    low_open: bool = False
    high_open: bool = False

    def __attrs_post_init__(self) -> None:
        if self.high is not None and self.high < self.low:
            raise ValueError(f"interval [{self.low}, {self.high}] is inverted")

    def contains(self, x: int | Fraction) -> bool:
        """Whether ``x`` lies in the interval."""
        above = x > self.low if self.low_open else x >= self.low
        return above and (self.high is None or (x < self.high if self.high_open else x <= self.high))


@frozen(kw_only=True, weakref_slot=False)  # many of them, and nothing refers to them weakly
class Detail:
    """What a value says besides its whole-number interval, for the values that are not plain counts."""

    quantity: Quantity = field(default="count", validator=in_(QUANTITIES))
    #: The ISO 4217 code of a sum of money ("US$2 billion" -> USD).
    currency: str | None = None
    #: The period of a rate ("$1,500 a month" -> month).
    per: str | None = None
    #: The exact interval, when it is not whole numbers or excludes an end.
    exact: Span | None = None
    #: The factor of a relative value or the increment, as written.
    operand: Span | None = None


_COUNT = Detail()


def _no_plain_detail(detail: Detail | None) -> Detail | None:
    """A plain count's detail is left out, so that it compares equal to (and costs no more than) a count."""
    return None if detail == _COUNT else detail


@frozen(kw_only=True, weakref_slot=False)  # many of them, and nothing refers to them weakly
class Value:
    """A claimed value: its words, and the interval they allow.

    ``low`` and ``high`` are whole numbers: the exact interval of a count,
    or the whole numbers around the :attr:`exact` interval of a share or a
    sum of money. ``operand`` is the factor of a relative value
    (``times``) or the increment (``more``) as written, before it is
    applied to the claim it rests on. A plain count carries no
    :class:`Detail`, so it costs no more memory than before these forms.
    """

    text: str
    kind: ValueKind = field(validator=in_(VALUE_KINDS))
    low: int = field(validator=[instance_of(int), ge(0)])
    high: int | None = field(validator=optional([instance_of(int), ge(0)]))
    #: The number the claimant stated, when there is one ("about 90000" -> 90000, "22.8%" -> 22.8).
    stated: int | Fraction | None = None
    detail: Detail | None = field(default=None, converter=_no_plain_detail)

    @property
    def quantity(self) -> Quantity:
        """What the value measures: a count, a share (in per cent) or a sum of money."""
        return (self.detail or _COUNT).quantity

    @property
    def currency(self) -> str | None:
        """The ISO 4217 code of a sum of money."""
        return (self.detail or _COUNT).currency

    @property
    def per(self) -> str | None:
        """The period of a rate (day, week, month, year)."""
        return (self.detail or _COUNT).per

    @property
    def exact(self) -> Span | None:
        """The exact interval of a share or a sum of money (``None`` for a count: ``low`` and ``high`` are exact)."""
        return (self.detail or _COUNT).exact

    @property
    def operand(self) -> Span | None:
        """The factor of a relative value or the increment, as written."""
        return (self.detail or _COUNT).operand

    def __attrs_post_init__(self) -> None:
        if self.high is not None and self.high < self.low:
            raise ValueError(f"value {self.text!r}: interval [{self.low}, {self.high}] is inverted")

    @property
    def bounded(self) -> bool:
        """Whether the value sets an upper limit."""
        return self.high is not None

    @property
    def relative(self) -> bool:
        """Whether the value is a factor or an increment, computed from the claim it rests on."""
        return self.kind in ("times", "more")

    def contains(self, n: int | Fraction) -> bool:
        """Whether ``n`` is a number this value allows."""
        if self.exact is not None:
            return self.exact.contains(n)
        return self.low <= n and (self.high is None or n <= self.high)

    def overlaps(self, other: Value) -> bool:
        """Whether some number satisfies both values (compared as whole numbers)."""
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
    """The whole count a number as written stands for ("1,200", "1.5 million", "two thousand"), computed exactly."""
    m = _NUMBER_RE.fullmatch(text)
    if m is None:  # pragma: no cover - guarded by the callers' patterns
        raise ValueError(f"{text!r} is not a number")
    whole, fraction, scale_word, word, word_scale, a_scale = m.groups()
    if whole is None:
        return (
            (NUMBER_WORDS[word] if word else 1) * _UNITS_OF.get(word_scale or a_scale or "", 1)
            if (word_scale or a_scale) != "billion"
            else (NUMBER_WORDS[word] if word else 1) * 1_000_000_000
        )
    scale_word = (scale_word or "").strip()
    if not scale_word and fraction is not None and AMBIGUOUS_DECIMAL.fullmatch(f"{whole}.{fraction}"):
        grouped = int(whole + fraction)
        question = f"did you mean {grouped:,}? Write {grouped} or {grouped:,}"
        if fraction == "000":
            question = f"did you mean {grouped:,} or {whole}? Write {grouped} or {grouped:,}, or {whole}"
        raise ValueError(
            f"{text!r} is ambiguous: {question} (a point before three digits may separate thousands or decimals)"
        )
    whole = whole.replace(",", "").lstrip("0") or "0"
    fraction = (fraction or "").rstrip("0")
    scale = _SCALES.get(scale_word, 1)
    # Integers, not floats or Decimal's 28 digits: "3360.0000000000000000000000000001" is not 3360.
    # No scale has more than 9 zeros, so a longer fraction is never whole (and is never turned into an int).
    if len(fraction) > 9 or int(fraction or "0") * scale % 10 ** len(fraction):
        raise ValueError(
            f"{text!r} is not a whole number of things (a share is written like 22.8%, money like $2.5 million)"
        )
    if len(whole) > 16:  # too large whatever the scale; also keeps int() far from its digit limit
        raise ValueError(f"{text!r} is too large to be a count (at most {MAX_COUNT:,})")
    exact: int = int(whole) * scale + int(fraction or "0") * scale // 10 ** len(fraction)
    if exact > MAX_COUNT:
        raise ValueError(f"{text!r} is too large to be a count (at most {MAX_COUNT:,})")
    return exact


def _decimal(text: str) -> tuple[Fraction, int | None]:
    """A number that need not be whole (a share, money, a factor): its exact value and the decimals it states.

    The decimals are ``None`` when the number is written with a scale or in words (it states no precision).
    """
    m = _NUMBER_RE.fullmatch(text)
    if m is None or m.group(1) is None or m.group(2) is None:
        # Whole as written (or in words): exactly what _number reads.
        return Fraction(_number(text)), (0 if m is not None and m.group(1) and not m.group(3) else None)
    whole, fraction, scale_word = m.group(1), m.group(2), (m.group(3) or "").strip()
    if not scale_word and AMBIGUOUS_DECIMAL.fullmatch(f"{whole}.{fraction}"):
        _number(text)  # raises the question "did you mean ...?"
    stated = len(fraction)
    fraction = fraction.rstrip("0")
    if len(fraction) > MAX_DECIMALS or len(whole) > 16:
        raise ValueError(f"{text!r} has more digits than claimcheck reads (at most {MAX_DECIMALS} decimals)")
    exact = (int(whole.replace(",", "")) + Fraction(int(fraction or "0"), 10 ** len(fraction))) * _SCALES.get(
        scale_word, 1
    )
    if exact > MAX_COUNT:
        raise ValueError(f"{text!r} is too large (at most {MAX_COUNT:,})")
    return exact, (None if scale_word else stated)


@frozen
class _Amount:
    """One number of a value with what it measures, before a qualifier is applied."""

    x: Fraction
    quantity: Quantity
    currency: str | None
    #: For a share written in digits, one unit of its last digit (22.8% -> 0.1); else None.
    unit: Fraction | None


def _amount(text: str) -> _Amount:
    """Read one amount: a count, a share (22.8%, two-thirds, one in three) or money ($2 billion, 50,000 AMD)."""
    m = _AMOUNT_RE.fullmatch(text)
    if m is None:  # pragma: no cover - guarded by the callers' patterns
        raise ValueError(f"{text!r} is not an amount")
    sign, signed, number, mark, share_word, part, whole = m.groups()
    if sign is not None:
        x, _ = _decimal(signed)
        code = CURRENCY_SIGNS.get(sign, sign.strip())
        return _Amount(x, "money", code, None)
    if share_word is not None:
        return _Amount(SHARE_WORDS[share_word], "share", None, None)
    if part is not None:
        top, bottom = _number(part), _number(whole)
        if bottom == 0 or top > bottom:
            raise ValueError(f"{text!r}: a share 'n in m' needs n no larger than m, and m above 0")
        return _Amount(Fraction(100 * top, bottom), "share", None, None)
    if mark is None:
        return _Amount(Fraction(_number(number)), "count", None, None)
    x, decimals = _decimal(number)
    if mark.strip() in ("%", "percent", "per cent"):
        if x > 100:
            raise ValueError(f"{text!r}: a share is at most 100% (write a count, or a factor such as '2 times')")
        return _Amount(x, "share", None, None if decimals is None else Fraction(1, 10**decimals))
    code = mark.strip()
    return _Amount(x, "money", CURRENCY_WORDS.get(code, code), None)


def _same_marks(left: str, right: str) -> tuple[str, str]:
    """Give each end of a range the marks written once for both: "1.5-2 million", "20-25%", "$1-2 billion"."""
    lm, rm = _AMOUNT_RE.fullmatch(left), _AMOUNT_RE.fullmatch(right)
    if lm is None or rm is None:  # pragma: no cover - guarded by the callers' patterns
        return left, right
    left_number, right_number = lm.group(2) or lm.group(3), rm.group(2) or rm.group(3)
    if left_number is None or right_number is None:  # a share word or "one in three": nothing to share
        return left, right
    ln, rn = _NUMBER_RE.fullmatch(left_number), _NUMBER_RE.fullmatch(right_number)
    if ln is None or rn is None:  # pragma: no cover - guarded by the callers' patterns
        return left, right
    if rn.group(3) and ln.group(1) is not None and not ln.group(3) and not lm.group(4):
        left = f"{left}{rn.group(3)}"  # "1.5-2 million", "$1-2 billion"
    if rm.group(4) and lm.group(3) is not None and not lm.group(4):
        left = f"{left}{rm.group(4)}"  # "20-25%", "500-600 AMD"
    if lm.group(1) and rm.group(3) is not None and not rm.group(4):
        right = f"{lm.group(1)}{right}"  # "$1-2 billion"
    return left, right


def _tol(share: float) -> Fraction:
    """A reach given as a float (0.1), exactly as written rather than as its binary approximation."""
    return Fraction(repr(share))


def _span_of(kind: ValueKind, a: _Amount, reading: Reading, tolerance: float) -> Span:
    """The exact interval a qualifier makes of an amount that is not a whole count."""
    x = a.x
    about = a.unit if a.unit is not None else x * _tol(tolerance)
    slightly = a.unit if a.unit is not None else x * _tol(reading.slightly)
    if kind == "exact":
        half = a.unit / 2 if a.unit is not None else Fraction(0)
        return Span(low=max(Fraction(0), x - half), high=x + half)
    if kind == "at-least":
        return Span(low=x)
    if kind == "more-than":
        return Span(low=x, low_open=True)
    if kind == "slightly-more":
        return Span(low=x, high=x + slightly, low_open=True)
    if kind == "up-to":
        return Span(low=Fraction(0), high=x)
    if kind == "fewer-than":
        return Span(low=Fraction(0), high=x, high_open=True)
    if kind == "slightly-less":
        return Span(low=max(Fraction(0), x - slightly), high=x, high_open=True)
    if kind == "nearly":
        return Span(low=max(Fraction(0), x - about), high=x)
    return Span(low=max(Fraction(0), x - about), high=x + about)  # about


def _count_span(kind: ValueKind, n: int, reading: Reading, tolerance: float, raw: str) -> tuple[int, int | None]:
    """The interval of whole counts a qualifier makes of a count (the readings of claimcheck 1, kept exactly)."""
    if kind == "exact":
        return n, n
    if kind == "at-least":
        return n, None
    if kind == "more-than":
        return n + 1, None
    if kind == "up-to":
        return 0, n
    if kind in ("fewer-than", "slightly-less") and n == 0:
        raise ValueError(f"{raw!r}: no count is fewer than 0")
    if kind == "fewer-than":
        return 0, n - 1
    if kind == "slightly-more":
        return n + 1, max(n + 1, math.ceil(n + n * _tol(reading.slightly)))
    if kind == "slightly-less":
        return min(n - 1, max(0, math.floor(n - n * _tol(reading.slightly)))), n - 1
    reach = n * tolerance
    low = max(0, math.floor(n - reach))
    if kind == "nearly":
        return low, n
    return low, math.ceil(n + reach)  # about


def from_span(
    raw: str,
    kind: ValueKind,
    span: Span,
    quantity: Quantity,
    currency: str | None,
    stated: int | Fraction | None = None,
    operand: Span | None = None,
) -> Value:
    """A value from its exact interval: whole ends are kept as they are, others rounded outward.

    A share is kept within [0, 100]: its upper end is at most 100, and a
    lower end above 100 is a :class:`ValueError`.
    """
    if quantity == "share":
        if span.low > 100:
            raise ValueError(f"{raw!r}: a share is at most 100%")
        # A share cannot exceed the whole, whatever the words leave open.
        if span.high is None or span.high > 100:
            span = Span(low=span.low, high=Fraction(100), low_open=span.low_open)
    low = math.floor(span.low)
    high = None if span.high is None else math.ceil(span.high)
    whole = span.low == low and span.high == high and not span.low_open and not span.high_open
    return Value(
        text=raw,
        kind=kind,
        low=low,
        high=high,
        stated=stated,
        detail=Detail(
            quantity=quantity, currency=currency, exact=None if whole and quantity == "count" else span, operand=operand
        ),
    )


def _stated(x: Fraction) -> int | Fraction:
    return int(x) if x.denominator == 1 else x


def parse_value(raw: int | str, reading: Reading = DEFAULT_READING, tolerance: float | None = None) -> Value:
    """Read a value as written in a claim file.

    ``tolerance`` overrides the reading's reach of "about" for one claim.
    Returns the :class:`Value`; raises :class:`ValueError` saying what is
    wrong and what would be right (with the nearest valid form when there
    is one), and :class:`TypeError` for arguments of the wrong type.
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


def read_value(raw: int | str, reading: Reading = DEFAULT_READING) -> Value:
    """:func:`parse_value` of a count or text already known to be one, without the module's caches.

    For a caller that keeps its own memo (a load shares equal values among its claims, and drops them after).
    """
    return _exact.__wrapped__(raw) if isinstance(raw, int) else _parse_text.__wrapped__(raw, reading, reading.tolerance)


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
    fast = _plain(raw, reading, tolerance)
    if fast is not None:
        return fast
    odd = odd_character(raw)
    if odd is not None:
        raise ValueError(f"{raw!r} {odd}")
    text = " ".join(raw.split())
    masked = _UPPER_ALLOWED.sub("", text)
    if masked.lower() != masked:
        raise ValueError(f"write values in lower case (got {raw!r}, try {text.lower()!r})")
    m = _RELATIVE_RE.fullmatch(text) if any(mark in text for mark in _RELATIVE_MARKS) else None
    if m is not None:
        factor = (
            Span(low=Fraction(2), high=Fraction(2))
            if m.group(2)
            else _factor(m.group(1) or m.group(3), reading, tolerance)
        )
        return Value(
            text=raw,
            kind="times",
            low=math.floor(factor.low),
            high=None if factor.high is None else math.ceil(factor.high),
            detail=Detail(operand=factor),
        )
    m = _INCREMENT_RE.fullmatch(text)
    if m is not None:
        inner = m.group(1) or m.group(2) or m.group(3)
        if _basic_matches(inner):
            step = _basic(inner, inner, reading, tolerance)
            operand = step.exact or Span(
                low=Fraction(step.low), high=None if step.high is None else Fraction(step.high)
            )
            return Value(
                text=raw,
                kind="more",
                low=step.low,
                high=step.high,
                stated=step.stated,
                detail=evolve(step.detail or _COUNT, operand=operand),
            )
    if _basic_matches(text):
        return _basic(raw, text, reading, tolerance)
    if text in reading.vague_words:  # a word of the reader's own table
        vague_low, vague_high = reading.vague_words[text]
        return Value(text=raw, kind="vague", low=vague_low, high=vague_high)
    raise ValueError(_unreadable(raw, text, reading))


_BASIC_RE = LazyPattern(_BASIC)
_DIGITS_ONLY = r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,15}"
# The forms most claims use, read without the whole grammar: a count, a range or a bound of plain digits.
_PLAIN_RE = LazyPattern(rf"(?:({_PREFIX}) ?)?({_DIGITS_ONLY})|({_DIGITS_ONLY})(?: ?[-–—] ?| to )({_DIGITS_ONLY})")


def _plain(raw: str, reading: Reading, tolerance: float) -> Value | None:
    """A count, range or bound of plain digits ("3360", "700-1000", "more than 5,000"), or None for the rest.

    Large corpora write many distinct numbers, each parsed once: this keeps the common case as cheap as
    it was before the grammar grew. Anything unusual (an inverted range, fewer than 0, a number past
    the limit) is left to the full parser, which says what is wrong.
    """
    m = _PLAIN_RE.fullmatch(raw)
    if m is None:
        return None
    prefix, single, low_s, high_s = m.groups()
    if single is not None:
        n = int(single.replace(",", ""))
        kind = _PREFIXES[prefix] if prefix else "exact"
        if n > MAX_COUNT or (n == 0 and kind in ("fewer-than", "slightly-less")):
            return None
        low, high = _count_span(kind, n, reading, tolerance, raw)
        return Value(text=raw, kind=kind, low=low, high=high, stated=n)
    low, high = int(low_s.replace(",", "")), int(high_s.replace(",", ""))
    if high < low or high > MAX_COUNT:
        return None
    return Value(text=raw, kind="range", low=low, high=high)


def _basic_matches(text: str) -> bool:
    """Whether ``text`` is a value that stands on its own (the grammar's basic form, :data:`_BASIC`).

    The form is a choice of shapes, maybe followed by a period; each shape has a smaller expression of
    its own, which the parser needs anyway. Those are tried first, so that the whole form, the longest
    expression (most of a second to compile), is compiled only for text that none of them reads: a
    mistake, or a period they do not split off.
    """
    per = _PER_RE.fullmatch(text)
    if _one_shape(text) or (per is not None and _one_shape(per.group(1))):
        return True
    return _BASIC_RE.fullmatch(text) is not None


def _one_shape(text: str) -> bool:
    """Whether ``text`` is one of the basic form's shapes, without a period."""
    return bool(
        _AMOUNT_RE.fullmatch(text)
        or text in DEFAULT_VAGUE_WORDS
        or _SCALED_VAGUE_RE.fullmatch(text)
        or _BOUNDED_RE.fullmatch(text)
        or _either_or_range(text)
        or _about_range_match(text)
    )


def _either_or_range(text: str) -> re.Match[str] | None:
    """``text`` read as two values ("100 or 200") or a range ("100-200", "between 100 and 200")."""
    if _EITHER_MARK in text:
        m = _EITHER_RE.fullmatch(text)
        if m is not None:
            return m
    return _RANGE_RE.fullmatch(text) if any(mark in text for mark in _RANGE_MARKS) else None


def _about_range_match(text: str) -> re.Match[str] | None:
    """``text`` read as a range with "about" before it ("about 500-800")."""
    return _ABOUT_RANGE_RE.fullmatch(text) if any(mark in text for mark in _RANGE_MARKS) else None


def _basic(raw: str, text: str, reading: Reading, tolerance: float) -> Value:
    """A value that stands on its own: a count, share or sum, qualified, ranged or vague, maybe per period."""
    per: str | None = None
    m = _PER_RE.fullmatch(text)
    if m is not None:
        text, per = m.group(1), PERIODS[text[len(m.group(1)) + 1 :]]
    value = _unrated(raw, text, reading, tolerance)
    return value if per is None else evolve(value, detail=evolve(value.detail or _COUNT, per=per))


def _unrated(raw: str, text: str, reading: Reading, tolerance: float) -> Value:
    # One amount first: "eighty-eight" is a number, not the range "eighty" to "eight".
    m = None if _AMOUNT_RE.fullmatch(text) else _either_or_range(text)
    if m is not None:
        return _between(raw, text, m, reading)
    m = _BOUNDED_RE.fullmatch(text)
    kind: ValueKind = "exact"
    if m is not None:
        kind, text = _PREFIXES[m.group(1)], m.group(2)
    else:
        about = _about_range(raw, text, reading, tolerance)
        if about is not None:
            return about
    if _AMOUNT_RE.fullmatch(text):
        a = _amount(text)
        if a.quantity == "count":
            n = int(a.x)
            low, high = _count_span(kind, n, reading, tolerance, raw)
            return Value(text=raw, kind=kind, low=low, high=high, stated=n)
        return from_span(raw, kind, _span_of(kind, a, reading, tolerance), a.quantity, a.currency, _stated(a.x))
    m = _SCALED_VAGUE_RE.fullmatch(text)
    if m is not None and m.group(1) in reading.vague_words:
        many_low, many_high = reading.vague_words[m.group(1)]
        unit = _UNITS_OF[m.group(2)]
        return Value(text=raw, kind="vague", low=many_low * unit, high=None if many_high is None else many_high * unit)
    if text in reading.vague_words:
        vague_low, vague_high = reading.vague_words[text]
        return Value(text=raw, kind="vague", low=vague_low, high=vague_high)
    raise ValueError(_unreadable(raw, text, reading))


def _about_range(raw: str, text: str, reading: Reading, tolerance: float) -> Value | None:
    """A range read loosely ("about 500-800"): each end widened by the reach of "about"."""
    m = _about_range_match(text)
    if m is not None:
        inner = _between(raw, m.group(1), _RANGE_RE.fullmatch(m.group(1)), reading)  # type: ignore[arg-type]
        assert inner.high is not None  # two ends, by the pattern
        if inner.quantity == "count":
            low = max(0, math.floor(inner.low - inner.low * tolerance))
            return Value(text=raw, kind="about", low=low, high=math.ceil(inner.high + inner.high * tolerance))
        assert inner.exact is not None
        assert inner.exact.high is not None
        span = Span(low=inner.exact.low * (1 - _tol(tolerance)), high=inner.exact.high * (1 + _tol(tolerance)))
        return from_span(raw, "about", span, inner.quantity, inner.currency)
    return None


def _between(raw: str, text: str, m: re.Match[str], reading: Reading) -> Value:
    """A range ("700 to 1000", "between 700 and 1000", "from 1400 to more than 2000") or alternatives ("18 or 19")."""
    groups = m.groups()
    either = len(groups) == 2
    if either:
        left, right, open_ = groups[0], groups[1], False
    else:
        left, right = groups[0] or groups[2] or groups[4], groups[1] or groups[3] or groups[6]
        open_ = groups[5] is not None
    left, right = _same_marks(left, right)
    a, b = _amount(left), _amount(right)
    if (a.quantity, a.currency) != (b.quantity, b.currency):
        raise ValueError(f"{raw!r}: both ends must be the same kind of number (both counts, shares or one currency)")
    if either:
        a, b = (a, b) if a.x <= b.x else (b, a)
    elif b.x < a.x:
        raise ValueError(f"range {raw!r} is inverted: write the smaller number first ({_show(b.x)}-{_show(a.x)})")
    kind: ValueKind = "either" if either else "range"
    if a.quantity == "count":
        return Value(text=raw, kind=kind, low=int(a.x), high=None if open_ else int(b.x))
    return from_span(raw, kind, Span(low=a.x, high=None if open_ else b.x), a.quantity, a.currency)


def _show(x: Fraction) -> str:
    return str(int(x)) if x.denominator == 1 else str(float(x))


def _factor(text: str, reading: Reading, tolerance: float) -> Span:
    """The factor of a relative value: "3", "1.5", "40 or 50", "2-3", "about 40", "several"."""
    m = _FACTOR_RE.fullmatch(text)
    assert m is not None  # guarded by _RELATIVE_RE
    about, either_a, either_b, range_a, range_b, prefix, bounded, single, multiplier = m.groups()
    if multiplier is not None:
        if multiplier not in reading.vague_words:
            raise ValueError(f"{text!r}: the word {multiplier!r} is not in the vague-word table")
        many_low, many_high = reading.vague_words[multiplier]
        return Span(low=Fraction(many_low), high=None if many_high is None else Fraction(many_high))
    if single is not None:
        x, _ = _decimal(single)
        return Span(low=x, high=x)
    if prefix is not None:
        x, _ = _decimal(bounded)
        kind = _PREFIXES[prefix]
        if kind == "fewer-than" and x == 0:
            raise ValueError(f"{text!r}: no factor is fewer than 0")
        return _span_of(kind, _Amount(x, "count", None, None), reading, tolerance)
    low, _ = _decimal(either_a or range_a)
    high, _ = _decimal(either_b or range_b)
    if either_a is not None and high < low:
        low, high = high, low
    if high < low:
        raise ValueError(f"range {text!r} is inverted: write the smaller factor first")
    if about is not None:
        return Span(low=low * (1 - _tol(tolerance)), high=high * (1 + _tol(tolerance)))
    return Span(low=low, high=high)


#: Forms named in "did you mean" hints, each with the example it is shown with.
_EXAMPLES = (
    *(f"{p} 541" for p in _PREFIXES if p != "~"),
    *MULTIPLIERS,
    *(f"{w} hundred" for w in MULTIPLIERS),
    *SHARE_WORDS,
    "18 or 19",
    "between 700 and 1000",
    "from 1400 to more than 2000",
    "22.8%",
    "US$2 billion",
    "$1,500 a month",
    "several times",
    "11 more",
)


def _unreadable(raw: str, text: str, reading: Reading) -> str:
    """The message for a wording the grammar does not know, naming the nearest valid form."""
    candidates = [*_EXAMPLES, *reading.vague_words]
    # Compare the words before the first number with the qualifiers, so "aproximately 500" finds "approximately".
    lead = re.match(r"([^0-9$€£₽]*?) ?([0-9$€£₽].*)?$", text)
    hint = ""
    if lead is not None and lead.group(2) and lead.group(1):
        close = difflib.get_close_matches(lead.group(1), list(_PREFIXES), n=1, cutoff=0.7)
        if close and close[0] != lead.group(1):
            hint = f"did you mean {close[0] + ' ' + lead.group(2)!r}? "
    if not hint:
        close = difflib.get_close_matches(text, candidates, n=1, cutoff=0.7)
        if close:
            hint = f"did you mean {close[0]!r}? "
    vague = sorted(reading.vague_words)
    # The whole list would push the forms out of a bounded message: a few, and where the rest are.
    words = ", ".join(vague[:4]) + (f"… {len(vague)} in all, see docs/claim-files.md" if len(vague) > 4 else "")
    return (
        f"{raw!r} is not a value claimcheck can read: {hint}write a count (3360), a range (700-1000, 18 or 19), "
        f"a bound (at least 541, more than 5000, just under 2000), about 90000, a share (22.8%, two-thirds), "
        f"money (US$2 billion), a factor (several times), an increment (11 more) or a vague word ({words})"
    )
