"""Coverage: what in the archived sources no claim's quote covers yet.

A corpus is complete when every figure its sources attribute to someone is a
claim. An author cannot see that from the claims alone, so this module reads
each source's archived text, finds every number in it (digits, and number
words in the source's language) and every sentence with an attribution verb
("said", "according to"; "zei", "volgens"), and lists those that no claim's
quote covers, each with its line.

What is left out on purpose goes in an ignore file per source, with a reason:
whole classes by rule (years, dates, citation markers...), or single lines
and passages. Quotes are found as :mod:`claimcheck.quotes` finds them, so
coverage and ``check --archive`` agree on where a quote is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from attrs import frozen

from .errors import Problem
from .load import claim_files, read_yaml_file
from .model import Corpus, Source
from .quotes import find_quote, normalise_text, read_archived
from .text import plain
from .yamlread import Limits

__all__ = [
    "ATTRIBUTION",
    "NUMBER_WORDS",
    "RULES",
    "CoverageReport",
    "Ignored",
    "SourceCoverage",
    "Uncovered",
    "coverage",
    "render_coverage",
]

Kind = Literal["number", "statement"]

#: Number words by source language. "one" and the Dutch "een" (also the article "a") are left out:
#: nearly every use is a pronoun or an article, and listing them would bury the real numbers.
NUMBER_WORDS: Mapping[str, tuple[str, ...]] = {
    "en": (
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundreds?",
        "thousands?",
        "millions?",
        "billions?",
        "dozens?",
    ),
    "nl": (
        "twee",
        "drie",
        "vier",
        "vijf",
        "zes",
        "zeven",
        "acht",
        "negen",
        "tien",
        "elf",
        "twaalf",
        "dertien",
        "veertien",
        "vijftien",
        "zestien",
        "zeventien",
        "achttien",
        "negentien",
        "twintig",
        "dertig",
        "veertig",
        "vijftig",
        "zestig",
        "zeventig",
        "tachtig",
        "negentig",
        "honderd",
        "honderden",
        "duizend",
        "duizenden",
        "miljoen",
        "miljoenen",
        "miljard",
        "miljarden",
        "tientallen",
        "dozijn",
    ),
}

#: Words that attribute a statement to someone, by source language (matched as whole words).
ATTRIBUTION: Mapping[str, tuple[str, ...]] = {
    "en": (
        "said",
        "says",
        "claimed",
        "reported",
        "denied",
        "denies",
        "stated",
        "according to",
        "announced",
        "confirmed",
        "alleged",
        "accused",
        "declared",
        "acknowledged",
        "admitted",
        "estimated",
        "told",
    ),
    "nl": (
        "zei",
        "zegt",
        "meldde",
        "meldt",
        "volgens",
        "stelde",
        "stelt",
        "ontkende",
        "ontkent",
        "claimde",
        "claimt",
        "verklaarde",
        "verklaart",
        "bevestigde",
        "beweerde",
        "beweert",
        "vertelde",
        "maakte melding",
        "liet weten",
    ),
}

_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "januari",
    "februari",
    "maart",
    "mei",
    "juni",
    "juli",
    "augustus",
    "oktober",
)
_DIGITS = re.compile(r"(?<!\d)\d+(?:[.,]\d+)*(?!\d)")
_MONTH = "|".join(_MONTHS)
_DAY_MONTH = re.compile(rf"\s(?:{_MONTH})\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b(?:{_MONTH})\s$", re.IGNORECASE)
_URL = re.compile(r"https?://\S+")
#: A line that names an image file ("File:", "Файл:", "Bestand:" in a wiki's language).
_FILE_LINE = re.compile(r"\w+:.*\.(?:jpe?g|png|svg|gif|tiff?|webp)$", re.IGNORECASE)
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
#: Where a sentence ends: its mark, closing quotes or brackets, citation markers, then a space.
_SENTENCE_END = re.compile(r"[.!?][\"')]*(?:\[[^\[\]]{1,20}\])*\s+(?=[^\s\[a-z])")


def _word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Whole words (and hyphenated compounds of them, "twenty-five", as one) out of a table."""
    one = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{one})(?:-(?:{one}))*\b", re.IGNORECASE)


_WORDS = {language: _word_pattern(words) for language, words in NUMBER_WORDS.items()}
_VERBS = {language: _word_pattern(w.replace(" ", r"\s") for w in words) for language, words in ATTRIBUTION.items()}


