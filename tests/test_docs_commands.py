"""What the docs say you can run, runs: the tutorial's commands and every documented call and link."""

from __future__ import annotations

import ast
import glob
import inspect
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import claimcheck
from claimcheck.values import DEFAULT_VAGUE_WORDS

from .test_docs import PAGES, ROOT

TUTORIAL = ROOT / "docs" / "tutorial.md"

# The tutorial, step by step in the order a reader follows it: files to write (```yaml or ```text), edits
# to make ("change `A` to `B` in `FILE`"), ```console blocks to run (`$ claimcheck ...` lines, each followed
# by the output it shows) and ```python blocks to run.
_STEP = re.compile(
    r"^```(?:yaml|text)\n# file: (?P<file>\S+)\n(?P<content>.*?)^```\n"
    r"|[Cc]hange\s+`(?P<old>[^`]+)`\s+(?:back\s+)?to\s+`(?P<new>[^`]+)`\s+in\s+`(?P<target>[^`]+)`"
    r"|^```console\n(?P<console>.*?)^```\n"
    r"|^```python\n(?P<python>.*?)^```\n",
    re.DOTALL | re.MULTILINE,
)
_EXIT = re.compile(r"#\s*exit (\d+)")


def _line(text: str, offset: int) -> int:
    return text[:offset].count("\n") + 1


def _console(block: str) -> list[tuple[str, str]]:
    """The commands of a ```console block, each with the output shown under it (lines ending in newlines)."""
    commands: list[tuple[str, str]] = []
    for line in block.splitlines(keepends=True):
        if line.startswith("$ "):
            commands.append((line[2:].strip(), ""))
        else:
            assert commands, f"output before any command in a console block: {line!r}"
            command, shown = commands[-1]
            commands[-1] = (command, shown + line)
    return commands


def _environment() -> dict[str, str]:
    """The environment for a child interpreter that imports the claimcheck these tests import, from any folder."""
    source = Path(claimcheck.__file__).resolve().parents[1]
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(source), os.environ.get("PYTHONPATH", "")])}


def _run(command: str, folder: Path) -> tuple[int, str]:
    """Run one shown `claimcheck ...` command in ``folder`` as the installed command would; exit code and output.

    stdout and stderr come back interleaved as on a terminal; `> FILE` sends stdout to the file.
    """
    words = shlex.split(command, comments=True)
    assert "claimcheck" == words[0], f"not a claimcheck command: {command}"
    target = None
    if ">" in words:
        at = words.index(">")
        words, target = words[:at], folder / words[at + 1]
    env = {**_environment(), "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"}
    argv = [sys.executable, "-m", "claimcheck.cli", *words[1:]]
    if target is None:
        run = subprocess.run(argv, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        return run.returncode, run.stdout.decode("utf-8")
    with target.open("wb") as out:
        run = subprocess.run(argv, cwd=folder, env=env, stdout=out, stderr=subprocess.PIPE, check=False)
    return run.returncode, run.stderr.decode("utf-8")


def _walk_tutorial(folder: Path) -> list[str]:
    """Follow the tutorial in ``folder``, checking each command's exit code and output; the commands run."""
    text = TUTORIAL.read_text(encoding="utf-8")
    ran = []
    for step in _STEP.finditer(text):
        where = f"docs/tutorial.md:{_line(text, step.start())}"
        if step["file"]:
            path = folder / step["file"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(step["content"], encoding="utf-8")
        elif step["old"]:
            path = folder / step["target"]
            before = path.read_text(encoding="utf-8")
            assert 1 == before.count(step["old"]), f"{where}: `{step['old']}` is not once in {step['target']}"
            path.write_text(before.replace(step["old"], step["new"]), encoding="utf-8")
        elif step["console"]:
            for command, shown in _console(step["console"]):
                code, output = _run(command, folder)
                exit_comment = _EXIT.search(command)
                assert (int(exit_comment[1]) if exit_comment else 0) == code, f"{where}: {command}\n{output}"
                # `...` in shown output stands for the rest of a line; compare with the text as shown
                # wherever it does not match, so that a failure prints a readable diff.
                pattern = ".*".join(re.escape(part) for part in shown.split("..."))
                assert (output if re.fullmatch(pattern, output) else shown) == output, f"{where}: {command}"
                ran.append(command)
        else:
            exec(compile(step["python"], where, "exec"), {"__name__": "__docs__"})
    return ran


def test_the_tutorial_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each command of the tutorial, run where it says on the files it writes, exits and prints as shown."""
    monkeypatch.chdir(tmp_path)
    ran = _walk_tutorial(tmp_path)
    assert {"check", "coverage", "schema", "show", "report"} == {shlex.split(command)[1] for command in ran}
    setting = _vscode_setting("tutorial.md")["yaml.schemas"]
    for schema_file, patterns in setting.items():
        written = json.loads((tmp_path / schema_file).read_text(encoding="utf-8"))
        assert claimcheck.schema.claim_file_schema() == written
        matched = {name for pattern in patterns for name in glob.glob(pattern, root_dir=tmp_path, recursive=True)}
        assert {"claims/war.yaml", "claims/more.yaml", "claims/statements.yaml"} == matched


def test_every_command_of_the_tutorial_is_run() -> None:
    """Every claimcheck command the tutorial shows in a block is in a ```console block, which the walk runs."""
    text = TUTORIAL.read_text(encoding="utf-8")
    blocks = re.findall(r"^```(\w*)\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    shown = [line for kind, block in blocks if kind != "console" for line in block.splitlines()]
    assert [] == [line for line in shown if re.match(r"(\$ )?claimcheck ", line)]


def _vscode_setting(page: str) -> Any:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"^```json\n(.*?)^```", text, re.DOTALL | re.MULTILINE) if "yaml.schemas" in b]
    assert 1 == len(blocks), f"{page} should show the VS Code setting once"
    return json.loads(blocks[0])


