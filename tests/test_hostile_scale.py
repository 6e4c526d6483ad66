"""Paths that could grow with the square of the input: their results equal a straightforward oracle's."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from claimcheck import Corpus, Reconciliation, from_data, reconcile
from claimcheck.estimate import ClaimView
from claimcheck.export import export_csv
from claimcheck.findings import CATALOGUE
from claimcheck.reconcile import PAIRED_VOICES

from .strategies import edtf_dates

_HEAD: dict[str, Any] = {
    "conflicts": [{"id": "war", "name": "The war", "sides": ["red", "blue"], "period": "2020-01-01/2021-12-31"}],
    "sources": [{"id": "doc", "title": "A document", "kind": "news-report", "language": "en"}],
}


def _claim(n: int, claimant: str, value: int | str, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"claim-{n:05d}",
        "figure": extra.pop("figure", "fig"),
        "claimant": claimant,
        "value": value,
        "date": extra.pop("date", "2021-06-01"),
        "source": "doc",
        "quote": "said so",
        **extra,
    }


def _figure(cumulative: bool = False, figure_id: str = "fig") -> dict[str, Any]:
    return {"id": figure_id, "conflict": "war", "label": "A figure", "measure": "killed", "cumulative": cumulative}


# --- contradictions on a figure with more voices than are paired ------------------------------


@st.composite
def _many_voices(draw: st.DrawFn) -> dict[str, Any]:
    """One figure with somewhat more voices than are paired, values from a narrow range (many ties)."""
    voices = draw(st.integers(PAIRED_VOICES + 1, PAIRED_VOICES + 20))
    cumulative = draw(st.booleans())
    narrowed = not cumulative and draw(st.booleans())
    small = st.integers(0, 400)
    claims = []
    for n in range(draw(st.integers(voices, voices + 40))):
        low = draw(small)
        value = draw(st.sampled_from([low, f"{low}-{low + draw(small)}", f"at least {low}", f"up to {max(low, 1)}"]))
        # The first claims give every voice at least one; the others fall on voices at random.
        voice = n if n < voices else draw(st.integers(0, voices - 1))
        claim = _claim(n, f"voice-{voice}", value, date=draw(edtf_dates()))
        if narrowed and draw(st.booleans()):
            claim["as-of"] = draw(st.sampled_from(["2020-10", "2020-11", "2020-10-15/2020-11-15", "2021"]))
            claim["date"] = "2021-12-31"  # never before the period it reports
        claims.append(claim)
    return {
        **_HEAD,
        "actors": [{"id": f"voice-{v}", "name": f"Voice {v}", "kind": "government"} for v in range(voices)],
        "figures": [_figure(cumulative)],
        "claims": claims,
    }


def _comparable(corpus: Corpus, cumulative: bool, lower: ClaimView, upper: ClaimView) -> bool:
    if cumulative:
        low_date, high_date = corpus.claim(lower.id).covers, corpus.claim(upper.id).covers
        # A smaller count that may have come first contradicts nothing on a running total.
        return bool(low_date.earliest and high_date.latest and high_date.latest <= low_date.earliest)
    low_period, high_period = corpus.claim(lower.id).as_of, corpus.claim(upper.id).as_of
    return low_period is None or high_period is None or low_period.overlaps(high_period)


def _furthest_by_brute_force(corpus: Corpus, result: Reconciliation) -> dict[tuple[str, str], tuple[Any, ...]]:
    """Every pair of claims compared: for each pair of contradicting voices, the key of its pair furthest apart."""
    fr = result.figure("fig")
    current = [c for c in fr.claims if c.current]
    best: dict[tuple[str, str], tuple[Any, ...]] = {}
    for lower in current:
        for upper in current:
            if lower.voice == upper.voice or lower.high is None or lower.high >= upper.low:
                continue
            if not _comparable(corpus, fr.figure.cumulative, lower, upper):
                continue
            ratio = upper.low / lower.high if lower.high else float("inf")
            key = (-ratio, lower.high - upper.low, lower.id, upper.id)
            voices = (lower.voice, upper.voice) if lower.voice < upper.voice else (upper.voice, lower.voice)
            if voices not in best or key < best[voices]:
                best[voices] = key
    return best


def _extreme_voices(result: Reconciliation) -> set[str]:
    """The voices of the two lowest ceilings and of the two highest floors, each voice counted once."""
    current = [c for c in result.figure("fig").claims if c.current]
    ceiling: dict[str, tuple[int, str]] = {}
    floor: dict[str, tuple[int, str]] = {}
    for c in current:
        if c.high is not None:
            ceiling[c.voice] = min(ceiling.get(c.voice, (c.high, c.id)), (c.high, c.id))
        floor[c.voice] = min(floor.get(c.voice, (-c.low, c.id)), (-c.low, c.id))
    lowest = sorted(ceiling, key=ceiling.__getitem__)[:2]
    highest = sorted(floor, key=floor.__getitem__)[:2]
    return {*lowest, *highest}


@given(_many_voices())
def test_a_crowded_figure_lists_exactly_the_contradictions_of_its_extreme_voices(data: dict[str, Any]) -> None:
    """Past the paired voices, the contradictions listed are the brute-force ones that involve an extreme voice."""
    corpus = from_data(data)
    result = reconcile(corpus)
    extremes = _extreme_voices(result)
    expected = {
        tuple(sorted(key[2:]))
        for voices, key in _furthest_by_brute_force(corpus, result).items()
        if extremes.intersection(voices)
    }
    assert expected == {f.claims for f in result.select("contradiction")}
    crowded = result.select("crowded-figure")
    assert 1 == len(crowded)
    assert all(voice in crowded[0].message for voice in extremes)


@given(_many_voices())
def test_on_a_crowded_figure_every_voice_keeps_its_widest_contradiction(data: dict[str, Any]) -> None:
    """Without narrower periods, each voice's contradiction furthest apart is among those listed."""
    for claim in data["claims"]:
        claim.pop("as-of", None)
    data["figures"][0]["cumulative"] = False
    corpus = from_data(data)
    result = reconcile(corpus)
    widest: dict[str, tuple[Any, ...]] = {}
    for voices, key in _furthest_by_brute_force(corpus, result).items():
        for voice in voices:
            widest[voice] = min(widest.get(voice, key), key)
    listed = {f.claims for f in result.select("contradiction")}
    assert {tuple(sorted(key[2:])) for key in widest.values()} <= listed


