"""Reports and exports: deterministic, valid against their schema, and harmless with hostile text."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import from_data, load, reconcile
from claimcheck.cli import main
from claimcheck.export import export
from claimcheck.render import REPORT_SCHEMA, render

from .strategies import claim_files
from .test_load import VALID

CLAIMS = Path(__file__).resolve().parents[1] / "claims"
HOSTILE = "<script>alert(1)</script> | *bold* `code` [link](x) \x1b[31mred\x1b[0m =cmd()"


def _hostile_corpus() -> Any:
    data = {
        "conflicts": [{"id": "war", "name": "War", "sides": ["red", "blue"]}],
        "sources": [{"id": "doc", "title": HOSTILE, "kind": "news-report", "language": "en"}],
        "actors": [
            {"id": "red", "name": HOSTILE, "sides": {"war": "red"}},
            {"id": "blue", "name": "Blue", "sides": {"war": "blue"}},
        ],
        "figures": [{"id": "dead", "conflict": "war", "label": HOSTILE, "measure": "killed", "of": "red"}],
        "claims": [
            {
                "id": "a",
                "figure": "dead",
                "claimant": "red",
                "value": 10,
                "date": "2020-10",
                "source": "doc",
                "quote": HOSTILE,
                "translation": HOSTILE,
                "locator": HOSTILE,
            },
            {
                "id": "b",
                "figure": "dead",
                "claimant": "blue",
                "value": "more than 100",
                "date": "2020-10",
                "source": "doc",
                "quote": "=SUM(A1:A9)",
            },
        ],
    }
    return from_data(data)


def test_a_script_in_a_quote_is_escaped_in_html() -> None:
    """No claim text reaches the HTML unescaped, and the page fetches nothing (its one script is inline)."""
    corpus = _hostile_corpus()
    page = render(reconcile(corpus), corpus, "html")
    assert 1 == page.count("<script>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\x1b" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//|url\(\s*["']?https?:|<link|<script[^>]""", page)


def test_markdown_cells_cannot_break_the_table() -> None:
    """Pipes, markup and control characters from claim text are escaped or stripped in Markdown."""
    corpus = _hostile_corpus()
    text = render(reconcile(corpus), corpus, "md")
    assert "\x1b" not in text
    assert "<script>" not in text
    row = next(line for line in text.splitlines() if line.startswith("| `a`"))
    assert 12 == len(re.findall(r"(?<!\\)\|", row))


def test_csv_export_neutralises_formulas() -> None:
    """A cell starting with '=' is prefixed so spreadsheets show it as text."""
    rows = list(csv.DictReader(io.StringIO(export(_hostile_corpus(), "csv"))))
    assert "'=SUM(A1:A9)" == rows[1]["quote"]
    assert "10" == rows[0]["low"]


def test_the_json_report_of_the_bundled_corpus_validates_against_its_schema() -> None:
    """The JSON report satisfies the schema shipped with the package."""
    corpus = load(CLAIMS)
    data = json.loads(render(reconcile(corpus), corpus, "json"))
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(data)
    assert len(corpus.figures) == len(data["figures"])


@given(claim_files(), st.sampled_from(["md", "json", "html"]))
def test_renderers_never_fail_on_a_valid_corpus(data: dict[str, Any], fmt: str) -> None:
    """Every valid corpus renders in every format, control characters stripped; the JSON always validates."""
    corpus = from_data(data)
    text = render(reconcile(corpus), corpus, fmt)
    assert text.endswith("\n")
    if fmt in ("md", "html"):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text), "control characters reach the page"
    if fmt == "json":
        jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(json.loads(text))


def test_reports_are_byte_identical_whatever_the_file_order(tmp_path: Path) -> None:
    """Two runs over the same claims, listed in different orders, give identical bytes in each format."""
    files = sorted(CLAIMS.rglob("*.yaml"))
    forward, backward = load(files), load(list(reversed(files)))
    for fmt in ("md", "json", "html"):
        assert render(reconcile(forward), forward, fmt) == render(reconcile(backward), backward, fmt)


def test_the_prov_export_reads_back_with_one_entity_per_claim() -> None:
    """PROV-JSON from the bundled corpus deserialises with prov and holds every claim as an entity."""
    from prov.model import ProvDocument, ProvEntity

    corpus = load(CLAIMS)
    doc = ProvDocument.deserialize(content=export(corpus, "prov"), format="json")
    entities = {str(r.identifier).split(":", 1)[-1] for r in doc.get_records(ProvEntity)}
    assert {c.id for c in corpus.claims} <= entities
    assert len(corpus.claims) + len(corpus.sources) == len(entities)


def test_report_writes_atomically_and_gates_on_findings(tmp_path: Path) -> None:
    """`report -o` writes the file; `--fail-on` exits 1 when a finding matches and 0 otherwise."""
    out = tmp_path / "report.md"
    assert 0 == main(["report", str(VALID), "-o", str(out)])
    assert out.read_text(encoding="utf-8").startswith("# Consistency report")
    assert 1 == main(["report", str(VALID), "-o", str(out), "--fail-on", "contradiction"])
    assert 0 == main(["report", str(VALID), "-o", str(out), "--fail-on", "bound-violation"])
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    assert out.stat().st_mode & 0o044, "a report is readable by others, as a plain write would make it"


def test_writing_to_dev_null_leaves_it_a_device() -> None:
    """`-o /dev/null` (as the pre-commit hook uses) writes through the device instead of replacing it."""
    null = Path("/dev/null")
    if not null.exists():
        pytest.skip("no /dev/null on this system")
    assert 0 == main(["report", str(VALID), "-o", str(null)])
    assert not null.is_file()
    assert null.is_char_device()


def test_nothing_is_written_when_the_claims_have_problems(tmp_path: Path) -> None:
    """A broken claim file exits 1 and leaves the previous report untouched."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(VALID.read_text(encoding="utf-8").replace("value: 3360", "value: lots"), encoding="utf-8")
    out = tmp_path / "report.md"
    out.write_text("previous", encoding="utf-8")
    assert 1 == main(["report", str(bad), "-o", str(out)])
    assert "previous" == out.read_text(encoding="utf-8")


def test_show_prints_one_figure_without_control_sequences(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`show` prints the figure's claims and findings; an unknown figure is a usage error with a hint."""
    assert 0 == main(["show", "am-mil-killed-2020", str(VALID)])
    out = capsys.readouterr().out
    assert "more than 5000" in out
    assert "contradiction" in out
    assert 2 == main(["show", "am-mil-killed", str(VALID)])
    assert "did you mean am-mil-killed-2020" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium to render the page")
def test_the_html_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    """Chromium renders the bundled corpus's HTML report to a non-trivial PNG, offline."""
    page = tmp_path / "report.html"
    assert 0 == main(["report", str(CLAIMS), "-f", "html", "-o", str(page)])
    png = tmp_path / "report.png"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1200,2000",
            f"--screenshot={png}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 50_000
