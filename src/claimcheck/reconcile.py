"""Reconciliation: per figure and proposition, the findings and the estimate, with their reasons.

The rules, stated so a sceptical reader can disagree with them (see
``docs/reconciliation.md``):

- A claim's *voice* is its claimant's top-level actor: a ministry and its
  government are one voice, and relays or repeats of a statement add no
  voice. Only a claimant's standing claims count: one it revised
  (``supersedes``) or one that repeats another (``same-as``) is set aside.
- Two claims are *comparable* when they can be about the same moment: on a
  figure that is not a running total, any two claims whose periods overlap
  (the figure fixes the period unless a claim's ``as-of`` narrows it), and,
  on a running total, claims whose as-of dates overlap at the precision
  they were given (a larger total a month later is progress).
- Two comparable claims *contradict* when their intervals share no count
  and their voices differ. One finding is made per pair of voices, naming
  the pair of claims furthest apart, so a figure with thousands of claims
  gives at most one finding per pair of claimants, not per pair of claims.
  Nor are all pairs compared to find them: voices are ranked by their
  highest floor, and each ceiling walks down the ranking only while it
  contradicts, so the work grows with the contradictions there are. Past
  :data:`PAIRED_VOICES` voices on a figure, only the pairs in which one of
  its extreme voices takes part are listed (``crowded-figure`` says so).
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import heapq
import math
import statistics
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import combinations
from operator import attrgetter

from attrs import field, frozen

from .dates import DateSpan
from .estimate import BestPolicy, ClaimView, Estimate, EstimatePolicy
from .findings import CATALOGUE, SEVERITIES, Finding, Severity, severity_rank
from .model import STANDINGS, Claim, Corpus, Figure, Proposition, Relation
from .quantities import UnitKind, derived_values, unit_kind
from .values import Reading, Value, parse_value

__all__ = [
    "FigureResult",
    "PartisanPattern",
    "PropositionResult",
    "Reconciliation",
    "reconcile",
]


@frozen(kw_only=True)
class FigureResult:
    """One figure's claims (normalised), findings and estimate."""

    figure: Figure
    claims: tuple[ClaimView, ...]
    findings: tuple[Finding, ...]
    estimate: Estimate | None
    #: Distinct original claimants among the standing claims.
    voices: tuple[str, ...]
    #: The largest ratio between contradicting claims (how contested the figure is), if any.
    spread: float | None
    #: Adversary / self ratio of central values, when both kinds of claim exist.
    partisan_ratio: float | None

    @property
    def score(self) -> tuple[float, ...]:
        """How contested the figure is, larger first: see :func:`claimcheck.score.contested_score`."""
        from .score import contested_score

        return contested_score(self)

    def _repr_html_(self) -> str:
        """The figure as compact HTML, for notebooks."""
        from .render.html import figure_card

        return figure_card(self)


@frozen(kw_only=True)
class PropositionResult:
    """One proposition: who asserts it, who denies it, and the findings."""

    proposition: Proposition
    asserted_by: tuple[str, ...]
    denied_by: tuple[str, ...]
    claims: tuple[str, ...]
    findings: tuple[Finding, ...]
    #: Who doubts it: neither an assertion nor a denial.
    doubted_by: tuple[str, ...] = ()


@frozen(kw_only=True)
class PartisanPattern:
    """How one side's claims compare with everyone else's, over all figures of losses.

    ``own_ratio`` is the geometric mean, over figures counting this side's
    losses, of its self-reports' central value divided by the other
    claimants' (below 1: it downplays its own losses). ``enemy_ratio`` is the
    same for its claims about its adversary's losses (above 1: it
    exaggerates the enemy's).
    """

    side: str
    own_ratio: float | None
    own_figures: tuple[str, ...]
    enemy_ratio: float | None
    enemy_figures: tuple[str, ...]


