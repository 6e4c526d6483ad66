"""Findings carry the dates of the claims they cite, so a reader sees when each side spoke."""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding
from ..model import Corpus


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
