"""The vocabulary of measures: what each word a figure counts means for reconciliation.

A figure's ``measure`` is a word (``killed``, ``destroyed``, ``displaced``).
Reconciliation needs to know of each word whether it counts a loss of the
side or party the figure is ``of`` (a side's own count of its losses is an
admission; its count of displaced people is not a loss), what kind of loss
(military, civilian, people of either kind, equipment, territory), and
whether figures of it are usually running totals. This table says so, as
data: a corpus extends or overrides it with a ``measures:`` section, and
Python code with ``claimcheck.load(..., measures=...)``. A word outside the
table still loads (it counts no loss), with a ``unknown-measure`` warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .model import LOSS_KINDS, LossKind, Measure

__all__ = ["DEFAULT_MEASURES", "LOSS_KINDS", "LossKind", "Measure", "measure_table"]


def _m(
    word: str, kind: LossKind = "other", *, loss: bool = False, cumulative: bool = False, aliases: tuple[str, ...] = ()
) -> Measure:
    return Measure(word=word, loss=loss, kind=kind, cumulative=cumulative, aliases=aliases)


#: The default table. Losses are exactly the words that counted as losses before the table existed, plus
#: ``destroyed-or-damaged`` (a loss by both of its words).
DEFAULT_MEASURES: tuple[Measure, ...] = (
    # Losses of people.
    _m("killed", "people", loss=True, cumulative=True),
    _m("dead", "people", loss=True, cumulative=True),
    _m("wounded", "people", loss=True, cumulative=True),
    _m("injured", "people", loss=True, cumulative=True),
    _m("casualties", "people", loss=True, cumulative=True),
    _m("missing", "people", loss=True),
    _m("captured", "other", loss=True, cumulative=True),
    _m("prisoners", "people", loss=True),
    # Losses of equipment.
    _m("destroyed", "equipment", loss=True, cumulative=True),
    _m("damaged", "equipment", loss=True, cumulative=True),
    _m("destroyed-or-damaged", "equipment", loss=True, cumulative=True, aliases=("damaged-or-destroyed",)),
    _m("downed", "equipment", loss=True, cumulative=True),
    _m("lost", "other", loss=True, cumulative=True),
    _m("abandoned", "equipment", cumulative=True),
    # People moved, held or exchanged.
    _m("displaced", "people", cumulative=True),
    _m("evacuated", "people", cumulative=True),
    _m("returned", "people", cumulative=True),
    _m("detained", "people"),
    _m("arrested", "people"),
    _m("released", "people"),
    _m("exchanged", "people"),
    _m("handed-over", "people", aliases=("handed over",)),
    _m("deserted", "people"),
    _m("surrendered", "people"),
    # Forces and their actions.
    _m("deployed", "military"),
    _m("sent", "military"),
    _m("mobilised", "military"),
    _m("recruited", "military"),
    _m("stationed", "military"),
    _m("attacks", cumulative=True),
    _m("violations", cumulative=True),
    _m("fired", cumulative=True),
    # Territory.
    _m("occupied", "territory"),
    _m("ceded", "territory"),
    # Other counts and quantities.
    _m("population", "people"),
    _m("share"),
    _m("cost"),
    _m("payment"),
    _m("delivered"),
    _m("donated"),
    _m("duration"),
    _m("distance"),
)


def measure_table(extra: Iterable[Measure] = ()) -> Mapping[str, tuple[Measure, bool]]:
    """Every word and alias, with its measure and whether the word is an alias.

    ``extra`` entries (a corpus's own, then Python's) replace default ones of the same word.
    """
    by_word: dict[str, Measure] = {m.word: m for m in DEFAULT_MEASURES}
    for m in extra:
        by_word[m.word] = m
    table: dict[str, tuple[Measure, bool]] = {}
    for m in by_word.values():
        for alias in m.aliases:
            table.setdefault(alias, (m, True))
    for m in by_word.values():
        table[m.word] = (m, False)
    return table
