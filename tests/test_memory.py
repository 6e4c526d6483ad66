"""Memory per loaded claim and the plain-row path for tables: what a load shares, and what it builds."""

from __future__ import annotations

import sys
from pathlib import Path

import attrs
import pytest

from claimcheck import LoadError, load
from claimcheck.convert import LoadMemo, converter
from claimcheck.dates import parse_date
from claimcheck.dump import dump
from claimcheck.export import export_csv
from claimcheck.model import Claim
from claimcheck.tables import PlainRows, rows
from claimcheck.values import DEFAULT_READING, _exact, _parse_text

CLAIMS = Path(__file__).parent.parent / "claims"


def test_plain_rows_build_the_claims_the_converter_builds() -> None:
    """Each row of the bundled corpus's CSV export that the plain path takes gives the converter's claim, exactly."""
    plain = PlainRows(DEFAULT_READING, LoadMemo())
    taken, refused = 0, []
    for record, _ in rows(export_csv(load(CLAIMS)), "claims.csv"):
        claim = plain.claim(record)
        if claim is None:
            refused.append(record)
            continue
        taken += 1
        expected = converter(DEFAULT_READING).structure(record, Claim)
        assert expected == claim
        assert [type(getattr(expected, a.name)) for a in attrs.fields(Claim)] == [
            type(getattr(claim, a.name)) for a in attrs.fields(Claim)
        ]
    # Only the rows that need the converter's own work (a tolerance, several claimants) are refused.
    assert [] == [r["id"] for r in refused if "tolerance" not in r and not isinstance(r["claimant"], list)]
    assert taken > 10 * len(refused)


def test_a_row_the_plain_path_refuses_gets_the_claim_files_problem(tmp_path: Path) -> None:
    """A row that breaks a rule between fields (a claim repeating itself) is reported at its cell as a cycle."""
    corpus = load(CLAIMS)
    first = next(c for c in corpus.claims if c.same_as is None and c.figure is not None)
    defs, table = tmp_path / "defs.yaml", tmp_path / "claims.csv"
    defs.write_text(dump(attrs.evolve(corpus, claims=())), encoding="utf-8")
    looped = attrs.evolve(first)
    object.__setattr__(looped, "same_as", first.id)  # past the constructor, which would refuse it
    table.write_text(export_csv(attrs.evolve(corpus, claims=(looped,))), encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load([defs, table])
    assert [("cycle", f"claim: claim {first.id!r} cannot refer to itself")] == [
        (p.code, p.message) for p in info.value.problems
    ]


def test_a_load_shares_equal_dates_and_values() -> None:
    """Claims of one load that write the same date or value hold one object for it."""
    claims = load(CLAIMS).claims
    dates = {c.date.text: c.date for c in claims}
    values = {c.value.text: c.value for c in claims if c.value is not None}
    assert [] == [c.id for c in claims if c.date is not dates[c.date.text]]
    assert [] == [c.id for c in claims if c.value is not None and c.value is not values[c.value.text]]


def test_a_load_keeps_little_in_module_caches_and_interns_no_claim_id() -> None:
    """A load keeps no date in the module's cache, values only of claims read twice, and interns no claim id."""
    for cache in (parse_date, _parse_text, _exact):
        cache.cache_clear()
    claims = load(CLAIMS).claims
    # Only a claim with its own tolerance, or resting on another claim, has a value read again (and cached).
    again = {c.id for c in claims if c.tolerance is not None or c.relative_to or c.adds_to}
    again |= {c.relative_to or c.adds_to for c in claims if c.relative_to or c.adds_to}
    assert 0 == parse_date.cache_info().currsize
    assert _parse_text.cache_info().currsize + _exact.cache_info().currsize <= len(again)
    assert [] == [c.id for c in claims if sys.intern("".join(list(c.id))) is c.id]
