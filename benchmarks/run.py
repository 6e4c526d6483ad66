"""The claimcheck benchmark: load against the YAML floor, reconciliation scaling, memory, reports.

Loading can never beat PyYAML's C parser on the same text, so load time is
reported as a ratio to that floor (``load_over_parse``) rather than as
seconds that mean nothing on another machine. Reconciliation must stay near
linear in the number of claims, so its time at 2N is divided by its time at
N (``reconcile_scaling``). Memory per loaded claim bounds how large a corpus
fits. Corpora are generated into a temporary folder, never into the repository.

Usage: ``python benchmarks/run.py`` (several minutes) or ``python benchmarks/run.py --quick`` (under a minute).
The figure lines are ``load_over_parse=``, ``reconcile_scaling=``, ``bytes_per_claim=``,
``table_load_over_parse=`` (loading the CSV export of the largest corpus, over reading it with the csv module),
``startup_over_python=`` (``claimcheck --help`` over ``python -c pass``, in wall time), ``reconcile_1m_s=`` and
``report_peak_over_size=`` (peak memory of a JSON report's process over the report's size).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

import claimcheck
from claimcheck.dates import parse_date
from claimcheck.render import FORMATS
from claimcheck.values import _exact, _parse_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
import startup
from generate import Spec, build_corpus, write_corpus


def _median(
    fn: Callable[..., Any], runs: int, budget: float | None = None, fresh: Callable[[], Any] | None = None
) -> tuple[float, Any, int, float]:
    """The median CPU time of ``runs`` calls, the last result, the runs made, and the median wall time.

    CPU time of the process, not wall time: everything measured runs on one core, and on a shared
    machine wall time also counts the moments the process waited for a core (seen here: a
    reconciliation of 1M claims took 18.5 s of CPU and 22 to 28 s of wall time in three runs).
    Garbage from earlier runs is collected first. A call slower than ``budget`` seconds ends the
    runs early. With ``fresh``, each call is given what ``fresh`` makes, untimed: a report is timed
    on a new reconciliation each run, since findings word their messages when first read.
    """
    cpu: list[float] = []
    wall: list[float] = []
    result: Any = None
    for _ in range(runs):
        result = None
        given = () if fresh is None else (fresh(),)
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn(*given)
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
        if budget is not None and cpu[-1] > budget:
            break
    return statistics.median(cpu), result, len(cpu), statistics.median(wall)


def _floor(files: list[Path]) -> Callable[[], int]:
    """Only what any YAML loader must do: read each file and parse it with libyaml's safe loader."""

    def parse() -> int:
        n = 0
        for path in files:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            n += len(data.get("claims", ()))
        return n

    return parse


def _bytes_in_fresh_process(folder: Path) -> tuple[int, int]:
    """:func:`_bytes_per_claim` in a new interpreter: earlier runs leave free lists and caches warm,
    which hid about 150 bytes a claim when it was measured in the benchmark's own process."""
    out = subprocess.run(
        [sys.executable, __file__, "--bytes-of", str(folder)], check=True, capture_output=True, text=True
    ).stdout.split()
    return int(out[0]), int(out[1])


def _bytes_per_claim(folder: Path) -> tuple[int, int]:
    """Bytes a load allocates and keeps (caches included), per claim; and its peak per claim."""
    parse_date.cache_clear()
    _parse_text.cache_clear()
    _exact.cache_clear()
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    corpus = claimcheck.load(folder)
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    n = len(corpus.claims)
    return round((current - base) / n), round((peak - base) / n)


def _table_times(corpus: Any, folder: Path, runs: int) -> tuple[float, float]:
    """Median CPU seconds to read the CSV export of ``corpus`` with the csv module, and to load it as claims.

    The claims table is loaded beside a claim file of the corpus's definitions; loading that file alone
    is timed too and taken off, so the figure is what the table's rows cost.
    """
    import csv

    import attrs

    from claimcheck.dump import dump
    from claimcheck.export import export_csv

    folder.mkdir()
    defs, table = folder / "defs.yaml", folder / "claims.csv"
    defs.write_text(dump(attrs.evolve(corpus, claims=())), encoding="utf-8")
    table.write_text(export_csv(corpus), encoding="utf-8")

    def read() -> int:
        with table.open(encoding="utf-8", newline="") as handle:
            return sum(1 for _ in csv.reader(handle))

    # The export of 100k claims is about 37 MB, over the default limit of one file (docs/security.md).
    limits = claimcheck.Limits(max_file_bytes=max(claimcheck.Limits().max_file_bytes, 2 * table.stat().st_size))
    read_s = _median(read, runs)[0]
    defs_s = _median(lambda: claimcheck.load(defs, limits=limits), runs)[0]
    both_s = _median(lambda: claimcheck.load([defs, table], limits=limits), runs)[0]
    return read_s, both_s - defs_s
