"""References across claim files: every id names an object of the right kind, and nothing loops.

Claim files refer to each other by id (a claim's claimant, source and figure;
an actor's parent and sides; a figure's parts and bounds; revisions and
repeats). These checks run once every file is read, on the whole corpus, and
report each broken reference at the object that makes it, with a "did you
mean" when an id is close to one that exists.
"""

from __future__ import annotations

import bisect
import difflib
import heapq
from collections.abc import Callable, Iterator
from typing import Any

from .errors import Problem, ProblemList, quoted
from .model import STANDINGS, Actor, Claim, Conflict, Corpus, Figure, Proposition, Source

__all__ = ["check_references"]

#: Ids compared for a "did you mean", on each side of where the wrong id sorts (forwards and backwards).
_NEIGHBOURS = 8
#: Of those, how many are scored with difflib.
_SCORED = 3


def _kept_ends(candidate: str, target: str) -> int:
    """How many characters the two share at the start and at the end."""
    start = _shared_start(candidate, target)
    return start + _shared_start(candidate[start:][::-1], target[start:][::-1])


def _shared_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class _Hints:
    """ "Did you mean" for the ids of one kind, near-linear in the number of ids.

    Comparing a wrong id with every id is quadratic when many ids are wrong.
    A typo leaves either the start or the end of an id intact, so the ids
    that share the longest start sort next to the wrong one, and those that
    share the longest end sort next to it when every id is read backwards:
    only those few neighbours are compared.
    """

    def __init__(self, ids: list[str]) -> None:
        self._forwards = sorted(ids)
        self._backwards = sorted(i[::-1] for i in ids)

    def close(self, target: str) -> str | None:
        near = self._near(self._forwards, target)
        near += [i[::-1] for i in self._near(self._backwards, target[::-1])]
        # difflib's ratio is the costly part: only the few that keep most of both ends are scored.
        best = heapq.nlargest(_SCORED, sorted(set(near)), key=lambda i: _kept_ends(i, target))
        found = difflib.get_close_matches(target, best, n=1)
        return found[0] if found else None

    @staticmethod
    def _near(ids: list[str], target: str) -> list[str]:
        at = bisect.bisect_left(ids, target)
        return ids[max(0, at - _NEIGHBOURS) : at + _NEIGHBOURS]


