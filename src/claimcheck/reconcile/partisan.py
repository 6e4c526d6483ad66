"""Partisan gaps: a side's figures against its adversary's and against independent voices', per figure,
and the pattern of each side per kind of figure over the corpus."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Literal

from ..estimate import ClaimView, central
from ..findings import Finding
from ..model import Corpus, Figure, LossKind
from .results import FigureResult, PartisanKind, PartisanPattern

#: A side and independent voices whose central values are closer than this ratio (either way) make no
#: partisan-gap finding: the ratio at which a contradiction stops being low.
NOTABLE_RATIO = 1.25


def _gap_finding(
    figure: Figure, mine: Sequence[ClaimView], others: Sequence[ClaimView], who: str, against: str, *, notable: bool
) -> tuple[Finding, float] | None:
    """A partisan-gap finding comparing ``mine`` (said by ``who``) with ``others`` (``against``), ratio mine /
    others, or None when ``others`` put the figure at 0 or, with ``notable``, when the two are closer than
    :data:`NOTABLE_RATIO`."""
    mine_mid, others_mid = central(mine), central(others)
    if others_mid <= 0:
        return None
    ratio = mine_mid / others_mid
    if notable and 1 / NOTABLE_RATIO < ratio < NOTABLE_RATIO:
        return None
    return (
        Finding(
            code="partisan-gap",
            severity="medium" if ratio >= 2 or ratio <= 0.5 else "low",
            figure=figure.id,
            claims=tuple(sorted(c.id for c in (*mine, *others))),
            ratio=round(ratio, 4),
            gap=abs(mine_mid - others_mid),
            message=lambda: (
                f"{who} ({_names(mine)}) put {figure.label} at {ratio:.2f}× what {against} "
                f"({_names(others)}): {mine_mid:,} against {others_mid:,}."
            ),
        ),
        ratio,
    )


def _names(claims: Sequence[ClaimView]) -> str:
    return ", ".join(sorted({c.claimant for c in claims}))


def _partisan_gap(figure: Figure, current: Sequence[ClaimView], findings: list[Finding]) -> float | None:
    """Partisan-gap findings on one figure; returns the adversary / self ratio, when both speak.

    A side's official self-reports are compared with its adversary's claims (ratio adversary / self), and
    each side's claims (its official self-reports, or its claims of the enemy's losses) with independent
    (third-party) voices' bounded values (ratio side / independent), where they differ by at least
    :data:`NOTABLE_RATIO`.
    Vague words take no part; the central value is :func:`claimcheck.estimate.central`.
    """
    # Only an official voice reports for its side: a former official's figure is not the side's own.
    own = [c for c in current if c.relation == "self" and c.official and not c.vague]
    enemy = [c for c in current if c.relation == "adversary" and not c.vague]
    # An independent floor ("at least 150") is no report of the number: only bounded values are compared.
    independent = [c for c in current if c.relation == "third-party" and not c.vague and c.high is not None]
    ratio = None
    if own and enemy:
        found = _gap_finding(
            figure, enemy, own, "The adversary's claims", f"{figure.of}'s own side reports", notable=False
        )
        if found is not None:
            findings.append(found[0])
            ratio = found[1]
    if independent:
        for mine, whose in ((own, f"The claims of {figure.of}'s own side"), (enemy, "The adversary's claims")):
            if not mine:
                continue
            found = _gap_finding(figure, mine, independent, whose, "independent voices report", notable=True)
            if found is not None:
                findings.append(found[0])
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
    """Each side's pattern: its claims' central value over everyone else's, on its own losses and on the
    enemy's, overall (as before) and per kind of loss (military, civilian, equipment...)."""
    ratios: dict[tuple[str, Literal["own", "enemy"], LossKind], list[tuple[str, float]]] = defaultdict(list)
    by_id = {f.figure.id: f for f in figures}
    for result in figures:
        figure = result.figure
        current = [c for c in result.claims if c.current and not c.vague]
        kind = corpus.losses_of(figure)
        if figure.of is None or kind is None or not current:
            continue
        for side in sorted({c.side for c in current if c.relation in ("self", "adversary") and c.side}):
            # Only an official voice speaks for its side; a former official's claims are neither the side's
            # nor independent of it.
            mine = [c for c in current if c.side == side and c.official]
            others = [c for c in current if c.side != side]
            if not mine:
                continue
            # A total nobody else gives is compared with its parts as the others give them.
            others_mid = central(others) if others else _parts_best(figure, by_id, side)
            if others_mid is None or others_mid <= 0:
                continue
            whose: Literal["own", "enemy"] = "own" if side == figure.of else "enemy"
            ratios[side, whose, kind].append((figure.id, central(mine) / others_mid))
    sides = sorted({side for side, _, _ in ratios})

    def overall(side: str, whose: str) -> list[tuple[str, float]]:
        return [r for (s, w, _), rs in sorted(ratios.items()) if s == side and w == whose for r in rs]

    return tuple(
        PartisanPattern(
            side=side,
            own_ratio=_geomean([r for _, r in overall(side, "own")]),
            own_figures=tuple(sorted(f for f, _ in overall(side, "own"))),
            enemy_ratio=_geomean([r for _, r in overall(side, "enemy")]),
            enemy_figures=tuple(sorted(f for f, _ in overall(side, "enemy"))),
            kinds=tuple(
                PartisanKind(
                    whose=whose,
                    losses=kind,
                    ratio=_geomean([r for _, r in rs]),
                    figures=tuple(sorted(f for f, _ in rs)),
                )
                for (s, whose, kind), rs in sorted(ratios.items())
                if s == side
            ),
        )
        for side in sides
    )
