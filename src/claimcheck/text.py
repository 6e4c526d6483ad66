"""Text from claim files made safe to show on one line of a terminal, a table cell or a chart.

Claim files, and the names of the files themselves, are untrusted: they can
carry terminal escape sequences (colours, OSC-8 links, a cleared screen),
bidi overrides that make text read differently from how it is stored, and
line breaks that forge a line of output (``error: ...``). Writers that put
such text where a person reads it pass it through :func:`plain` first.
"""

from __future__ import annotations

import re

__all__ = ["counted", "plain"]

# C0 and C1 control characters (ESC, CR, LF, BEL...) and the bidi embeddings, overrides and isolates.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """Text from claim files with control characters and bidi overrides removed, on one line."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # Nothing to remove (control characters, bidi marks and any whitespace but single spaces are
        # not printable): most text takes this path, which is several times faster.
        return text
    return " ".join(_CONTROL.sub("", text).split())


def counted(n: int, word: str) -> str:
    """A count with its noun, singular or plural: "1 proposition", "2,043 claims"."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"
