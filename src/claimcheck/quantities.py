"""What a figure measures, values that agree with it, and values computed from other claims.

A figure's ``unit`` says what kind of quantity it is: a count of people or
things (``people``, ``tanks``: the default), a share (``percent``), a sum of
money (an ISO 4217 code such as ``USD``), or a rate of either (``USD per
month``, ``shells per day``). A value's marks must agree with it: ``22.8%``
belongs on a share, ``US$2 billion`` on a figure in USD, ``$1,500 a month``
on a rate per month; figures linked as parts or bounds, and claims linked by
``relative-to``, must be of one kind, so a share is never compared with a
count, nor money with people.

Values relative to another claim (``several times`` with ``relative-to``)
and increments (``11 more`` with ``adds-to``) get their interval here, once
every claim is loaded: in dependency order, in exact arithmetic, with loops
reported as ``cycle`` problems.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

from attrs import evolve, frozen

from .errors import Problem
from .model import Claim, Corpus, Figure
from .values import DEFAULT_READING, PERIODS, Detail, Quantity, Reading, Span, Value, from_span, parse_value

__all__ = ["UnitKind", "check_quantities", "derived_values", "unit_kind"]

_SHARES = {"percent": 100, "per cent": 100, "%": 100, "permille": 1000, "per mille": 1000, "‰": 1000}
_PERIOD_WORDS = {word.split()[-1]: period for word, period in PERIODS.items()} | {
    f"{period}s": period for period in set(PERIODS.values())
}
_RATE = re.compile(r"(.+?)(?: per |/| a )(\S+)")
_CURRENCY = re.compile(r"[A-Z]{3}")


@frozen
class UnitKind:
    """What a figure's unit measures: its quantity, the currency of money, the period of a rate."""

    quantity: Quantity
    currency: str | None = None
    per: str | None = None
    #: For a share, what the whole is written as (100 for percent, 1000 for per mille).
    whole: int | None = None

    def describe(self) -> str:
        """The kind in words, for messages: "a count", "a share", "money in USD per month"."""
        what = {"count": "a count", "share": "a share", "money": f"money in {self.currency}"}[self.quantity]
        return f"{what} per {self.per}" if self.per else what


@lru_cache(maxsize=1024)
def unit_kind(unit: str) -> UnitKind:
    """The kind of quantity a figure's unit names (see the module's docstring)."""
    per: str | None = None
    m = _RATE.fullmatch(unit.strip())
    if m is not None and m.group(1).strip().lower() not in _SHARES:
        per = _PERIOD_WORDS.get(m.group(2).lower(), m.group(2).lower())
        unit = m.group(1)
    base = unit.strip()
    if base.lower() in _SHARES:
        return UnitKind("share", None, per, _SHARES[base.lower()])
    if _CURRENCY.fullmatch(base):
        return UnitKind("money", base, per)
    return UnitKind("count", None, per)


_COUNTS = UnitKind("count")


def check_quantities(corpus: Corpus, problems: list[Problem], reading: Reading = DEFAULT_READING) -> None:
    """Check that values and linked figures agree with the figures' units, then compute derived values.

    Each relative or added value is set on its claim (claims are frozen once
    loading returns them; this is the last step of loading). Problems go to
    ``problems``.
    """
    kinds = {figure.id: unit_kind(figure.unit) for figure in corpus.figures}
    for figure in corpus.figures:
        _check_links(corpus, figure, kinds, problems)
    for claim in corpus.claims:
        value = claim.value
        if value is None or claim.figure not in kinds:
            continue
        kind = kinds[claim.figure]
        plain = value.quantity == "count" and value.per is None and not value.relative
        if kind == _COUNTS and plain and claim.relative_to is None and claim.adds_to is None:
            continue  # the usual claim: a count on a count figure
        _check_value(corpus, claim, value, kind, problems)
    for claim_id, derived in derived_values(corpus, reading, problems).items():
        object.__setattr__(corpus.claim(claim_id), "value", derived)


