"""Who said it, and how firmly: joint statements, parties, standing, doubts, disowned attributions,
measures, counting methods and load warnings, in the model, the format and the first uses made of them."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given

from claimcheck import LoadError, Measure, from_data, load, reconcile
from claimcheck.cli import main
from claimcheck.dump import dump
from claimcheck.errors import PROBLEM_CODES, WARNING_CODES, Problem
from claimcheck.export import claim_records, export_csv
from claimcheck.measures import DEFAULT_MEASURES
from claimcheck.model import Corpus
from claimcheck.render import REPORT_SCHEMA, render

from .strategies import claim_files
from .test_docs import ROOT

ACTORS = [
    {"id": "am-gov", "name": "Armenia", "kind": "government", "sides": {"war": "armenia"}},
    {"id": "am-mod", "name": "Armenian MoD", "kind": "ministry", "parent": "am-gov"},
    {"id": "am-pm", "name": "Prime minister", "kind": "person", "parent": "am-gov"},
    {"id": "artsakh-gov", "name": "Artsakh", "kind": "government", "sides": {"war": "artsakh"}},
    {"id": "az-gov", "name": "Azerbaijan", "kind": "government", "sides": {"war": "azerbaijan"}},
    {
        "id": "ex-chief",
        "name": "Former chief",
        "kind": "person",
        "standing": "former-official",
        "sides": {"war": "armenia"},
    },
    {"id": "writer", "name": "A writer", "kind": "person", "sides": {"war": "armenia"}},
    {"id": "plain", "name": "An actor of no stated kind", "sides": {"war": "armenia"}},
    {"id": "monitor", "name": "Monitor", "kind": "monitor", "sides": {"war": "neutral"}},
    {"id": "paper", "name": "Paper", "kind": "outlet"},
    {"id": "stray-ministry", "name": "A ministry with no side", "kind": "ministry"},
]


def _claim(id_: str, claimant: Any, value: Any = 100, figure: str = "am-killed", **more: Any) -> dict[str, Any]:
    return {
        "id": id_,
        "figure": figure,
        "claimant": claimant,
        "value": value,
        "date": "2020-11-01",
        "source": "doc",
        "quote": f"quote of {id_}",
        **more,
    }


def _stance(id_: str, claimant: Any, stance: str, **more: Any) -> dict[str, Any]:
    return {
        "id": id_,
        "proposition": "prop",
        "claimant": claimant,
        "stance": stance,
        "date": "2020-11-01",
        "source": "doc",
        "quote": f"quote of {id_}",
        **more,
    }


def _data(claims: list[dict[str, Any]], **sections: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "conflicts": [
            {
                "id": "war",
                "name": "War",
                "sides": ["armenia", "azerbaijan"],
                "parties": [{"id": "artsakh", "side": "armenia", "name": "Artsakh"}],
            }
        ],
        "sources": [{"id": "doc", "title": "Doc", "kind": "news-report", "language": "en"}],
        "actors": copy.deepcopy(ACTORS),
        "figures": [
            {
                "id": "am-killed",
                "conflict": "war",
                "label": "Armenian side killed",
                "measure": "killed",
                "of": "armenia",
            },
            {
                "id": "artsakh-civilians",
                "conflict": "war",
                "label": "Artsakh civilians killed",
                "measure": "killed",
                "losses": "civilian",
                "of": "artsakh",
            },
            {
                "id": "az-killed",
                "conflict": "war",
                "label": "Azerbaijani killed",
                "measure": "killed",
                "of": "azerbaijan",
            },
        ],
        "propositions": [{"id": "prop", "conflict": "war", "statement": "Something happened"}],
        "claims": claims,
    }
    data.update(sections)
    return data


def _problems(data: dict[str, Any], tmp_path: Path) -> list[str]:
    """Load ``data`` from a file; the problems as `line: code: message` (empty when it loads)."""
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    try:
        load(path)
    except LoadError as exc:
        return [f"{p.line}: {p.code}: {p.message}" for p in exc.problems]
    return []


def _line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


# --- joint statements -------------------------------------------------------------------------------


def test_a_joint_statement_names_all_its_claimants_and_writes_back_as_a_list() -> None:
    """`claimant: [a, b]` loads as claimant a with co-claimant b, and dumps back as the same list."""
    corpus = from_data(_data([_claim("joint", ["am-gov", "artsakh-gov"])]))
    claim = corpus.claim("joint")
    assert ("am-gov", ("artsakh-gov",), ("am-gov", "artsakh-gov")) == (
        claim.claimant,
        claim.co_claimants,
        claim.claimants,
    )
    assert "claimant:\n  - am-gov\n  - artsakh-gov\n" in dump(corpus)
    assert corpus == from_data(yaml.safe_load(dump(corpus)))


def test_one_claimant_in_a_list_is_the_same_claim_as_a_plain_id() -> None:
    """`claimant: [am-gov]` and `claimant: am-gov` give equal claims, written back as a plain id."""
    listed = from_data(_data([_claim("one", ["am-gov"])]))
    assert from_data(_data([_claim("one", "am-gov")])) == listed
    assert "claimant: am-gov\n" in dump(listed)


@pytest.mark.parametrize(
    ("claimant", "expected"),
    [
        (["am-gov", "am-gov"], "bad-field: claim: 'claimant' names 'am-gov' twice"),
        (["am-gov", "Not An Id"], "bad-field: claim: 'claimant' lists 'Not An Id', which is not an id"),
        ([], "bad-field: claim: 'claimant' must name at least one actor"),
        (["am-gov", "nobody"], "undefined-reference: 'claimant' names 'nobody', but no actor has that id"),
        (["am-gov", 5], "wrong-type: claim: 'claimant' must be an actor id or a list of them, got 5 (a number) in it"),
    ],
)
def test_a_wrong_list_of_claimants_is_a_problem_at_the_claimant(
    tmp_path: Path, claimant: list[Any], expected: str
) -> None:
    """Each mistake in a list of claimants is one problem, at the claimant key or the entry it is about."""
    problems = _problems(_data([_claim("joint", claimant)]), tmp_path)
    assert 1 == len(problems)
    assert problems[0].split(": ", 1)[1].startswith(expected), problems


def test_an_undefined_co_claimant_is_reported_at_its_entry(tmp_path: Path) -> None:
    """A co-claimant that names no actor is reported on its own line of the list, with a did-you-mean."""
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump(_data([_claim("joint", ["am-gov", "artsakh-gv"])]), sort_keys=False), "utf-8")
    with pytest.raises(LoadError) as caught:
        load(path)
    (problem,) = caught.value.problems
    assert (_line_of(path, "  - artsakh-gv"), "did you mean 'artsakh-gov'?") == (problem.line, problem.hint)


def test_both_spellings_of_a_joint_statement_are_one_statement_with_the_same_findings() -> None:
    """A joint statement as one claim, or as two claims marked `joint-with`, gives the same findings."""
    third = _claim("third", "monitor", 100)
    one = from_data(_data([_claim("a", ["am-gov", "artsakh-gov"]), third]))
    two = from_data(_data([_claim("a", "am-gov"), _claim("b", "artsakh-gov", **{"joint-with": "a"}), third]))
    assert two.statement_of("b") == two.statement_of("a") == "a"
    assert ("am-gov", "artsakh-gov") == two.statement_claimants("b") == one.statement_claimants("a")

    def findings(corpus: Corpus) -> list[tuple[str, str]]:
        return sorted((f.code, f.severity) for f in reconcile(corpus).figure("am-killed").findings)

    assert findings(one) == findings(two)
    assert ["a", "third"] == [c.id for c in reconcile(two).figure("am-killed").claims if c.current]


def test_a_joint_statement_never_corroborates_itself() -> None:
    """Two claimants of one statement, or two allies on one side, agree without corroborating each other."""
    joint = reconcile(from_data(_data([_claim("a", "am-gov"), _claim("b", "artsakh-gov", **{"joint-with": "a"})])))
    allies = reconcile(from_data(_data([_claim("a", "am-gov"), _claim("b", "artsakh-gov")])))
    across = reconcile(from_data(_data([_claim("a", "am-gov"), _claim("b", "monitor")])))
    assert () == joint.select("corroboration") == allies.select("corroboration")
    assert 1 == len(across.select("corroboration"))


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        (_claim("b", "am-mod", **{"joint-with": "a"}), "'joint-with' names 'a', made by the same claimant"),
        (_claim("b", "artsakh-gov", 5000, **{"joint-with": "a"}), "'joint-with' names 'a', but the two say"),
        (_claim("b", "artsakh-gov", figure="az-killed", **{"joint-with": "a"}), "a claim about something else"),
        (_claim("b", "artsakh-gov", **{"joint-with": "nothing"}), "'joint-with' names 'nothing', but no claim"),
    ],
)
def test_a_joint_with_that_cannot_be_one_statement_is_a_problem(
    tmp_path: Path, second: dict[str, Any], expected: str
) -> None:
    """`joint-with` needs another claimant saying the same thing about the same figure or proposition."""
    problems = _problems(_data([_claim("a", "am-gov"), second]), tmp_path)
    assert 1 == len(problems), problems
    assert expected in problems[0]


def test_a_repeat_may_name_some_of_a_joint_statements_claimants(tmp_path: Path) -> None:
    """A report naming one ministry of a joint statement's governments repeats it; an unrelated claimant does not."""
    joint = _claim("a", ["am-gov", "artsakh-gov"])
    assert [] == _problems(_data([joint, _claim("b", "am-mod", **{"same-as": "a"})]), tmp_path)
    problems = _problems(_data([joint, _claim("b", "az-gov", **{"same-as": "a"})]), tmp_path)
    assert [True] == ["inconsistent" in p for p in problems]


