"""The ``claimcheck`` command: check claim files, print the schema, report, export.

Exit codes: 0 clean, 1 problems in the claim files (or findings matched by
``--fail-on``), 2 a usage error. Problems go to stderr as
``path:line:col: error: message``; a user's mistake never shows a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .errors import LoadError, Problem
from .load import load
from .quotes import verify_quotes

__all__ = ["main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    count = len(problems)
    print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)


def _cmd_check(args: argparse.Namespace) -> int:
    corpus = load(args.paths or ["claims"])
    problems = verify_quotes(corpus, args.archive) if args.archive else []
    if problems:
        _print_problems(problems)
        return EXIT_PROBLEMS
    checked = " and quotes" if args.archive else ""
    print(
        f"ok: {len(corpus.claims)} claims, {len(corpus.figures)} figures, "
        f"{len(corpus.propositions)} propositions, {len(corpus.actors)} actors, "
        f"{len(corpus.sources)} sources checked{checked}",
        file=sys.stderr,
    )
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from .schema import claim_file_schema

    sys.stdout.write(json.dumps(claim_file_schema(), indent=2, sort_keys=True) + "\n")
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claimcheck", description="Contested figures, reconciled.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate claim files (exit 1 on problems)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="claim files or folders (default: claims/)")
    check.add_argument(
        "--archive", metavar="DIR", help="also verify every quote against the archived source texts in DIR"
    )
    check.set_defaults(run=_cmd_check)
    schema = commands.add_parser("schema", help="print the JSON Schema of claim files")
    schema.set_defaults(run=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except LoadError as exc:
        _print_problems(exc.problems)
        return EXIT_PROBLEMS
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
