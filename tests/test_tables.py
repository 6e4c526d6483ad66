"""Tables in: the CSV and JSON claim exports load back into an equal corpus, and bad rows are placed."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import claimcheck
from claimcheck import LoadError, from_data, load
from claimcheck.cli import main
from claimcheck.dump import dump
from claimcheck.export import export_csv, export_json
from claimcheck.render import render

from .strategies import claim_files

VALID = Path(__file__).parent / "data" / "valid" / "example.yaml"
_EXPORTS = {"csv": export_csv, "json": export_json}


def _split(corpus: claimcheck.Corpus, folder: Path, fmt: str) -> list[Path]:
    """The corpus written as a claim file of its definitions and a table of its claims."""
    defs, table = folder / "defs.yaml", folder / f"claims.{fmt}"
    defs.write_text(dump(attrs.evolve(corpus, claims=())), encoding="utf-8")
    table.write_text(_EXPORTS[fmt](corpus), encoding="utf-8")
    return [defs, table]


def _problems(paths: list[Path]) -> list[str]:
    with pytest.raises(LoadError) as info:
        load(paths)
    return [str(p) for p in info.value.problems]


def _csv_with(tmp_path: Path, old: str, new: str) -> list[Path]:
    """The example corpus as definitions and a CSV table, one cell text replaced."""
    defs, table = _split(load(VALID), tmp_path, "csv")
    text = table.read_text(encoding="utf-8")
    assert old in text
    table.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [defs, table]


@pytest.mark.parametrize("fmt", ["csv", "json"])
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=claim_files())
def test_an_export_loads_back_into_an_equal_corpus_and_reconciliation(
    tmp_path: Path, fmt: str, data: dict[str, Any]
) -> None:
    """Exporting a corpus's claims and loading the table beside its definitions gives the same corpus and report."""
    corpus = from_data(data)
    folder = tmp_path / fmt
    folder.mkdir(exist_ok=True)
    loaded = load(_split(corpus, folder, fmt))
    assert corpus == loaded
    expected = render(claimcheck.reconcile(corpus), corpus, "json")
    assert expected == render(claimcheck.reconcile(loaded), loaded, "json")


def test_each_claim_of_a_table_knows_its_row(tmp_path: Path) -> None:
    """A claim read from a CSV table has the table's path, the line its row starts on, and column 1."""
    defs, table = _split(load(VALID), tmp_path, "csv")
    corpus = load([defs, table])
    first = corpus.claims[0].origin
    assert (table.as_posix(), 2, 1) == (first.path, first.line, first.column)  # type: ignore[union-attr]


def test_a_bad_cell_is_placed_at_its_line_and_column(tmp_path: Path) -> None:
    """A date that does not exist is reported at the CSV cell that holds it, with the YAML loader's words."""
    paths = _csv_with(tmp_path, ",2021-03,", ",2021-13,")
    text = paths[1].read_text(encoding="utf-8")
    line_no, line = next((i + 1, ln) for i, ln in enumerate(text.split("\n")) if ",2021-13," in ln)
    column = line.index(",2021-13,") + 2
    [problem] = _problems(paths)
    assert problem.startswith(f"{paths[1].as_posix()}:{line_no}:{column}: error: 'date' ")
    assert "month 13 does not exist" in problem


def test_an_unknown_column_is_named_at_the_header_with_the_nearest_one(tmp_path: Path) -> None:
    """A misspelt column is refused at its header cell, and the hint names the column meant."""
    paths = _csv_with(tmp_path, "id,figure,", "id,figuer,")
    [problem] = _problems(paths)
    assert f"{paths[1].as_posix()}:1:4: error: unknown column 'figuer' (did you mean 'figure'?)" == problem


def test_a_table_without_a_required_column_is_refused(tmp_path: Path) -> None:
    """A table with no quote column says which column a claims table needs."""
    table = tmp_path / "claims.csv"
    table.write_text("id,figure,claimant,date,source,value\n", encoding="utf-8")
    [problem] = _problems([VALID, table])
    assert f"{table.as_posix()}:1:1: error: a claims table needs a column 'quote'" == problem


def test_a_row_with_too_many_cells_is_refused_at_its_line(tmp_path: Path) -> None:
    """A row whose cells do not match the header is a table-syntax problem at its line."""
    table = tmp_path / "claims.csv"
    table.write_text("id,claimant,date,source,quote\na,b,2020,c,d,e\n", encoding="utf-8")
    problems = _problems([VALID, table])
    assert [f"{table.as_posix()}:2:1: error: the row has 6 cells and the header 5 (quote cells that hold commas)"] == [
        p for p in problems if table.as_posix() in p
    ]


