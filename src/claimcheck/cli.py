"""The ``claimcheck`` command: check claim files, report on them, show one figure, export, print the schema.

Exit codes: 0 clean (warnings allowed, unless ``check --strict``); 1 problems
in the claim files, or findings matched by ``--fail-on``; 2 a usage error;
130 interrupted (Ctrl-C), 143 terminated (SIGTERM). Problems go to stderr as
``path:line:col: error: message`` (``warning:`` for warnings); a
user's mistake never shows a traceback, and nothing is written when the claim
files have problems. Text from claim files and file names reaches the
terminal only through :func:`~claimcheck.text.plain`, so it cannot forge a
line or send escape sequences.
"""

from __future__ import annotations

import argparse
import errno
import io
import json
import os
import signal
import sys
import threading
from collections.abc import Sequence
from importlib import metadata
from types import FrameType
from typing import TextIO

from .errors import LoadError, Problem
from .estimate import BestPolicy, BoundsPolicy, EstimatePolicy
from .findings import CATALOGUE, SEVERITIES, Finding
from .load import claim_files, load
from .model import Corpus
from .output import write_atomic
from .quotes import verify_quotes
from .reconcile import Reconciliation, reconcile
from .text import plain

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_TERMINATED",
    "EXIT_USAGE",
    "main",
]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
#: Findings matched by ``--fail-on`` exit like problems do, so CI and pre-commit can gate on them.
EXIT_FINDINGS = 1
#: What a shell reports for a process ended by SIGINT (Ctrl-C) or SIGTERM: 128 + the signal number.
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143
POLICIES: dict[str, EstimatePolicy] = {"best": BestPolicy(), "bounds": BoundsPolicy()}
_CODES = tuple(kind.code for kind in CATALOGUE)


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
    raise _Terminated


def _version() -> str:
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
    progress.step("loading claim files")
    return load(args.paths or ["claims"])


def _reconcile(args: argparse.Namespace, corpus: Corpus, progress: _Progress) -> Reconciliation:
    progress.step(f"reconciling {len(corpus.claims):,} claims")
    return reconcile(corpus, policy=POLICIES[args.policy])


def _emit(args: argparse.Namespace, text: str) -> None:
    """Write a report or export to ``-o FILE``, or to stdout as UTF-8 whatever stdout's encoding."""
    if args.output and args.output != "-":
        write_atomic(args.output, text)
        return
    if sys.stdout is None:  # started with stdout closed (`>&-`)
        raise OSError(errno.EBADF, "standard output is closed (give -o FILE)", "<stdout>")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    # A report is a UTF-8 document: a terminal set to another encoding gets the same bytes as a file would.
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _refuse_input_as_output(args: argparse.Namespace) -> None:
    """Refuse ``-o`` naming one of the claim files read, which the report would silently replace."""
    if not args.output or args.output == "-" or not os.path.isfile(args.output):
        return
    for path in claim_files(args.paths or ["claims"]):
        if os.path.samefile(path, args.output):
            raise OSError(errno.EEXIST, "it is one of the claim files being read; choose another file", args.output)


def _fail_on(args: argparse.Namespace, result: Reconciliation) -> int:
    if not args.fail_on:
        return EXIT_OK
    matched: list[Finding] = []
    for rule in args.fail_on:
        if rule in SEVERITIES:
            matched.extend(result.select(severity=rule))
        else:
            matched.extend(result.select(rule))
    if not matched:
        return EXIT_OK
    unique = {(f.subject, f.code, f.claims): f for f in matched}
    for finding in sorted(unique.values(), key=lambda f: (f.subject, f.code, f.claims)):
        print(plain(f"{finding.subject}: {finding.severity} {finding.code}: {finding.message}"), file=sys.stderr)
    print(f"{len(unique)} finding(s) matched --fail-on {','.join(args.fail_on)}", file=sys.stderr)
    return EXIT_FINDINGS


