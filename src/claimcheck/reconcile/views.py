"""Claim views: each claim normalised and placed, with its voice, its side and how it stands to the figure."""

from __future__ import annotations

from collections.abc import Sequence

from ..estimate import ClaimView
from ..model import Claim, Corpus, Figure, Relation
from ..values import Reading, Value, parse_value

#: What reconciliation needs of a claimant on a figure: its voice, its side in the figure's conflict, its
#: relation to the figure, whether it is a monitor, and whether it speaks for its side.
_About = tuple[str, str | None, Relation, bool, bool]


class _Actors:
    """What reconciliation needs of each claimant, looked up once per actor and kind of figure (its conflict
    and whose losses it counts), not per claim."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._known: dict[tuple[str, str | None], dict[str, _About]] = {}

    def on(self, figure: Figure) -> dict[str, _About]:
        """The claimants looked up so far for figures of this one's conflict and ``of``, by actor id."""
        return self._known.setdefault((figure.conflict, figure.of), {})

    def about(self, actor: str, figure: Figure) -> _About:
        """What reconciliation needs of ``actor`` on ``figure`` (see :data:`_About`), remembered in :meth:`on`."""
        corpus = self.corpus
        known = (
            corpus.root_of(actor),
            corpus.side_of(actor, figure.conflict),
            corpus.relation(actor, figure),
            corpus.actor(actor).kind == "monitor",
            corpus.standing_of(actor) == "official",
        )
        self.on(figure)[actor] = known
        return known


def _views(
    actors: _Actors,
    figure: Figure,
    claims: Sequence[Claim],
    superseded: dict[str, str],
    origins: dict[str, str | None],
    reading: Reading | None,
    derived: dict[str, Value],
    losses: str,
) -> tuple[ClaimView, ...]:
    """The views of one figure's claims, in the order of ``claims``."""
    known = actors.on(figure)
    loss = losses != "none"
    views = []
    for claim in claims:
        value = claim.value
        if value is not None and reading is not None:
            value = derived.get(claim.id) or parse_value(
                int(value.text) if value.text.isdigit() else value.text, reading, claim.tolerance
            )
        voice, side, relation, monitor, official = known.get(claim.claimant) or actors.about(claim.claimant, figure)
        high: int | None
        if value is None:
            named = len(claim.places)
            low, high, text, vague = named, named, f"{named} named", False
        else:
            low, high, text, vague = value.low, value.high, value.text, value.kind == "vague"
            # A finding on a relative value or an increment names the claim it rests on.
            if claim.relative_to is not None:
                text = f"{text} (relative to {claim.relative_to})"
            elif claim.adds_to is not None:
                text = f"{text} (added to {claim.adds_to})"
        views.append(
            ClaimView(
                id=claim.id,
                claimant=claim.claimant,
                text=text,
                voice=voice,
                side=side,
                relation=relation,
                low=low,
                high=high,
                vague=vague,
                monitor=monitor,
                places=claim.places,
                superseded_by=superseded.get(claim.id),
                repeat_of=origins.get(claim.id),
                exact=None if value is None else value.exact,
                official=official,
                hedged=claim.hedged,
                enumeration=claim.enumeration,
                loss=loss,
                losses=losses,
                method=claim.method,
                covers=claim.covers,
                disowned_by=claim.disowned_by,
                claimants=claim.claimants if claim.co_claimants else (),
            )
        )
    return tuple(views)


def _statement_origins(corpus: Corpus) -> dict[str, str | None]:
    """For each claim that is not the one standing for its statement, the claim that is.

    Claims linked by ``same-as`` (the claimant's statement read twice) or ``joint-with`` (a joint
    statement written as a claim per claimant) are one statement; it is represented by its first
    original claim (the smallest id among those that repeat nothing), so it counts once.
    """
    origins: dict[str, str | None] = {}
    done: set[str] = set()
    for claim in corpus.claims:
        if (claim.same_as is None and claim.joint_with is None) or claim.id in done:
            continue
        members = corpus.statement_claims(claim.id)
        originals = [c.id for c in members if c.same_as is None]
        first = originals[0] if originals else members[0].id
        for member in members:
            done.add(member.id)
            if member.id != first:
                origins[member.id] = first
    return origins
