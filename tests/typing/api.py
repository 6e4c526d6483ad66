"""Public-API usage that must type-check under mypy --strict (checked in CI, not run)."""

from __future__ import annotations

from collections.abc import Sequence

import claimcheck
from claimcheck import ClaimView, Estimate, Figure


class Lowest:
    """A user policy, typed against the EstimatePolicy protocol."""

    @property
    def name(self) -> str:
        return "lowest"

    def estimate(self, figure: Figure, claims: Sequence[ClaimView]) -> Estimate:
        low = min(c.low for c in claims)
        return Estimate(policy=self.name, low=low, best=low, high=None, reasons=("lowest",), claims=())


def usage() -> None:
    corpus: claimcheck.Corpus = claimcheck.load("claims", reading=claimcheck.Reading(tolerance=0.05))
    result: claimcheck.Reconciliation = claimcheck.reconcile(corpus, policy=Lowest())
    findings: tuple[claimcheck.Finding, ...] = result.select("contradiction", severity="medium")
    value: claimcheck.Value = claimcheck.parse_value("about 90000")
    span: claimcheck.DateSpan = claimcheck.parse_date("2020-10")
    try:
        claimcheck.from_data({"claims": []})
    except claimcheck.LoadError as exc:
        problems: tuple[claimcheck.Problem, ...] = exc.problems
        print(problems)
    report: str = claimcheck.render.render(result, corpus, "md")
    print(findings, value.low, span.earliest, report)
