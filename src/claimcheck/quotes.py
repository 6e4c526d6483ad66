"""Proving quotes: every claim's quote must occur in the archived text of its source.

A claims library that cannot show its quotes are real is one more pile of
assertions. Sources name their archived text (``archive:``); this module
finds each quote in it, tolerant of what copying text changes without
changing its words: runs of whitespace, typographic quotes and dashes, and
letters that an export mangled to ``?`` (in the archived text only).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .errors import Problem
from .model import Claim, Corpus

__all__ = ["find_quote", "normalise_text", "quote_found", "read_archived", "verify_quotes"]

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
#: Letters an export may have turned into "?": word characters that are not ASCII, digits or "_".
_NON_ASCII_LETTER = re.compile(r"[^\W\d_A-Za-z]")


def normalise_text(text: str) -> str:
    """Fold the differences copying introduces, so quotes compare by their words.

    Letters are kept as they are: a ``?`` that an export put in place of a
    letter is matched by :func:`quote_found`, on the archived side only.
    """
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    return _SPACE.sub(" ", text).strip()


def quote_found(quote: str, text: str) -> bool:
    """Whether ``quote`` occurs in the archived ``text`` (both already normalised).

    Some archived texts lost their non-ASCII letters to ``?``; a quote may be
    typed with the letter restored. So a non-ASCII letter of the quote
    matches the same letter or a ``?`` in the archived text, never another
    letter: a quote with different words of the same length is not found.
    """
    return find_quote(quote, text) >= 0


def find_quote(quote: str, text: str, start: int = 0) -> int:
    """Where ``quote`` first occurs in the archived ``text`` from ``start`` on; -1 if nowhere.

    Found as :func:`quote_found` finds it; both are normalised, and a quote
    found is ``len(quote)`` characters long in the text too, since a lost
    letter is one ``?``.
    """
    at = text.find(quote, start)
    if at >= 0:
        return at
    folded = _fold(quote)
    if "?" not in text or folded == quote:
        return -1
    # Where the quote could be: the same text once every non-ASCII letter is "?" on both sides (a
    # linear search); then only the archived "?"s may differ from the quote.
    folded_text = _folded(text)
    at = folded_text.find(folded, start)
    while at >= 0:
        if _lost_letters_only(quote, text[at : at + len(quote)]):
            return at
        at = folded_text.find(folded, at + 1)
    return -1


def _fold(text: str) -> str:
    return _NON_ASCII_LETTER.sub("?", text)


@functools.lru_cache(maxsize=4)
def _folded(text: str) -> str:
    """An archived text folded once, not once per quote (str hashes are cached, so a hit is cheap)."""
    return _fold(text)


def _lost_letters_only(quote: str, archived: str) -> bool:
    """Whether ``archived`` equals ``quote`` wherever it does not have a ``?``."""
    offset = 0
    for piece in archived.split("?"):
        if not quote.startswith(piece, offset):
            return False
        offset += len(piece) + 1
    return True


def verify_quotes(corpus: Corpus, archive: str | Path, claims: Iterable[Claim] | None = None) -> list[Problem]:
    """Check each claim's quote against its source's archived text in ``archive``.

    Returns one problem per claim whose quote is not found, or whose source
    has no archived text there; one problem for an archived text that cannot
    be read (not UTF-8...), and a single problem when ``archive`` is not a
    folder; an empty list when every quote is found.
    """
    folder = Path(archive)
    if not folder.is_dir():
        missing = "does not exist" if not folder.exists() else "is not a folder"
        return [
            Problem(
                path=folder.as_posix(),
                line=1,
                column=1,
                code="no-files",
                message=f"the archive folder {missing}",
                hint="give the folder that holds the archived texts of the sources",
            )
        ]
    texts: dict[str, str | Problem | None] = {}
    problems: list[Problem] = []
    for claim in corpus.claims if claims is None else claims:
        source = corpus.source(claim.source)
        if source.id not in texts:
            texts[source.id] = archived = _archived(folder, source.archive)
            if isinstance(archived, Problem):
                problems.append(archived)
        text = texts[source.id]
        if isinstance(text, Problem):
            continue  # said once, for the archived text
        if text is None:
            problems.append(
                Problem.at(
                    claim.origin,
                    "quote-not-found",
                    f"claim {claim.id!r}: source {source.id!r} has no archived text in {folder.as_posix()}",
                    f"set 'archive' on source {source.id!r} to a file in that folder",
                )
            )
        elif not quote_found(normalise_text(claim.quote), text):
            problems.append(
                Problem.at(
                    claim.origin,
                    "quote-not-found",
                    f"claim {claim.id!r}: quote not found in the archived text of {source.id!r}",
                    "copy the quote verbatim from the source",
                )
            )
    return problems


def _archived(folder: Path, name: str | None) -> str | Problem | None:
    """The normalised archived text ``name`` in ``folder``, the problem reading it, or ``None`` if there is none."""
    text = read_archived(folder, name)
    return normalise_text(text) if isinstance(text, str) else text


def read_archived(folder: Path, name: str | None) -> str | Problem | None:
    """The archived text ``name`` in ``folder`` as stored, the problem reading it, or ``None`` if there is none."""
    path = folder / name if name else None
    if path is None or not path.is_file():
        return None
    shown = path.as_posix()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        message = f"cannot read the archived text: {exc.strerror or exc}"
        return Problem(path=shown, line=1, column=1, code="unreadable", message=message)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Problem(
            path=shown,
            line=raw[: exc.start].count(b"\n") + 1,
            column=1,
            code="encoding",
            message=f"the archived text is not UTF-8 (byte {raw[exc.start]:#04x} at offset {exc.start})",
            hint="convert it to UTF-8; its quotes are not checked until then",
        )
