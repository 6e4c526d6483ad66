"""claimcheck: contested figures as claims with provenance, and their reconciliation."""

__version__ = "0.1.0.dev0"

from .dates import DateSpan, parse_date
from .errors import LoadError, Problem
from .estimate import BestPolicy, BoundsPolicy, ClaimView, Estimate, EstimatePolicy
from .findings import CATALOGUE, Finding
from .load import Limits, from_data, load
from .model import Actor, Claim, Conflict, Corpus, Figure, Origin, Proposition, Source
from .reconcile import FigureResult, PartisanPattern, PropositionResult, Reconciliation, reconcile
from .values import Reading, Value, parse_value

__all__ = [
    "CATALOGUE",
    "Actor",
    "BestPolicy",
    "BoundsPolicy",
    "Claim",
    "ClaimView",
    "Conflict",
    "Corpus",
    "DateSpan",
    "Estimate",
    "EstimatePolicy",
    "Figure",
    "FigureResult",
    "Finding",
    "Limits",
    "LoadError",
    "Origin",
    "PartisanPattern",
    "Problem",
    "Proposition",
    "PropositionResult",
    "Reading",
    "Reconciliation",
    "Source",
    "Value",
    "__version__",
    "from_data",
    "load",
    "parse_date",
    "parse_value",
    "reconcile",
]