def _year(line: str, start: int, end: int) -> bool:
    return re.fullmatch(r"1\d{3}|20\d{2}", line[start:end]) is not None


def _date(line: str, start: int, end: int) -> bool:
    token = line[start:end]
    if not token.isdigit() or not 1 <= int(token) <= 31:
        return False
    return _DAY_MONTH.match(line, end) is not None or _MONTH_DAY.search(line, 0, start) is not None


def _citation(line: str, start: int, end: int) -> bool:
    return line[end : end + 1] == "]" and re.search(r"\[[A-Za-z ]*$", line[max(0, start - 12) : start]) is not None


def _ordinal(line: str, start: int, end: int) -> bool:
    return _ORDINAL.match(line, end) is not None


def _designation(line: str, start: int, end: int) -> bool:
    if not line[start:end].isdigit():
        return False  # EUR100,000 is an amount
    before, after = line[max(0, start - 2) : start], line[end : end + 2]
    return re.search(r"[A-Za-z]-?$", before) is not None or re.match(r"-?[A-Z]", after) is not None


def _time(line: str, start: int, end: int) -> bool:
    return re.match(r":\d\d", line[end : end + 3]) is not None or re.search(r"\d:$", line[:start]) is not None


def _url(line: str, start: int, end: int) -> bool:
    return any(m.start() <= start and end <= m.end() for m in _URL.finditer(line))


def _file_name(line: str, start: int, end: int) -> bool:
    return _FILE_LINE.match(line) is not None


def _reference_list(line: str, start: int, end: int) -> bool:
    token, before = line[start:end], line[:start]
    if not before:
        return re.match(r"\.(?:\s|$)", line[end:]) is not None
    return re.fullmatch(r"\d+,\d+", token) is not None and re.fullmatch(r"\d+\.\s(?:\d+,\d+\s)*", before) is not None


#: Classes of numbers an ignore file can leave out wholesale, by name: what each takes, and the test.
RULES: Mapping[str, tuple[str, Callable[[str, int, int], bool]]] = {
    "years": ("four digits from 1000 to 2099: 1994, the 2020s", _year),
    "dates": ("a day of the month next to a month's name: 27 September, September 27", _date),
    "citation-markers": ("a number in square brackets: [123], [note 4]", _citation),
    "ordinals": ("digits with an ordinal ending: 1st, 44th", _ordinal),
    "designations": ("a number joined to letters: T-72, Su-25, TB2, 9K720", _designation),
    "times": ("a time of day: 15:00", _time),
    "urls": ("a number in a web address", _url),
    "file-names": ("a number on a line naming an image file: File:Protest, 4.jpg", _file_name),
    "reference-list": ("the number of a numbered line (12.), and the back-links after it (5,0 5,1)", _reference_list),
}


@frozen(kw_only=True)
class Uncovered:
    """A number or an attributed sentence of an archived text that no claim's quote covers."""

    source: str
    path: str
    line: int
    kind: Kind
    text: str
    #: The sentence the number stands in (for a statement, the sentence itself).
    sentence: str


@frozen(kw_only=True)
class Ignored:
    """How many numbers and statements one rule or the listed entries of an ignore file left out."""

    by: str
    numbers: int
    statements: int


@frozen(kw_only=True)
class SourceCoverage:
    """One archived source: what it holds, what the claims cover, what is ignored and what is left."""

    source: str
    path: str
    numbers: int
    statements: int
    covered_numbers: int
    covered_statements: int
    ignored: tuple[Ignored, ...]
    uncovered: tuple[Uncovered, ...]


@frozen(kw_only=True)
class CoverageReport:
    """The coverage of every archived source, and the problems met reading the texts and ignore files."""

    sources: tuple[SourceCoverage, ...]
    problems: tuple[Problem, ...]

    @property
    def uncovered(self) -> int:
        """How many numbers and statements are left, in all sources."""
        return sum(len(s.uncovered) for s in self.sources)


@frozen(kw_only=True)
class _Entry:
    """One listed entry of an ignore file: a line, a passage, or a passage on a line."""

    line: int | None
    spans: tuple[tuple[int, int], ...]


@frozen(kw_only=True)
class _IgnoreFile:
    rules: tuple[str, ...]
    entries: tuple[_Entry, ...]