# --- parties, relations, standing --------------------------------------------------------------------------


def test_parties_relate_speakers_to_whose_losses_a_figure_counts() -> None:
    """self, ally, adversary and third party follow the parties and sides the conflict declares."""
    corpus = from_data(_data([]))
    am, artsakh, az = (corpus.figure(f) for f in ("am-killed", "artsakh-civilians", "az-killed"))
    relations = {
        (speaker, figure.id): corpus.relation(speaker, figure)
        for speaker in ("am-mod", "artsakh-gov", "az-gov", "monitor", "paper")
        for figure in (am, artsakh, az)
    }
    assert {
        ("am-mod", "am-killed"): "self",
        ("am-mod", "artsakh-civilians"): "ally",
        ("am-mod", "az-killed"): "adversary",
        ("artsakh-gov", "am-killed"): "self",
        ("artsakh-gov", "artsakh-civilians"): "self",
        ("artsakh-gov", "az-killed"): "adversary",
        ("az-gov", "am-killed"): "adversary",
        ("az-gov", "artsakh-civilians"): "adversary",
        ("az-gov", "az-killed"): "self",
        **{("monitor", f.id): "third-party" for f in (am, artsakh, az)},
        **{("paper", f.id): "third-party" for f in (am, artsakh, az)},
    } == relations
    assert ("artsakh", "armenia") == (corpus.party_of("artsakh-gov", "war"), corpus.side_of("artsakh-gov", "war"))


