"""Store behaviour, run on SQLite and on a real PostgreSQL server alike."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from rechain.errors import DataFileError, SchemaVersionError, StoreError
from rechain.export import production_rows, table_rows
from rechain.kb.load import load_kb
from rechain.store import Store, open_store
from rechain.views import profile


def snapshot(store: Store) -> list[tuple[object, ...]]:
    with store.engine.connect() as conn:
        claims = conn.execute(text("SELECT id, subject, property, value, qualifiers, status FROM claims ORDER BY id"))
        entities = conn.execute(text("SELECT id, type, name FROM entities ORDER BY id"))
        return [tuple(r) for r in claims] + [tuple(r) for r in entities]


def test_loading_twice_gives_the_same_store(store: Store, small_kb: Path) -> None:
    first = load_kb(store, small_kb)
    before = snapshot(store)
    second = load_kb(store, small_kb)
    assert first.new_claims > 0 and second.new_claims == 0
    assert snapshot(store) == before


def test_conflicting_capacities_are_kept_side_by_side(small_store: Store) -> None:
    mine = profile(small_store, "alpha-mine")
    assert mine is not None
    figures = [(c.value, c.qualifiers["year"]) for c in mine.ranked("capacity")]
    assert figures == [(1200, 2024), (1000, 2023)]
    row = next(r for r in table_rows(small_store, "facilities") if r["id"] == "alpha-mine")
    assert row["capacity"] == 1200 and "1000 t/y reo (operating, nameplate, 2023)" in row["other_capacities"]
    assert "Alpha Group annual report 2024" in row["sources"]


def test_revised_statistics_keep_every_edition(small_store: Store) -> None:
    rows = production_rows(small_store)
    cn = next(r for r in rows if r["country"] == "CN" and r["year"] == 2022)
    assert (cn["value"], cn["edition"]) == (110, "Yearbook 2024")
    assert cn["other_editions"] == "Yearbook 2023: 100"
    withheld = next(r for r in rows if r["measure"] == "reserves")
    assert withheld["value"] is None and withheld["note"] == "withheld"


def test_removed_rows_are_retracted_and_come_back(store: Store, small_kb: Path) -> None:
    load_kb(store, small_kb)
    links = small_kb / "supply_links.csv"
    original = links.read_text()
    links.write_text("\n".join(original.splitlines()[:2]) + "\n")
    report = load_kb(store, small_kb)
    assert report.retracted == 1
    assert len(store.claims(property="supplies")) == 1
    assert len(store.claims(property="supplies", statuses=["retracted"])) == 1
    links.write_text(original)
    assert load_kb(store, small_kb).revived == 1
    assert len(store.claims(property="supplies")) == 2


def test_a_bad_knowledge_base_changes_nothing(store: Store, small_kb: Path) -> None:
    load_kb(store, small_kb)
    before = snapshot(store)
    with (small_kb / "facilities.csv").open("a") as f:
        f.write("new-plant,New Plant,,,no-such-org,CN,testburg,,,,magnet,,,,,,,operating,,test-stats-2023,high,\n")
    with pytest.raises(
        DataFileError, match="facilities.csv, row 6: column operator: unknown organizations id 'no-such-org'"
    ):
        load_kb(store, small_kb)
    assert snapshot(store) == before


def test_a_store_from_a_newer_rechain_is_refused(store_url: str) -> None:
    store = open_store(store_url)
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO rechain_migrations (name, applied_at) VALUES ('9999_future', 'now')"))
    store.close()
    with pytest.raises(SchemaVersionError, match="newer rechain"):
        open_store(store_url)


def test_a_database_that_is_not_rechains_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match="not a rechain store"):
        open_store(f"sqlite:///{other}")
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="cannot open store"):
        open_store(f"sqlite:///{garbage}")
    assert garbage.read_bytes() == b"this is not a database at all" * 100


def test_unsupported_urls_are_refused() -> None:
    with pytest.raises(StoreError, match="unsupported database"):
        open_store("mysql://localhost/x")
    with pytest.raises(StoreError, match="not a database URL"):
        open_store("::nonsense::")


def test_a_load_that_would_retract_most_claims_is_refused(store: Store, small_kb: Path, tmp_path: Path) -> None:
    from rechain.kb.load import RetractionRefused

    load_kb(store, small_kb)
    before = snapshot(store)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(RetractionRefused, match=r"would retract \d+ of \d+ curated claims"):
        load_kb(store, empty)
    assert snapshot(store) == before
    forced = load_kb(store, empty, force=True)
    left = store.count("claims", status="curated")
    assert forced.retracted > 0 and left == store.count("claims", status="curated", source_id="rechain-vocabulary")


def test_the_cli_refuses_an_empty_folder_unless_forced(cli, store_url: str, small_kb: Path, tmp_path: Path) -> None:
    assert cli("kb", "load", "--path", str(small_kb), database_url=store_url).code == 0
    store = open_store(store_url)
    before = snapshot(store)
    store.close()
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = cli("kb", "load", "--path", str(empty), database_url=store_url)
    assert refused.code == 1 and "would retract" in refused.stderr and "--force" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.stderr
    store = open_store(store_url)
    try:
        assert snapshot(store) == before
    finally:
        store.close()
    forced = cli("kb", "load", "--path", str(empty), "--force", database_url=store_url)
    assert forced.code == 0 and "retracted" in forced.stdout