class _Text:
    """An archived text normalised line by line, so a place in it has a line number."""

    def __init__(self, raw: str) -> None:
        self.lines: list[tuple[int, int, str]] = []  # (line number, offset in joined, normalised line)
        parts: list[str] = []
        offset = 0
        for number, line in enumerate(raw.splitlines(), start=1):
            normal = normalise_text(line)
            if normal:
                self.lines.append((number, offset, normal))
                parts.append(normal)
                offset += len(normal) + 1
        #: The whole text as :func:`~claimcheck.quotes.normalise_text` gives it, where quotes are found.
        self.joined = " ".join(parts)
        self.count = raw.count("\n") + 1

    def spans(self, quote: str) -> Iterator[tuple[int, int]]:
        """Every place ``quote`` (normalised here) occurs in the text."""
        needle = normalise_text(quote)
        if not needle:
            return
        at = find_quote(needle, self.joined)
        while at >= 0:
            yield at, at + len(needle)
            at = find_quote(needle, self.joined, at + 1)


def coverage(corpus: Corpus, archive: str | Path, ignore: str | Path | None = None) -> CoverageReport:
    """What the claims of ``corpus`` leave uncovered in the archived texts in ``archive``.

    ``ignore`` is a folder of ignore files named ``SOURCE-ID.yaml``. Sources
    without ``archive:`` are not read. Problems (an archive folder or text
    that cannot be read, an ignore file that is wrong) are returned in the
    report, never raised.
    """
    folder = Path(archive)
    problems: list[Problem] = []
    if not folder.is_dir():
        missing = "does not exist" if not folder.exists() else "is not a folder"
        message = f"the archive folder {missing}"
        problems.append(Problem(path=folder.as_posix(), line=1, column=1, code="no-files", message=message))
        return CoverageReport(sources=(), problems=tuple(problems))
    ignore_files = _ignore_paths(corpus, ignore, problems)
    results = []
    for source in sorted(corpus.sources, key=lambda s: s.id):
        if source.archive is None:
            continue
        raw = read_archived(folder, source.archive)
        shown = (folder / source.archive).as_posix()
        if raw is None:
            message = f"source {source.id!r} has no archived text in {folder.as_posix()}"
            problems.append(Problem(path=shown, line=1, column=1, code="no-files", message=message))
            continue
        if isinstance(raw, Problem):
            problems.append(raw)
            continue
        text = _Text(raw)
        path = ignore_files.get(source.id)
        rules = _read_ignore(path, text, problems) if path is not None else _IgnoreFile(rules=(), entries=())
        if rules is not None:
            results.append(_cover(source, shown, text, corpus, rules))
    return CoverageReport(sources=tuple(results), problems=tuple(sorted(problems, key=lambda p: p.sort_key)))


def _ignore_paths(corpus: Corpus, ignore: str | Path | None, problems: list[Problem]) -> dict[str, Path]:
    """The ignore file of each source, by source id; a file named after no source is a problem."""
    if ignore is None:
        return {}
    top = Path(ignore)
    if not top.is_dir():
        missing = "does not exist" if not top.exists() else "is not a folder"
        message = f"the ignore folder {missing}"
        problems.append(Problem(path=top.as_posix(), line=1, column=1, code="no-files", message=message))
        return {}
    known = {s.id for s in corpus.sources}
    found: dict[str, Path] = {}
    # Found as claim files are: regular files only, no links leading out of the folder.
    for path in claim_files([top]):
        if path.stem not in known:
            message = f"ignore file for {path.stem!r}, which is not a source"
            hint = "name an ignore file after its source's id, e.g. wp-2020-war.yaml"
            code = "undefined-reference"
            problems.append(Problem(path=path.as_posix(), line=1, column=1, code=code, message=message, hint=hint))
        elif path.stem in found:
            message = f"a second ignore file for source {path.stem!r} (the first is {found[path.stem].as_posix()})"
            problems.append(Problem(path=path.as_posix(), line=1, column=1, code="duplicate-id", message=message))
        else:
            found[path.stem] = path
    return found


class _Problems:
    """Problems of one ignore file, placed at the YAML node they are about."""

    def __init__(self, path: Path, nodes: dict[int, yaml.Node], problems: list[Problem]) -> None:
        self.path, self.nodes, self.problems, self.count = path.as_posix(), nodes, problems, len(problems)

    def add(self, data: Any, code: str, message: str, hint: str | None = None, key: str | None = None) -> None:
        node = self.nodes.get(id(data))
        if key is not None and isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), node)
        mark = node.start_mark if node is not None else None
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        self.problems.append(Problem(path=self.path, line=line, column=column, code=code, message=message, hint=hint))

    @property
    def found(self) -> bool:
        return len(self.problems) > self.count


