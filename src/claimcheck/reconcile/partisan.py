"""Partisan gaps: a side's count of its own losses against its adversary's, per figure and overall."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Sequence

from ..estimate import ClaimView
from ..findings import Finding
from ..model import Corpus, Figure
from .results import FigureResult, PartisanPattern


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
