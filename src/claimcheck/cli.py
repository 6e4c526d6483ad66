"""The ``claimcheck`` command: check claim files, report on them, show one figure, export, coverage, the schema.

Exit codes: 0 clean (warnings allowed, unless ``check --strict``); 1 problems
in the claim files, findings matched by ``--fail-on``, or numbers and statements
of the sources that ``coverage`` found uncovered; 2 a usage error; 130
interrupted (Ctrl-C), 143 terminated (SIGTERM). Problems go to stderr as
``path:line:col: error: message`` (``warning:`` for warnings); a
user's mistake never shows a traceback, and nothing is written when the claim
files have problems. Text from claim files and file names reaches the
terminal only through :func:`~claimcheck.text.plain`, so it cannot forge a
line or send escape sequences.
"""

from __future__ import annotations

import argparse
import errno
import gc
import io
import os
import sys

from .severities import SEVERITIES
from .text import counted, plain

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from types import FrameType
    from typing import TextIO

    from .diff import FindingKey
    from .errors import Problem
    from .estimate import EstimatePolicy
    from .model import Corpus
    from .reconcile import Reconciliation

# Each command imports what it uses when it runs: `--help`, `--version` and a usage error import
# neither YAML, attrs nor cattrs, `check` no reconciliation, and only `report -f html` the templates.
__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_TERMINATED",
    "EXIT_UNCOVERED",
    "EXIT_USAGE",
    "main",
]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
#: Findings matched by ``--fail-on`` exit like problems do, so CI and pre-commit can gate on them.
EXIT_FINDINGS = 1
#: Numbers or statements of the sources that no claim covers exit like problems do, so CI can gate on coverage.
EXIT_UNCOVERED = 1
#: What a shell reports for a process ended by SIGINT (Ctrl-C) or SIGTERM: 128 + the signal number.
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143
#: The estimate policies ``--policy`` names.
POLICY_NAMES = ("best", "bounds")


def _policy(name: str, rules: str | None = None) -> EstimatePolicy:
    """The estimate policy called ``name`` (one of :data:`POLICY_NAMES`); ``rules``, a YAML rules file, changes
    the best policy's rule table (:func:`claimcheck.rules.load_rules`)."""
    from .estimate import BestPolicy, BoundsPolicy

    if rules:
        from .rules import load_rules

        return BestPolicy(rules=load_rules(rules))
    policies: dict[str, EstimatePolicy] = {"best": BestPolicy(), "bounds": BoundsPolicy()}
    return policies[name]


_FORMAT_HELP = "default: the extension of -o FILE if it names a format, else {}"
#: The formats file name extensions name, when ``-f`` is not given.
_EXTENSIONS = {".md": "md", ".markdown": "md", ".json": "json", ".html": "html", ".htm": "html", ".csv": "csv"}


def _with_format(args: argparse.Namespace, choices: Sequence[str], default: str) -> None:
    """Without ``-f``, the format ``-o FILE``'s extension names (``report -o out.html``), else ``default``."""
    if args.format is None:
        named = _EXTENSIONS.get(os.path.splitext(args.output or "")[1].lower())
        args.format = named if named in choices else default


def _finding_codes() -> tuple[str, ...]:
    """Every finding code, in the catalogue's order."""
    from .findings import CATALOGUE

    return tuple(kind.code for kind in CATALOGUE)


