"""Words made when first read: findings' messages and estimates' reasons.

Reconciliation makes findings and estimates by the thousand, and a program that counts or filters
them never reads most of their sentences. A field given as a :data:`Wording` (a function of no
arguments) is worded the first time it is read and kept; equality, hashing, ``repr``, pickling
and copying see only what it gives, so a worded result equals one given as text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import fields

if TYPE_CHECKING:
    from attrs import AttrsInstance

__all__ = ["WordedWhenRead", "Wording", "worded"]

T = TypeVar("T")

#: How to word a text when it is first read.
Wording = Callable[[], T]


def worded(value: T | Callable[[], T]) -> T:
    """``value`` itself, or what its wording gives (the key that equality and hashing compare)."""
    return value() if callable(value) else value


class WordedWhenRead:
    """For a frozen attrs class (with ``repr=False``) whose private fields may hold wordings, read
    through properties with :meth:`_read`: a ``repr``, pickling and copying that show what they give."""

    __slots__ = ()

    def _read(self, name: str) -> Any:
        """The field ``name``, worded now if it holds a wording (once: the text is kept in its place)."""
        value = getattr(self, name)
        if callable(value):
            value = value()
            object.__setattr__(self, name, value)
        return value

    def _arguments(self) -> dict[str, Any]:
        """What would make this object again, by argument name, with every wording's text."""
        names = (a.alias or a.name for a in fields(cast("type[AttrsInstance]", type(self))))
        return {name: getattr(self, name) for name in names}

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self._arguments().items())
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[type, dict[str, Any]]]:
        # A wording is code, not data: the object is pickled (and copied) with the text it gives.
        return _made_again, (type(self), self._arguments())


def _made_again(cls: type[T], arguments: dict[str, Any]) -> T:
    return cls(**arguments)