def test_the_findings_catalogue_states_the_limit_reconciliation_applies() -> None:
    """The catalogue's `crowded-figure` entry gives the number of voices past which pairs are not all listed."""
    (kind,) = [kind for kind in CATALOGUE if kind.code == "crowded-figure"]
    assert kind.meaning.startswith(f"More than {PAIRED_VOICES} independent claimants")


def test_a_figure_with_as_many_voices_as_are_paired_lists_every_pair() -> None:
    """Up to the limit nothing changes: every pair of disagreeing voices gets its contradiction."""
    claims = [_claim(v, f"voice-{v}", 10 * (v + 1)) for v in range(PAIRED_VOICES)]
    actors = [{"id": f"voice-{v}", "name": f"Voice {v}", "kind": "government"} for v in range(PAIRED_VOICES)]
    result = reconcile(from_data({**_HEAD, "actors": actors, "figures": [_figure()], "claims": claims}))
    assert (PAIRED_VOICES * (PAIRED_VOICES - 1) // 2, 0) == (
        len(result.select("contradiction")),
        len(result.select("crowded-figure")),
    )


def test_two_thousand_disagreeing_voices_give_findings_linear_in_the_voices() -> None:
    """2,000 voices that all disagree give one contradiction per voice and extreme, not two million."""
    voices = 2_000
    claims = [_claim(v, f"voice-{v}", 10 * (v + 1)) for v in range(voices)]
    actors = [{"id": f"voice-{v}", "name": f"Voice {v}", "kind": "government"} for v in range(voices)]
    result = reconcile(from_data({**_HEAD, "actors": actors, "figures": [_figure()], "claims": claims}))
    # Each voice against the two lowest and the two highest: 4 per voice, less the pairs counted twice.
    expected = 4 * (voices - 4) + 6
    assert expected == len(result.select("contradiction"))


