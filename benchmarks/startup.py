"""Start-up of the command line: the wall time of ``claimcheck --help`` over that of ``python -c pass``.

What a person feels when typing a command is the wall time of a new process, so this one figure is
wall time, not CPU time: the median of many starts of each, interleaved so that a busy moment of a
shared machine falls on both alike. The command is the console script that ``pip install`` puts
beside the interpreter, which is what users type; ``python -m claimcheck.cli`` (which also imports
``runpy``) is timed beside it, and used instead when no console script is installed.

Python's bytecode cache is on, as after ``pip install``: an environment that sets
``PYTHONDONTWRITEBYTECODE`` would compile claimcheck's sources at every start, which is not what
users pay. The cache goes to a temporary folder (``PYTHONPYCACHEPREFIX``), never into the checkout,
and one start of each command fills it before the timed ones. The ratio of the medians of CPU time
(user and system, of the child processes) is shown beside it: on a busy machine it moves less.

Usage: ``python benchmarks/startup.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from attrs import frozen

BARE = (sys.executable, "-c", "pass")
MODULE = (sys.executable, "-m", "claimcheck.cli", "--help")


@frozen(kw_only=True)
class StartUp:
    """Median wall seconds of each start, and what the headline ratio measured."""

    python: float
    command: float
    module: float
    label: str
    runs: int
    cpu_ratio: float

    @property
    def ratio(self) -> float:
        """``claimcheck --help`` over ``python -c pass``."""
        return self.command / self.python


def console_script() -> tuple[str, ...] | None:
    """``claimcheck --help`` through the console script beside this interpreter, if one is installed."""
    script = shutil.which("claimcheck", path=str(Path(sys.executable).parent))
    return (script, "--help") if script else None


def _start(args: tuple[str, ...], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds of one process running ``args`` to its end (it must succeed), and its CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def measure(runs: int) -> StartUp:
    """Time ``runs`` interleaved starts of ``python -c pass`` and of the command line's ``--help``."""
    script = console_script()
    command = script or MODULE
    label = "claimcheck --help (console script)" if script else "python -m claimcheck.cli --help (no console script)"
    with tempfile.TemporaryDirectory(prefix="claimcheck-pycache-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        kinds = dict.fromkeys((BARE, command, MODULE))
        times: dict[tuple[str, ...], list[tuple[float, float]]] = {args: [] for args in kinds}
        for args in kinds:
            _start(args, env)  # fills the bytecode cache
        for _ in range(runs):
            for args in kinds:
                times[args].append(_start(args, env))
    wall = {args: statistics.median(w for w, _ in t) for args, t in times.items()}
    cpu = {args: statistics.median(c for _, c in t) for args, t in times.items()}
    return StartUp(
        python=wall[BARE],
        command=wall[command],
        module=wall[MODULE],
        label=label,
        runs=runs,
        cpu_ratio=cpu[command] / cpu[BARE],
    )


def describe(result: StartUp) -> str:
    """One comment line with the three medians."""
    return (
        f"# start-up, median wall time of {result.runs} starts each: {result.label} {result.command * 1000:.0f} ms, "
        f"python -m claimcheck.cli --help {result.module * 1000:.0f} ms, python -c pass {result.python * 1000:.0f} ms; "
        f"in CPU time, --help is {result.cpu_ratio:.2f}x python -c pass"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="starts of each command (default 21)")
    result = measure(parser.parse_args(argv).runs)
    print(describe(result))
    print(f"startup_over_python={result.ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