def check_references(corpus: Corpus, problems: ProblemList, broken: set[str]) -> None:
    """Check that every reference names an object of the right kind, and nothing loops.

    Each problem is found at the object that makes the reference, and names
    the key (and list entry) that holds it, for the loader to point at the
    value. References to records that already failed (``broken``) are not
    reported twice.
    """
    index: dict[str, Any] = {item.id: item for item in corpus.items()}
    hints: dict[type[Any], _Hints] = {}

    def report(obj: Any, code: str, message: str, hint: str | None = None, *at: str | int) -> None:
        problems.append(Problem.at(obj.origin, code, message, hint), at=at)

    def ref(obj: Any, target: str | None, cls: type[Any], key: str, *at: str | int) -> Any:
        if target is None or (target in broken and target not in index):
            return None
        found = index.get(target)
        if isinstance(found, cls):
            return found
        kind = cls.__name__.lower()
        if found is None:
            hint: str | None = None
            # A hint costs a search: none for problems that will only be counted.
            if obj.origin is None or not problems.full(obj.origin.path):
                if cls not in hints:
                    hints[cls] = _Hints([i for i, o in index.items() if isinstance(o, cls)])
                close = hints[cls].close(target)
                article = "an" if kind[0] in "aeiou" else "a"
                hint = f"did you mean {close!r}?" if close else f"define {article} {kind} with id {quoted(target)}"
            message = f"'{key}' names {quoted(target)}, but no {kind} has that id"
        else:
            message = f"'{key}' names {quoted(target)}, which is a {type(found).__name__.lower()}, not a {kind}"
            hint = None
        report(obj, "undefined-reference", message, hint, key, *at)
        return None

    for actor in list(corpus.actors):
        ref(actor, actor.parent, Actor, "parent")
        for conflict_id, side in sorted(actor.sides.items()):
            conflict = ref(actor, conflict_id, Conflict, "sides", conflict_id)
            if conflict is not None and conflict.side_of_party(side) is None:
                allowed = ", ".join([*conflict.sides, *(p.id for p in conflict.parties), *STANDINGS])
                message = f"'sides': {quoted(side)} is not a side or party of {conflict_id!r}"
                report(actor, "undefined-reference", message, f"use one of {allowed}", "sides", conflict_id)
    _no_cycles(list(corpus.actors), lambda a: [a.parent] if a.parent else [], "parent", report)
    for figure in list(corpus.figures):
        conflict = ref(figure, figure.conflict, Conflict, "conflict")
        whose = None if conflict is None or figure.of is None else conflict.side_of_party(figure.of)
        if conflict is not None and figure.of is not None and (whose is None or whose in STANDINGS):
            message = f"'of': {quoted(figure.of)} is not a side or party of {figure.conflict!r}"
            allowed = ", ".join([*conflict.sides, *(p.id for p in conflict.parties)])
            report(figure, "undefined-reference", message, f"use one of {allowed}", "of")
        for i, part in enumerate(figure.parts):
            ref(figure, part, Figure, "parts", i)
        for i, bound in enumerate(figure.at_most):
            ref(figure, bound, Figure, "at-most", i)
        ref(figure, figure.share_of, Figure, "share-of")
    _no_cycles(list(corpus.figures), lambda f: list(f.parts), "parts", report)
    for prop in list(corpus.propositions):
        ref(prop, prop.conflict, Conflict, "conflict")
    for claim in list(corpus.claims):
        for i, claimant in enumerate(claim.claimants):
            ref(claim, claimant, Actor, "claimant", *((i,) if claim.co_claimants else ()))
        for i, relay in enumerate(claim.via):
            ref(claim, relay, Actor, "via", i)
        source = ref(claim, claim.source, Source, "source")
        figure = ref(claim, claim.figure, Figure, "figure")
        ref(claim, claim.proposition, Proposition, "proposition")
        for key in ("relative-to", "adds-to"):
            other = ref(claim, getattr(claim, _attr(key)), Claim, key)
            if other is not None and other.figure is None:
                message = f"'{key}' names {quoted(other.id)}, a claim about a proposition, not a figure"
                report(claim, "inconsistent", message, None, key)
        for key in ("same-as", "joint-with", "supersedes", "disowned-by"):
            other = ref(claim, getattr(claim, _attr(key)), Claim, key)
            if other is not None:
                _check_pair(claim, other, key, corpus, report)
        if source is not None:
            _check_translation(claim, source, report)
        if figure is not None:
            period = figure.period or getattr(index.get(figure.conflict), "period", None)
            if period is not None and claim.date.before(period):
                message = (
                    f"the claim is dated {claim.date} but its figure {figure.id!r} covers {period}, which starts later"
                )
                report(claim, "inconsistent", message, "check the 'date', or the figure's 'period'", "date")
        if claim.as_of is not None and claim.date.before(claim.as_of):
            message = f"the claim is dated {claim.date} but reports a figure as of {claim.as_of}, later"
            report(claim, "inconsistent", message, "'as-of' cannot be later than 'date'", "as-of")
    _no_cycles(list(corpus.claims), lambda c: [c.same_as] if c.same_as else [], "same-as", report)
    _no_cycles(list(corpus.claims), lambda c: [c.supersedes] if c.supersedes else [], "supersedes", report)


_Report = Callable[..., None]


