"""The contested-figure score: how much a figure's claims call for a reader's attention.

Reports order figures by it (most contested first), and
:meth:`~claimcheck.reconcile.Reconciliation.most_contested` lists the top of that order. It is defined here
and nowhere else. For each finding where two values disagree (the codes in :data:`DISAGREEMENTS`, each with
a ``gap`` and a ``ratio`` or none for a value against 0), with ``lo`` and ``hi`` the two values::

    disagreement = severity weight × ln((hi + 1) / (lo + 1)) × ln(1 + gap)

where the severity weight is 1 for low, 2 for medium and 3 for high (0 for info). The first factor is the
log ratio with zero handled (1 against 0 counts as 2 against 1, not as infinity); the second the absolute gap
(on a log scale, so 10,000 against 5,000 outweighs 10 against 5 but not a thousandfold). The figure's score
is its largest disagreement times ``1 + ln(v)``, ``v`` the number of independent voices among its standing
claims (a belligerent side with its allies is one voice): a dispute among many independent voices matters
more. Examples: 7,630 against 3,392 (high, one voice) scores 3 × 0.81 × 8.35 = 20.3; 1 against 0 (high, two
voices) 3 × 0.69 × 0.69 × 1.69 = 2.4; 100 against "dozens" read as 99 (low) 1 × 0.01 × 0.69 = 0.007.

Ties are broken by the worst severity, then the number of independent voices, then the log spread.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .findings import Finding, severity_rank

if TYPE_CHECKING:
    from .reconcile import FigureResult

__all__ = ["DISAGREEMENTS", "Score", "contested_score", "disagreement", "ranked"]

#: Compared element by element: larger is more contested.
Score = tuple[float, ...]

#: The findings whose two values disagree, and so make a figure contested.
DISAGREEMENTS = frozenset({"contradiction", "partisan-gap", "part-whole-gap", "bound-violation", "regression"})


def disagreement(finding: Finding) -> float:
    """How far apart a disagreement finding's two values are, weighted by its severity (see the module
    docstring); 0 for a finding of another code or without a gap."""
    gap = finding.gap
    if finding.code not in DISAGREEMENTS or gap is None or gap <= 0:
        return 0.0
    ratio = finding.ratio
    if ratio is not None and ratio < 1:
        # A partisan gap's ratio is adversary / self, below 1 when the adversary says less (0 when it says 0).
        ratio = 1 / ratio if ratio > 0 else None
    if ratio is not None and ratio <= 1:
        return 0.0  # equal as far as the rounded ratio tells: no disagreement worth ranking
    low = 0.0 if ratio is None else gap / (ratio - 1)
    return severity_rank(finding.severity) * math.log((low + gap + 1) / (low + 1)) * math.log1p(gap)


def contested_score(result: FigureResult) -> Score:
    """The figure's score: largest disagreement times the voices factor, then worst severity, voices and log
    spread (see the module docstring)."""
    from .reconcile.voices import bloc

    voices = len({bloc(c) for c in result.claims if c.current})
    largest = max((disagreement(f) for f in result.findings), default=0.0)
    worst = max((severity_rank(f.severity) + 1 for f in result.findings), default=0)
    spread = result.spread
    log_spread = 0.0 if spread is None or spread <= 1 or math.isinf(spread) else math.log(spread)
    return (largest * (1 + math.log(max(voices, 1))), float(worst), float(voices), log_spread)


def ranked(results: Iterable[FigureResult]) -> list[FigureResult]:
    """Figures most contested first; ties in figure-id order, so the order is deterministic."""
    return sorted(results, key=lambda r: (tuple(-x for x in contested_score(r)), r.figure.id))
