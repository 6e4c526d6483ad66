"""The JSON Schema and the loader agree on what a claim file is."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import LoadError, load
from claimcheck.cli import main
from claimcheck.schema import claim_file_schema

from .strategies import claim_files

SCHEMA = claim_file_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
MUTATIONS = ["none", "unknown-key", "drop-key", "wrong-type", "bad-value", "bad-id", "list-for-text"]


@st.composite
def mutated_files(draw: st.DrawFn) -> dict[str, Any]:
    """A valid claim file, possibly broken in one way that both checkers can see."""
    data = copy.deepcopy(draw(claim_files(max_claims=4)))
    mutation = draw(st.sampled_from(MUTATIONS))
    section = draw(st.sampled_from(sorted(data)))
    record = draw(st.sampled_from(data[section]))
    if mutation == "unknown-key":
        record[draw(st.sampled_from(["claimaint", "vlaue", "colour", "x"]))] = "oops"
    elif mutation == "drop-key":
        definition = SCHEMA["$defs"][
            {
                "conflicts": "Conflict",
                "sources": "Source",
                "actors": "Actor",
                "figures": "Figure",
                "propositions": "Proposition",
                "claims": "Claim",
                "measures": "Measure",
            }[section]
        ]
        candidates = [k for k in [*definition["required"], "figure", "value"] if k in record]
        record.pop(draw(st.sampled_from(candidates)))
    elif mutation == "wrong-type":
        record["id"] = draw(st.sampled_from([5, True, None, ["a"]]))
    elif mutation == "list-for-text":
        key = "quote" if section == "claims" else ("name" if "name" in record else "id")
        record[key] = ["not", "text"]
    elif mutation == "bad-value" and section == "claims":
        record["value"] = draw(st.sampled_from(["thre", "-5", "lots and lots", "5 or or 6", "22.8 %%", 2.5]))
    elif mutation == "bad-id":
        record["id"] = draw(st.sampled_from(["Has Caps", "under_score", "-lead", "trail-", "a--b"]))
    return data


@given(mutated_files())
def test_schema_and_loader_accept_and_reject_the_same_files(data: dict[str, Any]) -> None:
    """For generated files, valid and broken, the schema and the loader agree."""
    schema_ok = VALIDATOR.is_valid(data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        try:
            load(path)
            loader_ok = True
        except LoadError:
            loader_ok = False
    assert schema_ok == loader_ok


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The schema itself validates against the JSON Schema meta-schema."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_claimcheck_schema_prints_the_schema(capsys: Any) -> None:
    """`claimcheck schema` prints the same schema as JSON."""
    assert 0 == main(["schema"])
    assert SCHEMA == json.loads(capsys.readouterr().out)
