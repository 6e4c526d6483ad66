"""Place lists: named settlements whose count and names must agree, compared across claimants."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import partial
from itertools import combinations

from ..estimate import ClaimView
from ..findings import Finding
from ..model import Claim, Figure


def _places(claim_of: dict[str, Claim], figure: Figure, current: Sequence[ClaimView], findings: list[Finding]) -> None:
    listed = [c for c in current if c.places]
    if not listed:
        return
    for c in listed:
        value = claim_of[c.id].value
        if value is None:
            continue
        count = len(c.places)
        if value.contains(count):
            continue
        too_many = value.high is not None and count > value.high
        findings.append(
            Finding(
                code="count-names-mismatch",
                severity="medium" if too_many else "info",
                figure=figure.id,
                claims=(c.id,),
                gap=abs(count - (value.high if too_many else value.low)),  # type: ignore[operator]
                message=f"{c.claimant} gives {value.text} but names {count} place(s)"
                + (": more names than the count allows." if too_many else ": the list is partial."),
            )
        )
    # One comparison per pair of voices, each voice's lists taken together: linear in claims.
    lists: dict[str, list[ClaimView]] = defaultdict(list)
    for c in listed:
        lists[c.voice].append(c)
    named: dict[str, set[str]] = {voice: set().union(*(c.places for c in claims)) for voice, claims in lists.items()}
    for va, vb in combinations(sorted(lists), 2):
        only_a, only_b = sorted(named[va] - named[vb]), sorted(named[vb] - named[va])
        if not only_a and not only_b:
            continue
        findings.append(
            Finding(
                code="place-lists-differ",
                severity="low",
                figure=figure.id,
                claims=tuple(sorted(c.id for c in (*lists[va], *lists[vb]))),
                gap=len(only_a) + len(only_b),
                message=partial(_lists_differ, ((va, only_a), (vb, only_b))),
            )
        )


def _lists_differ(lists: Sequence[tuple[str, Sequence[str]]]) -> str:
    """The message of place lists that differ: the places only each voice lists."""
    parts = [f"only {voice} lists {', '.join(only)}" for voice, only in lists if only]
    return f"The place lists differ: {'; '.join(parts)}."
