"""The contested-figure score: how much a figure's claims call for a reader's attention.

Reports order figures by it (most contested first). It is defined here and
nowhere else, so a better formula replaces this one without touching the
renderers. The placeholder formula compares, in order:

1. the severity of the figure's worst finding (high before medium, ...);
2. the number of independent voices among its standing claims;
3. the log of its spread (the largest ratio between contradicting claims),
   0 when nothing contradicts and a large finite number when one side says 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .findings import severity_rank

if TYPE_CHECKING:
    from .reconcile import FigureResult

__all__ = ["Score", "contested_score", "ranked"]

#: Compared element by element: larger is more contested.
Score = tuple[float, ...]

#: Stands for an infinite spread (a claim of 0 against a positive one), so scores stay finite and sortable.
_INFINITE_LOG = 1e9


def contested_score(result: FigureResult) -> Score:
    """The figure's score: worst severity, then voices, then log spread (see the module docstring)."""
    worst = max((severity_rank(f.severity) + 1 for f in result.findings), default=0)
    spread = result.spread
    if spread is None or spread <= 1:
        log_spread = 0.0
    elif math.isinf(spread):
        log_spread = _INFINITE_LOG
    else:
        log_spread = math.log(spread)
    return (float(worst), float(len(result.voices)), log_spread)


def ranked(results: Iterable[FigureResult]) -> list[FigureResult]:
    """Figures most contested first; ties in figure-id order, so the order is deterministic."""
    return sorted(results, key=lambda r: (tuple(-x for x in contested_score(r)), r.figure.id))
