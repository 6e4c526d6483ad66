"""Findings carry the dates of the claims they cite, so a reader sees when each side spoke."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..findings import Finding


def _dated(findings: Sequence[Finding], date_of: Mapping[str, str]) -> tuple[Finding, ...]:
    """The findings, stamped with the dates of the claims they cite (in the order of the claims).

    ``date_of`` gives the date of every claim of the corpus: a finding may cite claims of other figures
    (a total's parts). The findings were made a moment ago and nobody else holds them yet, so they are
    completed in place rather than built a second time.
    """
    complete, date = object.__setattr__, date_of.__getitem__  # looked up once: findings come by the thousand
    for f in findings:
        complete(f, "dates", tuple(map(date, f.claims)))
    return tuple(findings)
