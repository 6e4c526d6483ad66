"""Estimates of a figure's true value (low / best / high, as UCDP gives them), by named policies.

A number without its reasons is one more claim. Each policy says, in words,
why its low, best and high are what they are, and which claims it rests on.
Policies are swappable: anything with a ``name`` and an ``estimate`` method
of the :class:`EstimatePolicy` shape can be passed to
:func:`claimcheck.reconcile`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from graphlib import CycleError, TopologicalSorter
from typing import Protocol

import attrs
from attrs import field, frozen

from .dates import DateSpan
from .measures import DEFAULT_MEASURES
from .model import Corpus, Figure, Relation
from .quantities import unit_kind
from .rules import DEFAULT_RULES, Rule, RuleTable
from .values import Span
from .wording import WordedWhenRead, Wording, worded

__all__ = [
    "LOSS_MEASURES",
    "BestPolicy",
    "BoundsPolicy",
    "ClaimView",
    "Estimate",
    "EstimatePolicy",
    "Relation",
    "Rule",
    "RuleTable",
    "central",
    "point_of",
    "with_structure",
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
    #: How the figure was counted (a claim's ``method``; an enumeration also sets ``enumeration``).
    method: str = "assertion"
    #: What the figure counts the loss of (``none``: no loss); ``None``: decide by ``loss`` and the measure.
    losses: str | None = None
    #: When the claim was made or what it covers; ``None``: not known.
    covers: DateSpan | None = None

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
    points = sorted([point_of(c.low, c.high) for c in claims])
    return points[(len(points) - 1) // 2]  # the lower median


def point_of(low: int, high: int | None) -> int:
    """The middle of a bounded interval, or its lower end when it is open above."""
    return low if high is None else (low + high) // 2


@frozen(kw_only=True, repr=False)
class Estimate(WordedWhenRead):
    """What can honestly be said of a figure's true value, and why.

    ``reasons`` is given as text or as a :data:`~claimcheck.wording.Wording` of it, worded when first
    read (see :mod:`claimcheck.wording`); either way :attr:`reasons` is the text.
    """

    policy: str
    low: int | None
    best: int | None
    high: int | None
    _reasons: tuple[str, ...] | Wording[tuple[str, ...]] = field(alias="reasons", eq=worded, repr=False)
    claims: tuple[str, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        """One sentence each for low, best and high."""
        text: tuple[str, ...] = self._read("_reasons")
        return text


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


#: Measures of the default table that count a side's losses (for a claim view that does not say what its figure
#: counts the loss of).
LOSS_MEASURES = frozenset(m.word for m in DEFAULT_MEASURES if m.loss)
_KIND_OF_MEASURE = {m.word: m.kind for m in DEFAULT_MEASURES if m.loss}


def _about(figure: Figure, claim: ClaimView) -> str:
    """What the figure counts the loss of, as the rule table names it (``none``: no loss)."""
    if claim.losses is not None:
        return claim.losses
    if figure.of is None or claim.loss is False or (claim.loss is None and figure.measure not in LOSS_MEASURES):
        return "none"
    return _KIND_OF_MEASURE.get(figure.measure, "other")


def _form(claim: ClaimView) -> str:
    if claim.vague:
        return "vague"
    if claim.hedged:
        return "hedged"
    return "open" if claim.high is None else "firm"


def _counted(claim: ClaimView) -> str:
    if claim.enumeration or claim.places:
        return "enumeration"
    return claim.method


def _cited(cites: Mapping[str, tuple[str, str]], claims: Sequence[ClaimView]) -> str:
    """The claims with the rule each fell under: ``rule rule-id: claimant (claim-id), ...; rule other-rule: ...``.

    ``cites`` gives each claim's rule id and name in the reasons, made once per estimate (a claim is cited
    in more than one reason).
    """
    if len(claims) == 1:  # the common case of a floor or a ceiling: one claim
        rule, name = cites[claims[0].id]
        return f"rule {rule}: {name}"
    by_rule: dict[str, list[str]] = {}
    for rule, name in sorted({cites[c.id] for c in claims}):
        by_rule.setdefault(rule, []).append(name)
    return "; ".join(f"rule {rule}: {', '.join(names)}" for rule, names in by_rule.items())


@frozen
class BestPolicy:
    """The default policy: each claim is used as the rule table says (floor, ceiling, central value or nothing).

    - low: the largest floor; without one, the lowest of the credible estimates (the claims the table
      uses as a ceiling), as UCDP's low is; none when there is neither.
    - high: the largest ceiling, raised to the low if below it; none (unbounded) without a credible
      ceiling or when a ceiling is open above. On a running total a ceiling dated before another
      claim no longer bounds the total.
    - best: the central value (:func:`central`) of third-party claims the table uses for a central
      value, else of all such claims, moved into [low, high]; none without one.

    ``rules`` is the table (:data:`claimcheck.rules.DEFAULT_RULES` unless given); every reason names the
    rule and the claims it rests on. Declared structure (parts, ``at-most``) refines the estimates of a
    whole corpus afterwards: see :func:`with_structure`.
    """

    name: str = "best"
    rules: RuleTable = DEFAULT_RULES

    def rule_of(self, figure: Figure, claim: ClaimView) -> Rule:
        """The rule of the table that decides what ``claim`` is used for."""
        facts = (claim.relation, claim.monitor, claim.official, _counted(claim), _about(figure, claim), _form(claim))
        return self.rules.decide(facts)

    def estimate(self, figure: Figure, claims: Sequence[ClaimView]) -> Estimate:
        rule_ids: dict[str, str] = {}
        floors: list[ClaimView] = []
        ceilings: list[ClaimView] = []
        centres: list[ClaimView] = []
        unused: list[ClaimView] = []
        for c in claims:
            rule = self.rule_of(figure, c)
            rule_ids[c.id] = rule.id
            uses = rule.uses
            if not uses:
                unused.append(c)
                continue
            if "floor" in uses:
                floors.append(c)
            if "ceiling" in uses:
                ceilings.append(c)
            if "best" in uses:
                centres.append(c)
        credible = list(ceilings)
        outdated: list[ClaimView] = []
        if figure.cumulative:
            # A running total grows: a ceiling said before another claim does not bound the later total.
            # Said before another claim: its last day is before the latest first day of any claim.
            starts = [c.covers.earliest for c in claims if c.covers is not None and c.covers.earliest is not None]
            last_start = max(starts, default=None)
            if last_start is not None:
                outdated = [
                    c for c in ceilings if c.covers is not None and (c.covers.latest or last_start) < last_start
                ]
            if outdated:
                gone = {c.id for c in outdated}
                ceilings = [c for c in ceilings if c.id not in gone]
        low: int | None = None
        if floors:
            low = max(c.low for c in floors)
        elif credible:
            # UCDP's low: with nothing that proves a minimum, the lowest of the credible outside estimates.
            low = min(c.low for c in credible)
        top: int | None = None
        high: int | None = None
        if ceilings and all(c.high is not None for c in ceilings):
            top = max(c.high for c in ceilings if c.high is not None)
            high = top if low is None else max(top, low)
        third = [c for c in centres if c.relation == "third-party"]
        group = third or centres
        median = central(group) if group else None
        best = None if median is None else _within(median, low, high)

        def reasons() -> tuple[str, str, str]:
            """Why low, best and high are what they are, worded when read."""
            cites = {c.id: (rule_ids[c.id], f"{c.claimant} ({c.id})") for c in claims}
            aside = f"; set aside: {_cited(cites, unused)}" if unused else ""
            if floors:
                low_reason = (
                    f"low: {_fmt(low)}, the largest floor ({_cited(cites, [c for c in floors if c.low == low])})"
                )
            elif credible:
                lowest = _cited(cites, [c for c in credible if c.low == low])
                low_reason = f"low: {_fmt(low)}, the lowest credible estimate, as no claim is a hard floor ({lowest})"
                low_reason += aside
            else:
                low_reason = f"low: none, no credible floor{aside}"
            if not ceilings:
                late = f"; ceilings said before later claims no longer bound the total: {_who(outdated)}"
                high_reason = f"high: none, no credible ceiling{late if outdated else aside}"
            elif top is None:
                open_ = [c for c in ceilings if c.high is None]
                rules = ", ".join(sorted({rule_ids[c.id] for c in open_}))
                high_reason = f"high: none, no credible upper bound ({_who(open_)} set none; rule {rules})"
            else:
                raised = "" if high == top else f", raised to the low bound {_fmt(low)}"
                source = _cited(cites, [c for c in ceilings if c.high == top])
                high_reason = f"high: {_fmt(high)}, the largest ceiling ({source}){raised}"
            if median is None:
                nothing = "" if floors or ceilings else "no credible basis for an estimate: "
                best_reason = f"best: none, {nothing}no claim gives a credible central value{aside}"
            else:
                moved = "" if best == median else f", moved from {_fmt(median)} to lie within low and high"
                label = "third-party claims" if third else "the claims used for a central value"
                best_reason = f"best: {_fmt(best)}, the median of {label} ({_cited(cites, group)}){moved}"
            return low_reason, best_reason, high_reason

        return Estimate(
            policy=self.name,
            low=low,
            best=best,
            high=high,
            reasons=reasons,
            claims=tuple(sorted(c.id for c in claims)),
        )


def _within(value: int, low: int | None, high: int | None) -> int:
    value = value if low is None else max(value, low)
    return value if high is None else min(value, high)


def with_structure(corpus: Corpus, estimates: Mapping[str, Estimate | None]) -> dict[str, Estimate | None]:
    """The estimates refined by the corpus's declared structure, in one pass over the figure graph.

    A whole's floor is at least the sum of its parts' floors, and its best is the sum of its parts'
    bests when it has none of its own; a part's ceiling is at most its whole's; ``A at-most B`` caps
    A's high by B's and raises B's low to A's. Figures are visited parts before wholes (bounded before
    bounds) for lows and bests, then the other way for highs; only figures of one kind of quantity are
    linked, and a loop (which loading refuses) is left alone. Each reason that changes names the figures used.
    """
    figures = {f.id: f for f in corpus.figures}
    result = dict(estimates)

    def linked(a: str, b: str) -> bool:
        fa, fb = figures.get(a), figures.get(b)
        return fa is not None and fb is not None and unit_kind(fa.unit) == unit_kind(fb.unit)

    wholes: dict[str, list[str]] = {}  # part -> the wholes it is a part of
    below: dict[str, list[str]] = {f: [] for f in figures}  # figure -> figures that must be done first for lows
    for f in figures.values():
        for part in f.parts:
            if linked(part, f.id):
                below[f.id].append(part)
                wholes.setdefault(part, []).append(f.id)
        for bound in f.at_most:
            if linked(bound, f.id):
                below[bound].append(f.id)
    try:
        order = list(TopologicalSorter(below).static_order())
    except CycleError:
        return result
    for fid in order:
        est, fig = result.get(fid), figures.get(fid)
        if est is None or fig is None:
            continue
        est = _from_parts(fig, est, result)
        for smaller in (f for f in below[fid] if f not in fig.parts):
            other = result.get(smaller)
            if other is not None and other.low is not None and (est.low is None or other.low > est.low):
                est = _changed(
                    est,
                    low=other.low,
                    why=f"low: {_fmt(other.low)}, raised to the low of {smaller}, which it is at least (at-most)",
                )
        result[fid] = est
    for fid in reversed(order):
        est, fig = result.get(fid), figures.get(fid)
        if est is None or fig is None:
            continue
        caps = [(w, "its whole") for w in wholes.get(fid, ())]
        caps += [(b, "which bounds it (at-most)") for b in fig.at_most if linked(fid, b)]
        for bound, how in sorted(caps):
            other = result.get(bound)
            if other is not None and other.high is not None and (est.high is None or other.high < est.high):
                est = _changed(est, high=other.high, why=f"high: {_fmt(other.high)}, the high of {bound}, {how}")
        result[fid] = est
    return result


def _from_parts(figure: Figure, est: Estimate, estimates: Mapping[str, Estimate | None]) -> Estimate:
    parts = [(p, estimates.get(p)) for p in figure.parts]
    floors = [(p, e.low) for p, e in parts if e is not None and e.low is not None]
    if floors:
        total = sum(n for _, n in floors)
        if est.low is None or total > est.low:
            terms = " + ".join(f"{_fmt(n)} ({p})" for p, n in floors)
            est = _changed(est, low=total, why=f"low: {_fmt(total)}, the sum of its parts' floors: {terms}")
    bests = [(p, e.best) for p, e in parts if e is not None and e.best is not None]
    if est.best is None and bests and len(bests) == len(figure.parts):
        total = sum(n for _, n in bests)
        terms = " + ".join(f"{_fmt(n)} ({p})" for p, n in bests)
        est = _changed(est, best=total, why=f"best: {_fmt(total)}, the sum of its parts' best estimates: {terms}")
    return est


def _changed(
    est: Estimate, *, why: str, low: int | None = None, best: int | None = None, high: int | None = None
) -> Estimate:
    """``est`` with one of low, best or high replaced and its reason with it; the others kept in order."""
    new_low = est.low if low is None else low
    new_high = est.high if high is None else high
    new_best = est.best if best is None else best
    reasons = list(est.reasons)
    slot = 0 if low is not None else (1 if best is not None else 2)
    reasons[slot] = why
    if new_low is not None and new_high is not None and new_high < new_low:
        # Structure and claims disagree (the parts' floors pass the whole's ceiling): the floor stands.
        new_high = new_low
        reasons[2] = f"high: {_fmt(new_low)}, raised to the low bound ({reasons[2]})"
    if new_best is not None:
        moved = _within(new_best, new_low, new_high)
        if moved != new_best:
            reasons[1] = f"best: {_fmt(moved)}, moved from {_fmt(new_best)} to lie within low and high"
            new_best = moved
    return attrs.evolve(est, low=new_low, best=new_best, high=new_high, reasons=tuple(reasons))
