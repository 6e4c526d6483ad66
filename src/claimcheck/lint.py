"""Warnings: what is not wrong in claim files, but a careful author wants to hear.

A file with only warnings loads; ``claimcheck check`` prints them as
``path:line:col: warning: ...`` and fails on them only with ``--strict``.
They run once the references are known to be right, on the whole corpus:

- ``unknown-measure``: a figure's measure is not in the measure table, so it
  counts no loss (a typo such as ``destoryed`` would otherwise change an
  estimate silently);
- ``measure-alias``: a measure written another way than the table's word;
- ``no-side``: an official actor (a government, a ministry, a military, or
  one under them) makes claims about a conflict in which neither it nor a
  parent has a side. Monitors, outlets and people are third parties on
  purpose and are not warned about;
- ``shared-quote``: two claims on one figure give counts that overlap in
  the same words of the same source, but have different claimants and are
  not marked as one statement (``claimant: [a, b]``, ``joint-with`` or
  ``same-as``): often one joint statement written twice, which would then
  corroborate itself. Claims on propositions are left out: "X and Y stated
  that..." reports two statements as often as one.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable

from .errors import Problem, ProblemList, quoted
from .measures import DEFAULT_MEASURES
from .model import Claim, Corpus
from .quotes import normalise_text

__all__ = ["check_warnings"]

_Warn = Callable[..., None]


def check_warnings(corpus: Corpus, problems: ProblemList) -> None:
    """Add every warning about ``corpus`` to ``problems``, each at the value it is about."""

    def warn(obj: object, code: str, message: str, hint: str | None, *at: str | int) -> None:
        problems.append(Problem.at(getattr(obj, "origin", None), code, message, hint, "warning"), at=at)

    words: list[str] | None = None
    for figure in corpus.figures:
        measure = corpus.measure(figure.measure)
        if measure is None:
            if words is None:
                words = sorted({m.word for m in (*DEFAULT_MEASURES, *corpus.measures)})
            close = difflib.get_close_matches(figure.measure, words, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "add it to a 'measures:' section, saying what it counts"
            message = f"measure {quoted(figure.measure)} is not in the measure table: the figure counts no loss"
            warn(figure, "unknown-measure", message, hint, "measure")
        elif measure.word != figure.measure:
            message = f"measure {quoted(figure.measure)} is another spelling of {measure.word!r}"
            warn(figure, "measure-alias", message, f"write {measure.word!r}", "measure")
    _no_side(corpus, warn)
    _shared_quotes(corpus, warn)


def _no_side(corpus: Corpus, warn: _Warn) -> None:
    warned: set[tuple[str, str]] = set()
    conflicts: dict[str, str] = {f.id: f.conflict for f in corpus.figures}
    conflicts.update({p.id: p.conflict for p in corpus.propositions})
    for claim in corpus.claims:
        conflict = conflicts[claim.figure or claim.proposition or ""]
        for i, actor in enumerate(claim.claimants):
            if (actor, conflict) in warned or corpus.party_of(actor, conflict) is not None:
                continue
            if corpus.standing_of(actor) != "official":
                continue
            warned.add((actor, conflict))
            kind = corpus.actor(actor).kind
            message = (
                f"{actor!r} (official: a {kind} or under one) makes claims about {conflict!r} but has no side in it"
            )
            hint = f"give it or its parent 'sides: {{{conflict}: SIDE}}', or neutral, or mediator"
            warn(claim, "no-side", message, hint, "claimant", *((i,) if claim.co_claimants else ()))


def _shared_quotes(corpus: Corpus, warn: _Warn) -> None:
    groups: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in corpus.claims:
        if claim.figure is not None:
            groups[claim.source, claim.figure, normalise_text(claim.quote)].append(claim)
    for claims in groups.values():
        if len(claims) < 2:
            continue
        first = claims[0]
        for other in claims[1:]:
            if corpus.statement_of(other.id) == corpus.statement_of(first.id) or not other.says_same_as(first):
                continue
            mine = {corpus.root_of(a) for a in first.claimants}
            theirs = {corpus.root_of(a) for a in other.claimants}
            if mine == theirs:
                continue
            message = (
                f"claim {other.id!r} quotes the same words of {other.source!r} as {first.id!r}, "
                f"with another claimant ({', '.join(other.claimants)} against {', '.join(first.claimants)})"
            )
            hint = f"one joint statement is one claim ('claimant: [a, b]') or marked 'joint-with: {first.id}'"
            warn(other, "shared-quote", message, hint, "quote")
