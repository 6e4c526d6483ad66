"""Regular expressions compiled the first time they are used, not when their module is imported.

The value grammar's expressions take most of a second to compile; compiled at import, every start of
the command line paid for them, even ``--help`` and commands that read no values.
"""

from __future__ import annotations

import re

__all__ = ["LazyPattern"]


class LazyPattern:
    """A regular expression compiled on its first match, then kept; it offers the methods used here."""

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled expression, compiled now if this is the first use."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled

    def fullmatch(self, text: str) -> re.Match[str] | None:
        """:meth:`re.Pattern.fullmatch`."""
        return self.compiled().fullmatch(text)

    def search(self, text: str) -> re.Match[str] | None:
        """:meth:`re.Pattern.search`."""
        return self.compiled().search(text)

    def sub(self, repl: str, text: str) -> str:
        """:meth:`re.Pattern.sub` with a plain replacement."""
        return self.compiled().sub(repl, text)
