"""Reports for triage: what matters first, sources and actors by name, filters, charts and notebooks."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from attrs import evolve

from claimcheck import from_data, load, reconcile
from claimcheck.cli import main
from claimcheck.findings import severity_rank
from claimcheck.render import REPORT_SCHEMA, Shown, render
from claimcheck.render.chart import _spread_out, chart_svg, worth_drawing
from claimcheck.render.common import is_quiet, layout, link_address
from claimcheck.score import contested_score, ranked

from .test_render import CLAIMS, HOSTILE

_CORPUS = load(CLAIMS)
_RESULT = reconcile(_CORPUS)
HIGH = [f for f in _RESULT.findings if f.severity == "high"]


def _hostile(url: str = 'https://example.org/"><script>alert(1)</script>') -> Any:
    """A small corpus whose every text field, and the source address, carries markup and control characters."""
    return from_data(
        {
            "conflicts": [{"id": "war", "name": HOSTILE, "sides": ["red", "blue"]}],
            "sources": [
                {"id": "doc", "title": HOSTILE, "publisher": HOSTILE, "kind": "news-report", "language": "en",
                 "url": url}
            ],
            "actors": [
                {"id": "red", "name": HOSTILE, "sides": {"war": "red"}},
                {"id": "blue", "name": "Blue", "sides": {"war": "blue"}},
            ],
            "figures": [{"id": "dead", "conflict": "war", "label": HOSTILE, "measure": "killed", "of": "red"}],
            "claims": [
                {"id": "a", "figure": "dead", "claimant": "red", "value": 10, "date": "2020-10", "source": "doc",
                 "quote": HOSTILE, "locator": HOSTILE},
                {"id": "b", "figure": "dead", "claimant": "blue", "value": "more than 100", "date": "2020-10",
                 "source": "doc", "quote": "=SUM(A1:A9)"},
            ],
        }
    )  # fmt: skip


def test_the_first_screen_of_the_markdown_report_shows_every_high_finding() -> None:
    """All high findings are listed before the summary, within the report's first 60 lines."""
    text = render(_RESULT, _CORPUS, "md")
    head = text.split("\n## Summary")[0]
    assert 60 > head[: head.index("**high**")].count("\n")
    assert len(HIGH) == head.count("**high**")
    assert all(f.message in head for f in HIGH)


def test_the_html_report_lists_high_findings_before_the_summary_with_links() -> None:
    """The HTML triage comes before the summary and links each figure to its section."""
    page = render(_RESULT, _CORPUS, "html")
    triage = page[page.index('id="triage"') : page.index('id="summary"')]
    assert len(HIGH) + 1 == triage.count("sev-high")  # one more in the count of findings by severity
    for fr, _ in layout(_RESULT, _CORPUS).triage:
        assert f'href="#fig-{fr.figure.id}"' in triage
        assert f'id="fig-{fr.figure.id}"' in page


def test_the_markdown_report_of_the_bundled_corpus_is_shorter_than_before() -> None:
    """One-claimant figures share one table: the report is well under the 9,127 lines it had."""
    assert 3000 > render(_RESULT, _CORPUS, "md").count("\n")


def test_figures_follow_the_score_within_each_conflict() -> None:
    """Figure sections come conflict by conflict, most contested first, and quiet figures go to one table."""
    text = render(_RESULT, _CORPUS, "md")
    headings = re.findall(r'^#### <a id="fig-([a-z0-9-]+)"></a>', text, re.MULTILINE)
    expected = [
        fr.figure.id
        for conflict in sorted({f.conflict for f in _CORPUS.figures})
        for fr in ranked(_RESULT.figures)
        if fr.figure.conflict == conflict and not is_quiet(fr)
    ]
    assert expected == headings
    quiet = [fr.figure.id for fr in _RESULT.figures if is_quiet(fr)]
    assert quiet
    table = text.split("## Other figures")[1].split("\n## ")[0]
    assert all(f'<a id="fig-{i}"></a>' in table for i in quiet)


def test_the_score_ranks_by_disagreement_then_severity() -> None:
    """Figures come in non-increasing score order, and an infinite spread (a claim of 0) stays finite."""
    order = ranked(_RESULT.figures)
    assert sorted((fr.score for fr in order), reverse=True) == [fr.score for fr in order]
    scores = [contested_score(fr) for fr in _RESULT.figures]
    assert all(math.isfinite(x) for score in scores for x in score)
    top = order[0]
    assert top.score == contested_score(top)


