"""Reconciling a corpus: the claim views of each figure, then every rule family's pass, in order."""

from __future__ import annotations

import gc
from collections import defaultdict
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING

from ..estimate import BestPolicy, ClaimView, Estimate, EstimatePolicy, with_structure
from ..findings import Finding
from ..model import Claim, Corpus, Figure
from ..quantities import derived_values
from ..values import Reading
from .contradictions import _contradictions
from .dating import Pending, _dated
from .partisan import _partisan_gap, _partisan_patterns
from .places import _places
from .propositions import _proposition_result
from .results import FigureResult, Reconciliation
from .revisions import _regressions, _revisions
from .structure import _structure
from .views import _Actors, _statement_origins, _views

if TYPE_CHECKING:
    from .kernels import Found
from .voices import _misattributed, _voices_and_repeats


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
    return _run(corpus, policy, reading, columns=True)


def _reconcile_objects(
    corpus: Corpus, *, policy: EstimatePolicy | None = None, reading: Reading | None = None
) -> Reconciliation:
    """:func:`reconcile` claim by claim, without columns: the oracle the columnar rules are tested against."""
    return _run(corpus, policy, reading, columns=False)


def _run(corpus: Corpus, policy: EstimatePolicy | None, reading: Reading | None, *, columns: bool) -> Reconciliation:
    enabled = gc.isenabled()
    gc.disable()  # many objects, no cycles: the cyclic collector would only rescan the corpus
    try:
        return _reconcile(corpus, policy or BestPolicy(), reading, columns)
    finally:
        if enabled:
            gc.enable()


def _reconcile(corpus: Corpus, policy: EstimatePolicy, reading: Reading | None, columns: bool) -> Reconciliation:
    actors = _Actors(corpus)
    by_figure: dict[str, list[Claim]] = defaultdict(list)
    by_prop: dict[str, list[Claim]] = defaultdict(list)
    superseded: dict[str, str] = {}
    # The date each claim covers, as its findings show it; a finding may cite claims of other figures.
    date_of: dict[str, str] = {}
    for claim in corpus.claims:
        date_of[claim.id] = (claim.as_of or claim.date).text
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
    currents: dict[str, list[ClaimView]] = {}
    estimates: dict[str, Estimate | None] = {}
    # Each figure keeps its own small map of claims: lookups stay local instead of going to the
    # corpus-wide index, which matters for memory locality once corpora reach millions of claims.
    claims_of: dict[str, dict[str, Claim]] = {}
    by_id = attrgetter("id")
    for figure in corpus.figures:
        claims = sorted(by_figure.get(figure.id, ()), key=by_id)
        claims_of[figure.id] = {c.id: c for c in claims}
        losses = corpus.losses_of(figure) or "none"
        views[figure.id] = view = _views(actors, figure, claims, superseded, origins, reading, derived, losses)
        currents[figure.id] = current = [c for c in view if c.current]
        estimates[figure.id] = policy.estimate(figure, current) if current else None
    if isinstance(policy, BestPolicy):
        estimates = with_structure(corpus, estimates)
    found = _found_over_columns(corpus, views, claims_of) if columns else {}
    # Figures are visited in the order their views were made (neighbours in memory), then sorted.
    figures = tuple(
        sorted(
            (
                _figure_result(
                    corpus,
                    figure,
                    claims_of[figure.id],
                    views,
                    currents[figure.id],
                    estimates,
                    found.get(figure.id),
                    date_of,
                )
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


def _found_over_columns(
    corpus: Corpus, views: dict[str, tuple[ClaimView, ...]], claims_of: dict[str, dict[str, Claim]]
) -> dict[str, Found]:
    """The contradicting pairs of every figure the array rules serve, by figure id, found chunk by chunk.

    A corpus with a count too large for exact arithmetic on arrays is left to the claim-by-claim rules.
    """
    # numpy is imported when a corpus is reconciled, not with the package: commands that do not reconcile
    # start faster.
    from ..columns import ClaimColumns, ExactLimit
    from .kernels import contradicting_pairs

    try:
        cols = ClaimColumns.from_views(corpus.figures, views, claims_of)
    except ExactLimit:
        return {}
    found: dict[str, Found] = {}
    for first, end in cols.chunks():
        for index, pairs in contradicting_pairs(cols, first, end).items():
            found[cols.figures[index].id] = pairs
    return found


def _figure_result(
    corpus: Corpus,
    figure: Figure,
    claim_of: dict[str, Claim],
    views: dict[str, tuple[ClaimView, ...]],
    current: list[ClaimView],
    estimates: dict[str, Estimate | None],
    found: Found | None,
    date_of: dict[str, str],
) -> FigureResult:
    claims = views[figure.id]
    # Contradictions come first and are made when read; the other families' findings follow them.
    pending: list[Pending] = []
    spread = _contradictions(figure, current, claim_of, pending, found)
    findings: list[Finding] = []
    _revisions(claim_of, figure, claims, findings)
    if figure.cumulative:
        _regressions(figure, current, claim_of, findings)
    ratio = _partisan_gap(figure, current, findings)
    voices = tuple(sorted({c.voice for c in current}))
    _voices_and_repeats(claim_of, figure, claims, current, voices, findings, found)
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
        findings=partial(_dated, [*pending, *findings], date_of),
        estimate=estimates[figure.id],
        voices=voices,
        spread=spread,
        partisan_ratio=ratio,
    )