@pytest.mark.parametrize(
    ("parties", "expected"),
    [
        ([{"id": "artsakh", "side": "russia"}], "party 'artsakh' fights on 'russia', which is not a side of 'war'"),
        ([{"id": "armenia", "side": "armenia"}], "party 'armenia' is already a side"),
        ([{"id": "neutral", "side": "armenia"}], "party 'neutral' is already a standing"),
        ([{"id": "x", "side": "armenia"}, {"id": "x", "side": "azerbaijan"}], "party 'x' is already listed"),
    ],
)
def test_a_party_that_is_not_a_party_of_a_side_is_a_problem(
    tmp_path: Path, parties: list[dict[str, Any]], expected: str
) -> None:
    """A party names a new party and a side of its conflict."""
    data = _data([])
    data["conflicts"][0]["parties"] = parties
    data["actors"] = [a for a in data["actors"] if a["id"] != "artsakh-gov"]
    problems = _problems(data, tmp_path)
    assert 1 == len(problems), problems
    assert expected in problems[0]


def test_sides_and_whose_losses_may_name_a_party_but_nothing_else(tmp_path: Path) -> None:
    """An actor's side and a figure's `of` may be a party; an unknown one is an undefined reference."""
    data = _data([])
    data["actors"][0]["sides"] = {"war": "atlantis"}
    data["figures"][0]["of"] = "neutral"
    problems = _problems(data, tmp_path)
    assert [
        "'sides': 'atlantis' is not a side or party of 'war'",
        "'of': 'neutral' is not a side or party of 'war'",
    ] == [p.split(": ", 2)[2] for p in problems]


