"""Estimates a researcher would sign: the rule table, honest gaps, running totals and declared structure."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import LoadError, from_data, load, reconcile
from claimcheck.cli import main
from claimcheck.estimate import BestPolicy, ClaimView, Estimate
from claimcheck.model import Figure
from claimcheck.reconcile import Reconciliation
from claimcheck.rules import DEFAULT_RULES, Rule, load_rules, rules_markdown

from .test_docs import ROOT

# --- the bundled cases ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Reconciliation:
    return reconcile(load(ROOT / "claims"))


def _estimate(result: Reconciliation, figure: str) -> Estimate:
    estimate = result.figure(figure).estimate
    assert estimate is not None
    return estimate


def test_an_adversarys_total_is_no_floor_and_the_parts_give_one(bundled: Reconciliation) -> None:
    """`2020-az-side-killed` takes its low and best from its parts' estimates, not from Armenia's 7,630."""
    parts = [_estimate(bundled, p) for p in ("2020-az-mil-killed", "2020-syrian-fighters-killed")]
    estimate = _estimate(bundled, "2020-az-side-killed")
    total = sum(p.low or 0 for p in parts)
    assert (total, None) == (estimate.low, estimate.high)
    assert "the sum of its parts' floors" in estimate.reasons[0]
    assert "2020-syrian-fighters-killed" in estimate.reasons[0]
    assert "rule adversary-count" in estimate.reasons[2]


def test_a_sides_toll_of_its_own_civilian_victims_is_no_floor(bundled: Reconciliation) -> None:
    """Artsakh's "one victim was a civilian" is set aside; Bellingcat's 0 stands as low, best and ceiling."""
    estimate = _estimate(bundled, "2020-hadrut-execution-video-civilian-victims")
    assert (0, 0, 0) == (estimate.low, estimate.best, estimate.high)
    assert "the lowest credible estimate" in estimate.reasons[0]
    assert "rule own-civilian-victims" in estimate.reasons[0]


def test_a_former_official_sets_neither_low_nor_best(bundled: Reconciliation) -> None:
    """`2020-am-mil-killed` rests on the official 3,360; Vanetsyan's "about 5000" is named as set aside."""
    estimate = _estimate(bundled, "2020-am-mil-killed")
    assert (3360, 3360) == (estimate.low, estimate.best)
    assert "rule admission-against-interest" in estimate.reasons[0]
    assert "artur-vanetsyan" not in estimate.reasons[1]
    assert "rule not-for-the-side: artur-vanetsyan" in estimate.reasons[2]


def test_the_latest_registered_count_is_the_floor_of_a_running_total(bundled: Reconciliation) -> None:
    """`2023-displaced-to-armenia` has low 100,617 from the registration, not "tens of thousands"."""
    estimate = _estimate(bundled, "2023-displaced-to-armenia")
    assert 100_617 == estimate.low
    assert "rule enumeration" in estimate.reasons[0]


# --- the rule table ---------------------------------------------------------------------------------------


def test_the_docs_print_the_default_rule_table() -> None:
    """docs/reconciliation.md shows exactly the table `rules_markdown()` makes from the default rules."""
    text = (ROOT / "docs" / "reconciliation.md").read_text(encoding="utf-8")
    shown = re.search(r"<!-- rules-table:start -->\n(.*?)<!-- rules-table:end -->", text, re.DOTALL)
    assert shown is not None
    assert rules_markdown(DEFAULT_RULES) == shown.group(1)


_ACTORS = [
    {"id": "am-gov", "name": "Armenia", "kind": "government", "sides": {"war": "armenia"}},
    {"id": "az-gov", "name": "Azerbaijan", "kind": "government", "sides": {"war": "azerbaijan"}},
    {
        "id": "ex-chief",
        "name": "Former chief",
        "kind": "person",
        "standing": "former-official",
        "sides": {"war": "armenia"},
    },
    {"id": "watch", "name": "Watch", "kind": "monitor"},
    {"id": "paper", "name": "Paper", "kind": "outlet"},
]


