"""`claimcheck diff` and `report --baseline`: what a change to the claims did to the findings."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from claimcheck.cli import main
from claimcheck.diff import diff_reports, read_side

CLAIMS = Path(__file__).resolve().parents[1] / "claims"
CASUALTIES = Path("2020-war") / "casualties.yaml"


def _copy_with_one_claim_changed(tmp_path: Path, value: int = 4000) -> Path:
    """The bundled corpus with Armenia's 3,360 military dead changed to ``value`` (the claim and its repeat)."""
    copy = tmp_path / "changed"
    shutil.copytree(CLAIMS, copy)
    path = copy / CASUALTIES
    text = path.read_text(encoding="utf-8")
    old = "    claimant: am-gov\n    value: 3360\n"
    assert 2 == text.count(old)  # the claim and a repeat of it (same-as): a repeat must keep the value
    path.write_text(text.replace(old, f"    claimant: am-gov\n    value: {value}\n"), encoding="utf-8")
    return copy


def test_diff_lists_exactly_one_changed_claim_and_its_consequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One statement edited gives its claims and the findings it changes, and nothing else."""
    changed = _copy_with_one_claim_changed(tmp_path)
    assert 0 == main(["diff", str(CLAIMS), str(changed), "-f", "json"])
    data = json.loads(capsys.readouterr().out)
    edited = [
        {"id": "2020-am-mil-killed-am-gov", "fields": ["value"]},
        {"id": "2020-am-mil-killed-am-gov-2", "fields": ["value"]},
    ]
    assert {"added": [], "removed": [], "edited": edited} == data["claims"]
    assert [] == data["findings"]["added"]
    assert [] == data["findings"]["removed"]
    # The government's own admission is the floor (a former official's figure is not): it moves with the edit.
    moved = [(e["figure"], e["before"]["low"], e["after"]["low"], e["after"]["best"]) for e in data["estimates"]]
    assert [("2020-am-mil-killed", 3360, 4000, 4000)] == moved
    changed_findings = [
        (c["after"]["code"], c["before"]["severity"], c["after"]["severity"], tuple(c["after"]["claims"]))
        for c in data["findings"]["changed"]
    ]
    assert [
        (
            "contradiction",
            "medium",
            "medium",
            ("2020-am-mil-killed-am-gov", "2020-am-mil-killed-az-gov-2020-10-28"),
        ),
        (
            "partisan-gap",
            "low",
            "low",
            ("2020-am-mil-killed-am-gov", "2020-am-mil-killed-az-gov-2020-10-28"),
        ),
        (
            "undated-disagreement",
            "low",
            "low",
            ("2020-am-mil-killed-am-gov", "2020-am-mil-killed-artur-vanetsyan"),
        ),
    ] == changed_findings
    assert all(any(n in c["after"]["message"] for n in ("4000", "4,000")) for c in data["findings"]["changed"])


def test_diff_in_markdown_names_the_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The Markdown diff counts first, then the changed findings and the edited claim."""
    changed = _copy_with_one_claim_changed(tmp_path)
    assert 0 == main(["diff", str(CLAIMS), str(changed)])
    out = capsys.readouterr().out
    assert "Findings: 0 added, 0 removed, 3 changed · estimates moved: 1 · claims: 0 added, 0 removed, 2 edited" in out
    assert "- edited `2020-am-mil-killed-am-gov`: value" in out
    assert '(was **low**: artur-vanetsyan claims "about 5000" but am-gov claims "3360"' in out


def test_json_reports_diff_as_their_claim_folders_do(tmp_path: Path) -> None:
    """Two JSON reports give the same diff as the two claim folders they were made from."""
    changed = _copy_with_one_claim_changed(tmp_path)
    old_json, new_json = tmp_path / "old.json", tmp_path / "new.json"
    assert 0 == main(["report", str(CLAIMS), "-f", "json", "-o", str(old_json)])
    assert 0 == main(["report", str(changed), "-f", "json", "-o", str(new_json)])
    from_reports = diff_reports(read_side(str(old_json)), read_side(str(new_json)))
    from_folders = diff_reports(read_side(str(CLAIMS)), read_side(str(changed)))
    assert from_folders == from_reports
    assert 2 == len(from_reports.claims_edited)


