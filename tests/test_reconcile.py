"""Reconciliation laws: order-free, symmetric, monotone, and honest about relays and bounds."""

from __future__ import annotations

import copy
import random
from itertools import combinations
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import BoundsPolicy, Corpus, Estimate, from_data, reconcile
from claimcheck.estimate import ClaimView
from claimcheck.model import Figure

from .strategies import claim_files, crowded_figure


def _contradicting_voice_pairs(corpus: Corpus) -> set[tuple[str, str, str]]:
    """Brute force: every pair of voices with some comparable pair of claims that cannot both hold."""
    result = reconcile(corpus)
    out = set()
    for fr in result.figures:
        current = [c for c in fr.claims if c.current]
        for a, b in combinations(current, 2):
            if a.voice == b.voice:
                continue
            for lo, hi in ((a, b), (b, a)):
                if lo.high is None or lo.high >= hi.low:
                    continue
                if fr.figure.cumulative:
                    lo_date, hi_date = corpus.claim(lo.id).covers, corpus.claim(hi.id).covers
                    if not (lo_date.earliest and hi_date.latest and hi_date.latest <= lo_date.earliest):
                        continue  # a smaller count that may have come first contradicts nothing
                else:
                    lo_period, hi_period = corpus.claim(lo.id).as_of, corpus.claim(hi.id).as_of
                    if lo_period and hi_period and not lo_period.overlaps(hi_period):
                        continue
                out.add((fr.figure.id, *sorted((a.voice, b.voice))))
    return out


def _reported_voice_pairs(corpus: Corpus) -> set[tuple[str, str, str]]:
    result = reconcile(corpus)
    voice = {c.id: c.voice for fr in result.figures for c in fr.claims}
    return {
        (f.figure or "", *sorted(voice[i] for i in f.claims))  # type: ignore[misc]
        for f in result.select("contradiction")
    }


@given(claim_files())
def test_contradictions_are_exactly_the_voice_pairs_that_cannot_both_hold(data: dict[str, Any]) -> None:
    """One contradiction per pair of voices, found exactly when some comparable claims are disjoint."""
    corpus = from_data(data)
    assert _contradicting_voice_pairs(corpus) == _reported_voice_pairs(corpus)


def _furthest_pairs_by_brute_force(corpus: Corpus) -> set[tuple[str, str, str]]:
    """Every comparable disjoint pair of claims, keeping per pair of voices the one furthest apart."""
    result = reconcile(corpus)
    best: dict[tuple[str, str, str], tuple[Any, ...]] = {}
    for fr in result.figures:
        current = [c for c in fr.claims if c.current]
        for lo in current:
            for hi in current:
                if lo.voice == hi.voice or lo.high is None or lo.high >= hi.low:
                    continue
                if fr.figure.cumulative:
                    lo_date, hi_date = corpus.claim(lo.id).covers, corpus.claim(hi.id).covers
                    if not (lo_date.earliest and hi_date.latest and hi_date.latest <= lo_date.earliest):
                        continue
                else:
                    lo_period, hi_period = corpus.claim(lo.id).as_of, corpus.claim(hi.id).as_of
                    if lo_period and hi_period and not lo_period.overlaps(hi_period):
                        continue
                ratio = hi.low / lo.high if lo.high else float("inf")
                key = (-ratio, lo.high - hi.low, lo.id, hi.id)
                pair = (fr.figure.id, *sorted((lo.voice, hi.voice)))
                if pair not in best or key < best[pair]:
                    best[pair] = key
    return {(pair[0], *sorted(key[2:])) for pair, key in best.items()}


@given(crowded_figure())
def test_each_contradiction_names_the_pair_of_claims_furthest_apart(data: dict[str, Any]) -> None:
    """On a figure with many voices, each pair of voices cites its two claims with the largest ratio between them."""
    corpus = from_data(data)
    reported = {(f.figure or "", *f.claims) for f in reconcile(corpus).select("contradiction")}
    assert _furthest_pairs_by_brute_force(corpus) == reported


@given(crowded_figure())
def test_crowded_figures_contradict_exactly_where_claims_cannot_both_hold(data: dict[str, Any]) -> None:
    """The voice pairs found on a figure with many voices are those a brute-force comparison finds."""
    corpus = from_data(data)
    assert _contradicting_voice_pairs(corpus) == _reported_voice_pairs(corpus)


