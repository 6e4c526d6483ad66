"""One figure for the terminal (``claimcheck show``): plain text, control sequences stripped.

Claim files are untrusted; text from them could carry terminal escape
sequences, so everything is passed through :func:`~claimcheck.render.common.plain`.
"""

from __future__ import annotations

from claimcheck.model import Corpus
from claimcheck.reconcile import FigureResult

from .common import by_severity, claim_rows, estimate_line, plain

__all__ = ["render_figure"]


def render_figure(result: FigureResult, corpus: Corpus) -> str:
    """The figure's claims, findings, estimate and quotes as terminal text."""
    f = result.figure
    lines = [
        f"{plain(f.label)} [{f.id}]",
        f"  {f.conflict} · {plain(f.measure)} · {plain(f.unit)}"
        + (f" · losses of {f.of}" if f.of else "")
        + (" · running total" if f.cumulative else ""),
        "",
    ]
    rows = claim_rows(result, corpus)
    width = max((len(r.claimant) for r in rows), default=8)
    lines.append("Claims")
    for r in rows:
        lines.append(
            f"  {r.date:<23} {plain(r.claimant):<{width}}  {r.relation:<11} {plain(r.value):<20} {r.interval:<22} "
            f"{r.source} {plain(r.locator)}"
            + (f" via {', '.join(r.via)}" if r.via else "")
            + ("" if r.standing == "standing" else f" ({r.standing})")
        )
    if result.findings:
        lines += ["", "Findings"]
        lines += [f"  {x.severity:<6} {x.code}: {plain(x.message)}" for x in by_severity(result.findings)]
    est = result.estimate
    if est is not None:
        lines += [
            "",
            f"Estimate ({est.policy}): {estimate_line(est)}",
        ]
        lines += [f"  {plain(reason)}" for reason in est.reasons]
    lines += ["", "Quotes"]
    for r in rows:
        lines.append(f"  {r.id}: “{plain(r.quote)}”" + (f" — {plain(r.translation)}" if r.translation else ""))
    return "\n".join(lines) + "\n"
