"""The estimate rule table: which claims an estimate may use as a floor, a ceiling or a best value, and why.

Each rule names the claims it applies to (who speaks, how the figure was counted, what it counts,
how firmly it is worded) and what such a claim is used for; the first rule that matches a claim
decides. The default table, :data:`DEFAULT_RULES`, is printed in ``docs/reconciliation.md``
(``python -m claimcheck.rules`` prints it); :func:`load_rules` reads overrides from a YAML file and
:class:`RuleTable` takes them from Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal, get_args

import attrs
import yaml
from attrs import field, frozen

from .errors import LoadError, Problem, quoted
from .model import Relation
from .yamlread import Limits, YamlProblem, parse_yaml

__all__ = [
    "DEFAULT_RULES",
    "Rule",
    "RuleTable",
    "load_rules",
    "rules_markdown",
]

Use = Literal["floor", "ceiling", "best"]
USES: tuple[str, ...] = get_args(Use)
#: Who speaks: how the speaker stands to the figure (:meth:`claimcheck.model.Corpus.relation`).
RELATIONS: tuple[str, ...] = get_args(Relation)
#: How the figure was counted: item by item (``enumeration``: a named list, a registration, identified
#: bodies, visual confirmation, or places named one by one), or one of the other methods of a claim.
Counted = Literal["enumeration", "confirmed-minimum", "estimate", "survey", "assertion"]
COUNTED: tuple[str, ...] = get_args(Counted)
#: What the figure counts the loss of (``none``: it counts no loss).
About = Literal["military", "civilian", "people", "equipment", "territory", "other", "none"]
ABOUT: tuple[str, ...] = get_args(About)
#: How the claim is worded: a firm number or interval, a hedge, vague words, or a bound open above.
Form = Literal["firm", "hedged", "vague", "open"]
FORMS: tuple[str, ...] = get_args(Form)
#: What the table decides on, in this order: relation, monitor, official, counted, about, form.
Facts = tuple[str, bool, bool, str, str, str]


def _set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(words)


def _words(allowed: tuple[str, ...]) -> Any:
    def check(_: Any, attribute: attrs.Attribute[Any], value: frozenset[str]) -> None:
        wrong = sorted(value - set(allowed))
        if wrong:
            raise ValueError(f"{attribute.name} {quoted(wrong[0])} is not one of {', '.join(allowed)}")

    return check


@frozen(kw_only=True)
class Rule:
    """One row of the table: the claims it applies to, what they are used for, and why.

    An empty set of words, or ``None`` for ``monitor`` and ``official``, matches anything.
    """

    id: str
    uses: frozenset[str] = field(converter=_set, validator=_words(USES))
    reason: str
    relation: frozenset[str] = field(default=frozenset(), converter=_set, validator=_words(RELATIONS))
    monitor: bool | None = None
    official: bool | None = None
    counted: frozenset[str] = field(default=frozenset(), converter=_set, validator=_words(COUNTED))
    about: frozenset[str] = field(default=frozenset(), converter=_set, validator=_words(ABOUT))
    form: frozenset[str] = field(default=frozenset(), converter=_set, validator=_words(FORMS))

    @property
    def catch_all(self) -> bool:
        """Whether the rule matches every claim."""
        return not (self.relation or self.counted or self.about or self.form) and (
            self.monitor is None and self.official is None
        )

    def matches(self, *, relation: str, monitor: bool, official: bool, counted: str, about: str, form: str) -> bool:
        """Whether a claim with these facts falls under the rule."""
        return (
            (not self.relation or relation in self.relation)
            and (self.monitor is None or self.monitor == monitor)
            and (self.official is None or self.official == official)
            and (not self.counted or counted in self.counted)
            and (not self.about or about in self.about)
            and (not self.form or form in self.form)
        )


def _rules(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(rules)


def _table(_: Any, __: Any, rules: tuple[Rule, ...]) -> None:
    if not rules or not rules[-1].catch_all:
        raise ValueError("the last rule must match every claim (give it no conditions)")
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise ValueError(f"rule {quoted(rule.id)} is in the table twice")
        seen.add(rule.id)


@frozen(kw_only=True)
class RuleTable:
    """Rules in order: the first that matches a claim decides; the last matches every claim."""

    rules: tuple[Rule, ...] = field(converter=_rules, validator=_table)
    # Claims share a few hundred combinations of facts at most: each is matched against the table once.
    _decided: dict[Facts, Rule] = field(factory=dict, init=False, eq=False, repr=False)

    def rule_for(self, *, relation: str, monitor: bool, official: bool, counted: str, about: str, form: str) -> Rule:
        """The first rule that matches a claim with these facts."""
        return self.decide((relation, monitor, official, counted, about, form))

    def decide(self, facts: Facts) -> Rule:
        """:meth:`rule_for` with the facts in its order, as one tuple: the form reconciliation calls per claim."""
        decided = self._decided.get(facts)
        if decided is None:
            relation, monitor, official, counted, about, form = facts
            decided = next(
                (
                    rule
                    for rule in self.rules
                    if rule.matches(
                        relation=relation, monitor=monitor, official=official, counted=counted, about=about, form=form
                    )
                ),
                self.rules[-1],
            )
            self._decided[facts] = decided
        return decided

    def overridden(self, rules: Iterable[Rule]) -> RuleTable:
        """This table with ``rules`` in it: one with a rule's id replaces it in place; new ones go first, in
        the order given (a rule a user adds is a refinement, so it decides before the defaults)."""
        table = list(self.rules)
        added: list[Rule] = []
        for rule in rules:
            at = next((i for i, old in enumerate(table) if old.id == rule.id), None)
            if at is None:
                added.append(rule)
            else:
                table[at] = rule
        return RuleTable(rules=(*added, *table))


_LOSS_OF_A_SIDE = ("military", "equipment", "territory", "people", "other")

#: The default table (see ``docs/reconciliation.md`` for the reasoning behind each row).
DEFAULT_RULES = RuleTable(
    rules=(
        Rule(
            id="vague-words",
            form={"vague"},
            uses=(),
            reason="vague words (dozens, many) give no number to rest an estimate on",
        ),
        Rule(
            id="hedged",
            form={"hedged"},
            uses=(),
            reason="a hedged claim (probably, could be) commits to no number",
        ),
        Rule(
            id="enumeration",
            counted={"enumeration"},
            uses=("floor", "best"),
            reason="a count made item by item (a named list, a registration, identified bodies) is a floor, "
            "whoever made it",
        ),
        Rule(
            id="adversary-count",
            relation={"adversary"},
            uses=(),
            reason="an adversary's figure of the enemy serves its case: never a floor, never a ceiling, even from "
            "a monitor or as a confirmed minimum (only an enumeration, which a reader can check, is a floor)",
        ),
        Rule(
            id="monitor-count",
            monitor=True,
            uses=("floor", "ceiling", "best"),
            reason="a monitor counts what it can verify: a floor, and as an outside voice a ceiling and a "
            "central value",
        ),
        Rule(
            id="not-for-the-side",
            relation={"self", "ally"},
            official=False,
            uses=(),
            reason="a former official, the opposition or an anonymous source does not speak for the side: "
            "its figure is neither an admission nor an outside count",
        ),
        Rule(
            id="confirmed-minimum",
            counted={"confirmed-minimum"},
            uses=("floor",),
            reason="a confirmed minimum is a floor by its own terms",
        ),
        Rule(
            id="own-civilian-victims",
            relation={"self", "ally"},
            about={"civilian"},
            uses=(),
            reason="a side's toll of its own civilian victims is a claim in interest (often inflated): neither "
            "floor nor ceiling",
        ),
        Rule(
            id="admission-against-interest",
            relation={"self"},
            about=_LOSS_OF_A_SIDE,
            uses=("floor", "best"),
            reason="a side's official admission of its own losses is against its interest (sides downplay "
            "their losses): a floor, never a ceiling",
        ),
        Rule(
            id="ally-count",
            relation={"ally"},
            about=_LOSS_OF_A_SIDE,
            uses=(),
            reason="an ally's figure of its partner's losses is neither an admission nor an outside count",
        ),
        Rule(
            id="third-party",
            relation={"third-party"},
            uses=("ceiling", "best"),
            reason="a third party has no side's interest: a ceiling and a central value, but not a floor "
            "unless it counted item by item",
        ),
        Rule(
            id="no-loss",
            about={"none"},
            uses=("ceiling", "best"),
            reason="a figure that counts nobody's loss gives no side a reason to shade it: a ceiling and a "
            "central value",
        ),
        Rule(
            id="anything-else",
            uses=(),
            reason="no rule makes this claim a bound or a central value",
        ),
    )
)


def _cell(words: frozenset[str], every: str = "any") -> str:
    return ", ".join(sorted(words)) if words else every


def _flag(value: bool | None, yes: str, no: str) -> str:
    return "" if value is None else (yes if value else no)


def rules_markdown(table: RuleTable = DEFAULT_RULES) -> str:
    """The table as a Markdown table, one row per rule in order (``docs/reconciliation.md`` prints the default)."""
    lines = [
        "| Rule | Who speaks | Counted | About | Worded | Used as | Why |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for rule in table.rules:
        who = " ".join(
            w
            for w in (
                _flag(rule.official, "official", "non-official"),
                _flag(rule.monitor, "monitor", "non-monitor"),
                _cell(rule.relation, "" if rule.monitor is not None or rule.official is not None else "any"),
            )
            if w
        )
        used = ", ".join(u for u in USES if u in rule.uses) or "nothing"
        cells = (f"`{rule.id}`", who, _cell(rule.counted), _cell(rule.about), _cell(rule.form), used, rule.reason)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


_KEYS = ("id", "uses", "reason", "relation", "monitor", "official", "counted", "about", "form")
_LISTS = ("uses", "relation", "counted", "about", "form")
_CONDITIONS = ("relation", "monitor", "official", "counted", "about", "form")
#: A rules file is small: a few dozen rules at most.
MAX_RULES_BYTES = 1024 * 1024


def load_rules(path: str | Path, base: RuleTable = DEFAULT_RULES) -> RuleTable:
    """``base`` with the rules of a YAML file: a mapping whose ``rules:`` lists rules by the keys of :class:`Rule`.

    A rule whose id is in ``base`` replaces it; its keys not given keep the base rule's values. New
    rules go first, in the file's order. Raises :class:`claimcheck.errors.LoadError` with ``path:line:col``
    problems for a file that cannot be read or a rule that is not valid.
    """
    where = str(path)
    try:
        raw = Path(path).read_bytes()
        if len(raw) > MAX_RULES_BYTES:
            raise LoadError([Problem(path=where, line=1, column=1, code="too-large", message="rules file too large")])
        data, nodes = parse_yaml(raw.decode("utf-8-sig"), Limits(max_file_bytes=MAX_RULES_BYTES))
    except OSError as error:
        message = f"cannot read the rules file: {(error.strerror or str(error)).lower()}"
        raise LoadError([Problem(path=where, line=1, column=1, code="unreadable", message=message)]) from None
    except UnicodeDecodeError:
        raise LoadError([Problem(path=where, line=1, column=1, code="encoding", message="not UTF-8 text")]) from None
    except YamlProblem as problem:
        line, column = _mark(problem.mark)
        raise LoadError(
            [Problem(path=where, line=line, column=column, code=problem.code, message=problem.message)]
        ) from None
    except yaml.YAMLError as error:
        line, column = _mark(getattr(error, "problem_mark", None))
        message = f"not well-formed YAML ({getattr(error, 'problem', None) or 'syntax error'})"
        raise LoadError([Problem(path=where, line=line, column=column, code="yaml-syntax", message=message)]) from None
    root = nodes.get(id(data))
    if not isinstance(data, dict) or set(data) != {"rules"} or not isinstance(data["rules"], list):
        line, column = _mark(root.start_mark if root is not None else None)
        message = "a rules file is a mapping with one key, rules, holding a list of rules"
        raise LoadError([Problem(path=where, line=line, column=column, code="wrong-type", message=message)])
    rules: list[Rule] = []
    problems: list[Problem] = []
    by_id = {rule.id: rule for rule in base.rules}
    seen: set[str] = set()
    for entry in data["rules"]:
        node = nodes.get(id(entry))
        try:
            rule = _rule(entry, by_id)
            if rule.id in seen:
                raise ValueError(f"rule {quoted(rule.id)} is given twice in this file", "id", "duplicate-id")
            seen.add(rule.id)
            rules.append(rule)
        except (TypeError, ValueError) as error:
            key = error.args[1] if len(error.args) > 1 else None
            code = error.args[2] if len(error.args) > 2 else "bad-field"
            mark = _key_mark(node, key, code == "unknown-key") if key else getattr(node, "start_mark", None)
            line, column = _mark(mark)
            problems.append(Problem(path=where, line=line, column=column, code=code, message=str(error.args[0])))
    if problems:
        raise LoadError(problems)
    try:
        return base.overridden(rules)
    except ValueError as error:
        line, column = _mark(root.start_mark if root is not None else None)
        raise LoadError([Problem(path=where, line=line, column=column, code="bad-field", message=str(error))]) from None


def _rule(entry: Any, base: Mapping[str, Rule]) -> Rule:
    """One rule from its plain data; errors carry (message, key, problem code)."""
    if not isinstance(entry, dict):
        raise TypeError("a rule is a mapping of keys (id, uses, reason, and conditions)", None, "wrong-type")
    for key in entry:
        if key not in _KEYS:
            raise ValueError(f"unknown key {quoted(str(key))} (one of {', '.join(_KEYS)})", key, "unknown-key")
    if "id" not in entry or not isinstance(entry["id"], str):
        raise ValueError("a rule needs an id (a string)", "id" if "id" in entry else None, "missing-key")
    known = base.get(entry["id"])
    if known is None:
        import difflib

        close = difflib.get_close_matches(entry["id"], list(base), n=1)
        meant = f" (did you mean {quoted(close[0])}, an existing rule?)" if close else ""
        for key in ("uses", "reason"):
            if key not in entry:
                raise ValueError(f"a new rule needs {key}{meant}", None, "missing-key")
        if not any(key in entry for key in _CONDITIONS):
            # A misspelt id would otherwise add a rule that decides every claim before every default.
            message = (
                f"new rule {quoted(entry['id'])} has no conditions: it would match every claim and decide before "
                f"every default rule{meant}; to change what the last rule does, give its id, "
                f"{quoted(DEFAULT_RULES.rules[-1].id)}"
            )
            raise ValueError(message, "id", "bad-field")
    values: dict[str, Any] = {} if known is None else {k: getattr(known, k) for k in _KEYS}
    for key, value in entry.items():
        if key in _LISTS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise TypeError(f"{key} is a list of words", key, "wrong-type")
        elif key in ("monitor", "official"):
            if value is not None and not isinstance(value, bool):
                raise TypeError(f"{key} is true or false", key, "wrong-type")
        elif not isinstance(value, str):
            raise TypeError(f"{key} is a string", key, "wrong-type")
        values[key] = value
    try:
        return Rule(**values)
    except ValueError as error:
        key = next((k for k in _LISTS if k in str(error).split(" ", 1)[0]), None)
        raise ValueError(str(error), key, "bad-field") from None


def _mark(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _key_mark(node: Any, key: str, at_key: bool) -> Any:
    """Where ``key`` (or its value) starts in a mapping node (the node's start if it is not there)."""
    for key_node, value_node in getattr(node, "value", ()):
        if getattr(key_node, "value", None) == key:
            return key_node.start_mark if at_key else value_node.start_mark
    return getattr(node, "start_mark", None)


if __name__ == "__main__":  # pragma: no cover - `python -m claimcheck.rules` prints the default table
    print(rules_markdown(), end="")
