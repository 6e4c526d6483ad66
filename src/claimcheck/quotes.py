"""Proving quotes: every claim's quote must occur in the archived text of its source.

A claims library that cannot show its quotes are real is one more pile of
assertions. Sources name their archived text (``archive:``); this module
finds each quote in it, tolerant of what copying text changes without
changing its words: runs of whitespace, typographic quotes and dashes, and
letters that an export mangled to ``?``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .errors import Problem
from .model import Claim, Corpus

__all__ = ["normalise_text", "verify_quotes"]

_FOLD = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Fold the differences copying introduces, so quotes compare by their words.

    Non-ASCII letters become ``?`` on both sides, because some archived texts
    lost them to ``?`` and a quote may be typed with the letter restored.
    """
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    text = "".join("?" if ord(c) > 127 and c.isalpha() else c for c in text)
    return _SPACE.sub(" ", text).strip()


def verify_quotes(corpus: Corpus, archive: str | Path, claims: Iterable[Claim] | None = None) -> list[Problem]:
    """Check each claim's quote against its source's archived text in ``archive``.

    Returns one problem per claim whose quote is not found, or whose source
    has no archived text there; an empty list when every quote is found.
    """
    folder = Path(archive)
    texts: dict[str, str | None] = {}
    problems: list[Problem] = []
    for claim in corpus.claims if claims is None else claims:
        source = corpus.source(claim.source)
        if source.id not in texts:
            path = folder / source.archive if source.archive else None
            texts[source.id] = normalise_text(path.read_text(encoding="utf-8")) if path and path.is_file() else None
        text = texts[source.id]
        if text is None:
            problems.append(
                Problem.at(
                    claim.origin,
                    "quote-not-found",
                    f"claim {claim.id!r}: source {source.id!r} has no archived text in {folder.as_posix()}",
                    f"set 'archive' on source {source.id!r} to a file in that folder",
                )
            )
        elif normalise_text(claim.quote) not in text:
            problems.append(
                Problem.at(
                    claim.origin,
                    "quote-not-found",
                    f"claim {claim.id!r}: quote not found in the archived text of {source.id!r}",
                    "copy the quote verbatim from the source",
                )
            )
    return problems