@given(claim_files(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_claim_order(data: dict[str, Any], rnd: random.Random) -> None:
    """Shuffling claims, figures and actors gives an equal result."""
    shuffled = copy.deepcopy(data)
    for section in ("claims", "figures", "actors"):
        rnd.shuffle(shuffled[section])
    assert reconcile(from_data(data)) == reconcile(from_data(shuffled))


@given(claim_files())
def test_reconciling_twice_gives_equal_results(data: dict[str, Any]) -> None:
    """Reconciliation is a pure function of the corpus."""
    corpus = from_data(data)
    assert reconcile(corpus) == reconcile(corpus)


@given(claim_files(), st.data())
def test_a_relay_of_an_existing_claim_adds_no_voice(data: dict[str, Any], draw: st.DataObject) -> None:
    """Repeating a claim through a relay (`same-as`, `via`) changes no voice count and no corroboration."""
    original = draw.draw(st.sampled_from(data["claims"]))
    relayed = {**original, "id": "relayed-copy", "via": ["paper"], "same-as": original["id"]}
    relayed.pop("note", None)
    bigger = dict(data, claims=[*data["claims"], relayed])
    before, after = reconcile(from_data(data)), reconcile(from_data(bigger))
    for fb, fa in zip(before.figures, after.figures, strict=True):
        assert fb.voices == fa.voices
        assert [f.claims for f in fb.findings if f.code == "corroboration"] == [
            f.claims for f in fa.findings if f.code == "corroboration"
        ]


@given(claim_files(), st.data())
def test_adding_a_claim_never_removes_a_contradiction(data: dict[str, Any], draw: st.DataObject) -> None:
    """Contradicting voice pairs only grow as claims are added."""
    extra = copy.deepcopy(draw.draw(st.sampled_from([c for c in data["claims"] if "figure" in c])))
    for key in ("joint-with", "disowned-by", "same-as"):
        extra.pop(key, None)
    extra["id"] = "added-claim"
    extra["claimant"] = draw.draw(st.sampled_from(["red-mod", "blue-gov", "monitor"]))
    share = any(f["id"] == extra["figure"] and f.get("unit") == "percent" for f in data["figures"])
    extra["value"] = draw.draw(st.integers(0, 100 if share else 10**7))
    for key in ("relative-to", "adds-to"):  # a plain count of its own
        extra.pop(key, None)
    before = _reported_voice_pairs(from_data(data))
    after = _reported_voice_pairs(from_data(dict(data, claims=[*data["claims"], extra])))
    assert before <= after


@given(claim_files())
def test_the_bounds_estimate_stays_within_what_the_claims_allow(data: dict[str, Any]) -> None:
    """The bounds policy never goes below the smallest or above the largest count a claim allows."""
    result = reconcile(from_data(data), policy=BoundsPolicy())
    for fr in result.figures:
        current = [c for c in fr.claims if c.current]
        if not current:
            assert fr.estimate is None
            continue
        est = fr.estimate
        assert est is not None
        assert est.low is not None
        assert est.best is not None
        assert min(c.low for c in current) == est.low <= est.best
        if est.high is not None:
            assert est.best <= est.high == max(c.high for c in current)  # type: ignore[type-var]
            assert all(c.high is not None for c in current)


@given(claim_files())
def test_every_finding_cites_claims_of_its_figure(data: dict[str, Any]) -> None:
    """Each finding names at least one claim, and only claims about the figure or its related figures."""
    corpus = from_data(data)
    for fr in reconcile(corpus).figures:
        allowed = {fr.figure.id, *fr.figure.parts, *fr.figure.at_most}
        for finding in fr.findings:
            assert finding.claims
            assert {corpus.claim(i).figure for i in finding.claims} <= allowed


@attrs.frozen
class Midpoint:
    """A user policy: the midpoint of the smallest low and the largest bounded high."""

    name: str = "midpoint"

    def estimate(self, figure: Figure, claims: Any) -> Estimate:
        low = min(c.low for c in claims)
        high = max((c.high for c in claims if c.high is not None), default=low)
        return Estimate(
            policy=self.name,
            low=low,
            best=(low + high) // 2,
            high=high,
            reasons=("midpoint of the extremes",),
            claims=tuple(c.id for c in claims),
        )


def _example() -> Corpus:
    return from_data(
        {
            "conflicts": [{"id": "war", "name": "War", "sides": ["red", "blue"]}],
            "sources": [{"id": "doc", "title": "Doc", "kind": "news-report", "language": "en"}],
            "actors": [
                {"id": "red", "name": "Red", "sides": {"war": "red"}},
                {"id": "red-mod", "name": "Red MoD", "parent": "red"},
                {"id": "blue", "name": "Blue", "sides": {"war": "blue"}},
                {"id": "watch", "name": "Watch", "kind": "monitor", "sides": {"war": "neutral"}},
                {"id": "paper", "name": "Paper", "kind": "outlet"},
            ],
            "figures": [
                {
                    "id": "red-dead",
                    "conflict": "war",
                    "label": "Red soldiers killed",
                    "measure": "killed",
                    "of": "red",
                    "cumulative": True,
                    "parts": ["red-dead-a", "red-dead-b"],
                },
                {
                    "id": "red-dead-a",
                    "conflict": "war",
                    "label": "Red killed, part A",
                    "measure": "killed",
                    "of": "red",
                },
                {
                    "id": "red-dead-b",
                    "conflict": "war",
                    "label": "Red killed, part B",
                    "measure": "killed",
                    "of": "red",
                },
            ],
            "claims": [
                {
                    "id": "self-1",
                    "figure": "red-dead",
                    "claimant": "red-mod",
                    "value": 1000,
                    "date": "2020-10-01",
                    "source": "doc",
                    "quote": "q",
                },
                {
                    "id": "self-2",
                    "figure": "red-dead",
                    "claimant": "red",
                    "value": 3000,
                    "date": "2020-12-01",
                    "source": "doc",
                    "quote": "q",
                    "supersedes": "self-1",
                },
                {
                    "id": "enemy",
                    "figure": "red-dead",
                    "claimant": "blue",
                    "value": "more than 6000",
                    "date": "2020-11-01",
                    "source": "doc",
                    "quote": "q",
                },
                {
                    "id": "enemy-relayed",
                    "figure": "red-dead",
                    "claimant": "blue",
                    "value": "more than 6000",
                    "date": "2020-11-01",
                    "source": "doc",
                    "quote": "q",
                    "via": ["paper"],
                    "same-as": "enemy",
                },
                {
                    "id": "watch-count",
                    "figure": "red-dead",
                    "claimant": "watch",
                    "value": "at least 2500",
                    "date": "2020-12-01",
                    "source": "doc",
                    "quote": "q",
                },
                {
                    "id": "part-a",
                    "figure": "red-dead-a",
                    "claimant": "red",
                    "value": 1000,
                    "date": "2020-12-01",
                    "source": "doc",
                    "quote": "q",
                },
                {
                    "id": "part-b",
                    "figure": "red-dead-b",
                    "claimant": "red",
                    "value": 1500,
                    "date": "2020-12-01",
                    "source": "doc",
                    "quote": "q",
                },
            ],
        }
    )


def test_a_worked_example_gives_each_kind_of_finding() -> None:
    """Update, contradiction, relay, partisan gap, consistency and a broken sum, each citing its claims."""
    result = reconcile(_example()).figure("red-dead")
    found = {f.code: f for f in result.findings}
    assert ("self-1", "self-2") == found["update"].claims
    assert ("enemy", "self-2") == found["contradiction"].claims
    assert "high" == found["contradiction"].severity
    assert ("enemy", "enemy-relayed") == found["repeated-statement"].claims
    # The adversary against the side; the monitor's "at least 2500" is a floor, not a count to compare with.
    gaps = [f.ratio or 0 for f in result.findings if f.code == "partisan-gap"]
    assert pytest.approx([2.0], abs=0.001) == gaps
    assert ("self-2", "watch-count") == found["consistency"].claims
    assert ("self-2", "part-a", "part-b") == found["part-whole-mismatch"].claims
    assert ("blue", "red", "watch") == result.voices


def test_the_best_policy_explains_low_best_and_high() -> None:
    """The default policy floors at the self-report, finds no ceiling but the monitor's open one, and says so."""
    estimate = reconcile(_example()).figure("red-dead").estimate
    assert estimate is not None
    assert (3000, 3000, None) == (estimate.low, estimate.best, estimate.high)
    assert ["low", "best", "high"] == [r.split(":")[0] for r in estimate.reasons]
    assert "no credible upper bound (watch" in estimate.reasons[2]


def test_users_can_pass_their_own_policy() -> None:
    """Anything shaped like EstimatePolicy is accepted and its name is recorded."""
    result = reconcile(_example(), policy=Midpoint())
    assert "midpoint" == result.policy
    assert "midpoint" == result.figure("red-dead").estimate.policy  # type: ignore[union-attr]


def test_findings_filter_by_code_and_severity() -> None:
    """select() keeps the codes asked for, at or above the severity asked for."""
    result = reconcile(_example())
    assert {"contradiction"} == {f.code for f in result.select("contradiction")}
    assert all(f.severity in ("medium", "high") for f in result.select(severity="medium"))
    with pytest.raises(ValueError, match="unknown severity"):
        result.select(severity="catastrophic")


def test_claim_views_say_whose_losses_are_reported() -> None:
    """Relations follow sides: own side is self, the enemy is adversary, the monitor third party."""
    views: dict[str, ClaimView] = {c.id: c for c in reconcile(_example()).figure("red-dead").claims}
    assert ("self", "adversary", "third-party") == tuple(views[i].relation for i in ("self-2", "enemy", "watch-count"))
    assert "red" == views["self-1"].voice