def _check_links(corpus: Corpus, figure: Figure, kinds: dict[str, UnitKind], problems: list[Problem]) -> None:
    """Parts, bounds and the whole of a share are figures of the right kind."""
    mine = kinds[figure.id]
    for key, others in (("parts", figure.parts), ("at-most", figure.at_most)):
        for other in others:
            theirs = kinds.get(other)
            if theirs is not None and theirs != mine:
                problems.append(
                    Problem.at(
                        figure.origin,
                        "unit-mismatch",
                        f"'{key}' names {other!r}, which measures {theirs.describe()}, but {figure.id!r} measures "
                        f"{mine.describe()}",
                        "parts and bounds compare like with like: give both figures the same kind of unit",
                    )
                )
    if figure.share_of is not None and figure.share_of in kinds:
        if mine.quantity != "share":
            problems.append(
                Problem.at(
                    figure.origin,
                    "unit-mismatch",
                    f"'share-of' is for shares, but {figure.id!r} measures {mine.describe()}",
                    "give the figure 'unit: percent'",
                )
            )
        elif kinds[figure.share_of].quantity == "share":
            problems.append(
                Problem.at(
                    figure.origin,
                    "unit-mismatch",
                    f"'share-of' names {figure.share_of!r}, which is itself a share",
                    "name the figure that counts the whole",
                )
            )


def _check_value(corpus: Corpus, claim: Claim, value: Value, kind: UnitKind, problems: list[Problem]) -> None:
    """The marks of one claim's value agree with its figure's unit."""
    figure = corpus.figure(claim.figure or "")

    def mismatch(message: str, hint: str) -> None:
        problems.append(Problem.at(claim.origin, "unit-mismatch", message, hint))

    shown = f"'value' {value.text!r}"
    if value.quantity == "share" and (kind.quantity != "share" or kind.whole != 100):
        hint = (
            "a share written with % needs 'unit: percent'"
            if kind.quantity == "share"
            else (f"give figure {figure.id!r} 'unit: percent', or write the value as {kind.describe()}")
        )
        mismatch(f"{shown} is a share, but figure {figure.id!r} measures {figure.unit!r}", hint)
    elif value.quantity == "money" and (kind.quantity != "money" or kind.currency != value.currency):
        mismatch(
            f"{shown} is money in {value.currency}, but figure {figure.id!r} measures {figure.unit!r}",
            f"give the figure 'unit: {value.currency}'"
            if kind.quantity != "money"
            else f"write the value in {kind.currency}, as the figure's unit says",
        )
    elif value.per is not None and value.per != kind.per:
        base = value.currency if value.quantity == "money" else "people" if kind.per is None else "things"
        mismatch(
            f"{shown} is a rate per {value.per}, but figure {figure.id!r} measures {figure.unit!r}",
            f"give the figure a rate unit such as '{base} per {value.per}'",
        )
    elif kind.quantity == "share" and value.quantity == "count" and not value.relative:
        whole = kind.whole or 100
        if value.low > whole or (value.high is not None and value.high > whole):
            mismatch(
                f"{shown} is more than the whole: figure {figure.id!r} is a share in {figure.unit}",
                f"a share is at most {whole}",
            )
    if value.kind == "times" and claim.relative_to is None:
        problems.append(
            Problem.at(
                claim.origin,
                "bad-value",
                f"{shown} is a factor: name the claim it multiplies",
                "add 'relative-to: <claim id>'",
            )
        )
    elif value.kind == "more" and claim.adds_to is None:
        problems.append(
            Problem.at(
                claim.origin,
                "bad-value",
                f"{shown} is an increment: name the claim of the running total it adds to",
                "add 'adds-to: <claim id>'",
            )
        )
    elif claim.relative_to is not None and value.kind != "times":
        problems.append(
            Problem.at(
                claim.origin,
                "bad-value",
                f"with 'relative-to', the value is a factor, got {value.text!r}",
                f"did you mean '{value.text} times'?",
            )
        )
    elif claim.adds_to is not None and value.kind == "times":
        problems.append(
            Problem.at(
                claim.origin,
                "bad-value",
                f"with 'adds-to', the value is the number added, got the factor {value.text!r}",
                "write the increment ('11 more'), or use 'relative-to' for a factor",
            )
        )


