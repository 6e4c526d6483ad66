"""The typed model of contested figures: sources, actors, figures, propositions, claims.

Every class is frozen, slotted and keyword-only, and checks its own
invariants at construction; references between objects are kept as ids and
resolved by :class:`Corpus`, so a claim stays small and can be written back
to a claim file unchanged. The model neither loads nor renders itself: see
:mod:`claimcheck.load`, :mod:`claimcheck.dump` and the renderers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Literal, TypeVar, get_args

from attrs import field, frozen
from attrs.validators import deep_iterable, ge, in_, instance_of, matches_re, optional

from .dates import DateSpan
from .errors import quoted
from .values import Value

__all__ = [
    "ACTOR_KINDS",
    "ID_PATTERN",
    "SOURCE_KINDS",
    "STANDINGS",
    "Actor",
    "Claim",
    "Conflict",
    "Corpus",
    "CycleError",
    "FieldError",
    "Figure",
    "Origin",
    "Proposition",
    "Source",
]

#: Ids are lower-case words joined by hyphens: ``az-mod``, ``arm-mil-deaths-2020``.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SourceKind = Literal["encyclopedia", "news-report", "official-statement", "monitor", "investigation", "other"]
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
ActorKind = Literal[
    "government", "ministry", "military", "person", "monitor", "outlet", "organisation", "group", "other"
]
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
#: Standings an actor may have in a conflict besides its belligerent sides.
STANDINGS = ("mediator", "neutral")
Stance = Literal["asserts", "denies"]

_is_id = matches_re(ID_PATTERN)
_ids = deep_iterable(_is_id, instance_of(tuple))
_text = instance_of(str)
_opt_text = optional(instance_of(str))


class FieldError(ValueError):
    """A rule of one field broken: ``key`` is its claim-file key, ``index`` the entry of a list.

    The loader uses them to point at the value that is wrong, not at the record.
    """

    def __init__(self, message: str, *, key: str | None = None, index: int | None = None) -> None:
        super().__init__(message)
        self.key, self.index = key, index


class CycleError(FieldError):
    """A reference that leads back to where it started: a self-parent, a claimant relaying itself."""


def _first_repeat(items: tuple[str, ...]) -> int | None:
    """The index of the first entry that repeats an earlier one, or ``None``."""
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item in seen:
            return i
        seen.add(item)
    return None


def _nfc(names: tuple[str, ...]) -> tuple[str, ...]:
    """Names in Unicode NFC, so "Şuşa" typed two ways is one place (anything else is left to the validator)."""
    if isinstance(names, tuple) and all(isinstance(n, str) and unicodedata.is_normalized("NFC", n) for n in names):
        return names
    return tuple(unicodedata.normalize("NFC", n) if isinstance(n, str) else n for n in names)


def _nonblank(_instance: object, attribute: object, value: str) -> None:
    if not value.strip():
        raise ValueError(f"'{getattr(attribute, 'name', '?')}' must not be empty")


@frozen(kw_only=True)
class Origin:
    """Where an object was written: file, line and column (1-based)."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


_origin = field(default=None, eq=False, repr=False)


@frozen(kw_only=True)
class Conflict:
    """A conflict and its belligerent sides (``armenia``, ``azerbaijan``)."""

    id: str = field(validator=_is_id)
    name: str = field(validator=[_text, _nonblank])
    sides: tuple[str, ...] = field(validator=_ids)
    period: DateSpan | None = None
    note: str | None = field(default=None, validator=_opt_text)
    origin: Origin | None = _origin

    def __attrs_post_init__(self) -> None:
        clash = sorted(set(self.sides) & set(STANDINGS))
        if clash:
            raise ValueError(f"'sides' cannot include {clash[0]!r}: it is a third-party standing")
        if len(set(self.sides)) != len(self.sides):
            raise ValueError("'sides' lists a side twice")


