"""claimcheck: contested figures as claims with provenance, and their reconciliation."""

__version__ = "0.1.0.dev0"

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

from .dates import DateSpan, parse_date
from .errors import LoadError, Problem
from .estimate import BestPolicy, BoundsPolicy, ClaimView, Estimate, EstimatePolicy
from .findings import CATALOGUE, Finding
from .load import Limits, from_data, load
from .model import Actor, Claim, Conflict, Corpus, Figure, Measure, Origin, Party, Proposition, Source
from .reconcile import FigureResult, PartisanPattern, PropositionResult, Reconciliation, reconcile
from .values import Reading, Value, parse_value

if TYPE_CHECKING:
    from . import coverage, diff, dump, export, output, quotes, render, schema, score

# Public submodules reached as attributes (`claimcheck.render.render(...)`) but imported on first use, so
# that `import claimcheck` (and every command-line start) does not pay for renderers and exporters it may
# never call.
_LAZY_SUBMODULES = frozenset(
    {"coverage", "diff", "dump", "export", "output", "quotes", "render", "schema", "score"}
)

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
    "Measure",
    "Origin",
    "PartisanPattern",
    "Party",
    "Problem",
    "Proposition",
    "PropositionResult",
    "Reading",
    "Reconciliation",
    "Source",
    "Value",
    "__version__",
    "coverage",
    "diff",
    "dump",
    "export",
    "from_data",
    "load",
    "output",
    "parse_date",
    "parse_value",
    "quotes",
    "reconcile",
    "render",
    "schema",
    "score",
]


def __getattr__(name: str) -> ModuleType:
    """Import a public submodule the first time it is read as an attribute of the package."""
    if name in _LAZY_SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