def _read_ignore(path: Path, text: _Text, problems: list[Problem]) -> _IgnoreFile | None:
    """The rules and entries of one ignore file; ``None`` after adding its problems to ``problems``."""
    read = read_yaml_file(path, Limits(), problems)
    if read is None:
        return None
    data, nodes = read
    out = _Problems(path, nodes, problems)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        out.add(data, "wrong-type", "an ignore file is a mapping with keys 'rules' and 'ignore'")
        return None
    for key in sorted(set(data) - {"rules", "ignore"}):
        out.add(data, "unknown-key", f"unknown key {key!r} in an ignore file", "the keys are 'rules' and 'ignore'")
    rules = [_rule(item, out) for item in _entries(data, "rules", out)]
    entries = [_entry(item, text, out) for item in _entries(data, "ignore", out)]
    if out.found:
        return None
    return _IgnoreFile(rules=tuple(r for r in rules if r), entries=tuple(e for e in entries if e))


def _entries(data: dict[str, Any], key: str, out: _Problems) -> list[dict[str, Any]]:
    items = data.get(key) or []
    if not isinstance(items, list):
        out.add(data, "wrong-type", f"{key!r} must be a list of entries", key=key)
        return []
    kept = []
    for item in items:
        if not isinstance(item, dict):
            out.add(item, "wrong-type", f"each entry of {key!r} must be a mapping")
            continue
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            out.add(item, "missing-key", "an ignore entry needs a 'reason'", "say why it is left out")
        kept.append(item)
    return kept


def _rule(item: dict[str, Any], out: _Problems) -> str | None:
    for key in sorted(set(item) - {"rule", "reason"}):
        out.add(item, "unknown-key", f"unknown key {key!r} in a rule", "a rule takes 'rule' and 'reason'")
    name = item.get("rule")
    if name not in RULES:
        out.add(item, "bad-field", f"'rule' must be one of {', '.join(RULES)}, got {plain(repr(name))}", key="rule")
        return None
    return str(name)


def _entry(item: dict[str, Any], text: _Text, out: _Problems) -> _Entry | None:
    for key in sorted(set(item) - {"line", "text", "reason"}):
        hint = "an entry takes 'line', 'text' and 'reason'"
        out.add(item, "unknown-key", f"unknown key {key!r} in an ignore entry", hint)
    line, passage = item.get("line"), item.get("text")
    if line is None and passage is None:
        out.add(item, "missing-key", "an ignore entry needs a 'line', a 'text', or both")
        return None
    if line is not None and (not isinstance(line, int) or isinstance(line, bool) or not 1 <= line <= text.count):
        out.add(item, "bad-field", f"'line' must be a line of the archived text, 1 to {text.count}", key="line")
        return None
    if passage is None:
        return _Entry(line=line, spans=())
    if not isinstance(passage, str) or not normalise_text(passage):
        out.add(item, "wrong-type", "'text' must be a passage of the archived text", key="text")
        return None
    spans = tuple(s for s in text.spans(passage) if line is None or _line_of(text, s[0]) == line)
    if not spans:
        where = f"on line {line} of" if line is not None else "in"
        out.add(item, "bad-field", f"'text' not found {where} the archived text", "copy it verbatim", key="text")
        return None
    return _Entry(line=line, spans=spans)


def _line_of(text: _Text, offset: int) -> int:
    """The line number of a place in the joined text."""
    low, high = 0, len(text.lines) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if text.lines[middle][1] <= offset:
            low = middle
        else:
            high = middle - 1
    return text.lines[low][0]


