"""References across claim files: every id names an object of the right kind, and nothing loops.

Claim files refer to each other by id (a claim's claimant, source and figure;
an actor's parent and sides; a figure's parts and bounds; revisions and
repeats). These checks run once every file is read, on the whole corpus, and
report each broken reference at the object that makes it, with a "did you
mean" when an id is close to one that exists.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from typing import Any

from .errors import Problem
from .model import STANDINGS, Actor, Claim, Conflict, Corpus, Figure, Proposition, Source

__all__ = ["check_references"]


def _problem_at(obj: Any, code: str, message: str, hint: str | None = None) -> Problem:
    return Problem.at(obj.origin, code, message, hint)


def check_references(corpus: Corpus, problems: list[Problem], broken: set[str]) -> None:
    """Check that every reference names an object of the right kind, and nothing loops.

    References to records that already failed (``broken``) are not reported twice.
    """
    index: dict[str, Any] = {item.id: item for item in corpus.items()}

    def ref(obj: Any, key: str, target: str | None, cls: type[Any]) -> Any:
        if target is None or (target in broken and target not in index):
            return None
        found = index.get(target)
        if isinstance(found, cls):
            return found
        kind = cls.__name__.lower()
        if found is None:
            close = difflib.get_close_matches(target, [i for i, o in index.items() if isinstance(o, cls)], n=1)
            article = "an" if kind[0] in "aeiou" else "a"
            hint = f"did you mean {close[0]!r}?" if close else f"define {article} {kind} with id {target!r}"
            problems.append(
                _problem_at(obj, "undefined-reference", f"'{key}' names {target!r}, but no {kind} has that id", hint)
            )
        else:
            problems.append(
                _problem_at(
                    obj,
                    "undefined-reference",
                    f"'{key}' names {target!r}, which is a {type(found).__name__.lower()}, not a {kind}",
                )
            )
        return None

    for actor in list(corpus.actors):
        ref(actor, "parent", actor.parent, Actor)
        for conflict_id, side in sorted(actor.sides.items()):
            conflict = ref(actor, "sides", conflict_id, Conflict)
            if conflict is not None and side not in conflict.sides and side not in STANDINGS:
                allowed = ", ".join([*conflict.sides, *STANDINGS])
                problems.append(
                    _problem_at(
                        actor,
                        "undefined-reference",
                        f"'sides': {side!r} is not a side of {conflict_id!r}",
                        f"use one of {allowed}",
                    )
                )
    _no_cycles(list(corpus.actors), lambda a: [a.parent] if a.parent else [], "parent", problems)
    for figure in list(corpus.figures):
        conflict = ref(figure, "conflict", figure.conflict, Conflict)
        if conflict is not None and figure.of is not None and figure.of not in conflict.sides:
            problems.append(
                _problem_at(
                    figure,
                    "undefined-reference",
                    f"'of': {figure.of!r} is not a side of {figure.conflict!r}",
                    f"use one of {', '.join(conflict.sides)}",
                )
            )
        for part in figure.parts:
            ref(figure, "parts", part, Figure)
        for bound in figure.at_most:
            ref(figure, "at-most", bound, Figure)
        ref(figure, "share-of", figure.share_of, Figure)
    _no_cycles(list(corpus.figures), lambda f: list(f.parts), "parts", problems)
    for prop in list(corpus.propositions):
        ref(prop, "conflict", prop.conflict, Conflict)
    for claim in list(corpus.claims):
        ref(claim, "claimant", claim.claimant, Actor)
        for relay in claim.via:
            ref(claim, "via", relay, Actor)
        ref(claim, "source", claim.source, Source)
        figure = ref(claim, "figure", claim.figure, Figure)
        ref(claim, "proposition", claim.proposition, Proposition)
        for key in ("relative-to", "adds-to"):
            other = ref(claim, key, getattr(claim, _attr(key)), Claim)
            if other is not None and other.figure is None:
                problems.append(
                    _problem_at(
                        claim, "inconsistent", f"'{key}' names {other.id!r}, a claim about a proposition, not a figure"
                    )
                )
        for key in ("same-as", "supersedes"):
            other = ref(claim, key, getattr(claim, _attr(key)), Claim)
            if other is None:
                continue
            if (other.figure, other.proposition) != (claim.figure, claim.proposition):
                problems.append(
                    _problem_at(
                        claim,
                        "inconsistent",
                        f"'{key}' names {other.id!r}, a claim about something else",
                        "both claims must be about the same figure or proposition",
                    )
                )
            elif corpus.root_of(other.claimant) != corpus.root_of(claim.claimant):
                problems.append(
                    _problem_at(
                        claim,
                        "inconsistent",
                        f"'{key}' names {other.id!r}, made by {other.claimant!r}, not by {claim.claimant!r}",
                        "a revision or a repeated statement has the same claimant",
                    )
                )
        if figure is not None:
            period = figure.period or getattr(index.get(figure.conflict), "period", None)
            if period is not None and claim.date.before(period):
                problems.append(
                    _problem_at(
                        claim,
                        "inconsistent",
                        f"the claim is dated {claim.date} but its figure {figure.id!r} covers {period}, "
                        "which starts later",
                        "check the 'date', or the figure's 'period'",
                    )
                )
        if claim.as_of is not None and claim.date.before(claim.as_of):
            problems.append(
                _problem_at(
                    claim,
                    "inconsistent",
                    f"the claim is dated {claim.date} but reports a figure as of {claim.as_of}, later",
                    "'as-of' cannot be later than 'date'",
                )
            )
    _no_cycles(list(corpus.claims), lambda c: [c.same_as] if c.same_as else [], "same-as", problems)
    _no_cycles(list(corpus.claims), lambda c: [c.supersedes] if c.supersedes else [], "supersedes", problems)


def _attr(key: str) -> str:
    return key.replace("-", "_")


def _no_cycles(objs: list[Any], edges: Callable[[Any], list[str]], key: str, problems: list[Problem]) -> None:
    """Report each object that can reach itself by following ``edges``."""
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
                    problems.append(_problem_at(by_id[child], "cycle", f"'{key}' loops back: {' -> '.join(loop)}"))
                elif not state.get(child):
                    state[child] = 1
                    stack.append((child, iter(edges(by_id[child]))))