def _corpus_data(claims: list[dict[str, Any]], figures: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "conflicts": [{"id": "war", "name": "War", "sides": ["armenia", "azerbaijan"]}],
        "sources": [{"id": "doc", "title": "Doc", "kind": "news-report", "language": "en"}],
        "actors": copy.deepcopy(_ACTORS),
        "figures": figures
        or [{"id": "am-killed", "conflict": "war", "label": "Armenian killed", "measure": "killed", "of": "armenia"}],
        "claims": claims,
    }


def _claim(id_: str, claimant: str, value: Any, figure: str = "am-killed", date: str = "2020-11-01") -> dict[str, Any]:
    return {
        "id": id_,
        "figure": figure,
        "claimant": claimant,
        "value": value,
        "date": date,
        "source": "doc",
        "quote": f"quote of {id_}",
    }


def test_overriding_one_rule_from_yaml_changes_the_estimate(tmp_path: Path) -> None:
    """A rules file that makes an adversary's count a floor moves the low to it, and the reason names the rule."""
    corpus = from_data(_corpus_data([_claim("own", "am-gov", 3360), _claim("enemy", "az-gov", 5000)]))
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - id: adversary-count\n    uses: [floor]\n", encoding="utf-8")
    before = reconcile(corpus).figure("am-killed").estimate
    after = reconcile(corpus, policy=BestPolicy(rules=load_rules(rules))).figure("am-killed").estimate
    assert before is not None
    assert after is not None
    assert (3360, 5000) == (before.low, after.low)
    assert "rule adversary-count: az-gov (enemy)" in after.reasons[0]


def test_the_command_line_takes_a_rules_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`show --rules FILE` estimates with the changed table; `--rules` with `--policy bounds` is a usage error."""
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - id: adversary-count\n    uses: [floor]\n", encoding="utf-8")
    figure = ["show", "2020-am-mil-killed", str(ROOT / "claims")]
    assert 0 == main([*figure, "--rules", str(rules)])
    assert "low 5,001 · best 5,001" in capsys.readouterr().out
    with pytest.raises(SystemExit) as refused:
        main([*figure, "--rules", str(rules), "--policy", "bounds"])
    assert (2, True) == (refused.value.code, capsys.readouterr().err.endswith("does not apply to --policy bounds\n"))


def test_a_new_rule_from_python_goes_before_the_catch_all() -> None:
    """`RuleTable.overridden` puts a new rule first, so it decides its claims before the defaults."""
    table = DEFAULT_RULES.overridden(
        [Rule(id="mine", relation={"adversary"}, official=True, uses={"best"}, reason="trust them")]
    )
    assert ("mine", "vague-words") == tuple(r.id for r in table.rules[:2])
    corpus = from_data(_corpus_data([_claim("enemy", "az-gov", 5000)]))
    estimate = reconcile(corpus, policy=BestPolicy(rules=table)).figure("am-killed").estimate
    assert estimate is not None
    assert (None, 5000, None) == (estimate.low, estimate.best, estimate.high)


@pytest.mark.parametrize(
    ("text", "where", "code"),
    [
        ("rules:\n  - id: adversary-count\n    uses: [flor]\n", ":3:11:", "bad-field"),
        ("rules:\n  - id: x\n    colour: red\n", ":3:5:", "unknown-key"),
        ("rules:\n  - id: brand-new\n    uses: [floor]\n", ":2:5:", "missing-key"),
        ("rules:\n  - id: hedged\n    monitor: maybe\n", ":3:14:", "wrong-type"),
        ("rules: {}\n", ":1:1:", "wrong-type"),
        ("rules: [\n", ":2:1:", "yaml-syntax"),
        # A misspelt id with no conditions would decide every claim before the defaults.
        ("rules:\n  - id: adversary-cuont\n    uses: [ceiling]\n    reason: r\n", ":2:9:", "bad-field"),
        ("rules:\n  - id: hedged\n    uses: [floor]\n  - id: hedged\n    uses: [best]\n", ":4:9:", "duplicate-id"),
    ],
)
def test_a_bad_rules_file_is_refused_with_its_place(tmp_path: Path, text: str, where: str, code: str) -> None:
    """A rules file with a wrong word, key or type gives a located problem with the project's code."""
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_rules(path)
    (problem,) = caught.value.problems
    assert (where, code) == (f":{problem.line}:{problem.column}:", problem.code)
    assert str(problem).startswith(f"{path}{where} error: ")


