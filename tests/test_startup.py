"""Start-up: `import claimcheck` and each command import only what they use, and every public name still resolves."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import pytest

import claimcheck
from claimcheck import cli, diff, errors, findings, patterns, severities

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
CLAIMS = ROOT / "claims"

#: Third-party packages and modules of ours that no command needs before it runs.
HEAVY = {"attr", "attrs", "cattrs", "yaml", "jinja2", "matplotlib", "numpy", "claimcheck.reconcile",
         "claimcheck.load", "claimcheck.model", "claimcheck.values", "claimcheck.render"}  # fmt: skip

#: A child that runs the command line with its arguments and then lists, on stderr, the modules it imported.
_LIST_MODULES = """
import json, sys
from claimcheck.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
sys.exit(code)
"""


def _last_line(code: str, *args: str) -> Any:
    """What a new interpreter running ``code`` with ``args`` writes as JSON on the last line of stderr."""
    path = os.pathsep.join(p for p in (str(SRC), os.environ.get("PYTHONPATH", "")) if p)
    run = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": path},
        cwd=ROOT,
        check=True,
    )
    return json.loads(run.stderr.strip().splitlines()[-1])


def _modules_after(code: str, *args: str) -> set[str]:
    """The modules a new interpreter has imported after running ``code`` with ``args``."""
    return set(_last_line(code, *args))


def _ours(modules: set[str]) -> set[str]:
    return {m for m in modules if m == "claimcheck" or m.startswith("claimcheck.")}


@pytest.mark.parametrize("option", ["--help", "--version"])
def test_help_and_version_import_almost_nothing(option: str) -> None:
    """`--help` and `--version` import none of the heavy packages, and of claimcheck only the command line."""
    modules = _modules_after(_LIST_MODULES, option)
    assert set() == modules & HEAVY
    assert {"claimcheck", "claimcheck.cli", "claimcheck.severities", "claimcheck.text"} == _ours(modules)


def test_a_usage_error_imports_nothing_heavy() -> None:
    """A mistyped command is refused before anything heavy is imported."""
    code = _LIST_MODULES.replace("sys.exit(code)", "sys.exit(0)")
    assert set() == _modules_after(code, "reprot", "claims") & HEAVY


def test_import_claimcheck_imports_only_the_package() -> None:
    """`import claimcheck` runs the package's own module and nothing else of claimcheck or its dependencies."""
    code = "import json, sys, claimcheck; print(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    modules = _modules_after(code)
    assert {"claimcheck"} == _ours(modules)
    assert set() == modules & HEAVY


def test_check_imports_no_reconciliation_nor_renderer() -> None:
    """`claimcheck check` loads claim files without importing reconciliation, reports, templates or charts."""
    modules = _modules_after(_LIST_MODULES, "check", str(CLAIMS))
    assert {"claimcheck.load", "yaml"} <= modules
    assert set() == modules & {"jinja2", "matplotlib", "numpy", "claimcheck.reconcile", "claimcheck.render",
                               "claimcheck.estimate", "claimcheck.diff"}  # fmt: skip


def test_every_public_name_resolves() -> None:
    """Each name of `claimcheck.__all__`, and each `claimcheck.X` the API page uses, is an attribute of the package."""
    api = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    used = set(re.findall(r"\bclaimcheck\.([A-Za-z_]\w*)", api))
    missing = [name for name in sorted(used | set(claimcheck.__all__)) if getattr(claimcheck, name, None) is None]
    assert [] == missing


def test_public_names_are_the_objects_of_their_modules() -> None:
    """A public name read from the package is the very object its module defines, not a copy or a wrapper."""
    import claimcheck.load
    import claimcheck.reconcile.core

    modules = sys.modules
    assert (modules["claimcheck.load"].load, modules["claimcheck.reconcile.core"].reconcile, errors.LoadError) == (
        claimcheck.load,
        claimcheck.reconcile,
        claimcheck.LoadError,
    )


