"""Judgment laws on voices, propositions, partisan patterns and the contested score."""

from __future__ import annotations

import copy
import math
from functools import cache
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from claimcheck import Reconciliation, from_data, load, reconcile
from claimcheck.reconcile.voices import bloc, precise
from claimcheck.render import render
from claimcheck.score import contested_score, ranked

from .strategies import claim_files
from .test_docs import ROOT

#: The actors of one side in the generated files: red's government, its ministry and its ally pink.
_RED_SIDE = ("red-gov", "red-mod", "pink-gov")
_AGREEMENTS = ("corroboration", "consistency", "allied-agreement")


@cache
def _bundled() -> Reconciliation:
    return reconcile(load("claims"))


def _agreements(result: Reconciliation, codes: tuple[str, ...] = _AGREEMENTS) -> set[tuple[str | None, str]]:
    return {(f.figure, f.code) for f in result.select(codes)}


@given(claim_files(), st.data())
def test_an_allied_voice_never_creates_corroboration(data: dict[str, Any], draw: st.DataObject) -> None:
    """A voice of the same side repeating a side's value changes neither corroboration nor consistency."""
    plain = [
        c
        for c in data["claims"]
        if "figure" in c
        and c["claimant"] in _RED_SIDE
        and not {"joint-with", "same-as", "disowned-by"} & set(c)
        and not any(d.get("joint-with") == c["id"] for d in data["claims"])
    ]
    if not plain:
        return
    original = draw.draw(st.sampled_from(plain))
    allies = [a for a in _RED_SIDE if a != original["claimant"] and any(x["id"] == a for x in data["actors"])]
    ally = copy.deepcopy({**original, "id": "ally-copy", "claimant": draw.draw(st.sampled_from(allies))})
    before = reconcile(from_data(data))
    after = reconcile(from_data(dict(data, claims=[*data["claims"], ally])))
    assert _agreements(before, _AGREEMENTS[:2]) == _agreements(after, _AGREEMENTS[:2])


@given(claim_files(), st.data())
def test_a_relay_of_an_existing_claim_never_adds_corroboration(data: dict[str, Any], draw: st.DataObject) -> None:
    """Relaying a claim (`same-as`, `via`) changes no corroboration, consistency or allied agreement."""
    original = draw.draw(st.sampled_from([c for c in data["claims"] if "figure" in c]))
    relayed = {**copy.deepcopy(original), "id": "relayed-copy", "via": ["paper"], "same-as": original["id"]}
    for key in ("note", "joint-with", "disowned-by"):
        relayed.pop(key, None)
    before = reconcile(from_data(data))
    after = reconcile(from_data(dict(data, claims=[*data["claims"], relayed])))
    assert _agreements(before) == _agreements(after)


@given(claim_files())
def test_corroboration_rests_only_on_precise_values_of_independent_voices(data: dict[str, Any]) -> None:
    """Every corroboration cites only precise values (never vague words or open bounds) from two or more blocs."""
    result = reconcile(from_data(data))
    for fr in result.figures:
        views = {c.id: c for c in fr.claims}
        for finding in fr.findings:
            if finding.code == "corroboration":
                cited = [views[i] for i in finding.claims]
                assert [True] * len(cited) == [precise(c) for c in cited]
                assert 2 <= len({bloc(c) for c in cited})


@given(claim_files(), st.randoms(use_true_random=False))
def test_the_score_is_finite_and_the_ranking_ignores_claim_order(data: dict[str, Any], rnd: Any) -> None:
    """Scores are finite numbers, and shuffling the claims changes neither the ranking nor most_contested."""
    shuffled = dict(data, claims=rnd.sample(data["claims"], len(data["claims"])))
    one, two = reconcile(from_data(data)), reconcile(from_data(shuffled))
    assert all(math.isfinite(x) for fr in one.figures for x in contested_score(fr))
    assert [(r.figure.id, r.score) for r in ranked(one.figures)] == [
        (r.figure.id, r.score) for r in ranked(two.figures)
    ]
    assert [r.figure.id for r in one.most_contested()] == [r.figure.id for r in two.most_contested()]


@given(claim_files())
def test_the_partisan_pattern_per_kind_covers_the_overall_figures(data: dict[str, Any]) -> None:
    """Each side's per-kind entries cite exactly the figures of its overall own and enemy ratios."""
    for pattern in reconcile(from_data(data)).partisan:
        for whose, figures in (("own", pattern.own_figures), ("enemy", pattern.enemy_figures)):
            assert sorted(figures) == sorted(f for k in pattern.kinds if k.whose == whose for f in k.figures)