def test_a_ceiling_said_before_a_later_claim_does_not_bound_a_running_total() -> None:
    """On a cumulative figure, a third party's earlier 100 is no ceiling for a total counted later."""
    figure = {
        "id": "am-killed",
        "conflict": "war",
        "label": "Killed",
        "measure": "killed",
        "of": "armenia",
        "cumulative": True,
    }
    early = _claim("early", "paper", 100, date="2020-10-01")
    late = _claim("late", "am-gov", 300, date="2020-11-01")
    estimate = reconcile(from_data(_corpus_data([early, late], [figure]))).figure("am-killed").estimate
    assert estimate is not None
    assert (300, None) == (estimate.low, estimate.high)
    assert "no longer bound the total: paper (early)" in estimate.reasons[2]


# --- laws -------------------------------------------------------------------------------------------------

_FIGURE = Figure(id="f", conflict="war", label="F", measure="killed", of="armenia")
_RELATIONS = ("self", "ally", "adversary", "third-party", "unrelated")
_METHODS = ("named-list", "confirmed-minimum", "estimate", "survey", "assertion")


@st.composite
def claim_views(draw: st.DrawFn, relation: str | None = None) -> ClaimView:
    """A claim as the policy sees it, of any relation, standing, method, wording and interval."""
    low = draw(st.integers(0, 10_000))
    high = draw(st.one_of(st.none(), st.integers(low, 20_000)))
    method = draw(st.sampled_from(_METHODS))
    n = draw(st.integers(0, 10**6))
    return ClaimView(
        id=f"c{n}",
        claimant=f"a{n % 7}",
        text=str(low),
        voice=f"a{n % 7}",
        side=None,
        relation=relation or draw(st.sampled_from(_RELATIONS)),  # type: ignore[arg-type]
        low=low,
        high=high,
        vague=draw(st.booleans()),
        monitor=draw(st.booleans()),
        places=(),
        superseded_by=None,
        repeat_of=None,
        official=draw(st.booleans()),
        hedged=draw(st.booleans()),
        enumeration=method == "named-list",
        method=method,
        losses=draw(st.sampled_from(["military", "civilian", "people", "none"])),
    )


def _unique(views: list[ClaimView]) -> list[ClaimView]:
    return list({v.id: v for v in views}.values())


def _lo(n: int | None) -> float:
    return float("-inf") if n is None else n


def _hi(n: int | None) -> float:
    return float("inf") if n is None else n


@given(
    st.lists(claim_views(), min_size=1, max_size=8).map(_unique),
    st.lists(claim_views("adversary"), min_size=1, max_size=4).map(_unique),
)
def test_an_adversarys_claim_never_raises_the_low_nor_lowers_the_high(
    claims: list[ClaimView], adversary: list[ClaimView]
) -> None:
    """Adding adversary claims (other than enumerations) never raises low and never lowers high."""
    extra = [a for a in adversary if not a.enumeration and a.id not in {c.id for c in claims}]
    policy = BestPolicy()
    without = policy.estimate(_FIGURE, claims)
    with_ = policy.estimate(_FIGURE, [*claims, *extra])
    assert _lo(with_.low) <= _lo(without.low)
    assert _hi(with_.high) >= _hi(without.high)


@given(st.lists(claim_views(), min_size=1, max_size=8).map(_unique), st.randoms(use_true_random=False))
def test_the_estimate_is_ordered_and_does_not_depend_on_claim_order(claims: list[ClaimView], rnd: Any) -> None:
    """low <= best <= high wherever they are set, and shuffling the claims changes nothing."""
    policy = BestPolicy()
    estimate = policy.estimate(_FIGURE, claims)
    shuffled = list(claims)
    rnd.shuffle(shuffled)
    assert estimate == policy.estimate(_FIGURE, shuffled)
    values = [v for v in (estimate.low, estimate.best, estimate.high) if v is not None]
    assert sorted(values) == values