def derived_values(
    corpus: Corpus, reading: Reading = DEFAULT_READING, problems: list[Problem] | None = None
) -> dict[str, Value]:
    """The values of claims that are relative to, or add to, another claim, by claim id.

    Each is computed from the claim it rests on (itself computed first if it
    is derived too): a factor multiplies that claim's interval, an increment
    is added to it, both in exact arithmetic. Loops, references of the wrong
    kind and shares beyond 100% go to ``problems`` (when given) and leave
    the claim's value as written.
    """
    found: list[Problem] = [] if problems is None else problems
    derived: dict[str, Value] = {}
    pending = [c for c in corpus.claims if (c.relative_to or c.adds_to) and c.value is not None]
    if not pending:
        return derived
    state: dict[str, int] = {}  # 1 = being computed, 2 = done
    for start in sorted(pending, key=lambda c: c.id):
        stack = [start]
        while stack:
            claim = stack[-1]
            base_id = claim.relative_to or claim.adds_to
            base = corpus.get(base_id or "")
            state[claim.id] = 1
            if isinstance(base, Claim) and (base.relative_to or base.adds_to) and base.value is not None:
                if state.get(base.id) == 1:
                    # Reported at the claim whose reference closes the loop.
                    loop = [c.id for c in stack[[c.id for c in stack].index(base.id) :]] + [base.id]
                    key = "relative-to" if claim.relative_to else "adds-to"
                    found.append(Problem.at(claim.origin, "cycle", f"'{key}' loops back: {' -> '.join(loop)}"))
                    for walked in stack:
                        state[walked.id] = 2
                    stack.clear()
                    break
                if state.get(base.id) != 2:
                    stack.append(base)
                    continue
            stack.pop()
            state[claim.id] = 2
            if isinstance(base, Claim):
                value = _derive(corpus, claim, base, derived.get(base.id) or _read(base, reading), reading, found)
                if value is not None:
                    derived[claim.id] = value
    return derived


def _read(claim: Claim, reading: Reading) -> Value | None:
    """The claim's value as this reading reads its words (the loaded value itself when nothing differs)."""
    value = claim.value
    if value is None:
        return None
    return parse_value(int(value.text) if value.text.isdigit() else value.text, reading, claim.tolerance)


def _derive(
    corpus: Corpus, claim: Claim, base: Claim, base_value: Value | None, reading: Reading, problems: list[Problem]
) -> Value | None:
    """One claim's value, from the (already computed) value of the claim it rests on."""
    value = _read(claim, reading)
    mine_figure, base_figure = corpus.get(claim.figure or ""), corpus.get(base.figure or "")
    if value is None or not isinstance(mine_figure, Figure) or not isinstance(base_figure, Figure):
        return None  # a broken reference, reported by the reference checks
    if base_value is None:  # a list of places: as many as it names
        named = Fraction(len(base.places))
        span = Span(low=named, high=named)
        quantity, currency = "count", None
    else:
        span = base_value.exact or Span(
            low=Fraction(base_value.low), high=None if base_value.high is None else Fraction(base_value.high)
        )
        quantity, currency = base_value.quantity, base_value.currency
    mine, theirs = unit_kind(mine_figure.unit), unit_kind(base_figure.unit)
    key = "relative-to" if claim.relative_to else "adds-to"
    if claim.adds_to is not None and base.figure != claim.figure:
        problems.append(
            Problem.at(
                claim.origin,
                "inconsistent",
                f"'adds-to' names {base.id!r}, a claim about figure {base.figure!r}, not {claim.figure!r}",
                "an increment adds to a claim of the same running total (the same figure)",
            )
        )
        return None
    if mine != theirs:
        problems.append(
            Problem.at(
                claim.origin,
                "unit-mismatch",
                f"'{key}' names {base.id!r}, which measures {theirs.describe()}, but figure {claim.figure!r} "
                f"measures {mine.describe()}",
                "a value can rest only on a claim of the same kind of quantity",
            )
        )
        return None
    if value.kind == "times" and claim.relative_to is not None:
        operand = value.operand
    elif claim.adds_to is not None and value.kind != "times":
        # "11 more" keeps its increment as the operand; a plain "11" is the increment itself.
        operand = (
            value.operand
            or value.exact
            or Span(low=Fraction(value.low), high=None if value.high is None else Fraction(value.high))
        )
    else:
        return None  # a wording problem, reported by the checks above
    assert operand is not None
    if value.kind == "times":
        low = span.low * operand.low
        high = None if span.high is None or operand.high is None else span.high * operand.high
    else:
        low = span.low + operand.low
        high = None if span.high is None or operand.high is None else span.high + operand.high
    try:
        result = from_span(
            value.text,
            "times" if value.kind == "times" else "more",
            Span(
                low=low,
                high=high,
                low_open=span.low_open or operand.low_open,
                high_open=span.high_open or operand.high_open,
            ),
            quantity,  # type: ignore[arg-type]
            currency,
            operand=operand,
        )
    except ValueError as exc:
        problems.append(Problem.at(claim.origin, "bad-value", f"'value' {exc}", f"check '{key}: {base.id}'"))
        return None
    per = value.per or (base_value.per if base_value is not None else None)
    return evolve(result, detail=evolve(result.detail or Detail(), per=per))
