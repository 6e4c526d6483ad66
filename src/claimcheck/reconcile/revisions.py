"""Revisions and regressions: an actor changing its own figure, and running totals that go down."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from ..estimate import ClaimView
from ..findings import Finding, Severity
from ..model import Claim, Figure
from .apart import _ratio, _worded
from .voices import _spoke


def _revisions(
    claim_of: dict[str, Claim], figure: Figure, claims: Sequence[ClaimView], findings: list[Finding]
) -> None:
    revisions = [(c, revised) for c in claims if (revised := claim_of[c.id].supersedes) is not None]
    if not revisions:
        return
    by_id = {v.id: v for v in claims}
    for c, old_id in revisions:
        old = by_id[old_id]
        before, after = old.point, c.point
        ratio = _ratio(min(before, after), max(before, after)) if before != after else 1.0
        code, severity, message = _change(figure, old, c, claim_of)
        findings.append(
            Finding(
                code=code,
                severity=severity,
                figure=figure.id,
                claims=(old.id, c.id),
                ratio=None if math.isinf(ratio) else round(ratio, 4),
                gap=abs(after - before),
                message=message,
            )
        )


def _change(figure: Figure, old: ClaimView, new: ClaimView, claim_of: dict[str, Claim]) -> tuple[str, Severity, str]:
    """Whether a claim that supersedes another restates, updates or revises it: code, severity and message.

    The same value is a restatement. On a running total, a larger value for a later moment is an update
    (the count grew); a revision is a change of the figure for the same moment, or a running total going down.
    """
    if (old.low, old.high) == (new.low, new.high) or (old.vague == new.vague and old.point == new.point):
        said = _worded(old.text) if old.text == new.text else f"{_worded(old.text)} as {_worded(new.text)}"
        return "restatement", "info", f"{_spoke([new])} restated {said}: the same value, not a revision."
    before, after = old.point, new.point
    if figure.cumulative and after > before and claim_of[old.id].covers.before(claim_of[new.id].covers):
        return (
            "update",
            "info",
            f"{_spoke([new])} updated {_its(new)} running total up, from {_worded(old.text)} "
            f"({claim_of[old.id].covers}) to {_worded(new.text)} ({claim_of[new.id].covers}).",
        )
    direction = "up" if after > before else "down" if after < before else "without changing its central value"
    severity: Severity = "medium" if after < before and figure.cumulative else "info"
    return (
        "revision",
        severity,
        (f"{_spoke([new])} revised {_its(new)} figure {direction}, from {_worded(old.text)} to {_worded(new.text)}."),
    )


def _regressions(
    figure: Figure, current: Sequence[ClaimView], claim_of: dict[str, Claim], findings: list[Finding]
) -> None:
    """A voice's own running total falling below what it said earlier, without a revision.

    Between different voices the same situation is a contradiction; within
    one voice it is a regression (an explicit ``supersedes`` is a revision).
    """
    dates = {c.id: claim_of[c.id].covers for c in current}
    by_voice: dict[str, list[ClaimView]] = defaultdict(list)
    for c in current:
        if dates[c.id].earliest is not None and dates[c.id].latest is not None:
            by_voice[c.voice].append(c)
    for voice in sorted(by_voice):
        dated = sorted(by_voice[voice], key=lambda c: (dates[c.id].earliest, c.id))
        by_end = sorted(dated, key=lambda c: (dates[c.id].latest, c.id))
        established: ClaimView | None = None
        i = 0
        for c in dated:
            start = dates[c.id].earliest
            while i < len(by_end) and dates[by_end[i].id].latest < start:  # type: ignore[operator]
                prev = by_end[i]
                if established is None or prev.low > established.low:
                    established = prev
                i += 1
            if established is None or c.high is None or c.high >= established.low:
                continue
            findings.append(
                Finding(
                    code="regression",
                    severity="medium",
                    figure=figure.id,
                    claims=(established.id, c.id),
                    gap=established.low - c.high,
                    ratio=round(_ratio(c.high, established.low), 4) if c.high > 0 else None,
                    message=f"{c.claimant} gives {_worded(c.text)} as of {dates[c.id]}, below the "
                    f"{established.low:,} that {established.claimant} (same voice: {voice}) gave as of "
                    f"{dates[established.id]} for this running total.",
                )
            )


def _its(claim: ClaimView) -> str:
    """The possessive a claim's speakers take: "its" for one claimant, "their" for a joint statement."""
    return "their" if len(claim.claimants) > 1 else "its"
