"""Hypothesis strategies for the domain: values, dates, and whole claim files.

Claim files are generated as the plain data a person would write (mappings
and lists), so the same strategies drive the loader, the schema and the
renderers.
"""

from __future__ import annotations

import copy
import datetime as dt
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from claimcheck.model import ACTOR_STANDINGS, LOSS_KINDS, METHODS, STANCES
from claimcheck.values import DEFAULT_VAGUE_WORDS, MULTIPLIERS, NUMBER_WORDS, SHARE_WORDS, VALUE_KINDS

counts = st.integers(min_value=0, max_value=10**7)
positive = st.integers(min_value=1, max_value=10**7)


def _grouped(n: int) -> str:
    return f"{n:,}"


numbers_as_written = counts.flatmap(lambda n: st.sampled_from([str(n), _grouped(n)]).map(lambda s, n=n: (n, s)))


#: Kinds of value that stand on their own (a factor or an increment needs the claim it rests on).
STANDALONE_KINDS = tuple(k for k in VALUE_KINDS if k not in ("times", "more"))
#: Counts as sources also write them: in words, with a scale word or a "k".
worded_numbers = st.one_of(
    st.sampled_from(sorted(NUMBER_WORDS)).map(lambda w: (NUMBER_WORDS[w], w)),
    st.tuples(st.integers(1, 999), st.sampled_from([("k", 1000), (" thousand", 1000), (" million", 10**6)])).map(
        lambda t: (t[0] * t[1][1], f"{t[0]}{t[1][0]}")
    ),
)


@st.composite
def value_texts(draw: st.DrawFn) -> tuple[str, int | str]:
    """A count as written in a claim file, with its kind: ``(kind, raw)``; every standalone count form."""
    kind = draw(st.sampled_from(["exact-int", *STANDALONE_KINDS]))
    # A scale word at the end of a range applies to both ends ("1.5-2 million"): ranges use plain numbers.
    plain = kind in ("exact-int", "range", "either")
    n, written = draw(numbers_as_written if plain else st.one_of(numbers_as_written, worded_numbers))
    if kind == "exact-int":
        return "exact", n
    if kind == "exact":
        return "exact", written
    if kind in ("range", "either"):
        m, other = draw(numbers_as_written)
        (_, lo_s), (_, hi_s) = sorted([(n, written), (m, other)])
        if kind == "either":
            return kind, f"{lo_s} or {hi_s}"
        form = draw(st.sampled_from(["{}-{}", "{}–{}", "{} to {}", "{} - {}", "between {} and {}", "from {} to {}"]))
        return "range", form.format(lo_s, hi_s)
    if kind == "vague":
        scaled = [f"{w} {unit}" for w in MULTIPLIERS for unit in ("dozen", "hundred", "thousand")]
        return "vague", draw(st.sampled_from(sorted(DEFAULT_VAGUE_WORDS) + scaled))
    if kind in ("fewer-than", "slightly-less"):
        n, written = (n, written) if n > 0 else (1, "1")
    prefix = {
        "at-least": ["at least", "no fewer than", "not less than"],
        "more-than": ["more than", "over", "above"],
        "slightly-more": ["slightly more than", "just over", "a little more than"],
        "up-to": ["up to", "at most", "no more than"],
        "fewer-than": ["fewer than", "less than", "under"],
        "slightly-less": ["slightly less than", "just under", "a little under"],
        "about": ["about", "around", "approximately", "roughly", "some", "close to"],
        "nearly": ["nearly", "almost"],
    }[kind]
    return kind, f"{draw(st.sampled_from(prefix))} {written}"


#: Shares as written, with the share (in per cent) they state: "22.8%", "two-thirds", "one in three".
share_texts = st.one_of(
    st.tuples(st.integers(0, 1000), st.sampled_from(["%", " percent"])).map(
        lambda t: (Fraction(t[0], 10), f"{t[0] // 10}.{t[0] % 10}{t[1]}")
    ),
    st.integers(0, 100).map(lambda n: (Fraction(n), f"{n}%")),
    st.sampled_from(sorted(SHARE_WORDS)).map(lambda w: (SHARE_WORDS[w], w)),
    st.tuples(st.integers(1, 12), st.integers(1, 12))
    .filter(lambda t: t[0] <= t[1])
    .map(lambda t: (Fraction(100 * t[0], t[1]), f"{t[0]} in {t[1]}")),
)
#: Sums of money as written, with the currency and the amount they state.
money_texts = st.tuples(
    st.integers(0, 10**6),
    st.sampled_from([("US${}", "USD"), ("${}", "USD"), ("EUR {}", "EUR"), ("{} AMD", "AMD"), ("{} drams", "AMD")]),
    st.sampled_from([("", 1), (" thousand", 1000), (" million", 10**6)]),
).map(lambda t: (t[1][1], Fraction(t[0] * t[2][1]), t[1][0].format(f"{t[0]:,}{t[2][0]}")))


