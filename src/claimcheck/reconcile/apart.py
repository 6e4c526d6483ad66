"""How far apart two claims are: the ratio, the span and the severity they make."""

from __future__ import annotations

import math

from ..findings import Severity


def _span(low: int, high: int | None) -> str:
    if high == low:
        return f"{low:,}"
    return f"at least {low:,}" if high is None else f"{low:,}–{high:,}"


def _worded(text: str) -> str:
    """A value as its claimant worded it, in quotes, so a reader tells it from a number the tool computed."""
    return f'"{text}"'


def _whose(name: str) -> str:
    """A name in the possessive: "am-gov's", "azerbaijani-sources'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _ratio(small: int, large: int) -> float:
    """How many times larger ``large`` is than ``small`` (at least 1; inf when small is 0)."""
    if small <= 0:
        return math.inf if large > 0 else 1.0
    return large / small


def _severity_of_ratio(ratio: float) -> Severity:
    if ratio >= 2:
        return "high"
    if ratio >= 1.25:
        return "medium"
    return "low"