def test_an_undefined_reference_in_a_row_points_at_its_cell(tmp_path: Path) -> None:
    """A claimant no claim file defines is reported at the claimant cell of the row."""
    paths = _csv_with(tmp_path, ",am-health,", ",am-nobody,")
    text = paths[1].read_text(encoding="utf-8")
    line_no, line = next((i + 1, ln) for i, ln in enumerate(text.split("\n")) if ",am-nobody," in ln)
    [problem] = _problems(paths)
    assert problem.startswith(f"{paths[1].as_posix()}:{line_no}:{line.index(',am-nobody,') + 2}: error: ")
    assert "am-nobody" in problem


def test_a_bad_json_value_is_placed_at_its_key(tmp_path: Path) -> None:
    """A JSON table's unreadable value is reported where that record's value is written."""
    defs, table = _split(load(VALID), tmp_path, "json")
    records = json.loads(table.read_text(encoding="utf-8"))
    records[1]["value"] = "lots and lots"
    table.write_text(json.dumps(records, indent=2), encoding="utf-8")
    lines = table.read_text(encoding="utf-8").split("\n")
    starts = [i for i, ln in enumerate(lines) if ln == "  {"]
    line_no = next(i for i in range(starts[1], len(lines)) if lines[i].startswith('    "value"')) + 1
    [problem] = _problems([defs, table])
    assert problem.startswith(f"{table.as_posix()}:{line_no}:14: error: 'value' ")


def test_a_folder_is_still_searched_for_claim_files_only(tmp_path: Path) -> None:
    """A CSV export written into a claims folder is not read with it: only a named table is."""
    folder = tmp_path / "claims"
    folder.mkdir()
    corpus = load(VALID)
    (folder / "example.yaml").write_text(VALID.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "claims.csv").write_text(export_csv(corpus), encoding="utf-8")
    assert corpus == load(folder)


def test_a_json_claim_file_holding_a_mapping_is_still_a_claim_file(tmp_path: Path) -> None:
    """A .json file holding a mapping of sections loads as a claim file written in JSON, as before."""
    path = tmp_path / "claims.json"
    data = claimcheck.dump.to_data(load(VALID))
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load(VALID) == load(path)


def test_the_cli_checks_a_table_beside_its_definitions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``claimcheck check defs.yaml claims.csv`` accepts the table and says how many claims it read."""
    defs, table = _split(load(VALID), tmp_path, "csv")
    assert 0 == main(["check", str(defs), str(table)])
    assert f"ok: {len(load(VALID).claims)} claims," in capsys.readouterr().err


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", "claims.csv:1:1: error: the table is empty: a claims table starts with a header row naming its columns"),
        ("id;figure;claimant;date;source;quote\n", "claims.csv:1:1: error: the header is one column of names"),
        ("ID,figure,claimant,date,source,quote\n", "claims.csv:1:1: error: unknown column 'ID' (did you mean 'id'?)"),
        ("id,figure,claimant,date,source,quote,\n", "claims.csv:1:38: error: a column without a name"),
    ],
)
def test_a_spreadsheets_header_mistakes_are_named(tmp_path: Path, header: str, expected: str) -> None:
    """An empty file, semicolons for commas, a header's capitals and a trailing comma each get a plain message."""
    defs, _ = _split(load(VALID), tmp_path, "csv")
    table = tmp_path / "claims.csv"
    table.write_text(header, encoding="utf-8")
    found = _problems([defs, table])
    assert [True] == [
        any(p.startswith(f"{tmp_path / 'claims.csv'}{expected.removeprefix('claims.csv')}") for p in found)
    ]


def test_a_table_loaded_without_its_definitions_is_one_problem(tmp_path: Path) -> None:
    """A claims table named alone is one problem that says what to add, not one per row."""
    _, table = _split(load(VALID), tmp_path, "csv")
    (problem,) = _problems([table])
    assert "a claims table holds claims only" in problem


def test_a_tables_problems_name_its_columns(tmp_path: Path) -> None:
    """A problem in a table names the column as the table spells it (`as_of`), not the claim-file key (`as-of`)."""
    defs, table = _split(load(VALID), tmp_path, "csv")
    header, first, *rest = csv.reader(io.StringIO(table.read_text(encoding="utf-8")))
    first[header.index("as_of")] = "2021-13"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, first, *rest])
    table.write_text(out.getvalue(), encoding="utf-8")
    (problem,) = _problems([defs, table])
    assert ("'as_of' '2021-13'", False) == (problem.split(": error: ")[1][:17], "'as-of'" in problem)