def test_filters_hide_findings_but_the_summary_counts_them_all(capsys: pytest.CaptureFixture[str]) -> None:
    """--min-severity, --only and --skip change what is listed, and the report says what was filtered."""
    assert 0 == main(["report", str(CLAIMS), "--min-severity", "medium", "--skip", "bound-violation"])
    text = capsys.readouterr().out
    total = len(_RESULT.findings)
    shown = sum(1 for f in _RESULT.findings if severity_rank(f.severity) >= 2 and f.code != "bound-violation")
    assert f"Showing {shown:,} of {total:,} findings (severity medium and above; skipping bound-violation)." in text
    assert f"· {total:,} findings" in text
    assert "**low**" not in text
    assert "**medium** `bound-violation`" not in text
    assert 0 == main(["report", str(CLAIMS), "-f", "json", "--only", "contradiction"])
    data = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(data)
    listed = {f["code"] for fig in data["figures"] for f in fig["findings"]}
    assert {"contradiction"} == listed
    assert total == data["summary"]["findings"]
    assert ["contradiction"] == data["filter"]["only"]


def test_an_unknown_code_in_a_filter_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt code exits 2 and names the codes there are."""
    with pytest.raises(SystemExit) as exit_:
        main(["report", str(CLAIMS), "--only", "contradictions"])
    assert 2 == exit_.value.code
    assert "'contradictions' is not a finding code" in capsys.readouterr().err


def test_sources_appear_by_title_with_their_address_in_every_format() -> None:
    """Each source's title and address appear in Markdown, HTML and JSON; quotes name the title."""
    md, page = render(_RESULT, _CORPUS, "md"), render(_RESULT, _CORPUS, "html")
    data = json.loads(render(_RESULT, _CORPUS, "json"))
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(data)
    for source in _CORPUS.sources:
        if source.url is None:
            assert f"*{source.title}*" in md
            assert f"<cite>{source.title}</cite>" in page
        else:
            assert f"[{source.title}]({source.url})" in md
            assert f'<a href="{source.url}" rel="noreferrer">{source.title}</a>' in page
        entry = next(s for s in data["sources"] if s["id"] == source.id)
        assert (source.title, source.url, source.archive) == (entry["title"], entry["url"], entry["archive"])
    assert len(_CORPUS.actors) == len(data["actors"])
    assert "## Actors" in md
    assert 'id="actors"' in page


def test_only_http_addresses_become_links() -> None:
    """javascript:, data: and other schemes are never linked; characters that close a link are encoded."""
    assert link_address("javascript:alert(1)") is None
    assert link_address("data:text/html,x") is None
    assert link_address("ftp://example.org/x") is None
    assert "https://example.org/%22%3E%3Cscript%3E" == link_address('https://example.org/"><script>')
    assert "http://example.org/a_(b)" != link_address("http://example.org/a_(b)")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_hostile_sources_and_actors_are_escaped(fmt: str) -> None:
    """Titles, publishers, names and addresses from claim files reach neither section raw."""
    corpus = _hostile()
    text = render(reconcile(corpus), corpus, fmt)
    assert "<script>alert" not in text
    assert "\x1b" not in text
    assert '"><script' not in text
    if fmt == "md":
        sources = text.split("## Sources")[1].split("## Actors")[0]
        row = next(line for line in sources.splitlines() if line.startswith('| <a id="src-doc">'))
        assert 7 == len(re.findall(r"(?<!\\)\|", row))
        actors = text.split("## Actors")[1]
        row = next(line for line in actors.splitlines() if line.startswith("| `red`"))
        assert 6 == len(re.findall(r"(?<!\\)\|", row))


def test_the_filter_form_is_hidden_without_scripts_and_escapes_its_data() -> None:
    """The form shows only when its inline script runs; the data it searches is escaped in attributes."""
    corpus = _hostile()
    page = render(reconcile(corpus), corpus, "html")
    assert '<form id="filter" class="filter" hidden' in page
    assert 1 == page.count("<script>")
    attributes = re.findall(r'data-text="([^"]*)"', page)
    assert attributes
    assert all("<" not in a and ">" not in a for a in attributes)
    assert any("&lt;script&gt;" in a for a in attributes)
    option = re.search(r'<option value="war">([^<]*)</option>', page)
    assert option is not None
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in option.group(1)


def test_reports_with_filters_are_byte_identical_run_to_run() -> None:
    """The same claims and filter give the same bytes in every format."""
    shown = Shown(min_severity="low", skip=frozenset({"single-source"}))
    for fmt in ("md", "json", "html"):
        assert render(_RESULT, _CORPUS, fmt, shown=shown) == render(reconcile(load(CLAIMS)), _CORPUS, fmt, shown=shown)


