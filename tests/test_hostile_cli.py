"""Files, the command line and the terminal under hostile or careless use: exit codes, no traceback, bounded time."""

from __future__ import annotations

import ctypes
import os
import select
import signal
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest

from claimcheck import LoadError, load
from claimcheck.cli import main
from claimcheck.quotes import normalise_text, quote_found

from .test_load import VALID

SRC = Path(__file__).resolve().parents[1] / "src"
CLAIMS = Path(__file__).resolve().parents[1] / "claims"
SECOND_QUOTE = "Azerbaijan claimed more than 5,000 Armenian soldiers killed"
#: Wall-clock bound for cases that used to hang or read without end (they take well under a second now).
BOUND = 10.0


def _env(**extra: str) -> dict[str, str]:
    """The environment for a child process: this checkout's code first, whatever the child's folder."""
    path = os.pathsep.join(p for p in (str(SRC), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def _run(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[bytes]:
    """``claimcheck ARGS`` as a real process, bounded in time."""
    return subprocess.run(
        [sys.executable, "-m", "claimcheck.cli", *args],
        capture_output=True,
        cwd=cwd,
        env=_env(**env),
        timeout=BOUND * 3,
        check=False,
    )


def _claims(folder: Path, text: str | None = None, name: str = "example.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(VALID.read_text(encoding="utf-8") if text is None else text, encoding="utf-8")
    return path


# --- the command line itself ---------------------------------------------------------------------


def test_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    """`claimcheck --version` prints `claimcheck <version>` from the package metadata and exits 0."""
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert (0, f"claimcheck {metadata.version('claimcheck')}\n") == (info.value.code, capsys.readouterr().out)


def test_an_empty_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """`check ""` exits 2 instead of reading the whole current folder."""
    with pytest.raises(SystemExit) as info:
        main(["check", ""])
    assert 2 == info.value.code
    assert "an empty path names no file or folder" in capsys.readouterr().err


def test_an_empty_path_given_to_load_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`load([""])` reports the empty path rather than loading the current folder."""
    _claims(tmp_path)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LoadError) as info:
        load([""])
    assert ["no-files"] == [p.code for p in info.value.problems]


# --- --archive ----------------------------------------------------------------------------------


def _archived_corpus(tmp_path: Path, quote: str, archived: bytes, translation: str | None = None) -> tuple[Path, Path]:
    """A claim file whose first quote is ``quote``, and an archive folder holding ``archived`` for its source."""
    text = VALID.read_text(encoding="utf-8")
    text = text.replace("    published: 2021-01\n", "    published: 2021-01\n    archive: s.txt\n")
    lines = f'    quote: "{quote}"\n' + (f'    translation: "{translation}"\n' if translation else "")
    text = text.replace("    quote: the Armenian Health Ministry put the number at 3,360\n", lines)
    claims = _claims(tmp_path / "claims", text)
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "s.txt").write_bytes(archived + b"\n" + SECOND_QUOTE.encode("utf-8") + b"\n")
    return claims, archive


def test_check_with_an_archive_says_what_it_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The success line of `check --archive` is a sentence: how many quotes were found, and where."""
    claims, archive = _archived_corpus(tmp_path, "put the number at 3,360", b"They put the number at 3,360.")
    assert 0 == main(["check", str(claims), "--archive", str(archive)])
    expected = f" 1 source checked; 2 quotes found in {archive}\n"
    assert expected == capsys.readouterr().err[-len(expected) :]


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_a_bad_archive_folder_is_one_problem(tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing `--archive` folder, or a file in its place, is one problem, not one per claim."""
    archive = tmp_path / "archive"
    if kind == "file":
        archive.write_text("not a folder", encoding="utf-8")
    assert 1 == main(["check", str(CLAIMS), "--archive", str(archive)])
    reason = "does not exist" if kind == "missing" else "is not a folder"
    expected = [f"{archive.as_posix()}:1:1: error: the archive folder {reason}", "1 problem found"]
    assert expected == [line.split(" (")[0] for line in capsys.readouterr().err.splitlines()]


def test_an_archived_text_that_is_not_utf8_is_a_problem_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An archived text in Latin-1 gives one `encoding` problem at that file, not a UnicodeDecodeError."""
    claims, archive = _archived_corpus(tmp_path, "put the number at 3,360", "Tél: 3,360\n".encode("latin-1"))
    assert 1 == main(["check", str(claims), "--archive", str(archive)])
    err = capsys.readouterr().err
    assert f"{(archive / 's.txt').as_posix()}:1:1: error: the archived text is not UTF-8 (byte 0xe9" in err
    assert "1 problem found" in err


ARMENIAN = "Հայաստանի առողջապահության նախարարությունը հայտնել է 3360 զոհի մասին"
#: The same sentence as an export that lost some letters to "?" left it.
ARMENIAN_MANGLED = "Հ?յաստանի առողջապահության նախ?րարությունը հայտնել է 3360 զ?հի մասին"
#: Different words of the same lengths: "denial" (հերքում) for "reported", "wound" (վերք) for "victims".
ARMENIAN_FAKE = "Հայաստանի առողջապահության նախարարությունը հերքում է 3360 վերք մասին"


def test_the_fabricated_armenian_quote_has_the_shape_of_the_real_one() -> None:
    """The fabricated quote has the real one's word lengths, so folding letters alone cannot tell them apart."""
    assert [len(w) for w in ARMENIAN.split()] == [len(w) for w in ARMENIAN_FAKE.split()]
    assert ARMENIAN != ARMENIAN_FAKE


@pytest.mark.parametrize(
    ("quote", "archived", "found"),
    [
        (ARMENIAN, ARMENIAN, True),
        (ARMENIAN, ARMENIAN_MANGLED, True),
        (ARMENIAN_FAKE, ARMENIAN, False),
        (ARMENIAN_FAKE, ARMENIAN_MANGLED, False),
        ("Azərbaycan-Ermənistan müharibəsi", "Az?rbaycan-Erm?nistan müharib?si", True),
        ("Azurbaycan-Ermənistan", "Az?rbaycan-Erm?nistan", False),  # "?" stands for a lost letter, not an ASCII one
        ("Az?rbaycan", "Azərbaycan", False),  # "?" in the quote is a question mark
        ("in de regio's Füsuli en Jabrayil", "gebieden in de regio’s Füsuli en Jabrayil.", True),
        ("in de regio's Füsuli en Jabrayil", "gebieden in de regio’s F?suli en Jabrayil.", True),
        ("in de regio's Fasuli en Jabrayil", "gebieden in de regio’s F?suli en Jabrayil.", False),
    ],
)
def test_a_question_mark_only_in_the_archive_stands_for_a_letter(quote: str, archived: str, found: bool) -> None:
    """A quote's non-ASCII letter matches itself or a `?` in the archived text, never a different letter."""
    assert found == quote_found(normalise_text(quote), normalise_text(archived))


def test_a_long_quote_of_lost_letters_is_checked_in_bounded_time() -> None:
    """A 100,000-letter quote against a megabyte of text full of `?` is refused quickly (a linear search)."""
    archived = normalise_text(("Az?rbaycan müharib?si " + ARMENIAN_MANGLED + " ") * 12_000)
    start = time.monotonic()
    assert False is quote_found(normalise_text("Հ" * 100_000), archived)
    assert True is quote_found(normalise_text(ARMENIAN + " Azərbaycan"), archived)
    assert time.monotonic() - start < BOUND


@pytest.mark.parametrize(
    ("quote", "archived", "code"),
    [(ARMENIAN_FAKE, ARMENIAN_MANGLED, 1), (ARMENIAN, ARMENIAN_MANGLED, 0)],
)
def test_check_refuses_a_fabricated_armenian_quote(
    tmp_path: Path, quote: str, archived: str, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check --archive` fails on the fabricated Armenian quote and passes the real one against a mangled text."""
    claims, archive = _archived_corpus(tmp_path, quote, archived.encode("utf-8"), translation="3,360 dead")
    assert code == main(["check", str(claims), "--archive", str(archive)])
    err = capsys.readouterr().err
    assert code == ("quote not found in the archived text of 'wp-2020-war'" in err)


# --- -o ------------------------------------------------------------------------------------------


def test_an_unwritable_output_names_the_path_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`report -o missing-dir/x.md` names `missing-dir/x.md`, not the temporary file."""
    target = tmp_path / "missing-dir" / "x.md"
    assert 1 == main(["report", str(VALID), "-o", str(target)])
    assert f"claimcheck: cannot write {target}: No such file or directory\n" == capsys.readouterr().err


def test_a_250_character_file_name_can_be_written(tmp_path: Path) -> None:
    """A name under the 255-byte limit is written: the temporary file's name does not grow with it."""
    target = tmp_path / ("r" * 247 + ".md")
    assert 0 == main(["report", str(VALID), "-o", str(target)])
    assert [target.name] == [p.name for p in tmp_path.iterdir()]


def test_the_output_may_not_be_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`report -o` onto one of the claim files read is refused and the file is left as it was."""
    claims = _claims(tmp_path / "claims")
    before = claims.read_bytes()
    assert 1 == main(["report", str(tmp_path / "claims"), "-o", str(claims)])
    assert "it is one of the claim files being read" in capsys.readouterr().err
    assert before == claims.read_bytes()


def test_an_output_link_is_written_through(tmp_path: Path) -> None:
    """`-o LINK` replaces the link's target and keeps the link, as a shell's `>` would."""
    target = tmp_path / "published" / "report.md"
    target.parent.mkdir()
    target.write_text("old report\n", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    assert 0 == main(["report", str(VALID), "-o", str(link)])
    assert (True, target) == (link.is_symlink(), link.resolve())
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert ["report.md"] == [p.name for p in target.parent.iterdir()]


# --- which files are read ------------------------------------------------------------------------


def test_an_explicit_link_out_of_the_tree_is_not_echoed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check link.yaml` where the link leads out of the current folder is refused without reading it."""
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:hunter2:/root:/bin/sh\n", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    (work / "p.yaml").symlink_to(secret)
    monkeypatch.chdir(work)
    assert 1 == main(["check", "p.yaml"])
    err = capsys.readouterr().err
    assert "p.yaml:1:1: error: a symbolic link to a file outside the current folder is not read" in err
    assert "hunter2" not in err


def test_an_explicit_link_to_a_file_that_is_not_a_claim_file_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link inside the tree to a file not named like a claim file (`.git/config`) is refused too."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("extraheader = AUTHORIZATION: basic hunter2\n", encoding="utf-8")
    (tmp_path / "c.yaml").symlink_to(tmp_path / ".git" / "config")
    monkeypatch.chdir(tmp_path)
    assert 1 == main(["check", "c.yaml"])
    err = capsys.readouterr().err
    assert "c.yaml:1:1: error: a symbolic link to a file not named *.yaml, *.yml, *.csv or *.json is not read" in err
    assert "hunter2" not in err


def test_an_explicit_link_inside_the_tree_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link to a claim file elsewhere in the current folder is read like the file itself."""
    _claims(tmp_path / "claims")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "claims" / "example.yaml")
    monkeypatch.chdir(tmp_path)
    assert 0 == main(["check", "link.yaml"])
    assert capsys.readouterr().err.startswith("ok: 2 claims")


@pytest.mark.parametrize("how", ["link", "direct"])
def test_a_device_is_refused_without_reading(tmp_path: Path, how: str) -> None:
    """`check z.yaml` (a link to /dev/zero) or `check /dev/zero` ends at once with exit 1, reading nothing."""
    path = "/dev/zero"
    if how == "link":
        (tmp_path / "z.yaml").symlink_to("/dev/zero")
        path = "z.yaml"
    start = time.monotonic()
    result = _run("check", path, cwd=tmp_path)
    assert (1, b"") == (result.returncode, result.stdout)
    assert time.monotonic() - start < BOUND
    reason = b"outside the current folder" if how == "link" else b"a device is not read as a claim file"
    assert reason in result.stderr
    assert b"Traceback" not in result.stderr


def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    """`check f.yaml` on a FIFO with no writer ends at once with exit 1 instead of hanging."""
    os.mkfifo(tmp_path / "f.yaml")
    start = time.monotonic()
    result = _run("check", "f.yaml", cwd=tmp_path)
    assert time.monotonic() - start < BOUND
    assert (1, b"f.yaml:1:1: error: a named pipe is not read as a claim file") == (
        result.returncode,
        result.stderr.split(b" (")[0],
    )


def test_dangling_links_and_pipes_in_a_folder_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A dangling `*.yaml` link and a `*.yaml` FIFO inside a claims folder are problems, not silently skipped."""
    folder = tmp_path / "claims"
    _claims(folder)
    (folder / "gone.yaml").symlink_to(folder / "deleted.yaml")
    os.mkfifo(folder / "pipe.yaml")
    assert 1 == main(["check", str(folder)])
    lines = capsys.readouterr().err.splitlines()
    assert [
        f"{folder.as_posix()}/gone.yaml:1:1: error: a symbolic link to a file that does not exist",
        f"{folder.as_posix()}/pipe.yaml:1:1: error: a named pipe is not read as a claim file",
        "2 problems found",
    ] == [line.split(" (")[0] for line in lines]


def _without_root_override() -> None:
    """In the child, before it runs: drop the capabilities that let root read any folder (Linux prctl)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, from the bounding set (PR_CAPBSET_DROP)
        if libc.prctl(24, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def test_an_unreadable_sub_folder_is_reported(tmp_path: Path) -> None:
    """A sub-folder that cannot be listed is a problem (exit 1), not skipped with exit 0."""
    folder = tmp_path / "claims"
    _claims(folder)
    _claims(folder / "locked", name="more.yaml")
    (folder / "locked").chmod(0)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "claimcheck.cli", "check", "claims"],
            capture_output=True,
            cwd=tmp_path,
            env=_env(),
            timeout=BOUND * 3,
            check=False,
            # Permissions do not bind the superuser; without these two capabilities they do.
            preexec_fn=_without_root_override if os.geteuid() == 0 else None,
        )
    finally:
        (folder / "locked").chmod(0o755)
    assert (1, b"claims/locked:1:1: error: cannot read the folder: Permission denied\n1 problem found\n") == (
        result.returncode,
        result.stderr,
    )


@pytest.mark.parametrize("twice", [["f", "f"], ["f", "d"], ["d", "./d"], ["l", "f"]])
def test_the_same_file_is_read_once(
    tmp_path: Path, twice: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file given twice, with its folder, by two spellings or through a link is read once: no duplicate ids."""
    path = _claims(tmp_path / "d")
    (tmp_path / "l.yaml").symlink_to(path)
    names = {"f": "d/example.yaml", "d": "d", "./d": "./d", "l": "l.yaml"}
    monkeypatch.chdir(tmp_path)
    assert 0 == main(["check", *(names[t] for t in twice)])
    assert capsys.readouterr().err.startswith("ok: 2 claims")


# --- the terminal --------------------------------------------------------------------------------

HOSTILE = r"\e]8;;http://evil.example\e\\click\e]8;;\e\\ \e[2J\u202eright\u202c\r\nx.yaml:1:1: error: forged"


def test_fail_on_prints_labels_without_control_sequences(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Findings listed by `--fail-on` carry no escape, OSC-8 link, bidi override or line break from a label."""
    text = VALID.read_text(encoding="utf-8").replace("label: Armenian military deaths", f'label: "{HOSTILE}"')
    text = text[: text.index("  - id: am-mil-killed-az-mod")]  # one claimant: a single-source finding
    claims = _claims(tmp_path, text)
    assert 1 == main(["report", str(claims), "-o", str(tmp_path / "r.md"), "--fail-on", "single-source"])
    err = capsys.readouterr().err
    assert [] == [c for c in err if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F or c in "\u202e\u202c"]
    assert ["am-mil-killed-2020: low single-source:", "1 finding(s)"] == [
        " ".join(line.split()[:3]) if i == 0 else " ".join(line.split()[:2]) for i, line in enumerate(err.splitlines())
    ]


def test_a_file_name_cannot_forge_a_problem_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file name with a newline and an escape sequence is printed on one line, without the escape."""
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "a\nx.yaml:1:1: error: forged \x1b[31mred\u202e.yaml").write_text("claims: 5\n", encoding="utf-8")
    assert 1 == main(["check", str(folder)])
    lines = capsys.readouterr().err.splitlines()
    assert 2 == len(lines)
    assert lines[0].startswith(f"{folder.as_posix()}/a x.yaml:1:1: error: forged [31mred.yaml:1:9: error:")
    assert ("\x1b" in lines[0], "\u202e" in lines[0]) == (False, False)


# --- interruption and odd standard streams -------------------------------------------------------

#: A child that runs the command line but stops at a known place (reading a file, or syncing the
#: report to disk) and says so on stdout, so the test can signal it exactly there.
_PAUSED = """
import os, sys, time
import claimcheck.load
loader = sys.modules["claimcheck.load"]  # the package exports a function of the same name
where = sys.argv[1]
def paused(real):
    def wrapper(*args, **kwargs):
        print(where, flush=True)
        time.sleep(60)
        return real(*args, **kwargs)
    return wrapper
if where == "loading":
    loader._read_file = paused(loader._read_file)
else:
    os.fsync = paused(os.fsync)
from claimcheck.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize(
    ("where", "signum", "code", "message"),
    [
        ("loading", signal.SIGINT, 130, b"claimcheck: interrupted\n"),
        ("writing", signal.SIGINT, 130, b"claimcheck: interrupted\n"),
        ("writing", signal.SIGTERM, 143, b"claimcheck: terminated\n"),
    ],
)
def test_an_interruption_ends_cleanly(tmp_path: Path, where: str, signum: int, code: int, message: bytes) -> None:
    """Ctrl-C or SIGTERM while loading or writing prints one line, exits 130 or 143 and leaves no temporary file."""
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    target.write_text("previous report\n", encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", _PAUSED, where, "report", str(CLAIMS), "-o", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    try:
        ready, _, _ = select.select([child.stdout], [], [], BOUND * 3)
        assert ready
        assert child.stdout is not None
        assert f"{where}\n".encode() == child.stdout.readline()
        child.send_signal(signum)
        _, err = child.communicate(timeout=BOUND)
    finally:
        child.kill()
        child.wait()
    assert (code, message) == (child.returncode, err)
    assert ["report.md"] == [p.name for p in target.parent.iterdir()]
    assert "previous report\n" == target.read_text(encoding="utf-8")


def test_a_closed_stdout_is_a_clear_error() -> None:
    """`claimcheck report >&-` exits 1 with a message instead of a traceback."""
    result = subprocess.run(
        ["sh", "-c", 'exec "$0" -m claimcheck.cli report "$1" >&-', sys.executable, str(VALID)],
        capture_output=True,
        env=_env(),
        timeout=BOUND * 3,
        check=False,
    )
    assert (1, b"claimcheck: cannot write <stdout>: standard output is closed (give -o FILE)\n") == (
        result.returncode,
        result.stderr,
    )


def test_a_report_on_a_cp1252_stdout_is_utf8(tmp_path: Path) -> None:
    """With `PYTHONIOENCODING=cp1252`, the report reaches stdout as the same UTF-8 bytes `-o` writes."""
    written = tmp_path / "r.md"
    assert 0 == main(["report", str(CLAIMS), "-o", str(written)])
    result = _run("report", str(CLAIMS), PYTHONIOENCODING="cp1252")
    assert (0, b"") == (result.returncode, result.stderr)
    assert written.read_bytes() == result.stdout
    with pytest.raises(UnicodeEncodeError):  # the report has letters cp1252 has no byte for
        result.stdout.decode("utf-8").encode("cp1252")


def test_show_on_a_cp1252_terminal_escapes_what_it_cannot_encode() -> None:
    """`show` on a cp1252 terminal writes letters it cannot encode as escapes instead of failing."""
    result = _run("show", "2020-barda-civ-wounded", str(CLAIMS), PYTHONIOENCODING="cp1252")
    assert (0, b"") == (result.returncode, result.stderr)
    assert b"\\u221e" in result.stdout  # the infinity sign of an open interval