# --- claims that narrow the period: many distinct periods -----------------------------------


@st.composite
def _many_periods(draw: st.DrawFn) -> dict[str, Any]:
    """One figure whose claims give many distinct, partly overlapping `as-of` periods."""
    start = dt.date(2020, 1, 1)
    claims = []
    for n in range(draw(st.integers(2, 60))):
        first = start + dt.timedelta(days=draw(st.integers(0, 120)))
        length = draw(st.integers(0, 30))
        period = first.isoformat() if not length else f"{first}/{first + dt.timedelta(days=length)}"
        claim = _claim(n, f"voice-{draw(st.integers(0, 5))}", draw(st.integers(0, 50)))
        if draw(st.integers(0, 9)):  # most claims narrow the period; some cover the whole of it
            claim["as-of"] = draw(st.sampled_from([period, first.strftime("%Y-%m")]))
        claims.append(claim)
    return {
        **_HEAD,
        "actors": [{"id": f"voice-{v}", "name": f"Voice {v}", "kind": "government"} for v in range(6)],
        "figures": [_figure()],
        "claims": claims,
    }


@given(_many_periods())
def test_claims_over_many_periods_contradict_exactly_as_brute_force_finds(data: dict[str, Any]) -> None:
    """Only claims about overlapping periods are compared, and each pair of voices cites its furthest pair."""
    corpus = from_data(data)
    result = reconcile(corpus)
    expected = {tuple(sorted(key[2:])) for key in _furthest_by_brute_force(corpus, result).values()}
    assert expected == {f.claims for f in result.select("contradiction")}