@frozen(kw_only=True)
class Reconciliation:
    """The result of :func:`reconcile`: every figure and proposition, and corpus-wide patterns."""

    policy: str
    figures: tuple[FigureResult, ...]
    propositions: tuple[PropositionResult, ...]
    partisan: tuple[PartisanPattern, ...]
    _by_id: dict[str, FigureResult] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {f.figure.id: f for f in self.figures})

    def _repr_html_(self) -> str:
        """The reconciliation as compact HTML, for notebooks: counts and the most contested figures."""
        from .render.html import reconciliation_card

        return reconciliation_card(self)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """All findings, figure by figure then proposition by proposition."""
        out: list[Finding] = []
        for f in self.figures:
            out.extend(f.findings)
        for p in self.propositions:
            out.extend(p.findings)
        return tuple(out)

    def select(self, code: str | Iterable[str] | None = None, severity: str | None = None) -> tuple[Finding, ...]:
        """Findings with one of the given codes and at least the given severity.

        ``code`` is a code of :data:`~claimcheck.findings.CATALOGUE` or an
        iterable of them, ``severity`` one of
        :data:`~claimcheck.findings.SEVERITIES`; ``None`` selects all. Raises
        :class:`ValueError` for an unknown code or severity (naming the
        closest known one: a typo must not select nothing silently) and
        :class:`TypeError` for arguments that are not strings.
        """
        if code is not None and not isinstance(code, str) and not isinstance(code, Iterable):
            raise TypeError(f"code must be a finding code or an iterable of them, got {type(code).__name__}")
        codes = {code} if isinstance(code, str) else (set(code) if code is not None else None)

        def require(what: str, word: object, known: Sequence[str]) -> None:
            if not isinstance(word, str):
                raise TypeError(f"a {what} is a str, got {word!r} ({type(word).__name__})")
            if word not in known:
                close = difflib.get_close_matches(word, known, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"one of {', '.join(known)}"
                raise ValueError(f"unknown {what} {word!r} ({hint})")

        for word in sorted(codes or (), key=str):  # sorted: the same typo is named whatever the set order
            require("finding code", word, tuple(kind.code for kind in CATALOGUE))
        if severity is not None:
            require("severity", severity, SEVERITIES)
        floor = severity_rank(severity) if severity is not None else 0
        return tuple(
            f for f in self.findings if (codes is None or f.code in codes) and severity_rank(f.severity) >= floor
        )

    def figure(self, figure_id: str) -> FigureResult:
        """The result for one figure; raises KeyError if the corpus has no such figure."""
        try:
            return self._by_id[figure_id]
        except KeyError:
            raise KeyError(f"no figure with id {figure_id!r}") from None

    def most_contested(self, n: int = 10) -> tuple[FigureResult, ...]:
        """The figures whose contradicting claims lie furthest apart, widest first."""
        ranked = sorted(
            (f for f in self.figures if f.spread is not None),
            key=lambda f: (-(f.spread or 0.0), f.figure.id),
        )
        return tuple(ranked[:n])


def reconcile(
    corpus: Corpus,
    *,
    policy: EstimatePolicy | None = None,
    reading: Reading | None = None,
) -> Reconciliation:
    """Reconcile every figure and proposition of ``corpus``.

    ``policy`` produces the estimates (default :class:`BestPolicy`);
    ``reading`` re-reads every value with another vague-word table or
    tolerance of "about". Returns an immutable :class:`Reconciliation`.
    """
    enabled = gc.isenabled()
    gc.disable()  # many objects, no cycles: the cyclic collector would only rescan the corpus
    try:
        return _reconcile(corpus, policy or BestPolicy(), reading)
    finally:
        if enabled:
            gc.enable()


def _reconcile(corpus: Corpus, policy: EstimatePolicy, reading: Reading | None) -> Reconciliation:
    actors = _Actors(corpus)
    by_figure: dict[str, list[Claim]] = defaultdict(list)
    by_prop: dict[str, list[Claim]] = defaultdict(list)
    superseded: dict[str, str] = {}
    for claim in corpus.claims:
        if claim.figure is not None:
            by_figure[claim.figure].append(claim)
        elif claim.proposition is not None:
            by_prop[claim.proposition].append(claim)
        if claim.supersedes is not None:
            # If two claims revise one, the later id wins, so the result does not depend on order.
            superseded[claim.supersedes] = max(superseded.get(claim.supersedes, ""), claim.id)
    origins = _statement_origins(corpus)
    # Re-read with another reading, a relative value or an increment follows the claim it rests on.
    derived = derived_values(corpus, reading) if reading is not None else {}
    views: dict[str, tuple[ClaimView, ...]] = {}
    estimates: dict[str, Estimate | None] = {}
    # Each figure keeps its own small map of claims: lookups stay local instead of going to the
    # corpus-wide index, which matters for memory locality once corpora reach millions of claims.
    claims_of: dict[str, dict[str, Claim]] = {}
    by_id = attrgetter("id")
    for figure in corpus.figures:
        claims = sorted(by_figure.get(figure.id, ()), key=by_id)
        claims_of[figure.id] = {c.id: c for c in claims}
        loss = corpus.losses_of(figure) is not None
        views[figure.id] = view = tuple(
            _view(actors, figure, c, superseded, origins, reading, derived, loss) for c in claims
        )
        current = [c for c in view if c.current]
        estimates[figure.id] = policy.estimate(figure, current) if current else None
    # Figures are visited in the order their views were made (neighbours in memory), then sorted.
    figures = tuple(
        sorted(
            (
                _figure_result(corpus, figure, claims_of[figure.id], views, estimates)
                for figure in corpus.figures
            ),
            key=lambda result: result.figure.id,
        )
    )
    propositions = tuple(
        _proposition_result(corpus, prop, sorted(by_prop.get(prop.id, ()), key=by_id), origins)
        for prop in sorted(corpus.propositions, key=by_id)
    )
    return Reconciliation(
        policy=policy.name,
        figures=figures,
        propositions=propositions,
        partisan=_partisan_patterns(corpus, figures),
    )


# --- claims as reconciliation sees them ------------------------------------------


class _Actors:
    """What reconciliation needs of a claimant, looked up once per actor and figure kind, not per claim."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._known: dict[tuple[str, str, str | None], tuple[str, str | None, Relation, bool, bool]] = {}

    def about(self, actor: str, figure: Figure) -> tuple[str, str | None, Relation, bool, bool]:
        """The actor's voice, its side in the figure's conflict, its relation to the figure, whether it
        is a monitor, and whether it speaks for its side."""
        key = (actor, figure.conflict, figure.of)
        known = self._known.get(key)
        if known is None:
            corpus = self.corpus
            known = (
                corpus.root_of(actor),
                corpus.side_of(actor, figure.conflict),
                corpus.relation(actor, figure),
                corpus.actor(actor).kind == "monitor",
                corpus.standing_of(actor) == "official",
            )
            self._known[key] = known
        return known


def _view(
    actors: _Actors,
    figure: Figure,
    claim: Claim,
    superseded: dict[str, str],
    origins: dict[str, str | None],
    reading: Reading | None,
    derived: dict[str, Value],
    loss: bool,
) -> ClaimView:
    value = claim.value
    if value is not None and reading is not None:
        value = derived.get(claim.id) or parse_value(
            int(value.text) if value.text.isdigit() else value.text, reading, claim.tolerance
        )
    voice, side, relation, monitor, official = actors.about(claim.claimant, figure)
    high: int | None
    if value is None:
        named = len(claim.places)
        low, high, text, vague = named, named, f"{named} named", False
    else:
        low, high, text, vague = value.low, value.high, value.text, value.kind == "vague"
        # A finding on a relative value or an increment names the claim it rests on.
        if claim.relative_to is not None:
            text = f"{text} (relative to {claim.relative_to})"
        elif claim.adds_to is not None:
            text = f"{text} (added to {claim.adds_to})"
    return ClaimView(
        id=claim.id,
        claimant=claim.claimant,
        text=text,
        voice=voice,
        side=side,
        relation=relation,
        low=low,
        high=high,
        vague=vague,
        monitor=monitor,
        places=claim.places,
        superseded_by=superseded.get(claim.id),
        repeat_of=origins.get(claim.id),
        exact=None if value is None else value.exact,
        official=official,
        hedged=claim.hedged,
        enumeration=claim.enumeration,
        loss=loss,
        disowned_by=claim.disowned_by,
        claimants=claim.claimants if claim.co_claimants else (),
    )


def _statement_origins(corpus: Corpus) -> dict[str, str | None]:
    """For each claim that is not the one standing for its statement, the claim that is.

    Claims linked by ``same-as`` (the claimant's statement read twice) or ``joint-with`` (a joint
    statement written as a claim per claimant) are one statement; it is represented by its first
    original claim (the smallest id among those that repeat nothing), so it counts once.
    """
    origins: dict[str, str | None] = {}
    done: set[str] = set()
    for claim in corpus.claims:
        if (claim.same_as is None and claim.joint_with is None) or claim.id in done:
            continue
        members = corpus.statement_claims(claim.id)
        originals = [c.id for c in members if c.same_as is None]
        first = originals[0] if originals else members[0].id
        for member in members:
            done.add(member.id)
            if member.id != first:
                origins[member.id] = first
    return origins


# --- per figure ------------------------------------------------------------------------


def _span(low: int, high: int | None) -> str:
    if high == low:
        return f"{low:,}"
    return f"at least {low:,}" if high is None else f"{low:,}–{high:,}"


def _ratio(small: int, large: int) -> float:
    """How many times larger ``large`` is than ``small`` (at least 1; inf when small is 0)."""
    if small <= 0:
        return math.inf if large > 0 else 1.0
    return large / small


def _figure_result(
    corpus: Corpus,
    figure: Figure,
    claim_of: dict[str, Claim],
    views: dict[str, tuple[ClaimView, ...]],
    estimates: dict[str, Estimate | None],
) -> FigureResult:
    claims = views[figure.id]
    current = [c for c in claims if c.current]
    findings: list[Finding] = []
    spread = _contradictions(figure, current, claim_of, findings)
    _revisions(claim_of, figure, claims, findings)
    if figure.cumulative:
        _regressions(figure, current, claim_of, findings)
    ratio = _partisan_gap(figure, current, findings)
    voices = tuple(sorted({c.voice for c in current}))
    _voices_and_repeats(claim_of, figure, claims, current, voices, findings)
    if current and all(c.vague for c in current):
        findings.append(
            Finding(
                code="vague-only",
                severity="low",
                figure=figure.id,
                claims=tuple(c.id for c in current),
                message=f"{figure.label} is known only through vague words "
                f"({', '.join(sorted({c.text for c in current}))}).",
            )
        )
    _places(claim_of, figure, current, findings)
    findings.extend(_misattributed(corpus, figure, list(claim_of.values())))
    gap = _structure(corpus, figure, views, estimates, findings)
    if gap is not None:
        spread = gap if spread is None else max(spread, gap)
    return FigureResult(
        figure=figure,
        claims=claims,
        findings=_dated(findings, {i: c.covers.text for i, c in claim_of.items()}, corpus),
        estimate=estimates[figure.id],
        voices=voices,
        spread=spread,
        partisan_ratio=ratio,
    )


def _severity_of_ratio(ratio: float) -> Severity:
    if ratio >= 2:
        return "high"
    if ratio >= 1.25:
        return "medium"
    return "low"


def _contradictions(
    figure: Figure,
    current: Sequence[ClaimView],
    claim_of: dict[str, Claim],
    findings: list[Finding],
) -> float | None:
    """One finding per pair of voices whose comparable claims cannot both hold.

    On a figure with more than :data:`PAIRED_VOICES` voices, only the pairs in which one of its
    extreme voices takes part, and one ``crowded-figure`` finding that says so.
    """
    voices = len({c.voice for c in current})
    if voices < 2:
        return None  # one voice cannot contradict itself (that would be a revision or a regression)
    extreme = _extreme_claims(current) if voices > PAIRED_VOICES else None
    extremes = None if extreme is None else frozenset(c.voice for c in extreme)
    if figure.cumulative:
        worst = _furthest_apart_over_time(current, claim_of, extremes)
    else:
        worst = _furthest_apart(current, claim_of, extremes)
    spread: float | None = None
    for pair in sorted(worst):
        lower, upper = worst[pair]
        assert lower.high is not None
        ratio = _ratio(lower.high, upper.low)
        gap = upper.low - lower.high
        spread = ratio if spread is None else max(spread, ratio)
        shown = "∞" if math.isinf(ratio) else f"{ratio:.2f}"
        findings.append(
            Finding(
                code="contradiction",
                severity=_severity_of_ratio(ratio),
                figure=figure.id,
                claims=(lower.id, upper.id) if lower.id < upper.id else (upper.id, lower.id),
                ratio=None if math.isinf(ratio) else round(ratio, 4),
                gap=gap,
                message=f"{upper.claimant} claims {upper.text} but {lower.claimant} claims "
                f"{lower.text}: they cannot both hold ({shown}× apart, a gap of {gap:,}).",
            )
        )
    if extreme is not None and extremes is not None:
        findings.append(
            Finding(
                code="crowded-figure",
                severity="info",
                figure=figure.id,
                claims=tuple(sorted({c.id for c in extreme})),
                message=f"{voices:,} independent claimants speak on {figure.label}, more than the "
                f"{PAIRED_VOICES} whose contradictions are listed pair by pair: the {len(worst):,} "
                f"contradiction(s) listed each involve one of the voices with the lowest or highest claims "
                f"({', '.join(sorted(extremes))}); contradictions between two other voices are not listed.",
            )
        )
    return spread


#: Above this many voices on one figure, contradictions are listed only against its extreme voices: every
#: pair of a thousand voices that all disagree would be half a million findings.
PAIRED_VOICES = 100


def _extreme_claims(current: Sequence[ClaimView]) -> list[ClaimView]:
    """The lowest ceilings of the two voices that give the lowest, and the highest floors of the two that
    give the highest.

    Without narrower periods, every voice's widest contradiction is with one of these voices: the
    highest floor or the lowest ceiling of a voice other than itself.
    """
    ceilings, floors = _envelope(current)
    return [*sorted(ceilings, key=_ceiling_order)[:2], *floors[:2]]


_Pairs = dict[tuple[str, str], tuple[ClaimView, ClaimView]]


def _keep_furthest(worst: _Pairs, lower: ClaimView, upper: ClaimView) -> None:
    """Record a disjoint pair (``lower`` entirely below ``upper``) if it is its two voices' furthest apart yet.

    Furthest means the largest ratio, then the widest gap, then the smaller ids, so ties resolve the
    same way every time.
    """
    pair = (lower.voice, upper.voice) if lower.voice < upper.voice else (upper.voice, lower.voice)
    known = worst.get(pair)
    if known is None or _apart(lower, upper) < _apart(*known):
        worst[pair] = (lower, upper)


def _apart(lower: ClaimView, upper: ClaimView) -> tuple[float, int, str, str]:
    """A sort key putting the pair furthest apart first."""
    assert lower.high is not None
    return (-_ratio(lower.high, upper.low), lower.high - upper.low, lower.id, upper.id)


def _envelope(claims: Sequence[ClaimView]) -> tuple[list[ClaimView], list[ClaimView]]:
    """Each voice's lowest ceiling, and each voice's highest floor, highest first.

    A voice's lowest ceiling against another's highest floor is their widest disagreement, so only
    those two claims per voice matter.
    """
    lowest: dict[str, ClaimView] = {}
    highest: dict[str, ClaimView] = {}
    for c in claims:
        if c.high is not None:
            held = lowest.get(c.voice)
            if held is None or _ceiling_order(c) < _ceiling_order(held):
                lowest[c.voice] = c
        held = highest.get(c.voice)
        if held is None or _floor_order(c) < _floor_order(held):
            highest[c.voice] = c
    return list(lowest.values()), sorted(highest.values(), key=_floor_order)


def _walk(ceilings: Sequence[ClaimView], floors: Sequence[ClaimView], worst: _Pairs) -> None:
    """Pair each ceiling with the floors above it, highest first, stopping at the first floor that is not.

    The work grows with the contradictions found, not with the square of the voices.
    """
    for lower in ceilings:
        for upper in floors:
            if upper.low <= lower.high:  # type: ignore[operator]
                break
            if upper.voice != lower.voice:
                _keep_furthest(worst, lower, upper)


def _ceiling_order(c: ClaimView) -> tuple[int, str]:
    return (c.high, c.id)  # type: ignore[return-value]


def _floor_order(c: ClaimView) -> tuple[int, str]:
    return (-c.low, c.id)


def _furthest_apart_over_time(
    current: Sequence[ClaimView], claim_of: dict[str, Claim], extremes: frozenset[str] | None
) -> _Pairs:
    """On a running total, the furthest disjoint pair for each pair of contradicting voices.

    A smaller count is compatible with a larger one only when it comes strictly earlier, so each
    bounded claim is compared with every other voice's largest floor among claims that do not start
    after it ends. One sweep in date order keeps each voice's best floor so far, and the voices
    ranked by it; each claim walks down that ranking only while it contradicts. With ``extremes``,
    a claim of another voice walks down the ranking of those voices only.
    """
    starts = sorted(current, key=lambda c: (claim_of[c.id].covers.earliest or dt.date.min, c.id))
    ends = sorted(
        (c for c in current if c.high is not None),
        key=lambda c: (claim_of[c.id].covers.latest or dt.date.max, c.id),
    )
    best: dict[str, ClaimView] = {}
    ranked: list[tuple[int, str, str]] = []  # (-floor, claim id, voice), the highest floor first
    ranked_extremes: list[tuple[int, str, str]] = []  # the same, of the extreme voices only
    worst: _Pairs = {}
    i = 0
    for lower in ends:
        until = claim_of[lower.id].covers.latest or dt.date.max
        while i < len(starts) and (claim_of[starts[i].id].covers.earliest or dt.date.min) <= until:
            upper = starts[i]
            i += 1
            held = best.get(upper.voice)
            if held is None or _floor_order(upper) < _floor_order(held):
                rankings = (ranked,) if extremes is None or upper.voice not in extremes else (ranked, ranked_extremes)
                for ranking in rankings:
                    if held is not None:
                        del ranking[bisect_left(ranking, (-held.low, held.id, held.voice))]
                    insort(ranking, (-upper.low, upper.id, upper.voice))
                best[upper.voice] = upper
        walked = ranked if extremes is None or lower.voice in extremes else ranked_extremes
        for negative_floor, _, voice in walked:
            if -negative_floor <= lower.high:  # type: ignore[operator]
                break
            if voice != lower.voice:
                _keep_furthest(worst, lower, best[voice])
    return worst


def _furthest_apart(
    current: Sequence[ClaimView], claim_of: dict[str, Claim], extremes: frozenset[str] | None
) -> _Pairs:
    """On a figure that is not a running total, the furthest disjoint pair for each pair of contradicting voices.

    Claims are grouped by the period they give (none, usually: the figure's whole period), and only
    claims about overlapping periods are compared. Each pair of overlapping groups is compared by
    one ranked walk, and a sweep over the periods finds those pairs: the work grows with the pairs
    of overlapping periods, not with the square of the distinct periods. With ``extremes``, only
    pairs in which one of those voices takes part are compared.
    """
    groups: dict[DateSpan | None, list[ClaimView]] = defaultdict(list)
    for c in current:
        groups[claim_of[c.id].as_of].append(c)
    envelopes = {period: _envelope(claims) for period, claims in groups.items()}
    among = {
        period: tuple([c for c in claims if c.voice in extremes] for claims in envelope)
        for period, envelope in envelopes.items()
        if extremes is not None
    }
    worst: _Pairs = {}
    for period_low, period_high in _overlapping(list(envelopes)):
        ceilings, floors = envelopes[period_low][0], envelopes[period_high][1]
        if extremes is None:
            _walk(ceilings, floors, worst)
        else:
            _walk(ceilings, among[period_high][1], worst)
            _walk(among[period_low][0], floors, worst)
    return worst


def _overlapping(periods: Sequence[DateSpan | None]) -> Iterator[tuple[DateSpan | None, DateSpan | None]]:
    """Every ordered pair of periods that share a day, each period with itself included (None: any day).

    A sweep over the periods by first day keeps those still open: each period meets only the open
    ones, so the work grows with the overlapping pairs, not with the square of the periods.
    """
    dated = sorted((p for p in periods if p is not None), key=lambda p: p.earliest or dt.date.min)
    open_: list[tuple[dt.date, int, DateSpan]] = []  # a heap by last day
    for n, period in enumerate(dated):
        start = period.earliest or dt.date.min
        while open_ and open_[0][0] < start:
            heapq.heappop(open_)
        for _, _, other in open_:
            if other.overlaps(period):
                yield other, period
                yield period, other
        if period.overlaps(period):  # a span whose ends are inverted shares no day, not even with itself
            yield period, period
        heapq.heappush(open_, (period.latest or dt.date.max, n, period))
    if None in periods:
        for any_day in periods:
            yield None, any_day
            if any_day is not None:
                yield any_day, None


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
        direction = "up" if after > before else "down" if after < before else "without changing the value"
        severity: Severity = "medium" if direction == "down" and figure.cumulative else "info"
        ratio = _ratio(min(before, after), max(before, after)) if before != after else 1.0
        findings.append(
            Finding(
                code="revision",
                severity=severity,
                figure=figure.id,
                claims=(old.id, c.id),
                ratio=None if math.isinf(ratio) else round(ratio, 4),
                gap=abs(after - before),
                message=f"{c.claimant} revised its figure {direction}, from {old.text} to {c.text}.",
            )
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
                    message=f"{c.claimant} gives {c.text} as of {dates[c.id]}, below the "
                    f"{established.low:,} that {established.claimant} (same voice: {voice}) gave as of "
                    f"{dates[established.id]} for this running total.",
                )
            )


def _central(claims: Sequence[ClaimView]) -> float:
    return float(statistics.median(c.point for c in claims))


def _partisan_gap(figure: Figure, current: Sequence[ClaimView], findings: list[Finding]) -> float | None:
    # Only an official voice reports for its side: a former official's figure is not the side's own.
    own = [c for c in current if c.relation == "self" and c.official and not c.vague]
    enemy = [c for c in current if c.relation == "adversary" and not c.vague]
    if not own or not enemy:
        return None
    own_mid, enemy_mid = _central(own), _central(enemy)
    if own_mid <= 0:
        return None
    ratio = enemy_mid / own_mid
    findings.append(
        Finding(
            code="partisan-gap",
            severity="medium" if ratio >= 2 or ratio <= 0.5 else "low",
            figure=figure.id,
            claims=tuple(sorted(c.id for c in own + enemy)),
            ratio=round(ratio, 4),
            gap=round(abs(enemy_mid - own_mid)),
            message=f"The adversary's claims ({', '.join(sorted({c.claimant for c in enemy}))}) put "
            f"{figure.label} at {ratio:.2f}× what {figure.of}'s own side reports "
            f"({', '.join(sorted({c.claimant for c in own}))}): {enemy_mid:,.0f} against {own_mid:,.0f}.",
        )
    )
    return ratio


def _voices_and_repeats(
    claim_of: dict[str, Claim],
    figure: Figure,
    claims: Sequence[ClaimView],
    current: Sequence[ClaimView],
    voices: Sequence[str],
    findings: list[Finding],
) -> None:
    # Statements made through more than one claim, or one claim with more than one relay.
    repeated = {c.repeat_of for c in claims if c.repeat_of is not None}
    statements: dict[str, list[ClaimView]] = defaultdict(list)
    for c in claims:
        if c.repeat_of is not None or c.id in repeated or len(claim_of[c.id].via) > 1:
            statements[c.repeat_of or c.id].append(c)
    for _first, members in sorted(statements.items()):
        # A joint statement written as a claim per claimant reaches us once through each path (a source
        # and its relays), as it would written as one claim: its claims on one path are one report.
        paths: set[tuple[str, tuple[str, ...]]] = set()
        reports = []
        for c in sorted(members, key=lambda c: (claim_of[c.id].joint_with is not None, c.id)):
            claim = claim_of[c.id]
            path = (claim.source, claim.via)
            if claim.joint_with is None or path not in paths:
                reports.append(c)
            paths.add(path)
        reports.sort(key=lambda c: c.id)
        if len(reports) == 1 and len(claim_of[reports[0].id].via) < 2:
            continue  # one report through at most one relay: nothing repeated
        relays = sorted({r for c in reports for r in claim_of[c.id].via})
        sources = sorted({claim_of[c.id].source for c in reports})
        if len(reports) > 1 or len(relays) > 1:
            findings.append(
                Finding(
                    code="repeated-statement",
                    severity="info",
                    figure=figure.id,
                    claims=tuple(sorted(c.id for c in members)),
                    message=f"{_speakers(members)} statement reaches us through {len(reports)} claim(s) in "
                    f"{len(sources)} source(s)"
                    + (f", relayed by {', '.join(relays)}" if relays else "")
                    + ": one voice, not independent confirmation.",
                )
            )
    if len(voices) == 1:
        relays = sorted({r for c in current for r in claim_of[c.id].via})
        findings.append(
            Finding(
                code="single-source",
                severity="low",
                figure=figure.id,
                claims=tuple(c.id for c in current),
                message=f"{figure.label} rests on one original claimant, {voices[0]}"
                + (f" (relayed by {', '.join(relays)})" if relays else "")
                + ".",
            )
        )
        return
    if len(voices) < 2:
        return
    # Corroboration: the largest set of voices whose claims share a common count.
    best_point, agreeing = _widest_agreement(current)
    if len({_bloc(c) for c in agreeing}) >= 2:
        sides = sorted({c.side or "none" for c in agreeing})
        voices_agreeing = sorted({c.voice for c in agreeing})
        across = " across sides" if len(sides) > 1 else ""
        findings.append(
            Finding(
                code="corroboration",
                severity="info",
                figure=figure.id,
                claims=tuple(sorted(c.id for c in agreeing)),
                message=f"{len(voices_agreeing)} independent claimants ({', '.join(voices_agreeing)}) agree"
                f"{across} on a value of {best_point:,} ("
                + "; ".join(f"{c.claimant}: {c.text}" for c in agreeing)
                + ").",
            )
        )


def _bloc(claim: ClaimView) -> str:
    """What counts as one independent voice for corroboration: a belligerent side with all its parties
    (allies are not independent of each other), else the claimant's voice."""
    return f"side {claim.side}" if claim.side is not None and claim.side not in STANDINGS else claim.voice


def _widest_agreement(current: Sequence[ClaimView]) -> tuple[int, list[ClaimView]]:
    """The count allowed by claims from the most independent voices, and those claims (a sweep, n log n).

    Voices of one side (a government and its ally) count as one: see :func:`_bloc`.
    """
    events: list[tuple[int, int, str]] = []
    for c in current:
        events.append((c.low, 0, c.id))
        if c.high is not None:
            events.append((c.high + 1, -1, c.id))
    events.sort()
    by_id = {c.id: c for c in current}
    active: dict[str, int] = defaultdict(int)
    open_ids: set[str] = set()
    best_count, best_point, best_ids = 0, 0, frozenset[str]()
    for point, kind, cid in events:
        voice = _bloc(by_id[cid])
        if kind == 0:
            active[voice] += 1
            open_ids.add(cid)
        else:
            active[voice] -= 1
            open_ids.discard(cid)
            if not active[voice]:
                del active[voice]
        if kind == 0 and len(active) > best_count:
            best_count, best_point, best_ids = len(active), point, frozenset(open_ids)
    return best_point, sorted((by_id[i] for i in best_ids), key=lambda c: c.id)


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
        parts = [f"only {voice} lists {', '.join(only)}" for voice, only in ((va, only_a), (vb, only_b)) if only]
        findings.append(
            Finding(
                code="place-lists-differ",
                severity="low",
                figure=figure.id,
                claims=tuple(sorted(c.id for c in (*lists[va], *lists[vb]))),
                gap=len(only_a) + len(only_b),
                message=f"The place lists differ: {'; '.join(parts)}.",
            )
        )


def _speakers(reports: Sequence[ClaimView]) -> str:
    """Whose statement a group of claims reports: "am-mod's", or "am-gov and artsakh-gov's joint"."""
    names = list(dict.fromkeys(name for c in reports for name in (c.claimants or (c.claimant,))))
    return f"{names[0]}'s" if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}'s joint"


def _misattributed(corpus: Corpus, subject: Figure | Proposition, claims: Sequence[Claim]) -> list[Finding]:
    """A finding for each claim whose attributed claimant disowns it: the claim is not that claimant's voice."""
    found = []
    for claim in claims:
        if claim.disowned_by is None:
            continue
        denial = corpus.claim(claim.disowned_by)
        said = claim.value.text if claim.value is not None else claim.stance
        through = f" (relayed by {', '.join(claim.via)})" if claim.via else ""
        found.append(
            Finding(
                code="misattributed",
                severity="medium",
                figure=subject.id if isinstance(subject, Figure) else None,
                proposition=subject.id if isinstance(subject, Proposition) else None,
                # Only the disowned claim: the one disowning it may be about something else (named in the message).
                claims=(claim.id,),
                message=f"{claim.source} attributes {said} to {claim.claimant}{through}, but {denial.claimant} "
                f"disowns it in {denial.source} ({denial.id}): set aside as {claim.claimant}'s voice.",
            )
        )
    return found


def _sum(views: Sequence[ClaimView]) -> tuple[int, int | None]:
    low = sum(v.low for v in views)
    high: int | None = None if any(v.high is None for v in views) else sum(v.high or 0 for v in views)
    return low, high


def _like(corpus: Corpus, figure_id: str, kind: UnitKind) -> bool:
    """Whether the figure measures the same kind of quantity (or is unknown, and has no claims to compare)."""
    other = corpus.get(figure_id)
    return not isinstance(other, Figure) or unit_kind(other.unit) == kind


def _structure(
    corpus: Corpus,
    figure: Figure,
    views: dict[str, tuple[ClaimView, ...]],
    estimates: dict[str, Estimate | None],
    findings: list[Finding],
) -> float | None:
    """Part–whole sums and bounds against other figures; returns the widest part–whole gap ratio.

    Like is compared with like only: a share never with a count, money never with people (loading
    refuses such links; a corpus built in Python may still hold them).
    """
    widest: float | None = None
    kind = unit_kind(figure.unit)
    if figure.parts and all(_like(corpus, p, kind) for p in figure.parts):
        wholes = [c for c in views[figure.id] if c.current]
        parts = {p: [c for c in views.get(p, ()) if c.current] for p in figure.parts}
        # Each voice's own figure for each part (its claim with the largest id), found once, not per total.
        own: dict[str, dict[str, ClaimView]] = {}
        for p, claims in parts.items():
            latest = own[p] = {}
            for c in claims:
                if c.voice not in latest or c.id > latest[c.voice].id:
                    latest[c.voice] = c
        for whole in wholes:
            chosen = [own[p][whole.voice] for p in figure.parts if whole.voice in own[p]]
            if len(chosen) < len(figure.parts):
                ratio = _part_whole_gap(figure, whole, parts, estimates, findings)
                if ratio is not None:
                    widest = ratio if widest is None else max(widest, ratio)
            else:
                low, high = _sum(chosen)
                fits = (high is None or whole.low <= high) and (whole.high is None or low <= whole.high)
                ids = (whole.id, *[c.id for c in chosen])
                sum_text = " + ".join(_span(c.low, c.high) for c in chosen)
                if fits:
                    findings.append(
                        Finding(
                            code="parts-add-up",
                            severity="info",
                            figure=figure.id,
                            related=figure.parts,
                            claims=ids,
                            message=f"{whole.claimant}'s parts ({sum_text} = {_span(low, high)}) agree with its "
                            f"total of {_span(whole.low, whole.high)}.",
                        )
                    )
                else:
                    gap = (whole.low - high) if high is not None and high < whole.low else (low - (whole.high or 0))
                    findings.append(
                        Finding(
                            code="part-whole-mismatch",
                            severity="medium",
                            figure=figure.id,
                            related=figure.parts,
                            claims=ids,
                            gap=gap,
                            message=f"{whole.claimant}'s parts ({sum_text} = {_span(low, high)}) do not add up to "
                            f"its total of {_span(whole.low, whole.high)} (off by {gap:,}).",
                        )
                    )
    for bound in figure.at_most:
        if not _like(corpus, bound, kind):
            continue
        mine = [c for c in views[figure.id] if c.current]
        theirs = [c for c in views.get(bound, ()) if c.current and c.high is not None]
        if not mine or not theirs:
            continue
        largest = max(mine, key=lambda c: (c.low, c.id))
        smallest = min(theirs, key=lambda c: (c.high, c.id))
        assert smallest.high is not None
        if largest.low > smallest.high:
            findings.append(
                Finding(
                    code="bound-violation",
                    severity="medium",
                    figure=figure.id,
                    related=(bound,),
                    claims=(largest.id, smallest.id),
                    gap=largest.low - smallest.high,
                    message=f"{largest.claimant}'s {largest.text} exceeds "
                    f"{smallest.claimant}'s {smallest.text} for {bound}, "
                    f"which it cannot exceed.",
                )
            )
        else:
            findings.append(
                Finding(
                    code="bound-satisfied",
                    severity="info",
                    figure=figure.id,
                    related=(bound,),
                    claims=tuple(sorted({largest.id, smallest.id})),
                    message=f"Every claim fits under {bound}: the largest, {_span(largest.low, largest.high)} "
                    f"({largest.claimant}), is within {_span(smallest.low, smallest.high)} ({smallest.claimant}).",
                )
            )
    return widest


def _part_whole_gap(
    figure: Figure,
    whole: ClaimView,
    parts: dict[str, list[ClaimView]],
    estimates: dict[str, Estimate | None],
    findings: list[Finding],
) -> float | None:
    """Compare a total with the sum of its parts as other claimants give them (their best estimates).

    Reported when the two differ by 1.25x or more: a total from one voice
    that the others' parts cannot account for, or that falls short of them.
    """
    bests = []
    for p in figure.parts:
        est = estimates.get(p)
        if est is None or est.best is None:
            return None
        bests.append((p, est))
    total = sum(est.best or 0 for _, est in bests)
    point = whole.point
    ratio = _ratio(min(point, total), max(point, total))
    if ratio < 1.25:
        return None
    cited = sorted({i for p, est in bests for i in set(est.claims).intersection(c.id for c in parts[p])} | {whole.id})
    sum_text = " + ".join(f"{est.best:,} ({p})" for p, est in bests)
    direction = "more" if point > total else "less"
    findings.append(
        Finding(
            code="part-whole-gap",
            severity=_severity_of_ratio(ratio),
            figure=figure.id,
            related=figure.parts,
            claims=tuple(cited),
            ratio=None if math.isinf(ratio) else round(ratio, 4),
            gap=abs(point - total),
            message=f"{whole.claimant}'s total of {whole.text} is {ratio:.2f}× {direction} than the sum of its parts "
            f"as others claim them: {sum_text} = {total:,} (best estimates).",
        )
    )
    return ratio


# --- propositions -------------------------------------------------------------------------


def _proposition_result(
    corpus: Corpus, prop: Proposition, claims: Sequence[Claim], origins: dict[str, str | None]
) -> PropositionResult:
    revised = {c.supersedes for c in claims if c.supersedes}
    # One claim per statement stands (a joint statement's claims are one), and a disowned attribution is no voice.
    standing = [c for c in claims if c.id not in origins and c.id not in revised and c.disowned_by is None]
    by_stance: dict[str, list[str]] = {stance: [] for stance in ("asserts", "denies", "doubts")}
    for c in standing:
        # A joint statement speaks for all its claimants; a repeat (same-as) adds none.
        members = corpus.statement_claims(c.id)
        by_stance[c.stance or "asserts"].extend(n for m in members if m.same_as is None for n in m.claimants)
    asserted, denied, doubted = (sorted(set(by_stance[s])) for s in ("asserts", "denies", "doubts"))
    findings: list[Finding] = []

    def who(actors: Sequence[str]) -> str:
        return ", ".join(f"{a} ({corpus.side_of(a, prop.conflict) or 'third party'})" for a in actors)

    if asserted and denied:

        def sides(actors: Sequence[str]) -> set[str]:
            return {corpus.side_of(a, prop.conflict) or "third party" for a in actors}

        a_sides, d_sides = sides(asserted), sides(denied)
        belligerents = set(corpus.conflict(prop.conflict).sides)
        across = bool(a_sides & belligerents) and bool(d_sides & belligerents) and a_sides != d_sides
        # A hedged assertion or denial ("probably", "appeared") weighs less than a firm one.
        firm = all(
            any(not c.hedged for c in standing if c.stance == stance) for stance in ("asserts", "denies")
        )
        findings.append(
            Finding(
                code="disputed-proposition",
                severity="medium" if across and firm else "low",
                proposition=prop.id,
                claims=tuple(c.id for c in standing if c.stance != "doubts"),
                message=f"“{prop.statement}” is asserted by {who(asserted)} and denied by {who(denied)}.",
            )
        )
    if asserted and doubted:
        findings.append(
            Finding(
                code="doubted-proposition",
                severity="low",
                proposition=prop.id,
                claims=tuple(c.id for c in standing if c.stance != "denies"),
                message=f"“{prop.statement}” is asserted by {who(asserted)} and doubted (not denied) by "
                f"{who(doubted)}.",
            )
        )
    voices = {corpus.root_of(c.claimant) for c in standing}
    if len(voices) == 1:
        findings.append(
            Finding(
                code="single-source",
                severity="low",
                proposition=prop.id,
                claims=tuple(c.id for c in standing),
                message=f"“{prop.statement}” rests on one original claimant, {next(iter(voices))}.",
            )
        )
    findings.extend(_misattributed(corpus, prop, claims))
    return PropositionResult(
        proposition=prop,
        asserted_by=tuple(asserted),
        denied_by=tuple(denied),
        claims=tuple(c.id for c in claims),
        findings=_dated(findings, {c.id: c.date.text for c in claims}, corpus),
        doubted_by=tuple(doubted),
    )


def _dated(findings: Sequence[Finding], date_of: dict[str, str], corpus: Corpus) -> tuple[Finding, ...]:
    """The findings, stamped with the dates of the claims they cite (in the order of the claims).

    ``date_of`` gives the dates of the claims at hand; a finding may also cite claims of other
    figures (a total's parts), whose dates come from the corpus. The findings were made a moment
    ago and nobody else holds them yet, so they are completed in place rather than built a second time.
    """
    for f in findings:
        try:
            dates = tuple(map(date_of.__getitem__, f.claims))
        except KeyError:
            dates = tuple(date_of[i] if i in date_of else corpus.claim(i).covers.text for i in f.claims)
        object.__setattr__(f, "dates", dates)
    return tuple(findings)


# --- corpus-wide -----------------------------------------------------------------------------


def _geomean(ratios: Sequence[float]) -> float | None:
    positive = [r for r in ratios if r > 0 and math.isfinite(r)]
    if not positive:
        return None
    return math.exp(sum(math.log(r) for r in positive) / len(positive))


def _parts_best(figure: Figure, by_id: dict[str, FigureResult], side: str) -> float | None:
    """The sum of the parts' best estimates, when every part has one resting on other sides' claims."""
    total = 0.0
    for part in figure.parts:
        result = by_id[part]
        est = result.estimate
        if est is None or est.best is None:
            return None
        used = set(est.claims)
        if any(c.side == side for c in result.claims if c.id in used):
            return None
        total += est.best
    return total if figure.parts else None


def _partisan_patterns(corpus: Corpus, figures: Sequence[FigureResult]) -> tuple[PartisanPattern, ...]:
    own: dict[str, list[tuple[str, float]]] = defaultdict(list)
    enemy: dict[str, list[tuple[str, float]]] = defaultdict(list)
    by_id = {f.figure.id: f for f in figures}
    for result in figures:
        figure = result.figure
        current = [c for c in result.claims if c.current and not c.vague]
        if figure.of is None or corpus.losses_of(figure) is None or not current:
            continue
        for side in sorted({c.side for c in current if c.relation in ("self", "adversary") and c.side}):
            mine = [c for c in current if c.side == side]
            others = [c for c in current if c.side != side]
            if not mine:
                continue
            # A total nobody else gives is compared with its parts as the others give them.
            others_mid = _central(others) if others else _parts_best(figure, by_id, side)
            if others_mid is None or others_mid <= 0:
                continue
            ratio = _central(mine) / others_mid
            target = own if side == figure.of else enemy
            target[side].append((figure.id, ratio))
    sides = sorted(set(own) | set(enemy))
    return tuple(
        PartisanPattern(
            side=side,
            own_ratio=_geomean([r for _, r in own[side]]),
            own_figures=tuple(sorted(f for f, _ in own[side])),
            enemy_ratio=_geomean([r for _, r in enemy[side]]),
            enemy_figures=tuple(sorted(f for f, _ in enemy[side])),
        )
        for side in sides
    )
