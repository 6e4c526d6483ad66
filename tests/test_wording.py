"""Words made when read: a finding or an estimate worded when first read equals one given as text."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given

from claimcheck import Estimate, from_data, reconcile
from claimcheck.findings import Finding

from .strategies import claim_files


def _as_text(finding: Finding) -> Finding:
    """The same finding made again with its message given as text."""
    return attrs.evolve(finding, message=finding.message)


def _estimates(data: dict[str, Any]) -> list[Estimate]:
    return [f.estimate for f in reconcile(from_data(data)).figures if f.estimate is not None]


@given(claim_files())
def test_a_worded_finding_equals_the_same_finding_given_as_text(data: dict[str, Any]) -> None:
    """Equality, hashing, repr, pickling and copying see a finding's text, never how it is worded."""
    for finding in reconcile(from_data(data)).findings:
        text = _as_text(finding)
        assert finding == text
        assert hash(finding) == hash(text)
        assert repr(finding) == repr(text)
        assert f"message={finding.message!r}" in repr(finding)
        assert finding == pickle.loads(pickle.dumps(finding))
        assert finding == copy.deepcopy(finding)


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
        text = attrs.evolve(estimate, reasons=estimate.reasons)
        assert estimate == text
        assert hash(estimate) == hash(text)
        assert repr(estimate) == repr(text)
        assert f"reasons={estimate.reasons!r}" in repr(estimate)
        assert estimate == pickle.loads(pickle.dumps(estimate))


@given(claim_files())
def test_an_unread_estimate_pickles_with_its_reasons(data: dict[str, Any]) -> None:
    for unread, read in zip(_estimates(data), _estimates(data), strict=True):
        assert read.reasons == pickle.loads(pickle.dumps(unread)).reasons


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