def test_standing_follows_the_actor_its_kind_and_its_parents() -> None:
    """Governments and ministries are official, their people too; people on their own are not."""
    corpus = from_data(_data([]))
    standings = {
        a: corpus.standing_of(a)
        for a in ("am-gov", "am-mod", "am-pm", "ex-chief", "writer", "plain", "monitor", "paper")
    }
    assert {
        "am-gov": "official",
        "am-mod": "official",
        "am-pm": "official",
        "ex-chief": "former-official",
        "writer": "unofficial",
        "plain": "official",
        "monitor": "unofficial",
        "paper": "unofficial",
    } == standings


def test_a_former_officials_count_of_its_sides_losses_is_no_admission() -> None:
    """A side's official figure of its own losses is a floor; a former official's is not."""
    official = reconcile(from_data(_data([_claim("a", "am-mod", 3360)]))).figure("am-killed").estimate
    former = reconcile(from_data(_data([_claim("a", "ex-chief", "about 5000"), _claim("b", "am-mod", 3360)])))
    estimate = former.figure("am-killed").estimate
    assert official is not None
    assert estimate is not None
    assert "rule admission-against-interest: am-mod (a)" in official.reasons[0]
    assert (3360, "am-mod (b)") == (estimate.low, estimate.reasons[0].split(": ")[-1].rstrip(")") + ")")
    assert "partisan-gap" not in {f.code for f in former.figure("am-killed").findings}


# --- how firmly ---------------------------------------------------------------------------------------


def test_a_doubt_is_reported_as_a_doubt_not_a_denial() -> None:
    """`stance: doubts` makes a doubted-proposition finding and no dispute."""
    result = reconcile(from_data(_data([_stance("s1", "am-gov", "asserts"), _stance("s2", "monitor", "doubts")])))
    (prop,) = result.propositions
    assert ((), ("monitor",)) == (prop.denied_by, prop.doubted_by)
    assert ["doubted-proposition"] == [f.code for f in prop.findings]


def test_a_dispute_resting_on_hedged_claims_weighs_less() -> None:
    """A dispute across sides is medium when firm, low when one stance is only hedged."""
    firm = [_stance("s1", "am-gov", "asserts"), _stance("s2", "az-gov", "denies")]
    hedged = [_stance("s1", "am-gov", "asserts", hedged=True), _stance("s2", "az-gov", "denies")]
    severities = [reconcile(from_data(_data(c))).select("disputed-proposition")[0].severity for c in (firm, hedged)]
    assert ["medium", "low"] == severities


def test_a_hedged_or_enumerated_claim_changes_what_is_a_floor() -> None:
    """A hedged admission is no hard floor; an enumeration is one whoever counted."""
    hedged = reconcile(from_data(_data([_claim("a", "am-mod", 300, hedged=True), _claim("b", "monitor", "up to 900")])))
    listed = reconcile(
        from_data(_data([_claim("a", "az-gov", 300, method="named-list"), _claim("b", "monitor", "up to 900")]))
    )
    low = [r.figure("am-killed").estimate.low for r in (hedged, listed)]  # type: ignore[union-attr]
    assert [0, 300] == low


