"""Charts of contested figures: each claim's interval, by claimant, over time (SVG via matplotlib).

People would rather look than read. Each claim covers the counts it allows
over the days it is given for (a bar, a line or a box), coloured by who is
counting whose losses; a side it leaves open is dotted to the edge of the
chart; the estimate is a shaded band with its best value as a dashed line.
The scale turns logarithmic when the claims span more than tenfold. A
figure whose claims all allow the same counts gets no chart.

matplotlib is an optional dependency (``claimcheck[html]``); without it the
HTML report says so instead of drawing.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any, cast

from claimcheck.dates import DateSpan
from claimcheck.model import Corpus
from claimcheck.reconcile import FigureResult

from .common import plain

__all__ = ["COLOURS", "chart_svg", "charts_available", "worth_drawing"]

#: Colours by relation (colour-blind safe, from the Okabe–Ito palette).
COLOURS = {
    "self": "#0072B2",
    "ally": "#56B4E9",
    "adversary": "#D55E00",
    "third-party": "#009E73",
    "unrelated": "#7f7f7f",
}
_LABELS = {
    "self": "self-report",
    "ally": "ally's report",
    "adversary": "adversary report",
    "third-party": "third party",
    "unrelated": "claim",
}


_EPOCH = dt.date(1970, 1, 1)


def charts_available() -> bool:
    """Whether matplotlib is installed, so charts can be drawn."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def worth_drawing(result: FigureResult) -> bool:
    """Whether a chart adds to the table: at least two claims, and not all allowing the same counts."""
    return len({(c.low, c.high) for c in result.claims}) > 1


def _days(day: dt.date) -> float:
    return float((day - _EPOCH).days)  # matplotlib's date numbers: days since its 1970 epoch


def _span(span: DateSpan) -> tuple[float, float] | None:
    """The days a claim covers, first and last (equal for a single day); ``None`` when undated."""
    first, last = span.earliest or span.latest, span.latest or span.earliest
    if first is None or last is None:
        return None
    return _days(first), _days(last)


#: Vertical room (in inches) one claimant's label takes in the right margin, and the chart's least height.
_LABEL_INCHES, _HEIGHT = 0.14, 3.4
#: Claims named one by one at most; past it each claimant is named once.
_NAMED_CLAIMS = 30


def _spread_out(wanted: list[float], gap: float) -> list[float]:
    """Positions (axes fractions, sorted ascending) moved apart by at least ``gap``, kept within 0..1."""
    placed: list[float] = []
    for y in wanted:
        placed.append(max(y, placed[-1] + gap) if placed else max(y, 0.0))
    top = 1.0
    for i in range(len(placed) - 1, -1, -1):
        placed[i] = min(placed[i], top)
        top = placed[i] - gap
    return placed


