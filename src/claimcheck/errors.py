"""Problems found in claim files, and the one exception that carries them all.

A person fixing claim files wants every mistake at once, each with the file,
line and column, what is wrong and what would be right. So loading collects
:class:`Problem` records and raises a single :class:`LoadError` at the end
instead of stopping at the first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, Protocol

from attrs import field, frozen
from attrs.validators import in_


class _Place(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


__all__ = [
    "MAX_MESSAGE",
    "MAX_PROBLEMS_PER_FILE",
    "MAX_QUOTED",
    "PROBLEM_CODES",
    "WARNING_CODES",
    "DiffError",
    "LoadError",
    "Problem",
    "ProblemList",
    "quoted",
]

#: Characters of user text one problem quotes (a name, a value, an id); longer text is cut with "…".
MAX_QUOTED = 80
#: Characters of one problem's message or hint: longer ones keep their start and end, the middle elided.
MAX_MESSAGE = 400
#: Problems kept per file; past that, one ``too-many-problems`` problem says how many more there were.
MAX_PROBLEMS_PER_FILE = 100

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
    "table-syntax": "a claims table that cannot be read as CSV or as a JSON array of records, or a row whose "
    "cells do not match the header",
    "outside-folder": "a symbolic link in a claims folder that leads out of it (not read)",
    "too-many-problems": "a file has more problems than are reported for one file (the rest are counted)",
    "unknown-measure": "warning: a figure's measure word is not in the measure table (it counts no loss)",
    "measure-alias": "warning: a figure's measure is another spelling of a word of the table",
    "no-side": "warning: a government, ministry or military makes claims about a conflict it has no side in",
    "shared-quote": "warning: one quote of one source under claims by different claimants not marked as one statement",
}
#: The codes that are warnings: worth hearing, never a reason to refuse a file (unless ``check --strict``).
WARNING_CODES = frozenset({"unknown-measure", "measure-alias", "no-side", "shared-quote"})
Severity = Literal["error", "warning"]


def quoted(text: str, limit: int = MAX_QUOTED) -> str:
    """``repr`` of user text, cut to ``limit`` characters with an ellipsis.

    Every message that quotes what a file says goes through here, so a long
    string repeated by aliases cannot make the error output huge.
    """
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}…"


def _bounded(text: str) -> str:
    """A message or hint of at most about :data:`MAX_MESSAGE` characters, keeping both ends."""
    if len(text) <= MAX_MESSAGE:
        return text
    half = MAX_MESSAGE // 2
    return f"{text[:half]} … {text[-half:]}"


def _bounded_hint(text: str | None) -> str | None:
    return None if text is None else _bounded(text)


@frozen(kw_only=True)
class Problem:
    """One thing wrong in one place of one claim file."""

    path: str
    line: int
    column: int
    code: str
    # A backstop for messages built from user text without :func:`quoted`.
    message: str = field(converter=_bounded)
    hint: str | None = field(default=None, converter=_bounded_hint)
    #: ``error`` (the file is refused) or ``warning`` (worth hearing; the file loads).
    severity: Severity = field(default="error", validator=in_(("error", "warning")))

    @classmethod
    def at(
        cls, place: _Place | None, code: str, message: str, hint: str | None = None, severity: Severity = "error"
    ) -> Problem:
        """A problem at an object's origin (``<memory>`` for objects built in Python)."""
        if place is None:
            return cls(path="<memory>", line=1, column=1, code=code, message=message, hint=hint, severity=severity)
        return cls(
            path=place.path,
            line=place.line,
            column=place.column,
            code=code,
            message=message,
            hint=hint,
            severity=severity,
        )

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    @property
    def sort_key(self) -> tuple[str, bool, int, int, str]:
        """File, then place; the count of a file's problems left out comes last in its file."""
        return (self.path, self.code == "too-many-problems", self.line, self.column, self.message)


class ProblemList(list[Problem]):
    """The problems of one load: at most :data:`MAX_PROBLEMS_PER_FILE` kept per file, the rest counted.

    A file of a million empty entries would otherwise make millions of
    problems; past the cap each file's problems are only counted, and
    :meth:`closed` adds one ``too-many-problems`` problem that says how many.
    """

    def __init__(self) -> None:
        super().__init__()
        self._kept: dict[str, int] = {}
        #: Per full file: problems left out, entries not checked, and where the first was.
        self._left_out: dict[str, tuple[int, int, Problem]] = {}
        #: Kept problems found at an object's origin, by index, with the key (and list index or
        #: mapping key) that holds the wrong value: the loader moves them to the value's line.
        self.at_value: list[tuple[int, tuple[str | int, ...]]] = []

    def full(self, path: str) -> bool:
        """Whether the file already has as many problems as are kept."""
        return self._kept.get(path, 0) >= MAX_PROBLEMS_PER_FILE

    def append(self, problem: Problem, at: tuple[str | int, ...] = ()) -> None:
        """Keep ``problem`` if its file has room, else count it; ``at`` names the value it is about."""
        if self.full(problem.path):
            self._count(problem, 1, 0)
            return
        self._kept[problem.path] = self._kept.get(problem.path, 0) + 1
        if at:
            self.at_value.append((len(self), at))
        super().append(problem)

    def skipped(self, problem: Problem, entries: int) -> None:
        """Count ``entries`` left unchecked in a full file, the first of them at ``problem``'s place."""
        self._count(problem, 0, entries)

    def _count(self, problem: Problem, problems: int, entries: int) -> None:
        old_problems, old_entries, first = self._left_out.get(problem.path, (0, 0, problem))
        self._left_out[problem.path] = (old_problems + problems, old_entries + entries, first)

    def closed(self) -> list[Problem]:
        """The kept problems, and for each full file one problem that counts what was left out."""
        out = list(self)
        for path, (problems, entries, first) in sorted(self._left_out.items()):
            what = [f"{problems} more problem{'s' if problems != 1 else ''} not shown"] if problems else []
            what += [f"{entries} more entr{'ies' if entries != 1 else 'y'} not checked"] if entries else []
            out.append(
                Problem(
                    path=path,
                    line=first.line,
                    column=first.column,
                    code="too-many-problems",
                    message=f"stopped after {MAX_PROBLEMS_PER_FILE} problems in this file: {', '.join(what)}",
                    hint="fix these and check again",
                    severity=first.severity,
                )
            )
        return out


class DiffError(ValueError):
    """A side of a diff that is neither a JSON report, a folder of claim files, nor a git revision.

    Defined here rather than in :mod:`claimcheck.diff` so that the command line can catch it without
    importing what diffing needs.
    """


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
