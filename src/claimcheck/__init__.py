"""claimcheck: contested figures as claims with provenance, and their reconciliation."""

__version__ = "0.1.0.dev0"

import sys
from types import ModuleType

# `typing.TYPE_CHECKING` without importing typing, which would add milliseconds to every command-line start.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from . import coverage, diff, dump, export, output, quotes, render, schema, score
    from .dates import DateSpan, parse_date
    from .errors import LoadError, Problem
    from .estimate import BestPolicy, BoundsPolicy, ClaimView, Estimate, EstimatePolicy
    from .findings import CATALOGUE, Finding
    from .load import Limits, from_data, load
    from .model import Actor, Claim, Conflict, Corpus, Figure, Measure, Origin, Party, Proposition, Source
    from .reconcile import FigureResult, PartisanPattern, PropositionResult, Reconciliation, reconcile
    from .values import Reading, Value, parse_value

# Every public name is imported from its module the first time it is read (PEP 562), so that
# `import claimcheck`, and every start of the command line, pays only for what it uses: `--help` loads
# neither YAML nor attrs, and `check` no renderer. Names not listed here that name a submodule
# (`claimcheck.render`, `claimcheck.errors`) import that submodule.
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(("DateSpan", "parse_date"), "dates"),
    **dict.fromkeys(("LoadError", "Problem"), "errors"),
    **dict.fromkeys(("BestPolicy", "BoundsPolicy", "ClaimView", "Estimate", "EstimatePolicy"), "estimate"),
    **dict.fromkeys(("CATALOGUE", "Finding"), "findings"),
    **dict.fromkeys(("Limits", "from_data", "load"), "load"),
    **dict.fromkeys(
        ("Actor", "Claim", "Conflict", "Corpus", "Figure", "Measure", "Origin", "Party", "Proposition", "Source"),
        "model",
    ),
    **dict.fromkeys(
        ("FigureResult", "PartisanPattern", "PropositionResult", "Reconciliation", "reconcile"), "reconcile"
    ),
    **dict.fromkeys(("Reading", "Value", "parse_value"), "values"),
}

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


def __getattr__(name: str) -> object:
    """Import a public name, or a submodule, the first time it is read as an attribute of the package."""
    import importlib  # here, not at the top: `--help` never needs it

    module = _EXPORTS.get(name)
    if module is not None:
        value: object = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    elif name.startswith("_"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    else:
        try:
            value = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, imported or not yet."""
    return sorted({*globals(), *__all__})


class _Package(ModuleType):
    """The package's module type: a function keeps its name when its namesake submodule is imported.

    `claimcheck.load` and `claimcheck.reconcile` are functions, and also the submodules that define
    them. Importing a submodule sets it as an attribute of the package, which once happened before
    the functions were bound; now that the functions are bound on first use, a later `import
    claimcheck.load` (or `claimcheck.reconcile.core`) must not replace them with the modules.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, ModuleType) and _EXPORTS.get(name) == name:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
