"""Renderers: a reconciliation and its corpus in, report text out (Markdown, JSON, HTML)."""

from __future__ import annotations

from collections.abc import Callable

from claimcheck.model import Corpus
from claimcheck.reconcile import Reconciliation

from .common import Shown
from .html import render_html
from .json import REPORT_SCHEMA, render_json
from .markdown import render_markdown

__all__ = ["FORMATS", "REPORT_SCHEMA", "Shown", "render", "render_html", "render_json", "render_markdown"]

FORMATS: dict[str, Callable[[Reconciliation, Corpus, Shown | None], str]] = {
    "md": render_markdown,
    "json": render_json,
    "html": render_html,
}


def render(result: Reconciliation, corpus: Corpus, fmt: str = "md", *, shown: Shown | None = None) -> str:
    """The report in one of :data:`FORMATS`; raises ValueError for another format.

    ``shown`` filters the findings the report lists (its summary still counts them all).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    return FORMATS[fmt](result, corpus, shown)