def test_the_tutorial_and_the_reference_give_the_same_editor_setting() -> None:
    """The VS Code `yaml.schemas` setting is the same in the tutorial and in the claim-file reference."""
    assert _vscode_setting("claim-files.md") == _vscode_setting("tutorial.md")


def test_every_docs_page_is_linked_from_the_readme() -> None:
    """The README's links reach every page of docs/, so a newcomer finds the tutorial and the references."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = {target.split("#")[0] for target in re.findall(r"\]\(([^)\s]+)\)", readme)}
    pages = {page.relative_to(ROOT).as_posix() for page in (ROOT / "docs").glob("*.md")}
    assert set() == pages - linked


def test_the_vague_word_table_of_the_reference_is_the_default_table() -> None:
    """docs/claim-files.md lists exactly the default vague words, with their intervals."""
    text = (ROOT / "docs" / "claim-files.md").read_text(encoding="utf-8")
    documented = {}
    rows = re.findall(r"^\| (`[a-z ]+`(?:, `[a-z ]+`)*) \| \[(\d+), (?:(\d+)\]|∞\)) \|$", text, re.MULTILINE)
    for words, low, high in rows:
        for word in re.findall(r"`([a-z ]+)`", words):
            documented[word] = (int(low), int(high) if high else None)
    assert dict(DEFAULT_VAGUE_WORDS) == documented


# A documented call: `claimcheck.NAME...(` anywhere in a page (prose, inline code or block), or a public
# name of claimcheck used as `NAME(` / `NAME.method(`. Mentions of `claimcheck.NAME` without a call must
# resolve too.
_PUBLIC = sorted(name for name in claimcheck.__all__ if callable(getattr(claimcheck, name)))
_MENTION = re.compile(
    r"(?<![\w.\-/])(?:(?P<dotted>claimcheck(?:\.\w+)+)|(?P<bare>(?:" + "|".join(_PUBLIC) + r")(?:\.\w+)*)(?=\())"
    r"(?P<call>\()?"
)
_CLOSE = {"(": ")", "[": "]", "{": "}"}


def _arguments(text: str, start: int) -> tuple[list[str], int] | None:
    """The top-level arguments of the call whose `(` is just before ``start``, and the offset after its `)`.

    None when the call is not closed in the same code span or paragraph.
    """
    args, depth, quote, current = [], [")"], "", ""
    at = start
    while at < len(text):
        char = text[at]
        at += 1
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "`" or text.startswith("\n\n", at - 1):
            return None
        elif char in _CLOSE:
            depth.append(_CLOSE[char])
        elif char == depth[-1]:
            depth.pop()
            if not depth:
                return [*args, current.strip()] if current.strip() or args else [], at
        elif char == "," and len(depth) == 1:
            args.append(current.strip())
            current = ""
            continue
        current += char
    return None


def _resolve(name: str) -> tuple[Any, Any]:
    """The object a dotted name documents, reached by attribute access after `import claimcheck`, and its owner."""
    parts = name.split(".")
    owner, obj = None, claimcheck if parts[0] == "claimcheck" else getattr(claimcheck, parts[0])
    for part in parts[1:]:
        owner, obj = obj, getattr(obj, part)
    return owner, obj


def _signature(owner: Any, name: str, obj: Any) -> inspect.Signature:
    """The signature a caller sees: without `self` for a method documented on its class."""
    signature = inspect.signature(obj)
    if inspect.isclass(owner) and inspect.isfunction(inspect.getattr_static(owner, name.rsplit(".", 1)[-1])):
        signature = signature.replace(parameters=list(signature.parameters.values())[1:])
    return signature


def _shown(name: str, signature: inspect.Signature) -> str:
    """The call with its parameter names only (no annotations or defaults), for a short message."""
    names = [p.replace(annotation=p.empty, default=p.empty) for p in signature.parameters.values()]
    return f"{name}{signature.replace(parameters=names, return_annotation=signature.empty)}"


def _check_call(name: str, args: list[str], listing: bool) -> str | None:
    """What is wrong with a documented call (or signature listing), or None."""
    owner, obj = _resolve(name)
    if not callable(obj):
        return f"{name} is not callable"
    signature = _signature(owner, name, obj)
    positional = [a for a in args if a != "*" and not re.match(r"\w+\s*=(?!=)", a)]
    keywords = {m[1]: m[2].strip() for a in args if (m := re.match(r"(\w+)\s*=(?!=)(.*)", a, re.DOTALL))}
    try:
        signature.bind_partial(*positional, **dict.fromkeys(keywords))
    except TypeError as exc:
        return f"{name}({', '.join(args)}) does not fit {_shown(name, signature)}: {exc}"
    if not listing:
        return None
    # A signature listing (`NAME(params) -> type`) names every parameter, in order, `*` where the real one has it.
    written, keyword_only = [], False
    for arg in args:
        keyword_only = keyword_only or arg == "*"
        if arg != "*":
            written.append((re.match(r"\w+", arg)[0] if re.match(r"\w+", arg) else arg, keyword_only))
    real = [(p.name, p.kind is p.KEYWORD_ONLY) for p in signature.parameters.values()]
    if real != written:
        return f"{name}({', '.join(args)}) is listed, but the signature is {_shown(name, signature)}"
    for key, shown in keywords.items():
        try:
            default = ast.literal_eval(shown)
        except (ValueError, SyntaxError):
            continue  # a default written as an expression (`Reading()`) or as a choice (`"md" | "json"`)
        if default != signature.parameters[key].default:
            return f"{name}: {key} is listed as {shown}, but its default is {signature.parameters[key].default!r}"
    return None


def _documented_calls() -> list[tuple[str, str, list[str] | None, bool]]:
    """Every mention of a claimcheck name in the README and docs/: where, the name, its arguments, a listing?"""
    found: list[tuple[str, str, list[str] | None, bool]] = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for mention in _MENTION.finditer(text):
            where = f"{page.relative_to(ROOT).as_posix()}:{_line(text, mention.start())}"
            name = mention["dotted"] or mention["bare"]
            if not mention["call"]:
                found.append((where, name, None, False))
                continue
            parsed = _arguments(text, mention.end())
            if parsed is None:
                found.append((where, name, ["<not closed>"], False))
                continue
            args, end = parsed
            found.append((where, name, args, text.startswith(" -> ", end)))
    return found


def test_every_documented_call_fits_the_api() -> None:
    """Each `claimcheck.NAME(...)` of the docs resolves after `import claimcheck` and fits the real signature.

    Keyword arguments must exist, positional ones must not be too many, and the signature listings of
    docs/api.md (`NAME(params) -> type`) must name every parameter, in order, with their literal defaults.
    """
    problems = []
    for where, name, args, listing in _documented_calls():
        try:
            if args is None:
                _resolve(name)
                continue
            if ["<not closed>"] == args:
                problems.append(f"{where}: the call to {name} is not closed where it is written")
                continue
            problem = _check_call(name, args, listing)
        except AttributeError as exc:
            problem = f"{name} does not exist after `import claimcheck`: {exc}"
        if problem:
            problems.append(f"{where}: {problem}")
    assert [] == problems


def test_the_call_checker_finds_the_listings_and_rejects_wrong_calls() -> None:
    """The checker sees the API listings and catches an unknown keyword, a wrong listing and a wrong default."""
    listed = {name for _, name, _, listing in _documented_calls() if listing}
    assert {"claimcheck.load", "claimcheck.render.render", "claimcheck.quotes.verify_quotes"} <= listed
    assert (
        "claimcheck.load(paths, vague={...}) does not fit claimcheck.load(paths, *, reading, limits, measures): "
        "got an unexpected keyword argument 'vague'"
    ) == _check_call("claimcheck.load", ["paths", "vague={...}"], listing=False)
    assert (
        "claimcheck.quotes.verify_quotes(corpus, archive_dir) is listed, "
        "but the signature is claimcheck.quotes.verify_quotes(corpus, archive, claims)"
    ) == _check_call("claimcheck.quotes.verify_quotes", ["corpus", "archive_dir"], listing=True)
    limits = ["*", "max_file_bytes=1", "max_depth=32", "max_string=100_000"]
    assert "claimcheck.Limits: max_file_bytes is listed as 1, but its default is 16777216" == _check_call(
        "claimcheck.Limits", limits, listing=True
    )
    with pytest.raises(AttributeError):
        _resolve("claimcheck.render.no_such_renderer")


def test_import_claimcheck_leaves_the_renderers_unimported() -> None:
    """`import claimcheck` does not import the renderers; reading `claimcheck.render` imports them then."""
    script = (
        "import sys, claimcheck\n"
        "before = 'claimcheck.render' in sys.modules\n"
        "report = claimcheck.render.render\n"
        "print(before, 'claimcheck.render' in sys.modules, report.__module__)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], env=_environment(), capture_output=True, text=True, check=True)
    assert "False True claimcheck.render\n" == run.stdout


def test_every_public_name_is_reachable_and_others_are_attribute_errors() -> None:
    """Each name of `claimcheck.__all__` is an attribute of the package; an unknown one raises AttributeError."""
    assert [] == [name for name in claimcheck.__all__ if not hasattr(claimcheck, name)]
    with pytest.raises(AttributeError, match="no_such_name"):
        claimcheck.no_such_name  # type: ignore[attr-defined]  # noqa: B018
