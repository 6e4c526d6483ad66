"""Estimates of a figure's true value (low / best / high, as UCDP gives them), by named policies.

A number without its reasons is one more claim. Each policy says, in words,
why its low, best and high are what they are, and which claims it rests on.
Policies are swappable: anything with a ``name`` and an ``estimate`` method
of the :class:`EstimatePolicy` shape can be passed to
:func:`claimcheck.reconcile`.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from typing import Protocol

from attrs import frozen

from .measures import DEFAULT_MEASURES
from .model import Figure, Relation
from .values import Span

__all__ = [
    "LOSS_MEASURES",
    "BestPolicy",
    "BoundsPolicy",
    "ClaimView",
    "Estimate",
    "EstimatePolicy",
    "Relation",
    "central",
    "point_of",
]



@frozen(kw_only=True)
class ClaimView:
    """A claim as reconciliation sees it: normalised, placed, and related to the figure.

    ``voice`` is the original claimant at the top of its parent chain: a
    ministry and its government speak with one voice. ``relation`` says
    whose losses the claimant reports: its own side's (``self``), another
    party's on its side (``ally``), the enemy's (``adversary``), or neither
    (``third-party``); ``unrelated`` when the figure has no ``of``.
    ``official`` says whether the claimant speaks for its side (a former
    official does not: its figure of its side's losses is no admission).
    """

    id: str
    claimant: str
    #: The value as worded ("more than 5000"), or the number of places named.
    text: str
    voice: str
    side: str | None
    relation: Relation
    low: int
    high: int | None
    vague: bool
    monitor: bool
    places: tuple[str, ...]
    #: The claim that superseded this one, if any (a revised claim is no longer its claimant's position).
    superseded_by: str | None
    #: The first claim of the same statement when this one repeats it (``same-as``) or is another claimant's
    #: part of a joint statement (``joint-with``).
    repeat_of: str | None
    #: The exact interval of a share or a sum of money (``low`` and ``high`` are the whole numbers around it).
    exact: Span | None = None
    #: Whether the claimant speaks for its side (see :meth:`claimcheck.model.Corpus.standing_of`).
    official: bool = True
    #: Whether the wording hedges ("probably", "could be"): no firm statement.
    hedged: bool = False
    #: Whether the figure was counted item by item (a named list, a registration...): a floor, whoever counted.
    enumeration: bool = False
    #: Whether the figure counts a loss of its ``of`` (from the measure table); ``None``: decide by
    #: :data:`LOSS_MEASURES`.
    loss: bool | None = None
    #: The claim in which the claimant disowns this attribution, if any: the claim is not its voice.
    disowned_by: str | None = None
    #: Everyone who made the statement (a joint statement has several); empty means ``(claimant,)``.
    claimants: tuple[str, ...] = ()

    @property
    def current(self) -> bool:
        """Whether the claim is its claimant's standing position: not revised, not a repeat, not disowned."""
        return self.superseded_by is None and self.repeat_of is None and self.disowned_by is None

    @property
    def point(self) -> int:
        """One number standing for the claim: see :func:`point_of`."""
        return point_of(self.low, self.high)


def central(claims: Iterable[ClaimView]) -> int:
    """The central value of claims: the lower median of their points, the one rule for a best estimate and
    for the sides' figures a partisan gap compares (never empty)."""
    return int(statistics.median_low(sorted(c.point for c in claims)))


def point_of(low: int, high: int | None) -> int:
    """The middle of a bounded interval, or its lower end when it is open above."""
    return low if high is None else (low + high) // 2


@frozen(kw_only=True)
class Estimate:
    """What can honestly be said of a figure's true value, and why."""

    policy: str
    low: int | None
    best: int | None
    high: int | None
    #: One sentence each for low, best and high.
    reasons: tuple[str, ...]
    claims: tuple[str, ...]


class EstimatePolicy(Protocol):
    """What a policy is: a name, and a rule from a figure's current claims to an estimate."""

    @property
    def name(self) -> str: ...

    def estimate(self, figure: Figure, claims: Sequence[ClaimView]) -> Estimate:
        """Estimate ``figure`` from its current claims (never empty)."""
        ...


def _fmt(n: int | None) -> str:
    return "unbounded" if n is None else f"{n:,}"


def _who(claims: Sequence[ClaimView]) -> str:
    return ", ".join(sorted({f"{c.claimant} ({c.id})" for c in claims}))


@frozen
class BoundsPolicy:
    """The envelope of the claims: never beyond what some claim allows.

    low is the smallest count any claim allows, high the largest (unbounded
    if any claim is open above), best the median of the claims' points.
    """

    name: str = "bounds"

    def estimate(self, figure: Figure, claims: Sequence[ClaimView]) -> Estimate:
        low = min(c.low for c in claims)
        high = None if any(c.high is None for c in claims) else max(c.high for c in claims if c.high is not None)
        best = central(claims)
        lowest = [c for c in claims if c.low == low]
        reasons = [f"low: {_fmt(low)} is the smallest count any claim allows ({_who(lowest)})"]
        reasons.append(f"best: {_fmt(best)} is the median of the {len(claims)} claims' central values")
        if high is None:
            open_ = [c for c in claims if c.high is None]
            reasons.append(f"high: unbounded, because some claims set no upper limit ({_who(open_)})")
        else:
            highest = [c for c in claims if c.high == high]
            reasons.append(f"high: {_fmt(high)} is the largest count any claim allows ({_who(highest)})")
        return Estimate(
            policy=self.name,
            low=low,
            best=best,
            high=high,
            reasons=tuple(reasons),
            claims=tuple(sorted(c.id for c in claims)),
        )


#: Measures of the default table that count a side's losses: a side's own figure for these is a floor.
LOSS_MEASURES = frozenset(m.word for m in DEFAULT_MEASURES if m.loss)


@frozen
class BestPolicy:
    """The default policy: weigh claims by who makes them and about whose losses.

    - low: the largest *hard lower bound*: a monitor's count, a named list,
      an enumeration (a registration, identified bodies, visually confirmed
      items), or, for losses (killed, destroyed...), a side's official
      admission of its own (sides downplay their own losses, so what they
      admit is a floor; a former official or an opposition voice does not
      speak for the side). A hedged claim is no hard bound. Without one, the
      smallest count any claim allows.
    - high: for losses, the largest upper limit among third-party claims:
      neither a side's own figure (downplayed) nor its adversary's
      (exaggerated) is a credible ceiling. For other figures, the largest
      limit among non-adversary claims. Unbounded when such a claim is open
      above, or when none sets a limit.
    - best: the median of third-party claims' central values, else of the
      other non-adversary claims, kept within low and high; none when only
      adversaries or vague words speak.
    """

    name: str = "best"

    def estimate(self, figure: Figure, claims: Sequence[ClaimView]) -> Estimate:
        loss = next((c.loss for c in claims if c.loss is not None), None)
        losses = figure.of is not None and (figure.measure in LOSS_MEASURES if loss is None else loss)
        hard = [
            c
            for c in claims
            if not c.vague
            and not c.hedged
            and (c.monitor or c.places or c.enumeration or (losses and c.relation == "self" and c.official))
        ]
        if hard:
            low = max(c.low for c in hard)
            kinds = (
                "monitor counts, named lists, a side's own admitted losses"
                if losses
                else ("monitor counts, named lists")
            )
            low_reason = (
                f"low: {_fmt(low)}, the largest hard lower bound ({kinds}: {_who([c for c in hard if c.low == low])})"
            )
        else:
            low = min(c.low for c in claims)
            low_reason = f"low: {_fmt(low)}, the smallest count any claim allows; no claim serves as a hard floor"
        if losses:
            ceilings = [c for c in claims if c.relation == "third-party"]
            nobody = "no third-party claim: a side's own figure is a floor and its adversary's is no ceiling"
        else:
            ceilings = [c for c in claims if c.relation != "adversary"]
            nobody = "the only claims are adversary claims"
        high: int | None = None
        if not ceilings:
            high_reason = f"high: no credible upper bound ({nobody})"
        elif any(c.high is None for c in ceilings):
            open_ = [c for c in ceilings if c.high is None]
            high_reason = f"high: no credible upper bound ({_who(open_)} set none)"
        else:
            top = max(c.high for c in ceilings if c.high is not None)
            high = max(top, low)
            source = _who([c for c in ceilings if c.high == top])
            raised = "" if high == top else f", raised to the low bound {_fmt(low)}"
            which = "third-party" if losses else "non-adversary"
            high_reason = f"high: {_fmt(high)}, the largest limit among {which} claims ({source}){raised}"
        best: int | None = None
        best_reason = "best: none, because only adversary claims or vague words give a value"
        third = [c for c in claims if c.relation == "third-party" and not c.vague]
        own = [c for c in claims if c.relation in ("self", "unrelated") and not c.vague]
        for label, group in (("third-party", third), ("self-report and unrelated", own)):
            if group:
                median = central(group)
                best = min(max(median, low), high) if high is not None else max(median, low)
                moved = "" if best == median else f", moved from {_fmt(median)} to lie within low and high"
                best_reason = f"best: median of {label} claims ({_who(group)}){moved}"
                break
        reasons = [low_reason, best_reason, high_reason]
        return Estimate(
            policy=self.name,
            low=low,
            best=best,
            high=high,
            reasons=tuple(reasons),
            claims=tuple(sorted(c.id for c in claims)),
        )