def test_a_method_belongs_to_figures_only(tmp_path: Path) -> None:
    """A claim about a proposition saying how it was counted is a problem at `method`."""
    problems = _problems(_data([_stance("s1", "am-gov", "asserts", method="estimate")]), tmp_path)
    assert 1 == len(problems)
    assert "'method' says how a figure was counted" in problems[0]


# --- disowned attributions ---------------------------------------------------------------------------------


def test_a_disowned_attribution_is_set_aside_and_reported() -> None:
    """A claim its claimant disowns is no voice of it, and a misattributed finding names the denial."""
    claims = [
        _claim("attributed", "monitor", 44, via=["paper"], **{"disowned-by": "denial"}),
        _stance("denial", "monitor", "denies"),
        _claim("other", "am-mod", 3000),
    ]
    figure = reconcile(from_data(_data(claims))).figure("am-killed")
    assert ["other"] == [c.id for c in figure.claims if c.current]
    (found,) = [f for f in figure.findings if f.code == "misattributed"]
    assert (("attributed",), "medium") == (found.claims, found.severity)
    assert "monitor disowns it in doc (denial)" in found.message


def test_only_the_attributed_claimant_can_disown_a_claim(tmp_path: Path) -> None:
    """`disowned-by` naming another actor's claim is inconsistent."""
    claims = [_claim("attributed", "monitor", 44, **{"disowned-by": "denial"}), _stance("denial", "am-gov", "denies")]
    problems = _problems(_data(claims), tmp_path)
    assert 1 == len(problems)
    assert "'disowned-by' names 'denial', made by 'am-gov', not by 'monitor'" in problems[0]


# --- measures ------------------------------------------------------------------------------------------


def test_the_measure_table_says_what_a_figure_counts_the_loss_of() -> None:
    """Measures map to loss kinds; a figure's own `losses` wins, `none` counts no loss, no `of` no loss."""
    data = _data([])
    data["figures"] += [
        {"id": "f-none", "conflict": "war", "label": "x", "measure": "killed", "losses": "none", "of": "armenia"},
        {"id": "f-moved", "conflict": "war", "label": "x", "measure": "displaced", "of": "armenia"},
        {"id": "f-tanks", "conflict": "war", "label": "x", "measure": "destroyed", "of": "armenia", "unit": "tanks"},
        {"id": "f-nobody", "conflict": "war", "label": "x", "measure": "killed"},
    ]
    corpus = from_data(data)
    kinds = {f.id: corpus.losses_of(f) for f in corpus.figures}
    assert {
        "am-killed": "people",
        "artsakh-civilians": "civilian",
        "az-killed": "people",
        "f-none": None,
        "f-moved": None,
        "f-tanks": "equipment",
        "f-nobody": None,
    } == kinds


def test_a_corpus_and_python_extend_the_measure_table() -> None:
    """A `measures:` section adds words and aliases; `measures=` from Python wins over the files'."""
    data = _data([], measures=[{"word": "shot-down", "loss": True, "kind": "equipment", "aliases": ["shot down"]}])
    corpus = from_data(data)
    assert (True, True, "equipment") == (
        corpus.is_alias("shot down"),
        corpus.measure("shot down").loss,  # type: ignore[union-attr]
        corpus.measure("shot-down").kind,
    )  # type: ignore[union-attr]
    extra = Measure(word="shot-down", loss=False)
    assert corpus.measure("shot-down") != from_data(data, measures=[extra]).measure("shot-down")
    assert extra == from_data(data, measures=[extra]).measure("shot-down")
    assert {m.word for m in DEFAULT_MEASURES} >= {"handed-over", "destroyed-or-damaged", "killed"}