_STRUCTURE = [
    {"id": "whole", "conflict": "war", "label": "W", "measure": "killed", "of": "armenia", "parts": ["p1", "p2"]},
    {"id": "p1", "conflict": "war", "label": "P1", "measure": "killed", "of": "armenia", "at-most": ["cap"]},
    {"id": "p2", "conflict": "war", "label": "P2", "measure": "killed", "of": "armenia"},
    {"id": "cap", "conflict": "war", "label": "Cap", "measure": "killed", "of": "armenia"},
]
_VALUES = st.one_of(
    st.integers(0, 5000),
    st.integers(0, 5000).map(lambda n: f"at least {n}"),
    st.integers(1, 5000).map(lambda n: f"about {n}"),
    st.tuples(st.integers(0, 2000), st.integers(0, 3000)).map(lambda t: f"{t[0]}-{t[0] + t[1]}"),
)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["whole", "p1", "p2", "cap"]),
            st.sampled_from(["am-gov", "az-gov", "ex-chief", "watch", "paper"]),
            _VALUES,
        ),
        max_size=10,
    )
)
def test_estimates_stay_within_the_bounds_structure_implies(claims: list[tuple[str, str, Any]]) -> None:
    """A whole's low covers its parts' lows, a part's high stays under its whole's and its bound's, and
    low <= best <= high holds for every figure."""
    data = _corpus_data(
        [_claim(f"c{i}", who, value, figure) for i, (figure, who, value) in enumerate(claims)],
        copy.deepcopy(_STRUCTURE),
    )
    result = reconcile(from_data(data))
    est = {f: result.figure(f).estimate for f in ("whole", "p1", "p2", "cap")}
    whole, p1, p2, cap = est["whole"], est["p1"], est["p2"], est["cap"]
    if whole is not None and any(p is not None and p.low is not None for p in (p1, p2)):
        assert _lo(whole.low) >= sum(p.low or 0 for p in (p1, p2) if p is not None)
    for part in (p1, p2):
        if whole is not None and part is not None:
            assert _hi(part.high) <= _hi(whole.high)
    if p1 is not None and cap is not None:
        assert _hi(p1.high) <= _hi(cap.high)
        assert _lo(cap.low) >= _lo(p1.low)
    for e in est.values():
        if e is not None:
            values = [v for v in (e.low, e.best, e.high) if v is not None]
            assert sorted(values) == values


def test_a_misspelt_rule_id_is_refused_with_the_rule_it_may_mean(tmp_path: Path) -> None:
    """A new rule whose id is near an existing one names it, and a missing rules file says so in words."""
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - id: adversary-cuont\n    uses: [ceiling]\n", encoding="utf-8")
    with pytest.raises(LoadError) as refused:
        load_rules(rules)
    assert "did you mean 'adversary-count', an existing rule?" in refused.value.problems[0].message
    with pytest.raises(LoadError) as missing:
        load_rules(tmp_path / "nowhere.yaml")
    assert "cannot read the rules file: no such file or directory" == missing.value.problems[0].message


@pytest.mark.parametrize(
    ("argv", "name", "start"),
    [
        (["export", "-o"], "claims.csv", "id,figure,"),
        (["report", "-o"], "report.html", "<!DOCTYPE html>"),
        (["report", "-o"], "report.txt", "# Consistency report"),
        (["report", "-f", "json", "-o"], "report.html", "{"),
    ],
)
def test_without_a_format_the_output_files_extension_names_it(
    tmp_path: Path, argv: list[str], name: str, start: str
) -> None:
    """`-o out.csv` without `-f` writes CSV, `-o r.html` HTML; another extension keeps the default; `-f` wins."""
    out = tmp_path / name
    assert 0 == main([*argv, str(out), str(ROOT / "claims")])
    assert start == out.read_text(encoding="utf-8")[: len(start)]
