"""Problems found in claim files, and the one exception that carries them all.

A person fixing claim files wants every mistake at once, each with the file,
line and column, what is wrong and what would be right. So loading collects
:class:`Problem` records and raises a single :class:`LoadError` at the end
instead of stopping at the first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from attrs import frozen


class _Place(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


__all__ = ["PROBLEM_CODES", "LoadError", "Problem"]

#: Stable codes of load problems, with what each means.
PROBLEM_CODES: dict[str, str] = {
    "yaml-syntax": "the file is not well-formed YAML",
    "encoding": "the file is not UTF-8 text",
    "unreadable": "a path that cannot be read as a claim file: a pipe, a device, a dangling link, no permission",
    "unsafe-tag": "a YAML tag other than the safe standard ones",
    "alias-limit": "too many anchors/aliases, or a merge key",
    "too-large": "the file or one of its strings is larger than the limits allow",
    "too-deep": "the data is nested deeper than the limits allow",
    "duplicate-key": "the same key twice in one mapping",
    "unknown-key": "a key the format does not define (often a typo)",
    "missing-key": "a required key is absent",
    "wrong-type": "a value of the wrong type (a list where a string belongs...)",
    "bad-value": "a claimed value that is not a count or a known phrase",
    "bad-date": "a date that is not valid EDTF, or does not exist",
    "bad-id": "an id that is not lower-case words joined by hyphens",
    "bad-field": "a field whose content breaks a rule of the format",
    "duplicate-id": "the same id defined twice in the corpus",
    "undefined-reference": "a reference to an id that is not defined, or of the wrong kind",
    "cycle": "a chain of parents, parts, revisions, relays or relative values that loops back on itself",
    "inconsistent": "fields that contradict each other (a claim dated before its period...)",
    "unit-mismatch": "a value that is not the kind of quantity its figure's unit measures (a share, money, a rate), "
    "or figures of different kinds linked as parts, bounds or relative values",
    "quote-not-found": "a claim's quote does not occur in the archived text of its source",
    "no-files": "no claim files were found where they were looked for",
    "outside-folder": "a symbolic link in a claims folder that leads out of it (not read)",
}


@frozen(kw_only=True)
class Problem:
    """One thing wrong in one place of one claim file."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str | None = None

    @classmethod
    def at(cls, place: _Place | None, code: str, message: str, hint: str | None = None) -> Problem:
        """A problem at an object's origin (``<memory>`` for objects built in Python)."""
        if place is None:
            return cls(path="<memory>", line=1, column=1, code=code, message=message, hint=hint)
        return cls(path=place.path, line=place.line, column=place.column, code=code, message=message, hint=hint)

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: error: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.message)


class LoadError(ValueError):
    """Claim files could not be loaded; ``problems`` lists every problem found.

    Subclasses :class:`ValueError` so callers can catch either.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=lambda p: p.sort_key))
        count = len(self.problems)
        summary = "\n".join(str(p) for p in self.problems[:20])
        more = f"\n... and {count - 20} more" if count > 20 else ""
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in claim files:\n{summary}{more}")