days = st.dates(min_value=dt.date(2020, 9, 1), max_value=dt.date(2021, 12, 31))
#: Any day of the calendar (years 1 to 9999), its first and last days and years drawn often:
#: a typo such as 0202 for 2020 is a valid date, and everything downstream must cope with it.
calendar_days = st.one_of(
    st.sampled_from([dt.date.min, dt.date(1, 12, 31), dt.date(9999, 1, 1), dt.date.max]),
    st.dates(),
)


@st.composite
def edtf_dates(draw: st.DrawFn, within: st.SearchStrategy[dt.date] = days) -> str:
    """An EDTF date of day, month or year precision, approximate, or an interval of days.

    ``within`` draws the days; an interval ends by the last of :data:`days` when
    drawn from them, or anywhere up to the end of the calendar otherwise.
    """
    day = draw(within)
    form = draw(st.sampled_from(["day", "month", "year", "interval", "approx", "approx-day", "approx-year"]))
    if form == "day":
        return day.isoformat()
    if form == "month":
        return day.isoformat()[:7]
    if form == "year":
        return day.isoformat()[:4]
    if form == "approx":
        return day.isoformat()[:7] + "~"
    if form == "approx-day":
        return day.isoformat() + "~"
    if form == "approx-year":
        return day.isoformat()[:4] + "~"
    end = draw(st.dates(min_value=day, max_value=dt.date(2021, 12, 31) if within is days else dt.date.max))
    return f"{day.isoformat()}/{end.isoformat()}"


def _later(as_of: str, date: str) -> bool:
    from claimcheck import parse_date

    return parse_date(date).before(parse_date(as_of))


ids = st.from_regex(r"\A[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}\Z")
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)


_relative_words = st.sampled_from(["twice", "several times more", "3 times", "1.5 times", "about 40 or 50 times"])


def _values_for(unit: str) -> st.SearchStrategy[int | str]:
    """Values a figure with this unit takes: counts, shares, sums in US dollars, or such sums a month."""
    if unit == "percent":
        return share_texts.map(lambda s: s[1])
    if unit == "USD":
        return money_texts.filter(lambda m: m[0] == "USD").map(lambda m: m[2])
    if unit == "USD per month":
        return money_texts.filter(lambda m: m[0] == "USD").map(lambda m: f"{m[2]} a month")
    return value_texts().map(lambda kr: kr[1])
#: The top-level actor of each claimant of :func:`claim_files` (a statement's claimants must differ in it).
_ROOTS = {
    "red-gov": "red-gov",
    "red-mod": "red-gov",
    "blue-gov": "blue-gov",
    "monitor": "monitor",
    "pink-gov": "pink-gov",
}


