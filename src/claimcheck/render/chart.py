"""Charts of contested figures: each claim's interval, by claimant, over time (SVG via matplotlib).

People would rather look than read. Each claim is a vertical bar from the
lowest to the highest count it allows, at the date it covers, coloured by
who is counting whose losses; claims with no upper limit end in an arrow;
the estimate is a shaded band with its best value as a dashed line. The
scale turns logarithmic when the claims span more than tenfold.

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

__all__ = ["COLOURS", "chart_svg", "charts_available"]

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


def _middle(span: DateSpan) -> dt.date | None:
    if span.earliest and span.latest:
        return span.earliest + (span.latest - span.earliest) / 2
    return span.earliest or span.latest


def chart_svg(result: FigureResult, corpus: Corpus) -> str:
    """An SVG chart (text) of the figure's claims; deterministic for the same claims."""
    import matplotlib as mpl
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
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
    with mpl.rc_context(cast(Any, rc)):
        fig = Figure(figsize=(7.5, 3.4), dpi=100)
        FigureCanvasSVG(fig)
        ax = fig.add_subplot()
        values = [v for c in result.claims for v in (c.low, c.high) if v]
        top = max(values) if values else 1
        arrow_top = top * (3 if _log_scale(result) else 1.25)
        seen: set[str] = set()
        labels_at: dict[float, int] = {}
        for view in sorted(result.claims, key=lambda c: c.id):
            day = _middle(corpus.claim(view.id).covers)
            if day is None:
                continue
            x = float((day - _EPOCH).days)  # matplotlib's date numbers: days since its 1970 epoch
            colour = COLOURS[view.relation]
            label = _LABELS[view.relation] if view.relation not in seen else "_nolegend_"
            seen.add(view.relation)
            alpha = 1.0 if view.current else 0.35
            high = view.high if view.high is not None else arrow_top
            low = view.low if view.low > 0 or not _log_scale(result) else 0.8
            ax.vlines(
                x, low, high, colors=colour, linewidth=4 if view.high != view.low else 2, alpha=alpha, label=label
            )
            if view.high is None:
                ax.plot([x], [high], marker="^", color=colour, markersize=7, alpha=alpha)
            ax.plot([x], [max(view.point, low)], marker="o", color=colour, markersize=4, alpha=alpha)
            # Stack the names of claimants that share a date, so they do not print over each other.
            stacked = labels_at.get(x, 0)
            labels_at[x] = stacked + 1
            ax.annotate(
                view.claimant,
                (x, max(view.point, low)),
                xytext=(4, 2 - 8 * stacked),
                textcoords="offset points",
                fontsize=6.5,
                color="#333333",
            )
        est = result.estimate
        if est is not None and est.low is not None:
            band_top = est.high if est.high is not None else arrow_top
            ax.axhspan(
                max(est.low, 0.8) if _log_scale(result) else est.low,
                band_top,
                color="#999999",
                alpha=0.15,
                label=f"estimate ({est.policy})",
            )
            if est.best is not None:
                ax.axhline(
                    max(est.best, 0.8) if _log_scale(result) else est.best,
                    color="#444444",
                    linestyle="--",
                    linewidth=1,
                    label=f"best: {est.best:,}",
                )
        if _log_scale(result):
            ax.set_yscale("log")
            ax.yaxis.set_minor_formatter(NullFormatter())
        else:
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts have no fractions
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}" if v >= 1 else f"{v:g}"))
        ax.set_ylabel(plain(result.figure.unit))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), fontsize=7, frameon=False, ncols=5)
        ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
        ax.xaxis_date()
        ax.margins(x=0.15)
        if labels_at and max(labels_at) - min(labels_at) < 30:
            # Claims within a month of each other: show that month, not the years autoscaling picks.
            ax.set_xlim(min(labels_at) - 15, max(labels_at) + 15)
        # Before any tick is labelled: matplotlib cannot name a day outside the calendar.
        ax.set_xlim(*_within_calendar(*ax.get_xlim()))
        fig.autofmt_xdate()
        fig.tight_layout()
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
