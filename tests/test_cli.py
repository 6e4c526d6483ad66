"""The command line: exit codes, `path:line:col:` problems on stderr, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from claimcheck.cli import main

from .test_load import VALID

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def test_check_passes_a_valid_file(capsys: pytest.CaptureFixture[str]) -> None:
    """A clean file exits 0 and says what was checked."""
    assert 0 == main(["check", str(VALID)])
    assert "ok: 2 claims" in capsys.readouterr().err


def test_check_reports_problems_with_their_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A broken file exits 1 with `path:line:col: error:` lines on stderr and nothing on stdout."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(VALID.read_text(encoding="utf-8").replace("claimant: az-mod", "claimant: nobody"))
    assert 1 == main(["check", str(bad)])
    out, err = capsys.readouterr()
    assert "" == out
    assert f"{bad.as_posix()}:47:15: error: 'claimant' names 'nobody'" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown option is a usage error: exit code 2."""
    with pytest.raises(SystemExit) as info:
        main(["check", "--no-such-option"])
    assert 2 == info.value.code


def test_a_missing_folder_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    """Run as a real process, a missing path gives exit 1 and no traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "claimcheck.cli", "check", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 1 == result.returncode
    assert "Traceback" not in result.stderr
    assert "no such file or folder" in result.stderr


def test_the_bundled_corpus_is_clean_and_its_quotes_are_found(capsys: pytest.CaptureFixture[str]) -> None:
    """`claimcheck check claims --archive` passes on the bundled corpus against the seed texts."""
    claims = Path(__file__).resolve().parents[1] / "claims"
    args = ["check", str(claims)] + (["--archive", str(SEEDS)] if SEEDS.is_dir() else [])
    code = main(args)
    err = capsys.readouterr().err
    assert (0, True) == (code, err.startswith("ok:")), err


def test_a_report_is_written_with_the_reconciliation_frozen_and_leaves_the_collector_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the report is written the objects alive before are frozen (the collector does not rescan them);
    afterwards nothing is left frozen, and a caller's own frozen objects stay frozen."""
    import gc

    import claimcheck.cli as cli

    claims = Path(__file__).resolve().parent.parent / "claims"
    emit = cli._emit
    seen: list[int] = []

    def watched(*args: Any, **kwargs: Any) -> None:
        seen.append(gc.get_freeze_count())
        emit(*args, **kwargs)

    monkeypatch.setattr(cli, "_emit", watched)
    before = gc.get_freeze_count()
    assert main(["report", str(claims), "-o", str(tmp_path / "a.md")]) == 0
    assert seen[0] > 0
    assert gc.get_freeze_count() == before
    gc.freeze()
    try:
        assert main(["report", str(claims), "-o", str(tmp_path / "b.md")]) == 0
        assert gc.get_freeze_count() > 0  # the caller's, not unfrozen by the command
    finally:
        gc.unfreeze()
    assert (tmp_path / "a.md").read_bytes() == (tmp_path / "b.md").read_bytes()