@frozen(kw_only=True)
class Source:
    """A document claims are read in."""

    id: str = field(validator=_is_id)
    title: str = field(validator=[_text, _nonblank])
    kind: SourceKind = field(validator=in_(SOURCE_KINDS))
    language: str = field(validator=matches_re(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"))
    publisher: str | None = field(default=None, validator=_opt_text)
    published: DateSpan | None = None
    url: str | None = field(default=None, validator=optional(matches_re(r"^https?://\S+$")))
    archive: str | None = field(default=None, validator=optional(matches_re(r"^[^/\\]+$")))
    note: str | None = field(default=None, validator=_opt_text)
    origin: Origin | None = _origin


@frozen(kw_only=True)
class Actor:
    """Anyone who makes or relays claims, with a side per conflict."""

    id: str = field(validator=_is_id)
    name: str = field(validator=[_text, _nonblank])
    kind: ActorKind = field(default="other", validator=in_(ACTOR_KINDS))
    parent: str | None = field(default=None, validator=optional(_is_id))
    aliases: tuple[str, ...] = field(default=(), validator=deep_iterable(_text, instance_of(tuple)))
    sides: Mapping[str, str] = field(factory=dict, hash=False)
    note: str | None = field(default=None, validator=_opt_text)
    origin: Origin | None = _origin

    def __attrs_post_init__(self) -> None:
        if self.parent == self.id:
            raise CycleError(f"actor {self.id!r} cannot be its own parent", key="parent")
        for conflict, side in self.sides.items():
            if not re.match(ID_PATTERN, conflict) or not re.match(ID_PATTERN, side):
                raise ValueError(f"'sides' maps conflict ids to side ids (got {conflict!r}: {side!r})")


@frozen(kw_only=True)
class Figure:
    """The thing being counted, precisely enough that claims about it compare."""

    id: str = field(validator=_is_id)
    conflict: str = field(validator=_is_id)
    label: str = field(validator=[_text, _nonblank])
    measure: str = field(validator=[_text, _nonblank])
    of: str | None = field(default=None, validator=optional(_is_id))
    subject: str | None = field(default=None, validator=_opt_text)
    place: str | None = field(default=None, validator=_opt_text)
    period: DateSpan | None = None
    unit: str = field(default="people", validator=[_text, _nonblank])
    #: For a share: the figure it is a share of (a count of the whole).
    share_of: str | None = field(default=None, validator=optional(_is_id))
    cumulative: bool = field(default=False, validator=instance_of(bool))
    parts: tuple[str, ...] = field(default=(), validator=_ids)
    at_most: tuple[str, ...] = field(default=(), validator=_ids)
    note: str | None = field(default=None, validator=_opt_text)
    origin: Origin | None = _origin

    def __attrs_post_init__(self) -> None:
        for key, ids in (("parts", self.parts), ("at-most", self.at_most)):
            if self.id in ids:
                message = f"figure {self.id!r} cannot be its own part or bound"
                raise CycleError(message, key=key, index=ids.index(self.id))
        repeat = _first_repeat(self.parts)
        if repeat is not None:
            raise FieldError(f"'parts' lists {self.parts[repeat]!r} twice", key="parts", index=repeat)
        if self.share_of == self.id:
            raise CycleError(f"figure {self.id!r} cannot be a share of itself", key="share-of")


@frozen(kw_only=True)
class Proposition:
    """A statement that actors assert or deny, rather than a number."""

    id: str = field(validator=_is_id)
    conflict: str = field(validator=_is_id)
    statement: str = field(validator=[_text, _nonblank])
    note: str | None = field(default=None, validator=_opt_text)
    origin: Origin | None = _origin


@frozen(kw_only=True)
class Claim:
    """One actor asserting one value (or a stance) in one source, at one time.

    A claim is either about a figure (``figure`` with ``value`` and/or
    ``places``) or about a proposition (``proposition`` with ``stance``).
    """

    id: str = field(validator=_is_id)
    claimant: str = field(validator=_is_id)
    date: DateSpan
    source: str = field(validator=_is_id)
    quote: str = field(validator=[_text, _nonblank])
    locator: str | None = field(default=None, validator=_opt_text)
    figure: str | None = field(default=None, validator=optional(_is_id))
    value: Value | None = None
    places: tuple[str, ...] = field(default=(), converter=_nfc, validator=deep_iterable(_text, instance_of(tuple)))
    proposition: str | None = field(default=None, validator=optional(_is_id))
    stance: Stance | None = field(default=None, validator=optional(in_(("asserts", "denies"))))
    as_of: DateSpan | None = None
    translation: str | None = field(default=None, validator=_opt_text)
    language: str | None = field(default=None, validator=_opt_text)
    via: tuple[str, ...] = field(default=(), validator=_ids)
    same_as: str | None = field(default=None, validator=optional(_is_id))
    supersedes: str | None = field(default=None, validator=optional(_is_id))
    #: The claim whose value this one's factor multiplies ("several times more were wounded").
    relative_to: str | None = field(default=None, validator=optional(_is_id))
    #: The claim of the same running total this one's value adds to ("11 more").
    adds_to: str | None = field(default=None, validator=optional(_is_id))
    tolerance: float | None = field(default=None, validator=optional([instance_of(float), ge(0.0)]))
    note: str | None = field(default=None, validator=_opt_text)
    origin: Origin | None = _origin

    def __attrs_post_init__(self) -> None:
        if self.figure is None and self.proposition is None:
            raise ValueError("a claim needs a 'figure' (with 'value' or 'places') or a 'proposition'")
        if self.figure is not None and self.proposition is not None:
            raise ValueError("a claim is about a 'figure' or a 'proposition', not both")
        if self.figure is not None:
            if self.value is None and not self.places:
                raise ValueError("a claim about a figure needs a 'value' or 'places'")
            if self.stance is not None:
                raise ValueError("'stance' belongs to claims about a proposition")
        elif self.stance is None:
            raise ValueError("a claim about a proposition needs a 'stance' (asserts or denies)")
        elif self.value is not None or self.places:
            raise ValueError("a claim about a proposition takes a 'stance', not a 'value'")
        repeat = _first_repeat(self.places)
        if repeat is not None:
            message = f"'places' names {quoted(self.places[repeat])} twice (compared in Unicode NFC form)"
            raise FieldError(message, key="places", index=repeat)
        for key in ("same-as", "supersedes", "relative-to", "adds-to"):
            if getattr(self, key.replace("-", "_")) == self.id:
                raise CycleError(f"claim {self.id!r} cannot refer to itself", key=key)
        if self.relative_to is not None and self.adds_to is not None:
            message = "a value is relative to one claim ('relative-to') or adds to one ('adds-to'), not both"
            raise FieldError(message, key="adds-to")
        if self.claimant in self.via:
            raise CycleError(
                f"the claimant {self.claimant!r} cannot also relay its own claim (a relay cycle)",
                key="via",
                index=self.via.index(self.claimant),
            )
        repeat = _first_repeat(self.via)
        if repeat is not None:
            raise CycleError("'via' lists a relay twice (a relay cycle)", key="via", index=repeat)

    @property
    def interval(self) -> tuple[int, int | None] | None:
        """The counts this claim allows, or ``None`` for a proposition.

        A list of places alone allows exactly as many as it names.
        """
        if self.value is not None:
            return (self.value.low, self.value.high)
        if self.places:
            return (len(self.places), len(self.places))
        return None

    @property
    def covers(self) -> DateSpan:
        """The date or period the claimed figure is given for."""
        return self.as_of or self.date


Item = Conflict | Source | Actor | Figure | Proposition | Claim
_T = TypeVar("_T", Conflict, Source, Actor, Figure, Proposition, Claim)


@frozen(kw_only=True)
class Corpus:
    """All the objects of a set of claim files, with references resolved.

    Build one with :func:`claimcheck.load`, or directly from objects whose
    references already agree (the constructor checks only that ids are unique).
    """

    conflicts: tuple[Conflict, ...] = ()
    sources: tuple[Source, ...] = ()
    actors: tuple[Actor, ...] = ()
    figures: tuple[Figure, ...] = ()
    propositions: tuple[Proposition, ...] = ()
    claims: tuple[Claim, ...] = ()
    _index: dict[str, Item] = field(init=False, eq=False, repr=False)
    # Answers of root_of and side_of, kept so that a long parent chain is walked once, not once per actor.
    _roots: dict[str, str] = field(init=False, eq=False, repr=False)
    _sides: dict[tuple[str, str], str | None] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, Item] = {}
        for item in self.items():
            if item.id in index:
                raise ValueError(f"id {item.id!r} is defined twice")
            index[item.id] = item
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_roots", {})
        object.__setattr__(self, "_sides", {})

    def items(self) -> Iterator[Item]:
        """Every object in the corpus, kind by kind."""
        yield from self.conflicts
        yield from self.sources
        yield from self.actors
        yield from self.figures
        yield from self.propositions
        yield from self.claims

    def get(self, id_: str) -> Item | None:
        """The object with this id, or ``None``."""
        return self._index.get(id_)

    def _typed(self, id_: str, cls: type[_T]) -> _T:
        item = self._index.get(id_)
        if item.__class__ is not cls:  # the model's classes are final: an exact check is enough, and fast
            raise KeyError(f"no {cls.__name__.lower()} with id {id_!r}")
        return item

    def conflict(self, id_: str) -> Conflict:
        return self._typed(id_, Conflict)

    def source(self, id_: str) -> Source:
        return self._typed(id_, Source)

    def actor(self, id_: str) -> Actor:
        return self._typed(id_, Actor)

    def figure(self, id_: str) -> Figure:
        return self._typed(id_, Figure)

    def proposition(self, id_: str) -> Proposition:
        return self._typed(id_, Proposition)

    def claim(self, id_: str) -> Claim:
        return self._typed(id_, Claim)

    def side_of(self, actor_id: str, conflict_id: str) -> str | None:
        """The actor's side or standing in a conflict, inherited from its parents.

        ``None`` when neither it nor any parent has one (a third party). Every actor met on the way
        up shares the answer, which is kept: a chain of n parents costs n steps in all.
        """
        known = self._sides
        key = (actor_id, conflict_id)
        if key in known:
            return known[key]
        path: list[str] = []
        seen: set[str] = set()
        side: str | None = None
        current: str | None = actor_id
        while current is not None:
            if (current, conflict_id) in known:
                side = known[current, conflict_id]
                break
            if current in seen:
                break  # a parent cycle (a corpus built without checks) with no side on it
            path.append(current)
            seen.add(current)
            actor = self._index.get(current)
            if not isinstance(actor, Actor):
                break
            side = actor.sides.get(conflict_id)
            if side is not None:
                break
            current = actor.parent
        for walked in path:
            known[walked, conflict_id] = side
        return side

    def root_of(self, actor_id: str) -> str:
        """The top of the actor's parent chain: sub-units speak with one voice.

        Every actor met on the way up shares the answer, which is kept: a chain of n parents costs n
        steps in all, not n per actor.
        """
        known = self._roots
        root = known.get(actor_id)
        if root is not None:
            return root
        path: list[str] = []
        seen: set[str] = set()
        current = actor_id
        while (root := known.get(current)) is None:
            path.append(current)
            seen.add(current)
            actor = self._index.get(current)
            if not isinstance(actor, Actor) or actor.parent is None:
                root = current
                break
            if actor.parent in seen:
                # A parent cycle (a corpus built without checks): the walk stops before it meets itself
                # again, so the answer depends on where it started and is not kept.
                return current
            current = actor.parent
        for walked in path:
            known[walked] = root
        return root