def test_a_measure_word_defined_twice_is_a_problem(tmp_path: Path) -> None:
    """Two `measures:` entries for one word are a duplicate."""
    data = _data([], measures=[{"word": "shot-down"}, {"word": "shot-down", "loss": True}])
    problems = _problems(data, tmp_path)
    assert 1 == len(problems)
    assert "duplicate-id: measure 'shot-down' is already defined" in problems[0]


def test_unknown_and_alias_measures_are_warnings_with_the_right_word(tmp_path: Path) -> None:
    """A typo gets a did-you-mean and an alias the canonical word; both at the measure's value; the file loads."""
    data = _data([])
    data["figures"][0]["measure"] = "destoryed"
    data["figures"][1]["measure"] = "handed over"
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    warnings = load(path).warnings
    assert [
        (_line_of(path, "  measure: destoryed"), "unknown-measure", "did you mean 'destroyed'?"),
        (_line_of(path, "  measure: handed over"), "measure-alias", "write 'handed-over'"),
    ] == [(w.line, w.code, w.hint) for w in warnings]
    assert {"warning"} == {w.severity for w in warnings}
    assert f"{path.as_posix()}:{warnings[0].line}:12: warning: measure 'destoryed'" in str(warnings[0])


# --- other warnings and the command line ----------------------------------------------------------------


def test_an_official_actor_with_no_side_is_warned_about_and_a_monitor_is_not() -> None:
    """A ministry speaking on a conflict it has no side in is a no-side warning; an outlet is a third party."""
    corpus = from_data(_data([_claim("a", "stray-ministry"), _claim("b", "paper")]))
    assert [
        (
            "no-side",
            "'stray-ministry' (official: a ministry or under one) makes claims about 'war' but has no side in it",
        )
    ] == [(w.code, w.message) for w in corpus.warnings]


def test_a_quote_shared_by_two_claimants_is_warned_about_until_marked_as_one_statement() -> None:
    """The same words under two claimants of one figure warn, unless the claims are one statement."""
    same = {"quote": "Armenian and Artsakh authorities said 100"}
    apart = from_data(_data([_claim("a", "am-gov", **same), _claim("b", "artsakh-gov", **same)]))
    marked = from_data(
        _data([_claim("a", "am-gov", **same), _claim("b", "artsakh-gov", **same, **{"joint-with": "a"})])
    )
    assert ["shared-quote"] == [w.code for w in apart.warnings]
    assert () == marked.warnings