def chart_svg(result: FigureResult, corpus: Corpus) -> str:
    """An SVG chart (text) of the figure's claims; deterministic for the same claims.

    Each claim covers the days it is given for and the counts it allows: a
    bar, a line along a span of days, or a box for both. A side left open
    (no upper limit, or an upper limit alone) is a dotted line running to the
    edge of the chart, ending in an arrow, rather than a bar from 1 or to an
    invented top. Claimants are named once each, in the right margin, spread
    apart so no two names overlap, each joined to its claim (past
    :data:`_NAMED_CLAIMS` claims, each claimant once, at its latest claim).
    """
    import matplotlib as mpl
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle
    from matplotlib.ticker import FuncFormatter, MaxNLocator, NullFormatter

    rc: dict[str, Any] = {
        "svg.hashsalt": f"claimcheck-{result.figure.id}",
        "svg.fonttype": "none",
        "font.family": "DejaVu Sans",
        "font.size": 8,
        "text.parse_math": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "date.epoch": "1970-01-01T00:00:00",
    }
    log = _log_scale(result)
    dated = []
    for view in sorted(result.claims, key=lambda c: c.id):
        days = _span(corpus.claim(view.id).covers)
        if days is not None:
            dated.append((view, days))
    # Every claim is named, unless there are too many to list: then every claimant, at its latest claim.
    per_claim = len(dated) <= _NAMED_CLAIMS
    names = len(dated) if per_claim else len({view.claimant for view, _ in dated})
    height = max(_HEIGHT, 1.6 + _LABEL_INCHES * names)
    values = [v for c in result.claims for v in (c.low, c.high) if v]
    top = max(values) if values else 1
    bottom = (min(values) / 2 if values else 0.5) if log else 0.0
    ceiling = top * 2.5 if log else top * 1.15
    with mpl.rc_context(cast(Any, rc)):
        fig = Figure(figsize=(7.5, height), dpi=100)
        FigureCanvasSVG(fig)
        ax = fig.add_subplot()
        seen: set[str] = set()
        marks: dict[str, tuple[str, float, float]] = {}  # claim or claimant -> (name, where its label points)
        for view, (first, last) in dated:
            colour = COLOURS[view.relation]
            label = _LABELS[view.relation] if view.relation not in seen else "_nolegend_"
            seen.add(view.relation)
            alpha = 1.0 if view.current else 0.35
            upper = view.high  # None: no upper limit
            open_below = view.low == 0 and upper is not None and upper > 0
            low = bottom if open_below or (log and view.low <= 0) else view.low
            high = ceiling if upper is None else upper
            # The counts the claim pins down: its interval, or its one stated limit when a side is open.
            known_high = float(view.low if upper is None else upper)
            known_low = known_high if open_below else float(view.low)
            mid = (first + last) / 2
            if last > first and known_high > known_low:
                ax.add_patch(
                    Rectangle(
                        (first, known_low),
                        last - first,
                        known_high - known_low,
                        facecolor=colour,
                        edgecolor=colour,
                        alpha=0.3 * alpha,
                        linewidth=1,
                        label=label,
                    )
                )
            elif last > first:
                ax.hlines(known_low, first, last, colors=colour, linewidth=3, alpha=alpha, label=label)
            elif known_high > known_low:
                ax.vlines(mid, known_low, known_high, colors=colour, linewidth=4, alpha=alpha, label=label)
            else:
                ax.plot([mid], [known_low], marker="o", color=colour, markersize=5, alpha=alpha, label=label)
            if view.high is None:
                # Unknown above: dotted up to the top edge, with an arrow.
                ax.vlines(mid, known_low, high, colors=colour, linestyles=":", linewidth=1.5, alpha=alpha)
                ax.plot([mid], [high], marker="^", color=colour, markersize=6, alpha=alpha, clip_on=False)
            if open_below:
                # Only an upper limit: dotted down to the bottom edge, with an arrow.
                ax.vlines(mid, low, known_high, colors=colour, linestyles=":", linewidth=1.5, alpha=alpha)
                ax.plot([mid], [low], marker="v", color=colour, markersize=6, alpha=alpha, clip_on=False)
            point = max(float(view.point), known_low)
            key = view.id if per_claim else view.claimant
            if key not in marks or mid >= marks[key][1]:
                marks[key] = (view.claimant, mid, point)
        est = result.estimate
        if est is not None and est.low is not None:
            ax.axhspan(
                max(est.low, bottom) if log else est.low,
                est.high if est.high is not None else ceiling,
                color="#999999",
                alpha=0.15,
                label=f"estimate ({est.policy})",
            )
            if est.best is not None:
                ax.axhline(
                    max(est.best, bottom) if log else est.best,
                    color="#444444",
                    linestyle="--",
                    linewidth=1,
                    label=f"best: {est.best:,}",
                )
        if log:
            ax.set_yscale("log")
            ax.yaxis.set_minor_formatter(NullFormatter())
        else:
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts have no fractions
        ax.set_ylim(bottom if log else 0, ceiling)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}" if v >= 1 else f"{v:g}"))
        ax.set_ylabel(plain(result.figure.unit))
        ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
        ax.xaxis_date()
        if dated:
            first_day = min(first for _, (first, _) in dated)
            last_day = max(last for _, (_, last) in dated)
            margin = max(3.0, (last_day - first_day) * 0.06)
            ax.set_xlim(*_within_calendar(first_day - margin, last_day + margin))
        fig.subplots_adjust(left=0.1, right=0.74, top=1 - 0.2 / height, bottom=1.15 / height)
        fig.legend(loc="lower center", fontsize=7, frameon=False, ncols=5)
        _label_claims(ax, sorted(marks.values()), height)
        for tick in ax.get_xticklabels():
            tick.set_rotation(30)
            tick.set_horizontalalignment("right")
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    # Keep only the <svg> element (the XML prolog and DOCTYPE do not belong inside HTML), without its
    # RDF metadata block, which only names the generator.
    svg = svg[svg.index("<svg") :]
    start, end = svg.find("<metadata>"), svg.find("</metadata>")
    if start != -1 and end != -1:
        svg = svg[:start] + svg[end + len("</metadata>") :]
    return svg


def _label_claims(ax: Any, marks: list[tuple[str, float, float]], height: float) -> None:
    """Claimants' names in the right margin, spread apart, each with a thin line to its claim."""
    to_axes = ax.transAxes.inverted()
    wanted = []
    for claimant, x, y in marks:
        _, fraction = to_axes.transform(ax.transData.transform((x, y)))
        wanted.append((min(max(float(fraction), 0.0), 1.0), claimant, x, y))
    wanted.sort()
    axes_inches = ax.get_position().height * height
    placed = _spread_out([w[0] for w in wanted], _LABEL_INCHES / axes_inches)
    for (_, claimant, x, y), at in zip(wanted, placed, strict=True):
        ax.annotate(
            claimant,
            (x, y),
            xytext=(1.03, at),
            textcoords="axes fraction",
            fontsize=6.5,
            color="#333333",
            va="center",
            annotation_clip=False,
            arrowprops={"arrowstyle": "-", "color": "#bbbbbb", "linewidth": 0.5, "shrinkA": 0, "shrinkB": 2},
        )


#: matplotlib's dates run from year 1 to 9999 and it refuses to label anything beyond, as does Python.
_FIRST_DAY = float((dt.date.min - _EPOCH).days)
_LAST_DAY = float((dt.date.max - _EPOCH).days)


def _within_calendar(left: float, right: float) -> tuple[float, float]:
    """The x range moved (or, if wider than the calendar, cut) so it stays within years 1 to 9999.

    A claim near either end of the calendar (a typo like 0202 for 2020 is
    enough) would otherwise get margins beyond it. Moving rather than cutting
    keeps points off the edge of the chart.
    """
    if left < _FIRST_DAY:
        left, right = _FIRST_DAY, right + (_FIRST_DAY - left)
    if right > _LAST_DAY:
        left, right = max(_FIRST_DAY, left - (right - _LAST_DAY)), _LAST_DAY
    return left, right


def _log_scale(result: FigureResult) -> bool:
    positive = [v for c in result.claims for v in (c.low, c.high) if v]
    return bool(positive) and max(positive) > 10 * min(positive)
