"""Claim files written before joint statements, parties, standings and measures keep their meaning.

``tests/data/frozen/claims`` is a copy of the bundled claim files as they were before those forms
existed; ``export.json`` is what ``claimcheck export -f json`` made of them then, and ``data.json``
what ``claimcheck.dump.to_data`` made of them (every object, every field the files set). Loading
the copy today must give no error and the same records, field by field, for every field that
existed then.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimcheck import load
from claimcheck.dump import to_data
from claimcheck.errors import WARNING_CODES
from claimcheck.export import claim_records
from claimcheck.model import Corpus

FROZEN = Path(__file__).parent / "data" / "frozen"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    """The frozen copy, loaded by today's loader."""
    return load(FROZEN / "claims")


def _stored(name: str) -> Any:
    return json.loads((FROZEN / name).read_text(encoding="utf-8"))


def test_the_frozen_files_load_with_warnings_at_most(corpus: Corpus) -> None:
    """The old files load without an error; what today's loader has to say about them is only warnings."""
    assert {"warning"} >= {w.severity for w in corpus.warnings}
    assert set(WARNING_CODES) >= {w.code for w in corpus.warnings}


def test_every_old_export_field_is_unchanged(corpus: Corpus) -> None:
    """Each claim's export record, restricted to the fields the old export had, equals the old one."""
    old = _stored("export.json")
    new = claim_records(corpus)
    assert [r["id"] for r in old] == [r["id"] for r in new]
    fields = sorted(old[0])
    assert [{k: r[k] for k in fields} for r in old] == [{k: r[k] for k in fields} for r in new]


def test_every_object_writes_back_as_it_did(corpus: Corpus) -> None:
    """Every conflict, source, actor, figure, proposition and claim writes back to the same claim-file data."""
    assert _stored("data.json") == json.loads(json.dumps(to_data(corpus), ensure_ascii=False))


def test_old_files_keep_their_defaults(corpus: Corpus) -> None:
    """No old claim is joint, hedged, disowned or counted another way; no old actor has a standing of its own."""
    assert [] == [c.id for c in corpus.claims if c.co_claimants or c.hedged or c.disowned_by or c.joint_with]
    assert {"assertion"} == {c.method for c in corpus.claims}
    assert [] == [a.id for a in corpus.actors if a.standing is not None]
    assert [] == [c.id for c in corpus.conflicts if c.parties]