def test_check_prints_warnings_and_fails_on_them_only_when_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`claimcheck check` exits 0 with warnings printed, 1 with `--strict`."""
    data = _data([_claim("a", "stray-ministry")])
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert 0 == main(["check", str(path)])
    err = capsys.readouterr().err.splitlines()
    assert re.fullmatch(r".*claims\.yaml:\d+:\d+: warning: 'stray-ministry' .*", err[0])
    assert ["1 warning"] == err[1:2]
    assert 1 == main(["check", "--strict", str(path)])


def test_warnings_are_no_part_of_equality_and_errors_carry_none() -> None:
    """Two corpora differing only in warnings are equal; a LoadError carries errors only."""
    corpus = from_data(_data([_claim("a", "stray-ministry")]))
    assert corpus.warnings
    assert corpus == Corpus(
        **{
            k: getattr(corpus, k)
            for k in ("conflicts", "sources", "actors", "figures", "propositions", "claims", "measures")
        }
    )
    with pytest.raises(LoadError) as caught:
        from_data(_data([_claim("a", "stray-ministry"), _claim("b", "nobody")]))
    assert {"error"} == {p.severity for p in caught.value.problems}
    assert WARNING_CODES <= set(PROBLEM_CODES)
    assert "p:1:1: warning: m" == str(
        Problem(path="p", line=1, column=1, code="no-side", message="m", severity="warning")
    )


# --- reports, exports and the format reference ---------------------------------------------------------------


def test_reports_and_exports_carry_who_spoke_and_how_firmly() -> None:
    """The JSON report (valid against its schema) and the export give claimants, party, standing and the rest."""
    corpus = from_data(
        _data(
            [
                _claim("a", ["am-gov", "artsakh-gov"], hedged=True, method="estimate"),
                _claim("b", "artsakh-gov", figure="artsakh-civilians"),
                _stance("s", "monitor", "doubts"),
                _stance("t", "am-gov", "asserts"),
            ]
        )
    )
    report = json.loads(render(reconcile(corpus), corpus, "json"))
    jsonschema.validate(report, REPORT_SCHEMA)
    rows = {c["id"]: c for f in report["figures"] for c in f["claims"]}
    assert (["am-gov", "artsakh-gov"], "armenia", "official", True, "estimate", "a") == tuple(
        rows["a"][k] for k in ("claimants", "party", "standing", "hedged", "method", "statement")
    )
    assert ("artsakh", "armenia", "self") == (rows["b"]["party"], rows["b"]["side"], rows["b"]["relation"])
    assert ["monitor"] == report["propositions"][0]["doubted_by"]
    record = {r["id"]: r for r in claim_records(corpus)}["b"]
    assert ("artsakh", "armenia", ["artsakh-gov"]) == (record["party"], record["side"], record["claimants"])
    assert (
        export_csv(corpus)
        .splitlines()[0]
        .endswith(",claimants,hedged,method,joint_with,disowned_by,statement,party,standing,language,tolerance,relative_to,adds_to")
    )


def test_the_format_references_example_of_every_new_form_loads_and_reconciles(tmp_path: Path) -> None:
    """The `example/voices.yaml` block of docs/claim-files.md loads clean and reconciles as its comments say."""
    text = (ROOT / "docs" / "claim-files.md").read_text(encoding="utf-8")
    block = re.search(r"^```yaml\n# file: example/voices.yaml\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    assert block is not None
    path = tmp_path / "voices.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    corpus = load(path)
    result = reconcile(corpus)
    assert () == corpus.warnings
    assert ("am-gov", "artsakh-gov") == corpus.claim("az-side-killed-joint").claimants
    assert "ally" == corpus.relation("am-gov", corpus.figure("artsakh-civilians-killed"))
    assert ["misattributed"] == [
        f.code for f in result.figure("artsakh-civilians-killed").findings if f.code == "misattributed"
    ]
    (phosphorus,) = [p for p in result.propositions if p.proposition.id == "phosphorus-used"]
    assert (("am-gov", "artsakh-gov"), ("experts",)) == (phosphorus.asserted_by, phosphorus.doubted_by)
    assert "no credible floor; set aside: rule not-for-the-side" in result.figure("am-mil-killed").estimate.reasons[0]  # type: ignore[union-attr]
    assert 222 == result.figure("am-tanks-lost").estimate.low  # type: ignore[union-attr]


def test_the_bundled_corpus_uses_the_new_forms() -> None:
    """The bundled claims write the 2020 joint statement as one, Artsakh as a party, Vanetsyan as a former official."""
    corpus = load(ROOT / "claims")
    assert ("am-gov", "artsakh-gov") == corpus.claim("2020-az-side-killed-am-gov").claimants
    assert ("artsakh", "armenia") == (
        corpus.party_of("artsakh-mod", "war-2020"),
        corpus.side_of("artsakh-mod", "war-2020"),
    )
    assert "former-official" == corpus.standing_of("artur-vanetsyan")
    assert "azerbaijan" == corpus.side_of("az-gov-affiliated-media", "war-2020")
    assert () == corpus.warnings


@given(claim_files())
def test_generated_files_with_every_new_form_round_trip(data: dict[str, Any]) -> None:
    """Files with joint statements, parties, standings, measures and the rest dump and load back equal."""
    corpus = from_data(data)
    assert corpus == from_data(yaml.safe_load(dump(corpus)))
    for claim in corpus.claims:
        assert corpus.statement_of(claim.id) == corpus.statement_of(corpus.statement_of(claim.id))