@pytest.mark.parametrize(
    "imports",
    [
        "import claimcheck.reconcile.core, claimcheck.load",  # the submodules first, the functions never read
        "claimcheck.reconcile, claimcheck.load; import claimcheck.reconcile.core, claimcheck.load",  # functions first
        "from claimcheck.cli import main; main(['check', 'claims'])",  # the command line imports claimcheck.load
    ],
)
def test_load_and_reconcile_stay_functions_when_their_submodules_are_imported(imports: str) -> None:
    """`claimcheck.load` and `claimcheck.reconcile` stay callable after their namesake submodules are imported."""
    code = (
        f"import json, sys, claimcheck\n{imports}\n"
        "print(json.dumps([claimcheck.load is sys.modules['claimcheck.load'].load,"
        " claimcheck.reconcile is sys.modules['claimcheck.reconcile.core'].reconcile,"
        " claimcheck.reconcile(claimcheck.load('claims')).figures != ()]), file=sys.stderr)"
    )
    assert [True, True, True] == _last_line(code)


def test_an_unknown_name_raises_attribute_error() -> None:
    """A name that is neither public nor a submodule raises AttributeError, so `hasattr` and `getattr` work."""
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        _ = claimcheck.no_such_name
    assert (False, False) == (hasattr(claimcheck, "no_such_name"), hasattr(claimcheck, "_private"))


def test_dir_lists_the_public_names_before_they_are_read() -> None:
    """`dir(claimcheck)` offers every public name (for completion), whether or not it was imported yet."""
    assert set() == set(claimcheck.__all__) - set(dir(claimcheck))


def test_severities_match_the_severity_type() -> None:
    """The severities the command line offers are the values of the findings' `Severity` type, in order."""
    assert get_args(findings.Severity) == findings.SEVERITIES
    assert findings.SEVERITIES is severities.SEVERITIES


@pytest.mark.parametrize("name", cli.POLICY_NAMES)
def test_each_policy_name_makes_that_policy(name: str) -> None:
    """`--policy NAME` makes the estimate policy of that name."""
    assert name == cli._policy(name).name


def test_diff_error_is_one_class() -> None:
    """`claimcheck.diff.DiffError` is the class the command line catches, wherever it is imported from."""
    assert errors.DiffError is diff.DiffError


def test_a_lazy_pattern_matches_as_the_compiled_one() -> None:
    """A lazily compiled expression finds what `re` finds, and is compiled once."""
    lazy = patterns.LazyPattern(r"(\d+) (?:more|fewer)")
    assert (
        re.fullmatch(lazy.pattern, "12 more").groups(),  # type: ignore[union-attr]
        re.search(lazy.pattern, "about 3 fewer").span(),  # type: ignore[union-attr]
        re.sub(lazy.pattern, "N", "1 more or 2 fewer"),
    ) == (
        lazy.fullmatch("12 more").groups(),  # type: ignore[union-attr]
        lazy.search("about 3 fewer").span(),  # type: ignore[union-attr]
        lazy.sub("N", "1 more or 2 fewer"),
    )
    assert lazy.compiled() is lazy.compiled()


#: Values of each shape of the basic form, with and without a period, and text that is no value.
_SHAPES = ["30%", "dozens", "several thousand", "more than $170 million", "100 or 200", "700-1,000", "3 to 5",
           "between 10 and 20", "from 5 to more than 9", "about 500-800", "around 22.8%", "over 2000 a day",
           "US$1,500 a month", "50,000 drams monthly", "about 500-800 a day", "a dozen", "half", "1,2", "5-",
           "or 5", "between 10", "about 5 a day a day", "two-thirds per year", "several times more",
           "11 more"]  # fmt: skip


def test_basic_form_is_recognised_as_by_the_whole_expression() -> None:
    """Reading a value's shape with the smaller expressions first decides as the grammar's whole basic form does."""
    from claimcheck import values

    texts = [*_SHAPES, *(claim.value.text for claim in claimcheck.load(CLAIMS).claims if claim.value is not None)]
    expected = [values._BASIC_RE.fullmatch(t) is not None for t in texts]
    assert {True, False} == set(expected)
    assert expected == [values._basic_matches(t) for t in texts]