def _cmd_check(args: argparse.Namespace) -> int:
    progress = _Progress(sys.stderr)
    corpus = _load(args, progress)
    problems = verify_quotes(corpus, args.archive) if args.archive else []
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
        f"ok: {len(corpus.claims)} claims, {len(corpus.figures)} figures, "
        f"{len(corpus.propositions)} propositions, {len(corpus.actors)} actors, "
        f"{len(corpus.sources)} sources checked{quotes}",
        file=sys.stderr,
    )
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    from .render import render

    _refuse_input_as_output(args)
    progress = _Progress(sys.stderr)
    corpus = _load(args, progress)
    result = _reconcile(args, corpus, progress)
    progress.step(f"rendering the {args.format} report")
    text = render(result, corpus, args.format)
    progress.done()
    _emit(args, text)
    return _fail_on(args, result)


def _cmd_show(args: argparse.Namespace) -> int:
    from .render.terminal import render_figure

    progress = _Progress(sys.stderr)
    corpus = _load(args, progress)
    result = _reconcile(args, corpus, progress)
    progress.done()
    try:
        figure = result.figure(args.figure)
    except KeyError:
        known = sorted(f.figure.id for f in result.figures)
        import difflib

        close = difflib.get_close_matches(args.figure, known, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        print(plain(f"claimcheck: no figure {args.figure!r}{hint}"), file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(render_figure(figure, corpus))
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from .export import export

    _refuse_input_as_output(args)
    progress = _Progress(sys.stderr)
    corpus = _load(args, progress)
    progress.step(f"exporting {len(corpus.claims):,} claims")
    text = export(corpus, args.format)
    progress.done()
    _emit(args, text)
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    if args.report:
        from .render import REPORT_SCHEMA

        schema = REPORT_SCHEMA
    else:
        from .schema import claim_file_schema

        schema = claim_file_schema()
    _emit(args, json.dumps(schema, indent=2, sort_keys=True) + "\n")
    return EXIT_OK


def _fail_rule(text: str) -> list[str]:
    rules = [r.strip() for r in text.split(",") if r.strip()]
    for rule in rules:
        if rule not in SEVERITIES and rule not in _CODES:
            raise argparse.ArgumentTypeError(
                f"{rule!r} is neither a severity ({', '.join(SEVERITIES)}) nor a finding code ({', '.join(_CODES)})"
            )
    return rules


def _path(text: str) -> str:
    if not text:
        # Path("") would mean the current folder: almost always an unset variable in a script.
        raise argparse.ArgumentTypeError("an empty path names no file or folder")
    return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimcheck",
        description="Contested figures as claims with provenance, reconciled into discrepancy reports.",
        epilog="Exit codes: 0 clean; 1 problems in claim files or findings matched by --fail-on; 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"claimcheck {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_paths(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "paths", nargs="*", type=_path, metavar="PATH", help="claim files or folders (default: claims/)"
        )

    def with_policy(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--policy", choices=sorted(POLICIES), default="best", help="estimate policy (default: best)")

    def with_output(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE atomically (default: stdout)")

    check = commands.add_parser("check", help="validate claim files (exit 1 on problems)")
    with_paths(check)
    check.add_argument("--archive", metavar="DIR", help="also verify every quote against the archived texts in DIR")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.set_defaults(run=_cmd_check)

    report = commands.add_parser("report", help="write the consistency report")
    with_paths(report)
    report.add_argument("-f", "--format", choices=("md", "json", "html"), default="md", help="default: md")
    with_output(report)
    with_policy(report)
    report.add_argument(
        "--fail-on",
        type=_fail_rule,
        metavar="CODE|SEVERITY[,...]",
        help="exit 1 if a finding has this code, or at least this severity (e.g. contradiction, high)",
    )
    report.set_defaults(run=_cmd_report)

    show = commands.add_parser("show", help="show one figure's claims, findings and estimate")
    show.add_argument("figure", metavar="FIGURE", help="figure id")
    with_paths(show)
    with_policy(show)
    show.set_defaults(run=_cmd_show)

    exporter = commands.add_parser("export", help="export the claims (JSON, CSV, W3C PROV-JSON)")
    with_paths(exporter)
    exporter.add_argument("-f", "--format", choices=("json", "csv", "prov"), default="json", help="default: json")
    with_output(exporter)
    exporter.set_defaults(run=_cmd_export)

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
    args = _parser().parse_args(argv)
    # Signal handlers can only be set from the main thread (an embedding program may call main elsewhere).
    on_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if on_main else None
    try:
        code: int = args.run(args)
    except LoadError as exc:
        _print_problems(exc.problems)
        return EXIT_PROBLEMS
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
