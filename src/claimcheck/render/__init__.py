"""Renderers: a reconciliation and its corpus in, report text out (Markdown, JSON, HTML).

Each format is rendered two ways with the same bytes: whole, as one string
(:func:`render`), or in pieces made as they are written (:func:`stream`), which
is how the command line writes reports, so a large report is never one string
in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from claimcheck.model import Corpus
from claimcheck.reconcile import Reconciliation

from .common import Shown
from .html import render_html, stream_html
from .json import REPORT_SCHEMA, render_json, stream_json
from .markdown import render_markdown, stream_markdown

__all__ = [
    "FORMATS",
    "REPORT_SCHEMA",
    "STREAMS",
    "Shown",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "stream",
]

FORMATS: dict[str, Callable[[Reconciliation, Corpus, Shown | None], str]] = {
    "md": render_markdown,
    "json": render_json,
    "html": render_html,
}

#: The same formats as :data:`FORMATS`, each as pieces of text made as they are written.
STREAMS: dict[str, Callable[[Reconciliation, Corpus, Shown | None], Iterator[str]]] = {
    "md": stream_markdown,
    "json": stream_json,
    "html": stream_html,
}


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")


def render(result: Reconciliation, corpus: Corpus, fmt: str = "md", *, shown: Shown | None = None) -> str:
    """The report in one of :data:`FORMATS`; raises ValueError for another format.

    ``shown`` filters the findings the report lists (its summary still counts them all).
    """
    _check(fmt)
    return FORMATS[fmt](result, corpus, shown)


def stream(result: Reconciliation, corpus: Corpus, fmt: str = "md", *, shown: Shown | None = None) -> Iterator[str]:
    """The text of :func:`render` in pieces, made as they are read; raises ValueError for an unknown format.

    The pieces join to exactly what :func:`render` returns. Give them to
    :func:`claimcheck.output.write_chunks_atomic` to write a report file without holding it in memory.
    """
    _check(fmt)
    return STREAMS[fmt](result, corpus, shown)
