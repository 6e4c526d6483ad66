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
from .errors import Problem, quoted
from .values import Value

__all__ = [
    "ACTOR_KINDS",
    "ACTOR_STANDINGS",
    "ENUMERATIONS",
    "ID_PATTERN",
    "LOSS_KINDS",
    "METHODS",
    "SOURCE_KINDS",
    "STANCES",
    "STANDINGS",
    "Actor",
    "Claim",
    "Conflict",
    "Corpus",
    "CycleError",
    "FieldError",
    "Figure",
    "Measure",
    "Origin",
    "Party",
    "Proposition",
    "Relation",
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
#: How firmly a claim about a proposition is made: a doubt is neither an assertion nor a denial.
Stance = Literal["asserts", "denies", "doubts"]
STANCES: tuple[str, ...] = get_args(Stance)
#: Whether an actor speaks for its side: only an ``official`` one does (a government, its ministries, their
#: officials). A ``former-official``, the ``opposition``, an ``unofficial`` voice or an ``anonymous`` source
#: does not, whatever its side.
ActorStanding = Literal["official", "former-official", "opposition", "unofficial", "anonymous"]
ACTOR_STANDINGS: tuple[str, ...] = get_args(ActorStanding)
#: Kinds of actor that are official unless they say otherwise; any other kind takes its parent's standing.
_OFFICIAL_KINDS = frozenset({"government", "ministry", "military"})
#: Kinds that are unofficial at the top of a parent chain. ``other``, the kind of an actor whose kind is not
#: given, is not among them: such an actor spoke for its side before standings existed, and still does.
_UNOFFICIAL_KINDS = frozenset({"person", "monitor", "outlet", "organisation", "group"})
#: How a claimed figure was arrived at (Wikidata's "determination method"); ``assertion`` when not said.
Method = Literal[
    "named-list",
    "registration",
    "identified-bodies",
    "visual-confirmation",
    "confirmed-minimum",
    "estimate",
    "survey",
    "assertion",
]
METHODS: tuple[str, ...] = get_args(Method)
#: Methods that count items one by one: their result is a floor, whoever counted.
ENUMERATIONS = frozenset({"named-list", "registration", "identified-bodies", "visual-confirmation"})
#: What a figure explicitly counts the loss of (``none``: no loss, whatever its measure).
FigureLosses = Literal["military", "civilian", "people", "equipment", "territory", "other", "none"]
#: How a speaker stands to the side or party whose losses a figure counts; ``unrelated`` when it counts nobody's.
Relation = Literal["self", "ally", "adversary", "third-party", "unrelated"]

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


@frozen(kw_only=True, weakref_slot=False)  # many of them, and nothing refers to them weakly
class Origin:
    """Where an object was written: file, line and column (1-based)."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


_origin = field(default=None, eq=False, repr=False)

#: What a measure (or a figure's ``losses``) counts the loss of.
LossKind = Literal["military", "civilian", "people", "equipment", "territory", "other"]
LOSS_KINDS: tuple[str, ...] = get_args(LossKind)


def _word(_instance: object, attribute: object, value: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"'{getattr(attribute, 'name', '?')}' must be text, got {value!r}")
    if not value.strip() or value != value.strip():
        raise ValueError(f"'{getattr(attribute, 'name', '?')}' must be a word without spaces around it")


@frozen(kw_only=True)
class Measure:
    """One word of the measure table: whether it counts a loss, of what, and whether it usually runs on.

    The default table is :data:`claimcheck.measures.DEFAULT_MEASURES`; a corpus extends it.
    """

    #: The canonical word, as figures should write it (``handed-over``).
    word: str = field(validator=[_text, _word])
    #: Whether a figure of this measure counts a loss of its ``of`` (killed, destroyed: yes; displaced: no).
    loss: bool = field(default=False, validator=instance_of(bool))
    #: What is lost: ``people`` when the figure decides between military and civilian.
    kind: LossKind = field(default="other", validator=in_(LOSS_KINDS))
    #: Whether figures of this measure are usually running totals (a figure's own ``cumulative`` decides).
    cumulative: bool = field(default=False, validator=instance_of(bool))
    #: Other spellings met in sources; a figure that uses one gets a ``measure-alias`` warning.
    aliases: tuple[str, ...] = field(default=(), validator=deep_iterable(_word, instance_of(tuple)))
    note: str | None = field(default=None, validator=_opt_text)
    origin: Origin | None = _origin

    def __attrs_post_init__(self) -> None:
        if self.word in self.aliases:
            raise FieldError(f"measure {self.word!r} cannot be an alias of itself", key="aliases")


@frozen(kw_only=True)
class Party:
    """A party that fights on a side but is not that side: a breakaway region beside its patron.

    Each side is also a party of itself; a party declared here is another one on that side (its ally).
    """

    id: str = field(validator=_is_id)
    side: str = field(validator=_is_id)
    name: str | None = field(default=None, validator=optional([_text, _nonblank]))


@frozen(kw_only=True)
class Conflict:
    """A conflict, its belligerent sides (``armenia``, ``azerbaijan``) and the other parties on them."""

    id: str = field(validator=_is_id)
    name: str = field(validator=[_text, _nonblank])
    sides: tuple[str, ...] = field(validator=_ids)
    parties: tuple[Party, ...] = field(default=(), validator=deep_iterable(instance_of(Party), instance_of(tuple)))
    period: DateSpan | None = None
    note: str | None = field(default=None, validator=_opt_text)
    origin: Origin | None = _origin

    def __attrs_post_init__(self) -> None:
        clash = sorted(set(self.sides) & set(STANDINGS))
        if clash:
            raise ValueError(f"'sides' cannot include {clash[0]!r}: it is a third-party standing")
        if len(set(self.sides)) != len(self.sides):
            raise ValueError("'sides' lists a side twice")
        seen: set[str] = set()
        for i, party in enumerate(self.parties):
            if party.id in self.sides or party.id in STANDINGS or party.id in seen:
                what = "a side" if party.id in self.sides else "a standing" if party.id in STANDINGS else "listed"
                message = f"party {party.id!r} is already {what}: a party is named once, and not as a side"
                raise FieldError(message, key="parties", index=i)
            if party.side not in self.sides:
                message = f"party {party.id!r} fights on {party.side!r}, which is not a side of {self.id!r}"
                raise FieldError(message, key="parties", index=i)
            seen.add(party.id)

    def side_of_party(self, party: str) -> str | None:
        """The side a party (or a side, or a standing) stands on: itself for a side or a standing."""
        if party in self.sides or party in STANDINGS:
            return party
        for p in self.parties:
            if p.id == party:
                return p.side
        return None


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
    #: Its side, a party of a side, or a standing (mediator, neutral), per conflict.
    sides: Mapping[str, str] = field(factory=dict, hash=False)
    #: Whether it speaks for its side; unset, a government, ministry or military is official and any
    #: other kind takes its parent's standing: see :meth:`Corpus.standing_of`.
    standing: ActorStanding | None = field(default=None, validator=optional(in_(ACTOR_STANDINGS)))
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
    #: What it counts the loss of, when the measure alone does not say (or says wrongly); ``none``: no loss.
    losses: FigureLosses | None = field(default=None, validator=optional(in_((*LOSS_KINDS, "none"))))
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


@frozen(kw_only=True, weakref_slot=False)  # many of them, and nothing refers to them weakly
class Claim:
    """One statement asserting one value (or a stance) in one source, at one time.

    A claim is either about a figure (``figure`` with ``value`` and/or
    ``places``) or about a proposition (``proposition`` with ``stance``).
    A joint statement ("Armenian and Artsakh authorities said") has several
    claimants: ``claimant`` is the first named, ``co_claimants`` the others,
    and :attr:`claimants` all of them.
    """

    id: str = field(validator=_is_id)
    claimant: str = field(validator=_is_id)
    date: DateSpan
    source: str = field(validator=_is_id)
    quote: str = field(validator=[_text, _nonblank])
    #: The other claimants of a joint statement, in the order the claim names them (written in a claim file
    #: as a list: ``claimant: [am-gov, artsakh-gov]``).
    co_claimants: tuple[str, ...] = field(default=(), validator=_ids)
    locator: str | None = field(default=None, validator=_opt_text)
    figure: str | None = field(default=None, validator=optional(_is_id))
    value: Value | None = None
    places: tuple[str, ...] = field(default=(), converter=_nfc, validator=deep_iterable(_text, instance_of(tuple)))
    proposition: str | None = field(default=None, validator=optional(_is_id))
    stance: Stance | None = field(default=None, validator=optional(in_(STANCES)))
    #: The wording hedges ("could have", "appeared", "probably"): not a firm statement.
    hedged: bool = field(default=False, validator=instance_of(bool))
    #: How the figure was arrived at: an enumeration, a confirmed minimum, an estimate, a survey or an assertion.
    method: Method = field(default="assertion", validator=in_(METHODS))
    as_of: DateSpan | None = None
    translation: str | None = field(default=None, validator=_opt_text)
    language: str | None = field(default=None, validator=_opt_text)
    via: tuple[str, ...] = field(default=(), validator=_ids)
    same_as: str | None = field(default=None, validator=optional(_is_id))
    #: Another claim of the same statement made jointly with another claimant (written as two claims).
    joint_with: str | None = field(default=None, validator=optional(_is_id))
    supersedes: str | None = field(default=None, validator=optional(_is_id))
    #: The claim whose value this one's factor multiplies ("several times more were wounded").
    relative_to: str | None = field(default=None, validator=optional(_is_id))
    #: The claim of the same running total this one's value adds to ("11 more").
    adds_to: str | None = field(default=None, validator=optional(_is_id))
    #: The claim in which the claimant disowns this attribution ("we never made that estimate").
    disowned_by: str | None = field(default=None, validator=optional(_is_id))
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
            raise ValueError("a claim about a proposition needs a 'stance' (asserts, denies or doubts)")
        elif self.value is not None or self.places:
            raise ValueError("a claim about a proposition takes a 'stance', not a 'value'")
        if self.method != "assertion" and self.figure is None:
            raise FieldError("'method' says how a figure was counted: a proposition has none", key="method")
        repeat = _first_repeat(self.places)
        if repeat is not None:
            message = f"'places' names {quoted(self.places[repeat])} twice (compared in Unicode NFC form)"
            raise FieldError(message, key="places", index=repeat)
        for key in ("same-as", "joint-with", "supersedes", "disowned-by", "relative-to", "adds-to"):
            if getattr(self, key.replace("-", "_")) == self.id:
                raise CycleError(f"claim {self.id!r} cannot refer to itself", key=key)
        if self.relative_to is not None and self.adds_to is not None:
            message = "a value is relative to one claim ('relative-to') or adds to one ('adds-to'), not both"
            raise FieldError(message, key="adds-to")
        repeat = _first_repeat(self.claimants)
        if repeat is not None:
            message = f"'claimant' names {self.claimants[repeat]!r} twice"
            raise FieldError(message, key="claimant", index=repeat)
        for claimant in self.claimants:
            if claimant in self.via:
                raise CycleError(
                    f"the claimant {claimant!r} cannot also relay its own claim (a relay cycle)",
                    key="via",
                    index=self.via.index(claimant),
                )
        repeat = _first_repeat(self.via)
        if repeat is not None:
            raise CycleError("'via' lists a relay twice (a relay cycle)", key="via", index=repeat)

    @property
    def claimants(self) -> tuple[str, ...]:
        """Everyone who made the statement, the first named first (one for most claims)."""
        return (self.claimant, *self.co_claimants) if self.co_claimants else (self.claimant,)

    def says_same_as(self, other: Claim) -> bool:
        """Whether two claims can report one statement: their stances agree and their counts overlap.

        Overlap, not equality: one statement is often read twice in different
        words ("just under 2,000" and "about 2,000"). Disjoint counts (10 and
        1,000) cannot be one statement, and reconciliation would silently set one aside.
        """
        if self.stance != other.stance:
            return False
        mine, theirs = self.interval, other.interval
        if mine is None or theirs is None:
            return mine == theirs
        return (theirs[1] is None or mine[0] <= theirs[1]) and (mine[1] is None or theirs[0] <= mine[1])

    @property
    def enumeration(self) -> bool:
        """Whether the figure was counted item by item (a named list, a registration...): a floor."""
        return self.method in ENUMERATIONS

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


def _by_id(claim: Claim) -> str:
    return claim.id


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
    #: The corpus's own measures, extending or overriding :data:`~claimcheck.measures.DEFAULT_MEASURES`.
    measures: tuple[Measure, ...] = ()
    #: What :func:`claimcheck.load` found worth saying but not wrong (``severity == "warning"``).
    warnings: tuple[Problem, ...] = field(default=(), eq=False, repr=False)
    _index: dict[str, Item] = field(init=False, eq=False, repr=False)
    _measures: Mapping[str, tuple[Measure, bool]] | None = field(init=False, eq=False, repr=False)
    _statements: dict[str, str] = field(init=False, eq=False, repr=False)
    _statement_members: dict[str, list[Claim]] = field(init=False, eq=False, repr=False)
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
        object.__setattr__(self, "_measures", None)
        object.__setattr__(self, "_statements", {})
        object.__setattr__(self, "_statement_members", {})

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

        An actor of a party (Artsakh) is on that party's side (Armenia). ``None`` when neither it nor any
        parent has a side (a third party).
        """
        party = self.party_of(actor_id, conflict_id)
        if party is None:
            return None
        conflict = self._index.get(conflict_id)
        side = conflict.side_of_party(party) if isinstance(conflict, Conflict) else None
        return party if side is None else side

    def party_of(self, actor_id: str, conflict_id: str) -> str | None:
        """The actor's party (a side, a party of a side, or a standing) in a conflict, inherited from its parents.

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

    def standing_of(self, actor_id: str) -> ActorStanding:
        """Whether the actor speaks for its side: its own ``standing``, else one its kind or parents give.

        A government, ministry or military is ``official``; an actor of another kind takes its parent's
        standing (a minister under a government is official). At the top of its chain a person, monitor,
        outlet, organisation or group is ``unofficial``, and an actor of kind ``other`` (the kind of an
        actor that gives none) is ``official``, as every actor with a side was before standings existed.
        """
        seen: set[str] = set()
        current: str | None = actor_id
        standing: ActorStanding = "unofficial"
        while current is not None and current not in seen:
            seen.add(current)
            actor = self._index.get(current)
            if not isinstance(actor, Actor):
                break
            if actor.standing is not None:
                return actor.standing
            if actor.kind in _OFFICIAL_KINDS:
                return "official"
            standing = "unofficial" if actor.kind in _UNOFFICIAL_KINDS else "official"
            current = actor.parent
        return standing

    def relation(self, speaker: str, figure: Figure) -> Relation:
        """How a speaker stands to the side or party whose losses ``figure`` counts.

        ``self`` when it speaks of its own party's losses, or of its whole side's (Artsakh on a figure
        ``of: armenia``, the side); ``ally`` when of another party on its side (Armenia on a figure
        ``of: artsakh``); ``adversary`` when of the other side's; ``third-party`` for a mediator, a neutral
        or an actor with no side; ``unrelated`` when the figure counts nobody's (it has no ``of``).
        """
        whose = figure.of
        if whose is None:
            return "unrelated"
        party = self.party_of(speaker, figure.conflict)
        if party is None or party in STANDINGS:
            return "third-party"
        if party == whose:
            return "self"
        conflict = self._index.get(figure.conflict)
        if not isinstance(conflict, Conflict):
            return "third-party"
        mine, theirs = conflict.side_of_party(party), conflict.side_of_party(whose)
        if mine is None or mine in STANDINGS or theirs is None:
            return "third-party"
        if mine == theirs:
            return "self" if whose == mine else "ally"
        return "adversary"

    def measure(self, word: str) -> Measure | None:
        """The measure a figure's word names (its own, or the one it is an alias of), or ``None``."""
        found = self._measure_table().get(word)
        return None if found is None else found[0]

    def is_alias(self, word: str) -> bool:
        """Whether ``word`` is another spelling of a measure of the table (``handed over``)."""
        found = self._measure_table().get(word)
        return found is not None and found[1]

    def _measure_table(self) -> Mapping[str, tuple[Measure, bool]]:
        if self._measures is None:
            # The table's data imports this module: it is looked up on first use, not at import.
            from .measures import measure_table

            object.__setattr__(self, "_measures", measure_table(self.measures))
        return self._measures  # type: ignore[return-value]

    def losses_of(self, figure: Figure) -> LossKind | None:
        """What the figure counts the loss of (its own ``losses``, else its measure's), or ``None`` for no loss.

        Only a figure ``of`` a side or party counts anyone's losses.
        """
        if figure.of is None or figure.losses == "none":
            return None
        if figure.losses is not None:
            return figure.losses
        measure = self.measure(figure.measure)
        return measure.kind if measure is not None and measure.loss else None

    def statement_of(self, claim_id: str) -> str:
        """The id that names the statement a claim belongs to: the smallest id among its claims.

        Claims are one statement when ``same-as`` (the claimant's statement read twice) or
        ``joint-with`` (a joint statement written as one claim per claimant) links them, directly or
        through others. A claim alone is its own statement.
        """
        if not self._statements:
            self._link_statements()
        return self._statements.get(claim_id, claim_id)

    def statement_claims(self, claim_id: str) -> tuple[Claim, ...]:
        """Every claim of the statement ``claim_id`` belongs to, by id (the claim alone if it is linked to none)."""
        statement = self.statement_of(claim_id)
        return tuple(self._statement_members.get(statement, (self.claim(claim_id),)))

    def statement_claimants(self, claim_id: str) -> tuple[str, ...]:
        """Everyone who made the statement ``claim_id`` belongs to, in claim-id order, each once."""
        found: dict[str, None] = {}
        for claim in self.statement_claims(claim_id):
            found.update(dict.fromkeys(claim.claimants))
        return tuple(found)

    def _link_statements(self) -> None:
        """Union the claims linked by ``same-as`` and ``joint-with``, each group named by its smallest id."""
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            root = x
            while parent.get(root, root) != root:
                root = parent[root]
            while parent.get(x, x) != root:  # path compression: later finds are one step
                parent[x], x = root, parent[x]
            return root

        for claim in self.claims:
            for other in (claim.same_as, claim.joint_with):
                if other is not None and isinstance(self._index.get(other), Claim):
                    a, b = find(claim.id), find(other)
                    parent.setdefault(a, a)
                    parent.setdefault(b, b)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
        statements = {cid: find(cid) for cid in list(parent)}
        members: dict[str, list[Claim]] = {}
        # Every claim linked to another is in ``parent``: the root too, as the smaller of a union.
        for cid, root in statements.items():
            members.setdefault(root, []).append(self.claim(cid))
        # Marks the work done even for a corpus with no linked claims.
        statements.setdefault("", "")
        object.__setattr__(self, "_statements", statements)
        object.__setattr__(self, "_statement_members", {k: sorted(v, key=_by_id) for k, v in members.items()})