def test_an_unchanged_corpus_has_no_changes(capsys: pytest.CaptureFixture[str]) -> None:
    """The same claims on both sides: no changes, said in words."""
    assert 0 == main(["diff", str(CLAIMS), str(CLAIMS)])
    assert "No changes." in capsys.readouterr().out


def test_a_git_revision_is_a_side(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`REV:PATH` reads the claim files of a commit: the working copy's edit shows against HEAD."""
    repo = tmp_path / "repo"
    shutil.copytree(CLAIMS, repo / "claims")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "claims"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "claims"], cwd=repo, check=True)
    path = repo / "claims" / CASUALTIES
    path.write_text(path.read_text(encoding="utf-8").replace("value: 3360\n", "value: 4000\n", 2), encoding="utf-8")
    monkeypatch.chdir(repo)
    diff = diff_reports(read_side("HEAD:claims"), read_side("claims"))
    edited = (("2020-am-mil-killed-am-gov", ("value",)), ("2020-am-mil-killed-am-gov-2", ("value",)))
    assert edited == diff.claims_edited
    assert diff_reports(read_side("HEAD"), read_side("HEAD:claims")).empty


def test_a_side_that_is_nothing_known_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A side that is no file, folder or revision exits 2 with one line naming it, not a traceback."""
    not_a_report = tmp_path / "x.json"
    not_a_report.write_text('{"a": 1}', encoding="utf-8")
    assert 2 == main(["diff", str(not_a_report), str(CLAIMS)])
    err = capsys.readouterr().err
    assert "not a claimcheck JSON report" in err
    assert "Traceback" not in err
    assert 2 == main(["diff", "no-such-revision", str(CLAIMS)])
    assert "no-such-revision: not a file, a folder or a git revision" in capsys.readouterr().err


def test_the_baseline_gates_only_new_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With --baseline, --fail-on fails on findings the baseline did not have, and only on those."""
    baseline = tmp_path / "baseline.json"
    assert 0 == main(["report", str(CLAIMS), "-f", "json", "-o", str(baseline)])
    report = str(tmp_path / "report.md")
    assert 1 == main(["report", str(CLAIMS), "--fail-on", "high", "-o", report])
    capsys.readouterr()
    assert 0 == main(["report", str(CLAIMS), "--fail-on", "high", "--baseline", str(baseline), "-o", report])
    data = json.loads(baseline.read_text(encoding="utf-8"))
    # A baseline without the figure that holds the worst contradiction: those findings are new again.
    data["figures"] = [f for f in data["figures"] if f["id"] != "2020-hadrut-execution-video-civilian-victims"]
    baseline.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert 1 == main(["report", str(CLAIMS), "--fail-on", "high", "--baseline", str(baseline), "-o", report])
    err = capsys.readouterr().err
    assert err.startswith("2020-hadrut-execution-video-civilian-victims: high contradiction:")
    assert err.endswith("1 new finding(s) matched --fail-on high\n")


def test_a_claim_folder_is_a_baseline_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The baseline may be a claim folder: the corpus before a change gates only what the change added."""
    # 4,100 brings Azerbaijan's "more than 5000" within 1.25x: its contradiction falls from medium to low.
    changed = _copy_with_one_claim_changed(tmp_path, 4100)
    out = str(tmp_path / "r.md")
    assert 0 == main(["report", str(changed), "--fail-on", "medium", "--baseline", str(CLAIMS), "-o", out])
    assert 1 == main(["report", str(CLAIMS), "--fail-on", "low", "--baseline", str(changed), "-o", out])
    err = capsys.readouterr().err
    assert err.endswith("new finding(s) matched --fail-on low\n")