def _stances(*stances: tuple[str, str, str]) -> dict[str, Any]:
    """A corpus with one proposition and the given (claimant, stance, date) claims on it."""
    return {
        "conflicts": [{"id": "war", "name": "The war", "sides": ["red", "blue"], "period": "2020/2021"}],
        "sources": [{"id": "doc", "title": "A document", "kind": "news-report", "language": "en"}],
        "actors": [
            {"id": "red-gov", "name": "Red", "kind": "government", "sides": {"war": "red"}},
            {"id": "blue-gov", "name": "Blue", "kind": "government", "sides": {"war": "blue"}},
        ],
        "propositions": [{"id": "p", "conflict": "war", "statement": "The bridge was blown up"}],
        "claims": [
            {
                "id": f"s{n}",
                "proposition": "p",
                "claimant": who,
                "stance": stance,
                "date": date,
                "source": "doc",
                "quote": "q",
            }
            for n, (who, stance, date) in enumerate(stances)
        ],
    }


def test_an_actor_asserting_then_denying_is_a_reversal_not_a_dispute() -> None:
    """One actor's assertion and later denial is a reversal; its latest stance is what it holds against others."""
    alone = reconcile(from_data(_stances(("red-gov", "asserts", "2020-05"), ("red-gov", "denies", "2020-07"))))
    (prop,) = alone.propositions
    assert ["reversal", "single-source"] == sorted(f.code for f in prop.findings)
    assert ((), ("red-gov",)) == (prop.asserted_by, prop.denied_by)
    against = reconcile(
        from_data(
            _stances(
                ("red-gov", "asserts", "2020-05"), ("red-gov", "denies", "2020-07"), ("blue-gov", "asserts", "2020-06")
            )
        )
    )
    codes = {f.code: f for f in against.propositions[0].findings}
    assert ("medium", ("s0", "s1")) == (codes["disputed-proposition"].severity, codes["reversal"].claims)


def test_the_bundled_vague_and_open_agreements_are_consistency_not_corroboration() -> None:
    """ "dozens" against 93, "several" against "up to 6" and allies' agreement are never corroboration."""
    result = _bundled()
    found = {(f.figure, f.code): f for f in result.select(_AGREEMENTS)}
    assert ("2020-syrian-fighters-killed", "consistency") in found
    assert ("2020-am-mil-killed", "consistency") in found
    assert ("2020-am-mil-missing-hadrut-2020-12", "allied-agreement") in found
    detained = found["2023-artsakh-officials-detained-sep", "consistency"]
    assert "across sides" not in detained.message


def test_messages_name_the_claimant_who_spoke() -> None:
    """A single-source finding names the ministry that spoke and the government it speaks for."""
    result = _bundled()
    (finding,) = result.figure("2023-am-ammunition-handed-over").findings
    assert finding.message.endswith("rests on one original claimant, ru-mod (for ru-gov).")


def test_a_claim_of_zero_never_leads_the_most_contested_figures() -> None:
    """1 against 0 does not lead as an infinite ratio: larger absolute disagreements come first."""
    contested = [r.figure.id for r in _bundled().most_contested()]
    assert "2020-hadrut-execution-video-civilian-victims" == contested[-1]
    assert all(r.spread is not None and r.spread >= 1.25 for r in _bundled().most_contested())


def test_a_reversal_whose_dates_overlap_is_not_put_in_order() -> None:
    """An assertion and a denial both dated only "2020" are a reversal whose order the message does not invent."""
    result = reconcile(from_data(_stances(("red-gov", "asserts", "2020"), ("red-gov", "denies", "2020"))))
    (reversal,) = [f for f in result.propositions[0].findings if f.code == "reversal"]
    assert reversal.message.endswith("asserted it (2020) and denied it (2020), in an order the dates do not tell.")


def test_the_markdown_and_html_reports_show_the_partisan_pattern_per_kind() -> None:
    """Each side's pattern per kind of loss is a row of the reports' "By kind of loss" table, as in the JSON."""
    corpus = load(str(ROOT / "claims"))
    result = reconcile(corpus)
    kinds = [(p.side, k.whose, k.losses) for p in result.partisan for k in p.kinds]
    markdown = render(result, corpus, "md")
    table = markdown.split("By kind of loss:\n\n", 1)[1].split("\n\n", 1)[0].splitlines()[2:]
    assert kinds == [tuple(cell.strip() for cell in row.strip("|").split("|")[:3]) for row in table]
    assert "<p>By kind of loss:</p>" in render(result, corpus, "html")