def test_charts_only_where_they_add_something() -> None:
    """A figure with one claim, or whose claims all allow the same counts, gets no chart."""
    one = next(fr for fr in _RESULT.figures if len(fr.claims) == 1)
    assert not worth_drawing(one)
    assert not worth_drawing(evolve(one, claims=(one.claims[0], evolve(one.claims[0], id="copy"))))
    assert worth_drawing(_RESULT.figure("2020-syrian-fighters-deployed-az"))


def test_a_span_is_drawn_as_a_span_and_an_upper_limit_alone_as_open_below() -> None:
    """The Times' claim over six weeks is a line along them; Kommersant's "up to" ends in a downward arrow."""
    fr = _RESULT.figure("2020-syrian-fighters-deployed-az")
    svg = chart_svg(fr, _CORPUS)
    assert svg.count("<text") > len(fr.claims)  # every claim is named
    for view in fr.claims:
        assert view.claimant in svg
    # Dotted: SOHR's open top ("at least") and Kommersant's open bottom ("up to"), each to the chart's edge.
    assert 2 <= svg.count("stroke-dasharray")


def test_label_positions_never_overlap() -> None:
    """Names wanted at the same height are spread at least a gap apart and stay inside the chart."""
    placed = _spread_out([0.5, 0.5, 0.5, 0.51, 0.99, 1.0], 0.05)
    assert all(b - a >= 0.05 - 1e-9 for a, b in pairwise(placed))
    assert 0.0 <= placed[0]
    assert 1.0 >= placed[-1]


def test_notebooks_show_compact_html() -> None:
    """A reconciliation and a figure result display as escaped HTML through the report's templates."""
    corpus = _hostile()
    result = reconcile(corpus)
    card = result._repr_html_()
    assert "claimcheck-reconciliation" in card
    assert "&lt;script&gt;" in card
    assert "<script>" not in card
    figure = result.figure("dead")._repr_html_()
    assert "claimcheck-figure" in figure
    assert "[11, ∞)" not in figure
    assert "[101, ∞)" in figure
    assert "<script>" not in figure


def test_show_prints_the_as_of_column_and_propositions(capsys: pytest.CaptureFixture[str]) -> None:
    """`show` has an as-of column, and a proposition id shows its stances and findings."""
    assert 0 == main(["show", "2020-am-mil-killed", str(CLAIMS)])
    out = capsys.readouterr().out
    assert re.search(r"^  date +as of +claimant", out, re.MULTILINE)
    prop = next(p for p in _RESULT.propositions if p.findings)
    assert 0 == main(["show", prop.proposition.id, str(CLAIMS)])
    out = capsys.readouterr().out
    assert out.startswith(prop.proposition.statement)
    assert prop.findings[0].code in out


def test_importing_claimcheck_does_not_import_jinja2() -> None:
    """Jinja2 loads only when an HTML page is rendered, so the command starts quickly."""
    code = "import sys, claimcheck, claimcheck.cli; print('jinja2' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "False" == run.stdout.strip()


def test_the_templates_ship_inside_the_package() -> None:
    """The HTML templates are package files, so a wheel carries them."""
    folder = resources.files("claimcheck.render") / "templates"
    names = sorted(p.name for p in folder.iterdir())
    assert ["figure.html.j2", "figure_card.html.j2", "macros.html.j2", "reconciliation_card.html.j2",
            "report.html.j2"] == names  # fmt: skip


def test_the_report_schema_is_printed_with_the_new_arrays(tmp_path: Path) -> None:
    """`schema --report` lists triage, sources, actors and filter."""
    out = tmp_path / "schema.json"
    assert 0 == main(["schema", "--report", "-o", str(out)])
    schema = json.loads(out.read_text(encoding="utf-8"))
    assert {"triage", "sources", "actors", "filter"} <= set(schema["required"])


def test_the_json_triage_points_into_each_figures_findings() -> None:
    """Each triage entry names a figure or proposition and the positions of its high and medium findings."""
    data = json.loads(render(_RESULT, _CORPUS, "json"))
    items = {(kind, item["id"]): item for kind in ("figure", "proposition") for item in data[kind + "s"]}
    listed = []
    for entry in data["triage"]:
        findings = items[entry["kind"], entry["id"]]["findings"]
        listed += [findings[i]["severity"] for i in entry["findings"]]
    assert len(HIGH) == listed.count("high")
    assert {"high", "medium"} == set(listed)
    assert ranked(_RESULT.figures)[0].figure.id == data["triage"][0]["id"]