def _cover(source: Source, shown: str, text: _Text, corpus: Corpus, ignore: _IgnoreFile) -> SourceCoverage:
    """Count and list what one source's claims leave uncovered."""
    covered = bytearray(len(text.joined))
    for claim in corpus.claims:
        if claim.source == source.id:
            for start, end in text.spans(claim.quote):
                covered[start:end] = b"\x01" * (end - start)
    language = (source.language or "").split("-")[0].lower()
    words, verbs = _WORDS.get(language), _VERBS.get(language)
    counts = {"number": [0, 0], "statement": [0, 0]}  # found, covered
    ignored: dict[str, list[int]] = {}
    left: list[Uncovered] = []
    for number, offset, line in text.lines:
        for start, end in _sentences(line):
            sentence = line[start:end]
            items: list[tuple[Kind, int, int]] = [
                ("number", m.start(), m.end()) for m in _DIGITS.finditer(line, start, end)
            ]
            if words is not None:
                items += [("number", m.start(), m.end()) for m in words.finditer(line, start, end)]
            if verbs is not None and verbs.search(line, start, end):
                items.append(("statement", start, end))
            for kind, low, high in sorted(items, key=lambda i: i[1]):
                counts[kind][0] += 1
                at, to = offset + low, offset + high
                whole = kind == "number"
                if (covered.find(0, at, to) < 0) if whole else (covered.find(1, at, to) >= 0):
                    counts[kind][1] += 1
                    continue
                by = _ignored_by(kind, line, low, high, number, at, to, ignore)
                if by is not None:
                    ignored.setdefault(by, [0, 0])[0 if whole else 1] += 1
                    continue
                item = Uncovered(
                    source=source.id, path=shown, line=number, kind=kind, text=line[low:high], sentence=sentence
                )
                left.append(item)
    return SourceCoverage(
        source=source.id,
        path=shown,
        numbers=counts["number"][0],
        statements=counts["statement"][0],
        covered_numbers=counts["number"][1],
        covered_statements=counts["statement"][1],
        ignored=tuple(Ignored(by=by, numbers=n, statements=s) for by, (n, s) in sorted(ignored.items())),
        uncovered=tuple(left),
    )


def _ignored_by(
    kind: Kind, line: str, low: int, high: int, number: int, at: int, to: int, ignore: _IgnoreFile
) -> str | None:
    """The rule or ``"listed"`` that leaves an item out, or ``None``."""
    if kind == "number":
        for name in ignore.rules:
            if RULES[name][1](line, low, high):
                return name
    for entry in ignore.entries:
        if entry.line is not None and entry.line != number:
            continue
        if not entry.spans:
            return "listed"
        for start, end in entry.spans:
            inside = start <= at and to <= end if kind == "number" else start < to and at < end
            if inside:
                return "listed"
    return None


def _sentences(line: str) -> Iterator[tuple[int, int]]:
    """The sentences of one normalised line, as (start, end); a line is at least one sentence."""
    start = 0
    for end in _SENTENCE_END.finditer(line):
        yield start, end.start() + len(end.group().rstrip())
        start = end.end()
    if start < len(line):
        yield start, len(line)


#: Characters of a sentence shown around an uncovered item: enough to find it, one terminal line.
_EXCERPT = 100


def render_coverage(report: CoverageReport, limit: int = 100) -> str:
    """The uncovered items (at most ``limit`` of them) with their lines, then a summary per source.

    Text from the archived texts passes through :func:`~claimcheck.text.plain`
    and is cut to one short line, so the output is bounded and terminal-safe.
    """
    out: list[str] = []
    shown = 0
    for result in report.sources:
        for item in result.uncovered:
            if shown == limit:
                break
            shown += 1
            what = f"number {plain(item.text)!r}" if item.kind == "number" else "statement"
            out.append(f"{plain(item.path)}:{item.line}: {what} not covered: {_excerpt(item)}")
    if report.uncovered > shown:
        out.append(f"... and {report.uncovered - shown} more (raise --max to list them)")
    for result in report.sources:
        numbers = sum(1 for i in result.uncovered if i.kind == "number")
        statements = len(result.uncovered) - numbers
        ignored = ", ".join(f"{i.by} {i.numbers + i.statements}" for i in result.ignored) or "none"
        out.append(
            f"{result.source}: {numbers} of {result.numbers} numbers and {statements} of {result.statements} "
            f"attributed sentences not covered (covered by quotes: {result.covered_numbers} numbers, "
            f"{result.covered_statements} sentences; ignored: {ignored})"
        )
    total = report.uncovered
    sources = len(report.sources)
    out.append(
        f"{total} item{'s' if total != 1 else ''} not covered in {sources} archived source{'s' if sources != 1 else ''}"
    )
    return "\n".join(out) + "\n"


def _excerpt(item: Uncovered) -> str:
    sentence = plain(item.sentence)
    if len(sentence) <= _EXCERPT:
        return sentence
    if item.kind == "statement":
        return sentence[: _EXCERPT - 1] + "…"
    at = max(0, sentence.find(plain(item.text)) - _EXCERPT // 2)
    cut = sentence[at : at + _EXCERPT]
    return ("…" if at else "") + cut + ("…" if at + _EXCERPT < len(sentence) else "")