def test_four_thousand_single_days_compare_only_claims_of_the_same_day() -> None:
    """Claims on 4,000 distinct days contradict only within their day, as brute force finds."""
    start = dt.date(2010, 1, 1)
    claims = [
        _claim(n, f"voice-{n % 3}", 100 + n % 3, date="2021-06-01", **{"as-of": str(start + dt.timedelta(days=n // 3))})
        for n in range(12_000)
    ]
    actors = [{"id": f"voice-{v}", "name": f"Voice {v}", "kind": "government"} for v in range(3)]
    result = reconcile(from_data({**_HEAD, "actors": actors, "figures": [_figure()], "claims": claims}))
    # Each day, voice 0 says 100, voice 1 says 101 and voice 2 says 102: three pairs of voices disagree,
    # each pair's furthest claims from the first day (the smallest ids).
    expected = {("claim-00000", "claim-00001"), ("claim-00000", "claim-00002"), ("claim-00001", "claim-00002")}
    assert expected == {f.claims for f in result.select("contradiction")}


# --- same-as chains --------------------------------------------------------------------------


def _first_by_walking(links: dict[str, str | None], claim_id: str) -> str | None:
    if links[claim_id] is None:
        return None
    current = claim_id
    while (following := links[current]) is not None:
        current = following
    return current


@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=60), st.randoms(use_true_random=False))
def test_every_repeat_points_at_the_end_of_its_same_as_chain(picks: list[int], rnd: Any) -> None:
    """Over a forest of `same-as` links, each claim's repeat_of is where walking its chain ends."""
    links: dict[str, str | None] = {}
    claims = []
    for n, pick in enumerate(picks):
        # Roughly half the claims repeat an earlier one, any earlier one: chains, trees and lone claims.
        target = f"claim-{pick % n:05d}" if n and pick % 2 else None
        claim = _claim(n, "voice-0", 100)
        if target is not None:
            claim["same-as"] = target
        links[claim["id"]] = target
        claims.append(claim)
    rnd.shuffle(claims)
    actors = [{"id": "voice-0", "name": "Voice", "kind": "government"}]
    result = reconcile(from_data({**_HEAD, "actors": actors, "figures": [_figure()], "claims": claims}))
    expected = {cid: _first_by_walking(links, cid) for cid in links}
    assert expected == {c.id: c.repeat_of for c in result.figure("fig").claims}


def test_a_long_same_as_chain_is_one_statement() -> None:
    """3,000 claims each repeating the one before are one statement from its first claim."""
    claims = [_claim(0, "voice-0", 100)]
    claims += [_claim(n, "voice-0", 100, **{"same-as": f"claim-{n - 1:05d}"}) for n in range(1, 3_000)]
    actors = [{"id": "voice-0", "name": "Voice", "kind": "government"}]
    result = reconcile(from_data({**_HEAD, "actors": actors, "figures": [_figure()], "claims": claims[::-1]}))
    fr = result.figure("fig")
    assert ({"claim-00000"}, ["claim-00000"]) == (
        {c.repeat_of for c in fr.claims if c.id != "claim-00000"},
        [c.id for c in fr.claims if c.current],
    )
    assert [tuple(c["id"] for c in claims)] == [f.claims for f in result.select("repeated-statement")]


# --- parent chains ---------------------------------------------------------------------------


def _walk_up(actors: dict[str, dict[str, Any]], actor: str) -> tuple[str, str | None]:
    """The root and the side of an actor, found by walking up its parents."""
    side = None
    while True:
        record = actors[actor]
        side = side or record.get("sides", {}).get("war")
        if "parent" not in record:
            return actor, side
        actor = record["parent"]


@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=60), st.randoms(use_true_random=False))
def test_voices_and_sides_are_found_up_any_tree_of_parents(picks: list[int], rnd: Any) -> None:
    """Exports and reconciliation give every claimant the root and the side that walking up its parents finds."""
    actors: dict[str, dict[str, Any]] = {}
    for n, pick in enumerate(picks):
        record: dict[str, Any] = {"id": f"actor-{n}", "name": f"Actor {n}", "kind": "government"}
        if n and pick % 3:
            record["parent"] = f"actor-{pick % n}"
        if pick % 5 == 0:
            record["sides"] = {"war": ["red", "blue"][pick % 2]}
        actors[record["id"]] = record
    claims = [_claim(n, actor, 10, figure=f"fig-{n % 3}") for n, actor in enumerate(actors)]
    rnd.shuffle(claims)
    data = {**_HEAD, "actors": list(actors.values()), "figures": [_figure(False, f"fig-{n}") for n in range(3)]}
    corpus = from_data({**data, "claims": claims})
    expected = {c["id"]: _walk_up(actors, c["claimant"]) for c in claims}
    rows = csv.DictReader(io.StringIO(export_csv(corpus)))
    assert expected == {row["id"]: (row["voice"], row["side"] or None) for row in rows}
    views = [c for fr in reconcile(corpus).figures for c in fr.claims]
    assert expected == {c.id: (c.voice, c.side) for c in views}


def test_a_deep_parent_chain_exports_every_claimant_under_its_root() -> None:
    """3,000 actors each under the one before all speak with the first one's voice and side."""
    depth = 3_000
    actors = [{"id": "actor-0", "name": "Root", "kind": "government", "sides": {"war": "red"}}]
    actors += [
        {"id": f"actor-{n}", "name": f"Unit {n}", "kind": "military", "parent": f"actor-{n - 1}"}
        for n in range(1, depth)
    ]
    claims = [_claim(n, f"actor-{n}", 10) for n in range(depth)]
    corpus = from_data({**_HEAD, "actors": actors, "figures": [_figure()], "claims": claims})
    rows = list(csv.DictReader(io.StringIO(export_csv(corpus))))
    assert [("actor-0", "red")] * depth == [(row["voice"], row["side"]) for row in rows]
    assert ("actor-0",) == reconcile(corpus).figure("fig").voices