class _Progress:
    """Steps of a long run on stderr, only on an interactive terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.on = stream, stream.isatty()

    def step(self, text: str) -> None:
        if self.on:
            self.stream.write(f"\r\033[K{text}…")
            self.stream.flush()

    def done(self) -> None:
        if self.on:
            self.stream.write("\r\033[K")
            self.stream.flush()


class _Terminated(BaseException):
    """SIGTERM, raised where the program is, so that cleanups (the atomic writer's) run as for Ctrl-C."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    """The SIGTERM handler: raise :class:`_Terminated` where the program is."""
    raise _Terminated


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("claimcheck")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        from . import __version__

        return __version__


def _print_problems(problems: Sequence[Problem], warnings: Sequence[Problem] = ()) -> None:
    for problem in sorted([*problems, *warnings], key=lambda p: p.sort_key):
        print(plain(str(problem)), file=sys.stderr)
    count = len(problems)
    if count or not warnings:
        print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
    if warnings:
        print(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}", file=sys.stderr)


def _load(args: argparse.Namespace, progress: _Progress) -> Corpus:
    from .load import load

    progress.step("loading claim files")
    return load(args.paths or ["claims"])


def _reconcile(args: argparse.Namespace, corpus: Corpus, progress: _Progress) -> Reconciliation:
    from .reconcile import reconcile

    progress.step(f"reconciling {len(corpus.claims):,} claims")
    return reconcile(corpus, policy=_policy(args.policy, args.rules))


def _kept(write: Callable[[], None]) -> None:
    """``write()`` a report with the objects alive now (the corpus, its reconciliation) left out of the
    cyclic collector's scans: they live until the command ends, and writing makes many objects (a figure's
    findings are made when first read), each batch of which would otherwise rescan them all. Nothing is
    frozen if the caller already froze objects of its own."""
    if gc.get_freeze_count():
        write()
        return
    gc.freeze()
    try:
        write()
    finally:
        gc.unfreeze()


def _emit(args: argparse.Namespace, text: str | Iterable[str], progress: _Progress | None = None) -> None:
    """Write a report or export, whole or in pieces as they are made, to ``-o FILE`` or to stdout as UTF-8.

    Stdout gets UTF-8 whatever its encoding. ``progress`` is ended when the pieces start on stdout, or
    when the file is in place.
    """
    chunks = (text,) if isinstance(text, str) else text
    if args.output and args.output != "-":
        from .output import write_chunks_atomic

        write_chunks_atomic(args.output, chunks)
        if progress is not None:
            progress.done()
        return
    if progress is not None:
        progress.done()
    if sys.stdout is None:  # started with stdout closed (`>&-`)
        raise OSError(errno.EBADF, "standard output is closed (give -o FILE)", "<stdout>")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.writelines(chunks)
        return
    # A report is a UTF-8 document: a terminal set to another encoding gets the same bytes as a file would.
    sys.stdout.flush()
    for chunk in chunks:
        buffer.write(chunk.encode("utf-8"))
    buffer.flush()


def _refuse_input_as_output(args: argparse.Namespace) -> None:
    """Refuse ``-o`` naming one of the claim files read, which the report would silently replace."""
    if not args.output or args.output == "-" or not os.path.isfile(args.output):
        return
    from .load import claim_files

    for path in claim_files(args.paths or ["claims"]):
        if os.path.samefile(path, args.output):
            raise OSError(errno.EEXIST, "it is one of the claim files being read; choose another file", args.output)


def _baseline(args: argparse.Namespace) -> dict[FindingKey, int] | None:
    """The findings of ``--baseline`` (a side as ``diff`` takes it), read first, or ``None`` without one."""
    if not args.baseline:
        return None
    from .diff import read_side, report_finding_keys

    return report_finding_keys(read_side(args.baseline, _policy(args.policy, args.rules)))


def _fail_on(args: argparse.Namespace, result: Reconciliation, baseline: dict[FindingKey, int] | None) -> int:
    if not args.fail_on:
        return EXIT_OK
    from .findings import Finding, severity_rank

    matched: list[Finding] = []
    for rule in args.fail_on:
        if rule in SEVERITIES:
            matched.extend(result.select(severity=rule))
        else:
            matched.extend(result.select(rule))
    unique = {(f.subject, f.code, f.claims): f for f in matched}
    if baseline is not None:
        # Only what the baseline did not have, or had at a lower severity, gates: the rest is known.
        unique = {key: f for key, f in unique.items() if severity_rank(f.severity) > baseline.get(key, -1)}
    if not unique:
        return EXIT_OK
    for finding in sorted(unique.values(), key=lambda f: (f.subject, f.code, f.claims)):
        print(plain(f"{finding.subject}: {finding.severity} {finding.code}: {finding.message}"), file=sys.stderr)
    new = " new" if baseline is not None else ""
    print(f"{len(unique)}{new} finding(s) matched --fail-on {','.join(args.fail_on)}", file=sys.stderr)
    return EXIT_FINDINGS


def _cmd_check(args: argparse.Namespace) -> int:
    progress = _Progress(sys.stderr)
    corpus = _load(args, progress)
    problems: list[Problem] = []
    if args.archive:
        from .quotes import verify_quotes

        problems = verify_quotes(corpus, args.archive)
    progress.done()
    if problems:
        _print_problems(problems, corpus.warnings)
        return EXIT_PROBLEMS
    if corpus.warnings:
        _print_problems((), corpus.warnings)
        if args.strict:
            return EXIT_PROBLEMS
    quotes = f"; {len(corpus.claims)} quotes found in {plain(args.archive)}" if args.archive else ""
    print(
        f"ok: {counted(len(corpus.claims), 'claim')}, {counted(len(corpus.figures), 'figure')}, "
        f"{counted(len(corpus.propositions), 'proposition')}, {counted(len(corpus.actors), 'actor')}, "
        f"{counted(len(corpus.sources), 'source')} checked{quotes}",
        file=sys.stderr,
    )
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    from .render import Shown, stream

    _with_format(args, ("md", "json", "html"), "md")
    _refuse_input_as_output(args)
    baseline = _baseline(args)
    progress = _Progress(sys.stderr)
    corpus = _load(args, progress)
    result = _reconcile(args, corpus, progress)
    progress.step(f"writing the {args.format} report")
    shown = Shown(min_severity=args.min_severity, only=frozenset(args.only or ()), skip=frozenset(args.skip or ()))
    _kept(lambda: _emit(args, stream(result, corpus, args.format, shown=shown), progress))
    return _fail_on(args, result, baseline)


def _cmd_show(args: argparse.Namespace) -> int:
    from .render.terminal import stream_figure, stream_proposition

    progress = _Progress(sys.stderr)
    corpus = _load(args, progress)
    result = _reconcile(args, corpus, progress)
    progress.done()
    propositions = {p.proposition.id: p for p in result.propositions}
    if args.figure in propositions:
        sys.stdout.writelines(stream_proposition(propositions[args.figure], corpus))
        return EXIT_OK
    try:
        figure = result.figure(args.figure)
    except KeyError:
        known = sorted([f.figure.id for f in result.figures] + list(propositions))
        import difflib

        close = difflib.get_close_matches(args.figure, known, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        print(plain(f"claimcheck: no figure or proposition {args.figure!r}{hint}"), file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.writelines(stream_figure(figure, corpus))
    return EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    from .diff import diff_json, diff_markdown, diff_reports, read_side

    _with_format(args, ("md", "json"), "md")
    progress = _Progress(sys.stderr)
    progress.step(f"reading {plain(args.old)}")
    old = read_side(args.old, _policy(args.policy, args.rules))
    progress.step(f"reading {plain(args.new)}")
    new = read_side(args.new, _policy(args.policy, args.rules))
    progress.done()
    diff = diff_reports(old, new, old_name=args.old, new_name=args.new)
    _emit(args, diff_json(diff) if args.format == "json" else diff_markdown(diff))
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from .export import stream_export

    _with_format(args, ("json", "csv", "prov"), "json")
    _refuse_input_as_output(args)
    progress = _Progress(sys.stderr)
    corpus = _load(args, progress)
    progress.step(f"exporting {len(corpus.claims):,} claims")
    _emit(args, stream_export(corpus, args.format), progress)
    return EXIT_OK


def _cmd_coverage(args: argparse.Namespace) -> int:
    from .coverage import coverage, render_coverage

    progress = _Progress(sys.stderr)
    corpus = _load(args, progress)
    progress.step("reading the archived texts")
    result = coverage(corpus, args.archive, args.ignore)
    progress.done()
    if result.problems:
        _print_problems(result.problems)
        return EXIT_PROBLEMS
    _emit(args, render_coverage(result, args.max))
    return EXIT_UNCOVERED if result.uncovered else EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    if args.report:
        from .render import REPORT_SCHEMA

        schema = REPORT_SCHEMA
    else:
        from .schema import claim_file_schema

        schema = claim_file_schema()
    import json

    _emit(args, json.dumps(schema, indent=2, sort_keys=True) + "\n")
    return EXIT_OK


def _codes(text: str) -> list[str]:
    codes = [c.strip() for c in text.split(",") if c.strip()]
    known = _finding_codes()
    for code in codes:
        if code not in known:
            raise argparse.ArgumentTypeError(f"{code!r} is not a finding code ({', '.join(known)})")
    return codes


def _fail_rule(text: str) -> list[str]:
    rules = [r.strip() for r in text.split(",") if r.strip()]
    known = _finding_codes()
    for rule in rules:
        if rule not in SEVERITIES and rule not in known:
            raise argparse.ArgumentTypeError(
                f"{rule!r} is neither a severity ({', '.join(SEVERITIES)}) nor a finding code ({', '.join(known)})"
            )
    return rules


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return number


def _path(text: str) -> str:
    if not text:
        # Path("") would mean the current folder: almost always an unset variable in a script.
        raise argparse.ArgumentTypeError("an empty path names no file or folder")
    return text


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked for (reading metadata takes time)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        # As argparse's own version action: to stdout (stderr if stdout is closed), then exit 0.
        parser._print_message(f"claimcheck {_version()}\n", sys.stdout)
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimcheck",
        description="Contested figures as claims with provenance, reconciled into discrepancy reports.",
        epilog="Exit codes: 0 clean; 1 problems in claim files or findings matched by --fail-on; 2 usage error.",
    )
    parser.add_argument("--version", action=_Version, help="show program's version number and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_paths(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "paths",
            nargs="*",
            type=_path,
            metavar="PATH",
            help="claim files or folders, and .csv or .json claims tables (default: claims/)",
        )

    def with_policy(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--policy", choices=POLICY_NAMES, default="best", help="estimate policy (default: best)")
        sub.add_argument(
            "--rules", type=_path, metavar="FILE", help="change the best policy's rule table with this YAML rules file"
        )

    def with_output(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE atomically (default: stdout)")

    check = commands.add_parser("check", help="validate claim files (exit 1 on problems)")
    with_paths(check)
    check.add_argument("--archive", metavar="DIR", help="also verify every quote against the archived texts in DIR")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.set_defaults(run=_cmd_check)

    report = commands.add_parser("report", help="write the consistency report")
    with_paths(report)
    report.add_argument("-f", "--format", choices=("md", "json", "html"), help=_FORMAT_HELP.format("md"))
    with_output(report)
    with_policy(report)
    report.add_argument(
        "--fail-on",
        type=_fail_rule,
        metavar="CODE|SEVERITY[,...]",
        help="exit 1 if a finding has this code, or at least this severity (e.g. contradiction, high)",
    )
    report.add_argument(
        "--baseline",
        type=_path,
        metavar="BASELINE",
        help="with --fail-on, count only findings that BASELINE (a JSON report, claim folder or git REV[:PATH]) lacks",
    )
    report.add_argument("--min-severity", choices=SEVERITIES, help="show only findings of this severity and above")
    report.add_argument("--only", type=_codes, metavar="CODE[,...]", help="show only findings with these codes")
    report.add_argument("--skip", type=_codes, metavar="CODE[,...]", help="hide findings with these codes")
    report.set_defaults(run=_cmd_report)

    diff = commands.add_parser("diff", help="what changed between two versions: findings, estimates, claims")
    diff.add_argument("old", type=_path, metavar="OLD", help="a JSON report, a claim folder, or a git REV[:PATH]")
    diff.add_argument("new", type=_path, metavar="NEW", help="the same, for the newer version")
    diff.add_argument("-f", "--format", choices=("md", "json"), help=_FORMAT_HELP.format("md"))
    with_output(diff)
    with_policy(diff)
    diff.set_defaults(run=_cmd_diff)

    show = commands.add_parser("show", help="show one figure's (or proposition's) claims, findings and estimate")
    show.add_argument("figure", metavar="ID", help="figure or proposition id")
    with_paths(show)
    with_policy(show)
    show.set_defaults(run=_cmd_show)

    exporter = commands.add_parser("export", help="export the claims (JSON, CSV, W3C PROV-JSON)")
    with_paths(exporter)
    exporter.add_argument("-f", "--format", choices=("json", "csv", "prov"), help=_FORMAT_HELP.format("json"))
    with_output(exporter)
    exporter.set_defaults(run=_cmd_export)

    cover = commands.add_parser(
        "coverage", help="list numbers and attributed sentences of the sources no quote covers (exit 1 if any)"
    )
    with_paths(cover)
    cover.add_argument("--archive", metavar="DIR", required=True, type=_path, help="the archived texts of the sources")
    cover.add_argument("--ignore", metavar="DIR", type=_path, help="ignore files, one per source, named SOURCE-ID.yaml")
    cover.add_argument(
        "--max", type=_positive, default=100, metavar="N", help="list at most N items (default: 100); counts are all"
    )
    with_output(cover)
    cover.set_defaults(run=_cmd_coverage)

    schema = commands.add_parser("schema", help="print the JSON Schema of claim files (or of the JSON report)")
    schema.add_argument("--report", action="store_true", help="the JSON report's schema instead")
    with_output(schema)
    schema.set_defaults(run=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            # A terminal that cannot show a letter gets an escape for it, not a UnicodeEncodeError.
            stream.reconfigure(errors="backslashreplace")
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "rules", None) and args.policy != "best":
        parser.error("--rules changes the best policy's rule table; it does not apply to --policy bounds")
    import signal
    import threading

    from .errors import DiffError, LoadError

    # Signal handlers can only be set from the main thread (an embedding program may call main elsewhere).
    on_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if on_main else None
    try:
        code: int = args.run(args)
    except LoadError as exc:
        _print_problems(exc.problems)
        return EXIT_PROBLEMS
    except DiffError as exc:
        print(f"claimcheck: {plain(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK
    except OSError as exc:
        shown = plain(str(exc.filename or "the output"))
        print(f"claimcheck: cannot write {shown}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("claimcheck: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except _Terminated:
        print("claimcheck: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
