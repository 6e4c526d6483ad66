"""The severities of findings, in a module of their own so that the command line can offer them cheaply."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at the command line's start
if TYPE_CHECKING:
    from .findings import Severity

__all__ = ["SEVERITIES"]

#: Severities from least to most serious (the values of :data:`claimcheck.findings.Severity`).
SEVERITIES: tuple[Severity, ...] = ("info", "low", "medium", "high")
