"""A deterministic synthetic corpus of claim files, for benchmarks.

Real corpora are a few hundred claims; the benchmarks need 10k to 2M, shaped
like the real ones: conflicts with two belligerent sides, governments with
ministries and people under them, mediators, neutral monitors and outlets
without a side; every value wording the loader reads; relays, repeats,
revisions, place lists, propositions, part–whole figures, bounds and running
totals with ``as-of`` dates. The same seed always gives the same corpus, as
files (``write_corpus``) or in memory (``build_corpus``), so a timing can be
reproduced and the 1M-claim reconciliation needs no disk.

Usage: ``python benchmarks/generate.py OUTDIR --claims N --figures M --actors K --seed S``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck import Corpus, from_data
from claimcheck.dates import parse_date
from claimcheck.model import Actor, Claim, Conflict, Figure, Proposition, Source
from claimcheck.values import DEFAULT_READING, parse_value

__all__ = ["Spec", "build_corpus", "build_data", "records", "write_corpus"]

Record = dict[str, Any]

#: Claims per claim file, as in a large real corpus split by topic.
CLAIMS_PER_FILE = 1000
FIGURES_PER_FILE = 2000

_MEASURES = ("killed", "wounded", "missing", "captured", "displaced", "destroyed", "settlements")
_VAGUE = ("a few", "several", "a dozen", "dozens", "scores", "hundreds", "thousands", "many")
_ABOUT = ("about", "around", "approximately", "roughly", "some", "~")
_ROLES = ("gov", "gov", "mod", "mil", "person", "person", "mediator", "monitor", "outlet", "outlet")
_SOURCE_KINDS = ("encyclopedia", "news-report", "official-statement", "monitor", "investigation")


@dataclass(frozen=True)
class Spec:
    """What to generate: sizes and seed (defaults keep about 10 claims per figure)."""

    claims: int
    figures: int = 0
    actors: int = 0
    seed: int = 1

    def __post_init__(self) -> None:
        if not self.figures:
            object.__setattr__(self, "figures", max(10, self.claims // 10))
        if not self.actors:
            object.__setattr__(self, "actors", max(40, self.claims // 200))

    @property
    def conflicts(self) -> int:
        """Conflicts grow with the corpus, each with at least ten actors and twenty figures.

        They grow without a cap, so that twice the claims is twice the same kind of corpus: a
        figure draws on the same number of claimants at every size. (With a fixed number of
        conflicts, each would gain claimants as the corpus grew, and the number of pairs of
        claimants per figure, which contradictions are counted over, would grow with it.)
        """
        return max(1, min(self.actors // 10, self.figures // 20))

    @property
    def sources(self) -> int:
        return max(5, self.claims // 200)

    @property
    def propositions(self) -> int:
        return max(1, self.figures // 50)


def _year(conflict: int) -> int:
    return 2000 + conflict % 24


def _day(rng: random.Random, year: int, span_days: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(span_days))


def _edtf(rng: random.Random, day: dt.date) -> str:
    """A date at the precision claims are really given with: mostly days, some months, intervals."""
    r = rng.random()
    if r < 0.75:
        return day.isoformat()
    if r < 0.9:
        return f"{day.year}-{day.month:02d}"
    if r < 0.93:
        return f"{day.year}-{day.month:02d}~"
    if r < 0.98:
        end = day + dt.timedelta(days=rng.randrange(1, 15))
        return f"{day.isoformat()}/{end.isoformat()}"
    return f"{day.year}"


def _wording(rng: random.Random, n: int) -> tuple[int | str, float | None]:
    """One value for the count ``n`` in a wording picked with realistic frequencies, and a tolerance."""
    r = rng.random()
    if r < 0.45:
        return n, None
    if r < 0.52:
        return f"{n:,}", None
    if r < 0.62:
        sep = rng.choice(("-", "–", " to "))
        return f"{n * 8 // 10}{sep}{n * 11 // 10 + 1}", None
    if r < 0.69:
        return f"at least {n}", None
    if r < 0.73:
        return f"{rng.choice(('more than', 'over'))} {n}", None
    if r < 0.76:
        return f"{rng.choice(('up to', 'at most'))} {n}", None
    if r < 0.78:
        return f"fewer than {n + 1}", None
    if r < 0.88:
        prefix = rng.choice(_ABOUT)
        tolerance = 0.05 if rng.random() < 0.1 else None
        return f"{prefix}{'' if prefix == '~' else ' '}{n}", tolerance
    if r < 0.91:
        return f"nearly {n}", None
    if r < 0.92 and n >= 2000:
        return f"about {n / 1000:.1f} thousand", None
    return rng.choice(_VAGUE), None


def _quote(rng: random.Random, actor: str, value: int | str, measure: str) -> str:
    verb = rng.choice(("said", "reported", "announced", "stated", "claimed"))
    return f"The {actor} {verb} that {value} had been {measure} in the fighting, according to the statement."


class _Actors:
    """The actor table: roles cycle every ten actors within a conflict."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.by_conflict: list[list[int]] = [[] for _ in range(spec.conflicts)]
        self.outlets: list[list[int]] = [[] for _ in range(spec.conflicts)]
        for i in range(spec.actors):
            c = self.conflict(i)
            self.by_conflict[c].append(i)
            if i % 10 in (8, 9):
                self.outlets[c].append(i)

    def conflict(self, i: int) -> int:
        return (i // 10) % self.spec.conflicts

    @staticmethod
    def id(i: int) -> str:
        return f"actor-{i}-{_ROLES[i % 10]}"

    def side(self, i: int) -> str | None:
        """The side an actor stands for in its own conflict, inherited like the model does."""
        role, c = i % 10, self.conflict(i)
        if role in (0, 2, 4):
            return f"side-{c}-a"
        if role in (1, 3, 5):
            return f"side-{c}-b"
        return ("mediator", "neutral", None, None)[role - 6]

    def record(self, i: int) -> Record:
        role, c = i % 10, self.conflict(i)
        base = i - role
        rec: Record = {"id": self.id(i), "name": f"Actor {i} of conflict {c}"}
        rec["kind"] = ("government", "government", "ministry", "military", "person", "person",
                       "organisation", "monitor", "outlet", "outlet")[role]  # fmt: skip
        if role in (0, 1, 5):
            rec["sides"] = {f"conflict-{c}": self.side(i)}
        elif role == 6:
            rec["sides"] = {f"conflict-{c}": "mediator"}
            if self.spec.conflicts > 1:  # mediators often mediate in several conflicts
                rec["sides"][f"conflict-{(c + 1) % self.spec.conflicts}"] = "mediator"
        elif role == 7:
            rec["sides"] = {f"conflict-{c}": "neutral"}
        elif role in (2, 3, 4):
            rec["parent"] = self.id(base + role - 2)
        if role == 9:
            rec["aliases"] = [f"Outlet {i}", f"O{i}"]
        return rec


def records(spec: Spec) -> Iterator[tuple[str, Record]]:
    """Every record of the corpus as (section, claim-file mapping), in a fixed order."""
    rng = random.Random(spec.seed)
    actors = _Actors(spec)
    for c in range(spec.conflicts):
        year = _year(c)
        yield (
            "conflicts",
            {
                "id": f"conflict-{c}",
                "name": f"Synthetic conflict {c}",
                "period": f"{year}-01-01/{year + 1}-12-31",
                "sides": [f"side-{c}-a", f"side-{c}-b"],
            },
        )
    for s in range(spec.sources):
        rec: Record = {
            "id": f"source-{s}",
            "title": f"Synthetic source {s}",
            "publisher": f"Publisher {s % 50}",
            "kind": _SOURCE_KINDS[s % len(_SOURCE_KINDS)],
            "language": "nl" if s % 10 == 9 else "en",
            "published": f"{2000 + s % 26}-{1 + s % 12:02d}",
        }
        if s % 3 == 0:
            rec["url"] = f"https://example.org/source/{s}"
        yield "sources", rec
    for i in range(spec.actors):
        yield "actors", actors.record(i)

    # Figures: blocks of twenty per conflict; a whole with two parts, a bound, running totals.
    magnitude: list[int] = []
    cumulative: list[bool] = []
    measures: list[str] = []
    conflicts: list[int] = []
    for j in range(spec.figures):
        c = (j // 20) % spec.conflicts
        k = j % 20
        measure = _MEASURES[j % len(_MEASURES)]
        base = int(10 ** rng.uniform(1, 5))
        if k in (1, 2):  # parts of the whole at k == 0
            base = magnitude[j - k] // 2 + 1
        rec = {
            "id": f"figure-{j}",
            "conflict": f"conflict-{c}",
            "label": f"Figure {j}: {measure} in conflict {c}",
            "measure": "captured" if measure == "settlements" else measure,
        }
        if measure in ("killed", "wounded", "missing", "captured"):
            rec["of"] = f"side-{c}-{'ab'[j % 2]}"
        if measure == "settlements":
            rec["unit"] = "settlements"
            base = rng.randrange(3, 12)
        elif measure == "destroyed":
            rec["unit"] = "vehicles"
        is_cumulative = measure in ("killed", "displaced") and k not in (0, 1, 2)
        if is_cumulative:
            rec["cumulative"] = True
        if k == 0 and j + 2 < spec.figures and (j + 2) // 20 == j // 20:
            rec["parts"] = [f"figure-{j + 1}", f"figure-{j + 2}"]
        if k == 5 and j + 1 < spec.figures and (j + 1) // 20 == j // 20:
            rec["at-most"] = [f"figure-{j + 1}"]
        if k == 7:
            rec["period"] = f"{_year(c)}-01-01/{_year(c)}-06-30"
            rec["note"] = "the first half-year only"
        magnitude.append(base)
        cumulative.append(is_cumulative)
        measures.append(measure)
        conflicts.append(c)
        yield "figures", rec
    for p in range(spec.propositions):
        yield (
            "propositions",
            {
                "id": f"proposition-{p}",
                "conflict": f"conflict-{p % spec.conflicts}",
                "statement": f"Synthetic statement {p} that some actors assert and others deny",
            },
        )

    # Claims. Recent claims per figure are kept to repeat or revise them.
    recent: dict[int, list[Record]] = {}
    for i in range(spec.claims):
        if rng.random() < 0.02:
            p = rng.randrange(spec.propositions)
            pool = actors.by_conflict[p % spec.conflicts]
            claimant = pool[rng.randrange(len(pool))]
            day = _day(rng, _year(p % spec.conflicts), 700)
            yield (
                "claims",
                {
                    "id": f"claim-{i}-p{p}",
                    "proposition": f"proposition-{p}",
                    "claimant": actors.id(claimant),
                    "stance": "asserts" if rng.random() < 0.6 else "denies",
                    "date": _edtf(rng, day),
                    "source": f"source-{(source := rng.randrange(spec.sources))}",
                    "locator": f"[{rng.randrange(1, 200)}]",
                    "quote": f"Actor {claimant} said so about statement {p}.",
                    **_translation(source),
                },
            )
            continue
        # A mildly skewed choice: a few figures draw many claims, as the headline ones do.
        j = min(spec.figures - 1, int(spec.figures * rng.random() ** 1.5))
        c = conflicts[j]
        year = _year(c)
        earlier = recent.get(j, [])
        r = rng.random()
        rec = {"id": f"claim-{i}-f{j}", "figure": f"figure-{j}"}
        if earlier and r < 0.05:  # the same statement read through another source
            first = rng.choice(earlier)
            rec["claimant"] = first["claimant"]
            for key in ("value", "places", "date", "as-of", "quote"):
                if key in first:
                    rec[key] = first[key]
            rec["same-as"] = first["id"]
            source = rng.randrange(spec.sources)
            rec["source"] = f"source-{source}"
            rec["locator"] = f"[{rng.randrange(1, 200)}]"
            rec.update(_translation(source))
            _remember(recent, j, rec)
            yield "claims", rec
            continue
        pool = actors.by_conflict[c]
        if earlier and r < 0.09:  # a revision by the same claimant
            old = rng.choice(earlier)
            rec["supersedes"] = old["id"]
            claimant_id = old["claimant"]
            claimant = int(claimant_id.split("-")[1])
        else:
            claimant = pool[rng.randrange(len(pool))]
            claimant_id = actors.id(claimant)
        rec["claimant"] = claimant_id
        day = _day(rng, year, 730)
        if "supersedes" in rec:  # a revision is not dated before what it revises
            day = max(day, parse_date(str(old["date"])).latest or day)
        factor = rng.uniform(0.8, 1.2)
        side, of = actors.side(claimant), f"side-{c}-{'ab'[j % 2]}"
        if measures[j] in ("killed", "wounded", "missing", "captured") and side in (f"side-{c}-a", f"side-{c}-b"):
            factor = rng.uniform(0.4, 1.0) if side == of else rng.uniform(1.0, 3.0)
        if cumulative[j]:
            as_of = day - dt.timedelta(days=rng.randrange(0, 30))
            factor *= 0.3 + 0.7 * min(1.0, (as_of - dt.date(year, 1, 1)).days / 730)
            rec["as-of"] = as_of.isoformat() if rng.random() < 0.8 else f"{as_of.year}-{as_of.month:02d}"
            rec["date"] = day.isoformat()
        else:
            rec["date"] = _edtf(rng, day)
        n = max(0, round(magnitude[j] * factor))
        if measures[j] == "settlements":
            names = [f"Village {j}-{k}" for k in range(12)]
            listed = rng.sample(names, rng.randrange(2, 9))
            rec["places"] = listed
            if rng.random() < 0.5:
                rec["value"] = len(listed) if rng.random() < 0.6 else len(listed) + rng.randrange(1, 4)
            value: int | str = rec.get("value", len(listed))
        else:
            value, tolerance = _wording(rng, n)
            rec["value"] = value
            if tolerance is not None:
                rec["tolerance"] = tolerance
        source = rng.randrange(spec.sources)
        rec["source"] = f"source-{source}"
        rec["locator"] = f"[{rng.randrange(1, 200)}]"
        rec["quote"] = _quote(rng, f"actor {claimant}", value, measures[j])
        rec.update(_translation(source))
        outlets = [o for o in actors.outlets[c] if o != claimant]
        if outlets and rng.random() < 0.2:
            rec["via"] = [actors.id(o) for o in rng.sample(outlets, min(len(outlets), rng.randrange(1, 3)))]
        if rng.random() < 0.05:
            rec["note"] = "The figure may include civilians; the source is unclear."
        _remember(recent, j, rec)
        yield "claims", rec


def _translation(source: int) -> Record:
    """A translation when the source is one of the Dutch ones (every tenth): their quotes need one."""
    return {"translation": "The same statement, translated into English."} if source % 10 == 9 else {}


def _remember(recent: dict[int, list[Record]], figure: int, rec: Record) -> None:
    kept = recent.setdefault(figure, [])
    kept.append(rec)
    if len(kept) > 4:
        del kept[0]


def build_data(spec: Spec) -> dict[str, list[Record]]:
    """The whole corpus as one claim-file mapping (for :func:`claimcheck.from_data`)."""
    data: dict[str, list[Record]] = {}
    for section, rec in records(spec):
        data.setdefault(section, []).append(rec)
    return data


def _to_model(section: str, rec: Record) -> Any:
    """One record as a model object, without cattrs: what the loader builds, for big in-memory corpora."""
    kw = {key.replace("-", "_"): value for key, value in rec.items()}
    for key in ("period", "published", "date", "as_of"):
        if key in kw:
            kw[key] = parse_date(str(kw[key]))
    for key in ("sides", "places", "via", "parts", "at_most", "aliases"):
        if key in kw and isinstance(kw[key], list):
            kw[key] = tuple(kw[key])
    if section == "claims":
        if "value" in kw:
            kw["value"] = parse_value(kw["value"], DEFAULT_READING, kw.get("tolerance"))
        return Claim(**kw)
    cls = {"conflicts": Conflict, "sources": Source, "actors": Actor, "figures": Figure, "propositions": Proposition}
    return cls[section](**kw)


def build_corpus(spec: Spec, *, checked: bool = False) -> Corpus:
    """The corpus in memory: model objects built directly (fast), or through ``from_data`` (``checked``)."""
    if checked:
        return from_data(build_data(spec), name=f"synthetic-{spec.claims}")
    sections: dict[str, list[Any]] = {}
    for section, rec in records(spec):
        sections.setdefault(section, []).append(_to_model(section, rec))
    return Corpus(**{name: tuple(objs) for name, objs in sections.items()})


def _scalar(value: Any) -> str:
    """A YAML scalar: numbers and ids plain, text double-quoted (JSON strings are YAML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


def _plain(key: str, value: Any) -> str:
    # Ids and dates are written unquoted, as people write them.
    if isinstance(value, str) and (key == "id" or key in _ID_KEYS or key in _DATE_KEYS):
        return value
    return _scalar(value)


_ID_KEYS = {
    *("figure", "claimant", "source", "proposition", "conflict", "parent", "same-as", "supersedes", "of"),
    *("stance", "kind", "measure", "language", "unit"),
}
_DATE_KEYS = {"date", "as-of", "period", "published"}


def _yaml(section: str, recs: list[Record]) -> str:
    out = [f"{section}:\n"]
    for rec in recs:
        first = True
        for key, value in rec.items():
            out.append(f"  {'- ' if first else '  '}{key}: {_plain(key, value)}\n")
            first = False
    return "".join(out)


def write_corpus(spec: Spec, outdir: Path) -> list[Path]:
    """Write the corpus as claim files under ``outdir``: one for the setting, then chunks of figures and claims."""
    outdir.mkdir(parents=True, exist_ok=True)
    chunks: dict[str, list[Record]] = {}
    written: list[Path] = []

    def flush(name: str, section: str) -> None:
        path = outdir / name
        path.write_text(f"# Synthetic claimcheck corpus, seed {spec.seed}.\n" + _yaml(section, chunks[section]))
        written.append(path)
        chunks[section] = []

    setting: list[str] = []
    counts = {"figures": 0, "claims": 0, "propositions": 0}
    for section, rec in records(spec):
        if section in ("conflicts", "sources", "actors"):
            chunks.setdefault(section, []).append(rec)
            continue
        if section not in counts:
            continue
        if chunks.get("conflicts") is not None:  # the setting is complete: write it once
            setting.extend(_yaml(s, chunks.pop(s)) for s in ("conflicts", "sources", "actors"))
            path = outdir / "setting.yaml"
            path.write_text("".join(setting))
            written.append(path)
        chunks.setdefault(section, []).append(rec)
        size = CLAIMS_PER_FILE if section == "claims" else FIGURES_PER_FILE
        if len(chunks[section]) >= size:
            flush(f"{section}-{counts[section]:05d}.yaml", section)
            counts[section] += 1
    for section in ("figures", "propositions", "claims"):
        if chunks.get(section):
            flush(f"{section}-{counts[section]:05d}.yaml", section)
            counts[section] += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic claimcheck corpus (deterministic for a seed).")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--figures", type=int, default=0, help="default: claims / 10")
    parser.add_argument("--actors", type=int, default=0, help="default: claims / 200, at least 40")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    spec = Spec(claims=args.claims, figures=args.figures, actors=args.actors, seed=args.seed)
    files = write_corpus(spec, args.outdir)
    print(f"wrote {len(files)} files: {spec.claims} claims, {spec.figures} figures, {spec.actors} actors")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
