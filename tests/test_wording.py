"""Made when read: a finding or an estimate worded when first read equals one given as text, and a figure's
findings made when first read equal the same findings given."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

from claimcheck import Estimate, from_data, load, reconcile
from claimcheck.findings import Finding

from .strategies import claim_files

ROOT = Path(__file__).resolve().parent.parent


def _seen_as_given(made: Any, name: str) -> None:
    """``made``, whose field ``name`` may be made when read, equals, hashes, prints, pickles and copies like
    the same object given that field's value."""
    value = getattr(made, name)
    given_value = attrs.evolve(made, **{name: value})
    assert made == given_value
    assert hash(made) == hash(given_value)
    assert repr(made) == repr(given_value)
    assert f"{name}={value!r}" in repr(made)
    assert made == pickle.loads(pickle.dumps(made))
    assert made == copy.deepcopy(made)


def _estimates(data: dict[str, Any]) -> list[Estimate]:
    return [f.estimate for f in reconcile(from_data(data)).figures if f.estimate is not None]


@given(claim_files())
def test_a_worded_finding_equals_the_same_finding_given_as_text(data: dict[str, Any]) -> None:
    """Equality, hashing, repr, pickling and copying see a finding's text, never how it is worded."""
    for finding in reconcile(from_data(data)).findings:
        _seen_as_given(finding, "message")


@given(claim_files())
def test_an_unread_finding_pickles_with_its_text(data: dict[str, Any]) -> None:
    """A finding whose message was never read pickles (a wording is code): the copy reads the same text."""
    first, second = reconcile(from_data(data)).findings, reconcile(from_data(data)).findings
    for unread, read in zip(first, second, strict=True):
        copied = pickle.loads(pickle.dumps(unread))
        assert read.message == copied.message


@given(claim_files())
def test_a_worded_estimate_equals_the_same_estimate_given_as_text(data: dict[str, Any]) -> None:
    """An estimate's reasons are worded when read; equality, hashing, repr and pickling see their text."""
    for estimate in _estimates(data):
        _seen_as_given(estimate, "reasons")


@given(claim_files())
def test_an_unread_estimate_pickles_with_its_reasons(data: dict[str, Any]) -> None:
    for unread, read in zip(_estimates(data), _estimates(data), strict=True):
        assert read.reasons == pickle.loads(pickle.dumps(unread)).reasons


@given(claim_files())
def test_a_figure_result_equals_the_same_result_given_its_findings(data: dict[str, Any]) -> None:
    """A figure's findings are made when first read; equality, hashing, repr, pickling and copying see them."""
    for result in reconcile(from_data(data)).figures:
        _seen_as_given(result, "findings")


@given(claim_files())
def test_an_unread_figure_result_pickles_with_its_findings(data: dict[str, Any]) -> None:
    """A figure result whose findings were never read pickles with them, each with its message and dates."""
    first, second = reconcile(from_data(data)).figures, reconcile(from_data(data)).figures
    for unread, read in zip(first, second, strict=True):
        copied = pickle.loads(pickle.dumps(unread)).findings
        assert read.findings == copied
        assert [f.dates for f in read.findings] == [f.dates for f in copied]


def test_a_figure_s_findings_are_made_once() -> None:
    """Reading a figure's findings twice makes them once: the same objects come back, contradictions first."""
    result = next(f for f in reconcile(load(ROOT / "claims")).figures if f.spread is not None)
    assert result.findings is result.findings
    assert result.findings[0].code in {"contradiction", "internal-contradiction", "undated-disagreement"}


def test_a_message_is_worded_once() -> None:
    """Reading a message twice words it once, and gives the same text."""
    calls: list[int] = []

    def wording() -> str:
        calls.append(1)
        return "A claims 5 but B claims 50."

    finding = Finding(code="contradiction", severity="high", message=wording, claims=("a", "b"))
    assert finding.message == finding.message == "A claims 5 but B claims 50."
    assert [1] == calls


@pytest.mark.parametrize(
    ("code", "severity", "wrong"),
    [("contradicton", "high", "unknown finding code 'contradicton'"), ("contradiction", "hihg", "unknown severity")],
)
def test_a_finding_refuses_a_code_or_severity_not_in_the_catalogue(code: str, severity: str, wrong: str) -> None:
    with pytest.raises(ValueError, match=wrong):
        Finding(code=code, severity=severity, message="", claims=())  # type: ignore[arg-type]