@st.composite
def claim_files(draw: st.DrawFn, max_claims: int = 8) -> dict[str, Any]:
    """A valid, self-contained claim file as plain data, with every form a claim file can hold.

    Some files declare a party (``pink``, on red's side) with an actor of its own, standings, a measure
    of their own, figures that say what they count the loss of, and propositions; claims may be joint
    statements (a list of claimants, or a second claim ``joint-with`` the first), hedged, say how they
    were counted, or be disowned by their claimant in a denial.
    """
    conflict = "war"
    sides = ["red", "blue"]
    parties = draw(st.booleans())
    actors: list[dict[str, Any]] = [
        {"id": "red-gov", "name": "Red government", "kind": "government", "sides": {conflict: "red"}},
        {"id": "red-mod", "name": "Red ministry", "kind": "ministry", "parent": "red-gov"},
        {"id": "blue-gov", "name": "Blue government", "kind": "government", "sides": {conflict: "blue"}},
        {"id": "monitor", "name": "A monitor", "kind": "monitor", "sides": {conflict: "neutral"}},
        {"id": "paper", "name": "A newspaper", "kind": "outlet"},
    ]
    claimants = ["red-gov", "red-mod", "blue-gov", "monitor"]
    if parties:
        actors.append({"id": "pink-gov", "name": "Pink government", "kind": "government", "sides": {conflict: "pink"}})
        claimants.append("pink-gov")
    for actor in actors:
        if draw(st.integers(0, 3)) == 0:
            actor["standing"] = draw(st.sampled_from(ACTOR_STANDINGS))
    own_measures = draw(st.booleans())
    measure_words = ["killed", "destroyed", "displaced", "handed-over", *(["shot-down"] if own_measures else [])]
    figure_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True).map(lambda xs: [f"fig-{x}" for x in xs]))
    figures = []
    for f in figure_ids:
        figure: dict[str, Any] = {
            "id": f,
            "conflict": conflict,
            "label": draw(texts),
            "measure": draw(st.sampled_from(measure_words)),
            "of": draw(st.sampled_from([*sides, *(["pink"] if parties else [])])),
            "cumulative": draw(st.booleans()),
        }
        if draw(st.integers(0, 3)) == 0:
            figure["losses"] = draw(st.sampled_from([*LOSS_KINDS, "none"]))
        figures.append(figure)
    # Most figures count people (the default unit); some are shares, sums of money or rates.
    units = {f: draw(st.sampled_from(["people", "people", "percent", "USD", "USD per month"])) for f in figure_ids}
    for figure in figures:
        if units[figure["id"]] != "people":
            figure["unit"] = units[figure["id"]]
    claim_ids = draw(st.lists(ids, min_size=1, max_size=max_claims, unique=True))
    claims: list[dict[str, Any]] = []
    for cid in claim_ids:
        figure_id = draw(st.sampled_from(figure_ids))
        claim: dict[str, Any] = {
            "id": f"claim-{cid}",
            "figure": figure_id,
            "claimant": _claimants(draw, claimants),
            "value": draw(_values_for(units[figure_id])),
            "date": draw(edtf_dates()),
            "source": "doc",
            "quote": draw(texts),
        }
        # A count may add to an earlier claim of its figure ("11 more"), or be a factor of an earlier count.
        earlier = [c["id"] for c in claims if units[c["figure"]] == "people"]
        if units[figure_id] == "people" and earlier and draw(st.integers(0, 3)) == 0:
            same = [c["id"] for c in claims if c["figure"] == figure_id]
            if same and draw(st.booleans()):
                claim["value"], claim["adds-to"] = f"{draw(counts)} more", draw(st.sampled_from(same))
            else:
                claim["value"], claim["relative-to"] = draw(_relative_words), draw(st.sampled_from(earlier))
        if draw(st.booleans()):
            claim["locator"] = f"[{draw(st.integers(1, 999))}]"
        if draw(st.booleans()):
            claim["via"] = ["paper"]
        if draw(st.integers(0, 3)) == 0:
            # A narrower period, never later than the statement itself.
            claim["as-of"] = draw(edtf_dates().filter(lambda d, said=claim["date"]: not _later(d, said)))
        if draw(st.booleans()):
            claim["note"] = draw(texts)
        if draw(st.integers(0, 3)) == 0:
            claim["hedged"] = draw(st.booleans())
        if draw(st.integers(0, 3)) == 0:
            claim["method"] = draw(st.sampled_from(METHODS))
        claims.append(claim)
    propositions = [{"id": "prop", "conflict": conflict, "statement": draw(texts)}]
    for n in range(draw(st.integers(0, 3))):
        claim = {
            "id": f"stance-{n}",
            "proposition": "prop",
            "claimant": _claimants(draw, claimants),
            "stance": draw(st.sampled_from(STANCES)),
            "date": draw(edtf_dates()),
            "source": "doc",
            "quote": draw(texts),
        }
        if draw(st.booleans()):
            claim["hedged"] = True
        claims.append(claim)
    _joint_and_disowned(draw, claims, claimants)
    data: dict[str, Any] = {
        "conflicts": [{"id": conflict, "name": "The war", "sides": sides, "period": "2020-09-01/2021-12-31"}],
        "sources": [{"id": "doc", "title": "A document", "kind": "news-report", "language": "en"}],
        "actors": actors,
        "figures": figures,
        "propositions": propositions,
        "claims": claims,
    }
    if parties:
        data["conflicts"][0]["parties"] = [{"id": "pink", "side": "red", "name": "Pink"}]
    if own_measures:
        data["measures"] = [
            {"word": "shot-down", "loss": True, "kind": "equipment", "cumulative": True, "aliases": ["shot down"]}
        ]
    return data


