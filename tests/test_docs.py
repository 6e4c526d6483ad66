"""The documentation cannot rot: its Python examples run, and generated pages match the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimcheck import load, reconcile
from claimcheck.findings import catalogue_markdown, examples_from

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _examples() -> list[tuple[str, int, str]]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in _BLOCK.finditer(text):
            line = text[: match.start()].count("\n") + 1
            found.append((page.relative_to(ROOT).as_posix(), line, match.group(1)))
    return found


@pytest.mark.parametrize(("page", "line", "code"), _examples(), ids=lambda v: str(v)[:40])
def test_every_python_example_in_the_docs_runs(
    page: str, line: int, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each ```python block of the README and docs/ runs from the repository root without error."""
    monkeypatch.chdir(ROOT)
    exec(compile(code, f"{page}:{line}", "exec"), {"__name__": "__docs__"})


def test_there_are_examples_to_run() -> None:
    """The collector finds the README's example, so an empty run cannot pass silently."""
    assert any(page == "README.md" for page, _, _ in _examples())


def test_the_findings_catalogue_matches_the_code() -> None:
    """docs/findings.md is exactly what `python -m claimcheck.findings` generates from the bundled corpus."""
    expected = catalogue_markdown(examples_from(reconcile(load(ROOT / "claims")).findings))
    assert expected == (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")


def _write_file_block(page: str, folder: Path) -> Path:
    """Write the page's ```yaml block that starts with `# file: PATH` where it says, under ``folder``."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    block = re.search(r"^```yaml\n# file: (\S+)\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    assert block is not None, f"{page} has no file block"
    path = folder / block.group(1)
    path.parent.mkdir(parents=True)
    path.write_text(block.group(2), encoding="utf-8")
    return path


def test_the_complete_example_of_the_format_reference_loads(tmp_path: Path) -> None:
    """The complete file in docs/claim-files.md loads, and reconciles its revision, repeat and dispute."""
    result = reconcile(load(_write_file_block("claim-files.md", tmp_path)))
    drones = {f.code for f in result.figure("az-drones-downed-day1").findings}
    assert {"revision", "repeated-statement"} <= drones
    assert {"parts-add-up"} <= {f.code for f in result.figure("az-tanks-lost").findings}
    assert ["disputed-proposition"] == [f.code for f in result.propositions[0].findings]


def test_the_tutorial_claim_file_gives_the_findings_it_promises(tmp_path: Path) -> None:
    """The tutorial's YAML, written where it says, checks clean and reconciles as the text describes."""
    path = _write_file_block("tutorial.md", tmp_path)
    figure = reconcile(load(path.parent)).figure("north-soldiers-killed")
    codes = {f.code: f for f in figure.findings}
    assert "high" == codes["contradiction"].severity
    assert "3.34×" in codes["contradiction"].message
    assert 3.34 == round(codes["partisan-gap"].ratio or 0, 2)
    assert figure.estimate is not None
    assert (150, 150, None) == (figure.estimate.low, figure.estimate.best, figure.estimate.high)


def test_every_problem_code_is_documented() -> None:
    """Each load problem code appears in the claim-file reference's table, and no other."""
    from claimcheck.errors import PROBLEM_CODES

    text = (ROOT / "docs" / "claim-files.md").read_text(encoding="utf-8")
    table = text[text.index("## Problem codes") :]
    assert sorted(PROBLEM_CODES) == sorted(re.findall(r"^\| `([a-z-]+)` \|", table, re.MULTILINE))