#: Runs the command line, then prints the process's peak resident memory in bytes. Linux's VmHWM counts from
#: the exec; ``ru_maxrss`` would not do: it keeps the high-water mark of the process that started the child.
_PEAK_OF_COMMAND = """
import resource, sys
from claimcheck.cli import main
code = main(sys.argv[1:])
try:
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # macOS: bytes, and no /proc
print(peak)
sys.exit(code)
"""


def _report_peak(folder: Path, out: Path) -> tuple[int, int]:
    """Peak resident memory (bytes) of a JSON report's own process, and the size of the report it wrote.

    The command is ``claimcheck report FOLDER --format json -o OUT``. The peak is the whole process's: the
    interpreter and its imports, the loaded corpus, the reconciliation and whatever rendering adds on top.
    """
    command = [sys.executable, "-c", _PEAK_OF_COMMAND, "report", str(folder), "--format", "json", "-o", str(out)]
    peak = int(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return peak, out.stat().st_size


def _renderers() -> dict[str, Callable[[Any, Any], Any]]:
    """The report renderers by format, each taking (result, corpus)."""
    return dict(FORMATS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, 3 runs: a smoke test in under a minute")
    parser.add_argument("--runs", type=int, help="runs per measurement (default 5, quick 3)")
    parser.add_argument("--sizes", type=int, nargs="+", help="claims per file-based corpus (default 10000 100000)")
    parser.add_argument(
        "--big",
        type=int,
        help="claims in the in-memory reconciliation corpus, also run at twice that (default 1000000)",
    )
    parser.add_argument(
        "--hot",
        type=int,
        help="claims on 20 headline figures from 70 claimants, also run at twice that (default 20000; 0 skips)",
    )
    parser.add_argument(
        "--million",
        type=int,
        help="claims (over a tenth as many figures) whose reconciliation gives reconcile_1m_s, scaled to 1M when "
        "smaller (default 1000000, the --big run when it is that size; quick 50000)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--formats", nargs="+", help="report formats to time (default: all; quick: md json)")
    parser.add_argument(
        "--render-budget",
        type=float,
        default=60.0,
        help="a report format slower than this (seconds) is timed once, and skipped at larger sizes",
    )
    parser.add_argument("--bytes-of", type=Path, help=argparse.SUPPRESS)  # the memory measurement, run alone
    args = parser.parse_args(argv)
    if args.bytes_of is not None:
        print(*_bytes_per_claim(args.bytes_of))
        return 0
    runs = args.runs or (3 if args.quick else 5)
    sizes = args.sizes or ([2_000, 4_000] if args.quick else [10_000, 100_000])
    big = args.big if args.big is not None else (4_000 if args.quick else 1_000_000)
    hot = args.hot if args.hot is not None else (2_000 if args.quick else 20_000)
    million = args.million or (50_000 if args.quick else 1_000_000)
    renderers = _renderers()
    formats = args.formats or (["md", "json"] if args.quick else None)  # HTML charts take minutes
    if formats is not None:
        renderers = {fmt: fn for fmt, fn in renderers.items() if fmt in formats}

    rows: list[dict[str, Any]] = []
    too_slow: dict[str, int] = {}  # formats whose one render took longer than the budget, and at what size
    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
        for n in sizes:
            spec = Spec(claims=n, seed=args.seed)
            folder = Path(tmp) / f"corpus-{n}"
            files = write_corpus(spec, folder)
            row: dict[str, Any] = {"claims": n, "figures": spec.figures, "where": "files"}
            row["parse"], count, _, _ = _median(_floor(files), runs)
            assert count == n, f"the floor read {count} claims, not {n}"
            row["load"], corpus, _, _ = _median(lambda folder=folder: claimcheck.load(folder), runs)
            reconciling = _median(lambda corpus=corpus: claimcheck.reconcile(corpus), runs)
            row["reconcile"], result, _, row["reconcile wall"] = reconciling
            if renderers:
                for fmt, fn in renderers.items():
                    if fmt in too_slow:
                        row[fmt] = f"skipped (over {args.render_budget:g} s at {too_slow[fmt]:,})"
                        continue
                    took, _, made, _ = _median(
                        lambda r, fn=fn, c=corpus: fn(r, c),
                        runs,
                        args.render_budget,
                        fresh=lambda c=corpus: claimcheck.reconcile(c),
                    )
                    row[fmt] = took if made == runs else f"{took:.3f} (1 run)"
                    if made < runs:
                        too_slow[fmt] = n
            if n == sizes[-1]:
                row["table read"], row["table load"] = _table_times(corpus, Path(tmp) / f"table-{n}", runs)
            del corpus, result
            if n == sizes[-1]:
                row["bytes"], row["peak"] = _bytes_in_fresh_process(folder)
                report_peak, report_size = _report_peak(folder, Path(tmp) / "report.json")
            rows.append(row)
            _progress(row)
        # The corpus as it grows, then a few headline figures drawing thousands of claims each.
        in_memory = [(Spec(claims=n, seed=args.seed), "memory") for n in ((big, 2 * big) if big else ())]
        if million not in (big, 2 * big):
            in_memory.append((Spec(claims=million, seed=args.seed), "memory"))
        in_memory += [
            (Spec(claims=n, figures=20, actors=100, seed=args.seed), "hot") for n in ((hot, 2 * hot) if hot else ())
        ]
        for spec, where in in_memory:
            start = time.process_time()
            corpus = build_corpus(spec)
            row = {"claims": spec.claims, "figures": spec.figures, "where": where, "build": time.process_time() - start}
            reconciling = _median(lambda corpus=corpus: claimcheck.reconcile(corpus), runs)
            row["reconcile"], result, _, row["reconcile wall"] = reconciling
            del corpus, result
            gc.collect()
            rows.append(row)
            _progress(row)

    _table(rows, runs, renderers)
    hot_rows = {r["claims"]: r for r in rows if r["where"] == "hot"}
    if hot_rows:
        ratio = hot_rows[2 * hot]["reconcile"] / hot_rows[hot]["reconcile"]
        print(f"# {hot:,} → {2 * hot:,} claims on 20 headline figures (70 claimants): reconcile time × {ratio:.2f}")
    # Wall time of new processes, not CPU time: what a person waits for (see benchmarks/startup.py).
    start_up = startup.measure(11 if args.quick else 21)
    print(startup.describe(start_up))
    largest = max((r for r in rows if r["where"] == "files"), key=lambda r: r["claims"])
    by_size = {r["claims"]: r for r in rows if r["where"] == "memory"}
    print(f"load_over_parse={largest['load'] / largest['parse']:.2f}")
    if big:
        print(f"reconcile_scaling={by_size[2 * big]['reconcile'] / by_size[big]['reconcile']:.2f}")
    else:
        print("reconcile_scaling=n/a (--big 0: no in-memory run)")
    print(f"bytes_per_claim={largest['bytes']}")
    print(f"table_load_over_parse={largest['table load'] / largest['table read']:.2f}")
    print(f"startup_over_python={start_up.ratio:.2f}")
    measured = by_size[million]["reconcile"]
    if million == 1_000_000:
        print(f"reconcile_1m_s={measured:.2f}")
    else:  # a smaller corpus of the same shape, scaled linearly: the label says so
        print(f"reconcile_1m_s={measured * 1_000_000 / million:.2f} (scaled from {million:,} claims: {measured:.3f} s)")
    print(
        f"# report --format json of {largest['claims']:,} claims: peak RSS {report_peak / 2**20:.1f} MiB, "
        f"report {report_size / 2**20:.1f} MiB"
    )
    print(f"report_peak_over_size={report_peak / report_size:.2f}")
    return 0


def _progress(row: dict[str, Any]) -> None:
    shown = ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items())
    print(f"# {shown}", file=sys.stderr, flush=True)


def _cell(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    if value is None or isinstance(value, str):
        return value or ""
    return f"{value:.3f}" if isinstance(value, float) else f"{value:,}"


def _table(rows: list[dict[str, Any]], runs: int, renderers: dict[str, Any]) -> None:
    print(f"claimcheck benchmark: median of {runs} runs, CPU seconds (Python {sys.version.split()[0]}, "
          f"PyYAML {yaml.__version__}, libyaml {yaml.__with_libyaml__})")  # fmt: skip
    formats = list(renderers)
    head = ["claims", "figures", "from", "floor parse", "load", "load/parse", "reconcile", "reconcile (wall)", "build"]
    head += [f"render {f}" for f in formats] + ["bytes/claim", "peak bytes/claim"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        ratio = f"{r['load'] / r['parse']:.2f}" if "load" in r else ""
        cells = [_cell(r, "claims"), _cell(r, "figures"), r["where"], _cell(r, "parse"), _cell(r, "load"), ratio,
                 _cell(r, "reconcile"), _cell(r, "reconcile wall"), _cell(r, "build")]  # fmt: skip
        cells += [_cell(r, f) for f in formats] + [_cell(r, "bytes"), _cell(r, "peak")]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    raise SystemExit(main())
