"""claimcheck: contested figures as claims with provenance, and their reconciliation."""

from .dates import DateSpan, parse_date
from .errors import LoadError, Problem
from .load import Limits, load
from .model import Actor, Claim, Conflict, Corpus, Figure, Origin, Proposition, Source
from .values import Reading, Value, parse_value

__all__ = [
    "Actor",
    "Claim",
    "Conflict",
    "Corpus",
    "DateSpan",
    "Figure",
    "Limits",
    "LoadError",
    "Origin",
    "Problem",
    "Proposition",
    "Reading",
    "Source",
    "Value",
    "load",
    "parse_date",
    "parse_value",
]
