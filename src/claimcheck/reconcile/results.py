"""What reconciliation returns: per figure and proposition, the findings and the estimate, and the whole."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Literal

from attrs import field, frozen

from ..estimate import ClaimView, Estimate
from ..findings import CATALOGUE, SEVERITIES, Finding, severity_rank
from ..model import Figure, LossKind, Proposition
from ..wording import WordedWhenRead, Wording, worded

#: The smallest spread (larger over smaller value) of a figure :meth:`Reconciliation.most_contested` lists.
CONTESTED_SPREAD = 1.25


@frozen(kw_only=True, repr=False)
class FigureResult(WordedWhenRead):
    """One figure's claims (normalised), findings and estimate.

    ``findings`` is given as a tuple or as a function of no arguments that makes it (:mod:`claimcheck.wording`),
    made when first read; either way :attr:`findings` is the tuple.
    """

    figure: Figure
    claims: tuple[ClaimView, ...]
    _findings: tuple[Finding, ...] | Wording[tuple[Finding, ...]] = field(alias="findings", eq=worded)
    estimate: Estimate | None
    #: Distinct original claimants among the standing claims.
    voices: tuple[str, ...]
    #: The largest ratio between contradicting claims (how contested the figure is), if any.
    spread: float | None
    #: Adversary / self ratio of central values, when both kinds of claim exist.
    partisan_ratio: float | None

    @property
    def findings(self) -> tuple[Finding, ...]:
        """What reconciliation found on the figure, each rule family in turn."""
        made: tuple[Finding, ...] = self._read("_findings")
        return made

    @property
    def score(self) -> tuple[float, ...]:
        """How contested the figure is, larger first: see :func:`claimcheck.score.contested_score`."""
        from ..score import contested_score

        return contested_score(self)

    def _repr_html_(self) -> str:
        """The figure as compact HTML, for notebooks."""
        from ..render.html import figure_card

        return figure_card(self)


@frozen(kw_only=True)
class PropositionResult:
    """One proposition: who asserts it, who denies it, and the findings."""

    proposition: Proposition
    asserted_by: tuple[str, ...]
    denied_by: tuple[str, ...]
    claims: tuple[str, ...]
    findings: tuple[Finding, ...]
    #: Who doubts it: neither an assertion nor a denial.
    doubted_by: tuple[str, ...] = ()


@frozen(kw_only=True)
class PartisanPattern:
    """How one side's claims compare with everyone else's, over all figures of losses.

    ``own_ratio`` is the geometric mean, over figures counting this side's
    losses, of its self-reports' central value divided by the other
    claimants' (below 1: it downplays its own losses). ``enemy_ratio`` is the
    same for its claims about its adversary's losses (above 1: it
    exaggerates the enemy's).
    """

    side: str
    own_ratio: float | None
    own_figures: tuple[str, ...]
    enemy_ratio: float | None
    enemy_figures: tuple[str, ...]
    #: The same per kind of figure (its own military losses, the enemy's equipment...), so that unlike
    #: things (aircraft understated, civilians inflated) are not averaged into one number.
    kinds: tuple[PartisanKind, ...] = ()


@frozen(kw_only=True)
class PartisanKind:
    """One side's pattern on one kind of figure: whose losses (``own`` or ``enemy``) and what kind of loss
    (``military``, ``civilian``, ``people``, ``equipment``, ``territory``, ``other``: see
    :meth:`claimcheck.model.Corpus.losses_of`), with the geometric mean ratio and the figures it rests on."""

    whose: Literal["own", "enemy"]
    losses: LossKind
    ratio: float | None
    figures: tuple[str, ...]


@frozen(kw_only=True)
class Reconciliation:
    """The result of :func:`reconcile`: every figure and proposition, and corpus-wide patterns."""

    policy: str
    figures: tuple[FigureResult, ...]
    propositions: tuple[PropositionResult, ...]
    partisan: tuple[PartisanPattern, ...]
    _by_id: dict[str, FigureResult] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {f.figure.id: f for f in self.figures})

    def _repr_html_(self) -> str:
        """The reconciliation as compact HTML, for notebooks: counts and the most contested figures."""
        from ..render.html import reconciliation_card

        return reconciliation_card(self)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """All findings, figure by figure then proposition by proposition."""
        out: list[Finding] = []
        for f in self.figures:
            out.extend(f.findings)
        for p in self.propositions:
            out.extend(p.findings)
        return tuple(out)

    def select(self, code: str | Iterable[str] | None = None, severity: str | None = None) -> tuple[Finding, ...]:
        """Findings with one of the given codes and at least the given severity.

        ``code`` is a code of :data:`~claimcheck.findings.CATALOGUE` or an
        iterable of them, ``severity`` one of
        :data:`~claimcheck.findings.SEVERITIES`; ``None`` selects all. Raises
        :class:`ValueError` for an unknown code or severity (naming the
        closest known one: a typo must not select nothing silently) and
        :class:`TypeError` for arguments that are not strings.
        """
        if code is not None and not isinstance(code, str) and not isinstance(code, Iterable):
            raise TypeError(f"code must be a finding code or an iterable of them, got {type(code).__name__}")
        codes = {code} if isinstance(code, str) else (set(code) if code is not None else None)

        def require(what: str, word: object, known: Sequence[str]) -> None:
            if not isinstance(word, str):
                raise TypeError(f"a {what} is a str, got {word!r} ({type(word).__name__})")
            if word not in known:
                close = difflib.get_close_matches(word, known, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"one of {', '.join(known)}"
                raise ValueError(f"unknown {what} {word!r} ({hint})")

        for word in sorted(codes or (), key=str):  # sorted: the same typo is named whatever the set order
            require("finding code", word, tuple(kind.code for kind in CATALOGUE))
        if severity is not None:
            require("severity", severity, SEVERITIES)
        floor = severity_rank(severity) if severity is not None else 0
        return tuple(
            f for f in self.findings if (codes is None or f.code in codes) and severity_rank(f.severity) >= floor
        )

    def figure(self, figure_id: str) -> FigureResult:
        """The result for one figure; raises KeyError if the corpus has no such figure."""
        try:
            return self._by_id[figure_id]
        except KeyError:
            raise KeyError(f"no figure with id {figure_id!r}") from None

    def most_contested(self, n: int = 10) -> tuple[FigureResult, ...]:
        """The ``n`` figures most contested by :func:`claimcheck.score.contested_score`, most first.

        Only figures whose disagreeing claims lie at least 1.25× apart (where a contradiction stops being
        low) are listed: 100 against "dozens" read as 99 is no contest, whatever else is.
        """
        from ..score import ranked

        return tuple(ranked(f for f in self.figures if f.spread is not None and f.spread >= CONTESTED_SPREAD)[:n])