def _check_pair(claim: Claim, other: Claim, key: str, corpus: Corpus, report: _Report) -> None:
    """A repeat (``same-as``), a joint statement's other claim (``joint-with``), a revision (``supersedes``) or
    a disowning (``disowned-by``) agrees with the claim it names."""
    mine = {corpus.root_of(a) for a in claim.claimants}
    theirs = {corpus.root_of(a) for a in other.claimants}
    if key == "disowned-by":
        if not mine & theirs:
            message = f"'disowned-by' names {other.id!r}, made by {other.claimant!r}, not by {claim.claimant!r}"
            hint = "an attribution is disowned by the claimant it was attributed to, in a claim of its own"
            report(claim, "inconsistent", message, hint, key)
        return
    if key == "joint-with":
        if (other.figure, other.proposition) != (claim.figure, claim.proposition):
            message = f"'joint-with' names {other.id!r}, a claim about something else"
            report(claim, "inconsistent", message, "one statement is about one figure or proposition", key)
        elif mine & theirs:
            message = f"'joint-with' names {other.id!r}, made by the same claimant"
            report(claim, "inconsistent", message, "the same claimant's statement read twice is 'same-as'", key)
        elif not claim.says_same_as(other):
            said = f"{_said(claim)} and {_said(other)}"
            message = f"'joint-with' names {other.id!r}, but the two say different things ({said})"
            hint = "a joint statement says one thing: the values must allow a common count, the stances agree"
            report(claim, "inconsistent", message, hint, key)
        return
    if (other.figure, other.proposition) != (claim.figure, claim.proposition):
        message = f"'{key}' names {other.id!r}, a claim about something else"
        report(claim, "inconsistent", message, "both claims must be about the same figure or proposition", key)
    elif mine != theirs and not (key == "same-as" and (mine <= theirs or theirs <= mine)):
        # A report that names some of a joint statement's claimants ("the Artsakh defence ministry said")
        # repeats that statement; a revision is made by the same claimants.
        message = f"'{key}' names {other.id!r}, made by {other.claimant!r}, not by {claim.claimant!r}"
        hint = "a revision or a repeated statement has the same claimant (a repeat may name some of a joint one's)"
        report(claim, "inconsistent", message, hint, key)
    elif key == "same-as" and not claim.says_same_as(other):
        message = f"'same-as' names {other.id!r}, but the two say different things ({_said(claim)} and {_said(other)})"
        hint = "a repeat reports the same statement: the values must allow a common count, the stances agree"
        report(claim, "inconsistent", message, hint, key)
    elif key == "supersedes" and claim.date.before(other.date):
        message = f"the revision is dated {claim.date}, before the claim it revises ({other.id!r}, {other.date})"
        report(claim, "inconsistent", message, "a revision comes after the claim it supersedes: check the dates", key)


def _said(claim: Claim) -> str:
    if claim.value is not None:
        return quoted(claim.value.text)
    return claim.stance or f"{len(claim.places)} places"


def _check_translation(claim: Claim, source: Source, report: _Report) -> None:
    """A quote not in English needs a ``translation`` (``language``, else the source's)."""
    language = claim.language or source.language
    if claim.translation is None and language.split("-")[0].lower() != "en":
        message = f"the quote is in {quoted(language)} (the {'claim' if claim.language else 'source'}'s language)"
        report(claim, "missing-key", f"{message}: a claim needs 'translation'", "give the quote in English", "quote")


def _attr(key: str) -> str:
    return key.replace("-", "_")


def _no_cycles(objs: list[Any], edges: Callable[[Any], list[str]], key: str, report: _Report) -> None:
    """Report each object that can reach itself by following ``edges``, at the edge that closes the loop."""
    by_id = {o.id: o for o in objs}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in sorted(o.id for o in objs if edges(o)):
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(edges(by_id[start])))]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif child in by_id:
                if state.get(child) == 1:
                    path = [n for n, _ in stack]
                    loop = [*path[path.index(child) :], child]
                    # The loop is reported at its first object, at the edge to the next one.
                    targets = edges(by_id[child])
                    at: tuple[str | int, ...] = (key, targets.index(loop[1])) if key == "parts" else (key,)
                    report(by_id[child], "cycle", f"'{key}' loops back: {' -> '.join(loop)}", None, *at)
                elif not state.get(child):
                    state[child] = 1
                    stack.append((child, iter(edges(by_id[child]))))