def _claimants(draw: st.DrawFn, claimants: list[str]) -> str | list[str]:
    """One claimant, or (now and then) the claimants of a joint statement: actors of different voices."""
    if draw(st.integers(0, 4)) != 0:
        return draw(st.sampled_from(claimants[:4]))
    first = draw(st.sampled_from(claimants))
    others = [c for c in claimants if _ROOTS[c] != _ROOTS[first]]
    return [first, draw(st.sampled_from(others))]


def _joint_and_disowned(draw: st.DrawFn, claims: list[dict[str, Any]], claimants: list[str]) -> None:
    """Add a joint statement's second claim (``joint-with``) and a disowned attribution, now and then."""
    figure_claims = [c for c in claims if "figure" in c]
    if draw(st.booleans()):
        first = draw(st.sampled_from(figure_claims))
        said = first["claimant"] if isinstance(first["claimant"], list) else [first["claimant"]]
        roots = {_ROOTS[c] for c in said}
        others = [c for c in claimants if _ROOTS[c] not in roots and c not in first.get("via", ())]
        if others:
            # A copy, not shared lists: YAML would write a shared list as an alias, which claim files refuse.
            second = copy.deepcopy({k: v for k, v in first.items() if k not in ("disowned-by", "note", "joint-with")})
            second.update(
                id=f"{first['id']}-joint", claimant=draw(st.sampled_from(others)), **{"joint-with": first["id"]}
            )
            claims.append(second)
    if draw(st.booleans()):
        attributed = draw(st.sampled_from([c for c in claims if "figure" in c]))
        said = attributed["claimant"]
        denial = {
            "id": f"{attributed['id']}-denied",
            "proposition": "prop",
            "claimant": said[0] if isinstance(said, list) else said,
            "stance": "denies",
            "date": draw(edtf_dates()),
            "source": "doc",
            "quote": draw(texts),
        }
        claims.append(denial)
        attributed["disowned-by"] = denial["id"]


@st.composite
def crowded_figure(
    draw: st.DrawFn, max_voices: int = 12, max_claims: int = 40, within: st.SearchStrategy[dt.date] = days
) -> dict[str, Any]:
    """A claim file with one figure that many independent claimants speak about, some more than once.

    Reconciliation ranks voices instead of comparing every pair of them, so it needs files with
    more voices than :func:`claim_files` makes; values are drawn from a narrow range so that
    ties, equal floors and touching intervals are common. Claims are dated on days drawn from
    ``within`` (the conflict has no period unless they are the default :data:`days`).
    """
    voices = draw(st.integers(min_value=2, max_value=max_voices))
    conflict = "war"
    actors = [
        {"id": f"voice-{v}", "name": f"Voice {v}", "kind": "monitor" if v % 3 == 0 else "government"}
        for v in range(voices)
    ]
    cumulative = draw(st.booleans())
    narrowed = not cumulative and draw(st.booleans())
    small = st.integers(min_value=0, max_value=30)
    claims = []
    for i in range(draw(st.integers(min_value=1, max_value=max_claims))):
        low = draw(small)
        value = draw(
            st.sampled_from(
                [low, f"{low}-{low + draw(small)}", f"at least {low}", f"more than {low}", f"up to {max(low, 1)}"]
            )
        )
        claim: dict[str, Any] = {
            "id": f"claim-{i:03d}",
            "figure": "crowded",
            "claimant": f"voice-{draw(st.integers(0, voices - 1))}",
            "value": value,
            "date": draw(edtf_dates(within)),
            "source": "doc",
            "quote": "said so",
        }
        if narrowed and draw(st.booleans()):
            claim["as-of"] = draw(edtf_dates(within).filter(lambda d, said=claim["date"]: not _later(d, said)))
        claims.append(claim)
    war: dict[str, Any] = {"id": conflict, "name": "The war", "sides": ["red", "blue"]}
    if within is days:
        war["period"] = "2020-09-01/2021-12-31"
    return {
        "conflicts": [war],
        "sources": [{"id": "doc", "title": "A document", "kind": "news-report", "language": "en"}],
        "actors": actors,
        "figures": [
            {"id": "crowded", "conflict": conflict, "label": "Crowded", "measure": "killed", "cumulative": cumulative}
        ],
        "claims": claims,
    }
