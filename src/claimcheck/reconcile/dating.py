"""Findings carry the dates of the claims they cite, so a reader sees when each side spoke."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ..findings import Finding

#: A finding, or a function of no arguments that makes it: the rule decided it, and the object is made
#: when the figure's findings are first read (:attr:`~claimcheck.reconcile.FigureResult.findings`).
Pending = Finding | Callable[[], Finding]


def _dated(findings: Sequence[Pending], date_of: Mapping[str, str]) -> tuple[Finding, ...]:
    """The findings, made now if pending, stamped with the dates of the claims they cite (in the order of
    the claims).

    ``date_of`` gives the date of every claim of the corpus: a finding may cite claims of other figures
    (a total's parts). The findings were made a moment ago and nobody else holds them yet, so they are
    completed in place rather than built a second time.
    """
    complete, date = object.__setattr__, date_of.__getitem__  # looked up once: findings come by the thousand
    made = [f if isinstance(f, Finding) else f() for f in findings]
    for f in made:
        complete(f, "dates", tuple(map(date, f.claims)))
    return tuple(made)
