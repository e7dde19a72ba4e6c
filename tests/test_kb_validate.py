"""Validation of knowledge-base files: every bad input gets one line naming file and row."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rechain.csvrows import read_rows
from rechain.errors import DataFileError
from rechain.kb.validate import validate_kb


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def first_problem(folder: Path) -> str:
    _, problems = validate_kb(folder)
    assert problems, "expected a problem"
    return str(problems[0])


def test_the_fixture_knowledge_base_is_valid(small_kb: Path) -> None:
    rows, problems = validate_kb(small_kb)
    assert problems == [] and len(rows) > 20


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "facilities.csv",
            ",1000,t/y,reo,",
            ",1000,kt/y,reo,",
            "facilities.csv, row 2: column capacity_unit: 'kt/y' is not one of",
        ),
        ("facilities.csv", "Alpha Mine,阿尔法矿", 'Alpha Mine,"阿尔法矿', "facilities.csv, row 2: malformed CSV"),
        (
            "facilities.csv",
            "operating,1990,test-alpha-report-2023",
            "operating,1990,",
            "facilities.csv, row 2: column source: is required",
        ),
        (
            "facilities.csv",
            "1990,test-alpha-report-2023",
            "1990,no-such-source",
            "facilities.csv, row 2: column source: unknown source 'no-such-source'",
        ),
        ("facilities.csv", "gamma-motor-plant,", "alpha-mine,", "facilities.csv, row 5: duplicate id 'alpha-mine'"),
        (
            "ownership.csv",
            "alpha-group,alpha-mining,60",
            "alpha-group,omega-mining,60",
            "ownership.csv, row 2: column owned: unknown organizations id 'omega-mining'",
        ),
        (
            "places.csv",
            "testburg,Testburg",
            "testburg,Testburg,extra",
            "places.csv, row 3: 13 cells, the header has 12",
        ),
        ("production.csv", "country,material", "nation,material", "production.csv, row 1: header does not match"),
        (
            "production.csv",
            "CN,rare earths,mining,production,2022,100",
            "CN,rare earths,mining,production,2022,-5",
            "production.csv, row 2: column value: -5 is below the minimum 0",
        ),
        (
            "production.csv",
            "US,rare earths,mining,production",
            "XX,rare earths,mining,production",
            "production.csv, row 4: column country: unknown country code 'XX'",
        ),
        (
            "facilities.csv",
            "rare earth concentrate,1000",
            "unobtainium,1000",
            "facilities.csv, row 2: column products: unknown material 'unobtainium'",
        ),
    ],
)
def test_bad_rows_are_named(small_kb: Path, file: str, old: str, new: str, expected: str) -> None:
    replace_in(small_kb / file, old, new)
    assert expected in first_problem(small_kb)


def test_a_stray_file_is_named(small_kb: Path) -> None:
    (small_kb / "notes.csv").write_text("a,b\n1,2\n")
    assert "notes.csv: file name matches no knowledge-base kind" in first_problem(small_kb)


def test_binary_and_misencoded_files_are_named(small_kb: Path) -> None:
    (small_kb / "places.csv").write_bytes(b"id,name\n\xff\xfe\x00bad")
    assert "places.csv: not UTF-8 text" in first_problem(small_kb)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_random_bytes_never_crash_the_reader(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.csv"
    path.write_bytes(data)
    try:
        list(read_rows(path, ["id", "name"]))
    except DataFileError as exc:
        assert "random.csv" in str(exc) and "\n" not in str(exc)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(max_size=300))
def test_random_text_never_crashes_the_reader(tmp_path: Path, body: str) -> None:
    path = tmp_path / "random.csv"
    path.write_text("id,name\n" + body, encoding="utf-8")
    try:
        for _, cells in read_rows(path, ["id", "name"]):
            assert set(cells) == {"id", "name"}
    except DataFileError as exc:
        assert "random.csv" in str(exc)


def test_every_declared_kind_becomes_claims_or_entities() -> None:
    from rechain.kb.claims import ENTITY_PROPERTIES, FACT_CLAIMS
    from rechain.kb.files import kinds

    assert set(kinds()) == set(FACT_CLAIMS) | set(ENTITY_PROPERTIES) | {"sources"}
