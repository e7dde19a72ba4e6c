"""The command line, end to end through the installed `rechain` command."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

from conftest import SMALL_KB


def test_first_use_creates_and_loads_the_default_store(cli, tmp_path: Path) -> None:
    result = cli("show", "Zyxwv Qqqj", "--format", "json")
    assert result.code == 1 and result.stderr.count("\n") == 1
    assert "no entity matches 'Zyxwv Qqqj'" in result.stderr
    assert (tmp_path / "home" / "rechain.sqlite").exists()


def test_kb_load_and_show_on_a_given_store(cli, store_url: str) -> None:
    loaded = cli("kb", "load", "--path", str(SMALL_KB), database_url=store_url)
    assert loaded.code == 0, loaded.stderr
    shown = cli("show", "阿尔法矿业", "--format", "json", database_url=store_url)
    assert shown.code == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["id"] == "alpha-mining" and data["type"] == "ORG"
    assert [f["id"] for f in data["facilities"]] == ["alpha-mine", "alpha-separation-plant"]
    assert data["owners"][0]["id"] == "alpha-group" and data["owners"][0]["share_pct"] == 60
    assert data["supplies"][0]["id"] == "beta-magnets"


def test_show_a_facility_names_operator_place_stage_capacity_and_sources(cli, store_url: str) -> None:
    cli("kb", "load", "--path", str(SMALL_KB), database_url=store_url)
    data = json.loads(cli("show", "alpha open pit", "--format", "json", database_url=store_url).stdout)
    assert (data["operator"], data["place"], data["stage"]) == (
        "Alpha Rare Earth Mining Co. Ltd.",
        "Testburg",
        "mining",
    )
    assert [c["value"] for c in data["capacities"]] == [1200, 1000]
    assert "Alpha Group annual report 2023" in data["sources"]


def test_fuzzy_names_find_the_entity(cli, store_url: str) -> None:
    cli("kb", "load", "--path", str(SMALL_KB), database_url=store_url)
    data = json.loads(cli("show", "beta magnetics testburg", "--format", "json", database_url=store_url).stdout)
    assert data["id"] == "beta-magnets"
    assert data["matched"]["reason"].startswith("fuzzy")


def test_chain_from_a_place_walks_every_stage(cli, store_url: str) -> None:
    cli("kb", "load", "--path", str(SMALL_KB), database_url=store_url)
    result = cli("chain", "--place", "Testland", "--format", "json", database_url=store_url)
    stages = {s["stage"]: [e["name"] for e in s["entities"]] for s in json.loads(result.stdout)["stages"]}
    assert list(stages) == ["mining", "separation", "magnet", "component"]
    assert stages["magnet"] == ["Beta Magnet Plant"]


def test_chain_from_an_entity_follows_supply_links(cli, store_url: str) -> None:
    cli("kb", "load", "--path", str(SMALL_KB), database_url=store_url)
    result = json.loads(
        cli("chain", "--entity", "Beta Magnet Plant", "--format", "json", database_url=store_url).stdout
    )
    relations = {e["id"]: e["relation"] for s in result["stages"] for e in s["entities"]}
    assert relations["beta-magnet-plant"] == "here"
    assert relations["alpha-separation-plant"] == "upstream"
    assert relations["gamma-motor-plant"] == "downstream"


def test_export_writes_csv_and_json_with_sources(cli, store_url: str, tmp_path: Path) -> None:
    cli("kb", "load", "--path", str(SMALL_KB), database_url=store_url)
    result = cli("export", "facilities", "--format", "csv", database_url=store_url)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 4 and all(r["sources"] for r in rows)
    target = tmp_path / "orgs.json"
    cli("export", "organizations", "--format", "json", "-o", str(target), database_url=store_url)
    orgs = json.loads(target.read_text())
    assert {o["id"] for o in orgs} == {"alpha-group", "alpha-mining", "beta-magnets", "gamma-motors"}


def test_usage_errors_exit_2_with_one_line(cli) -> None:
    both = cli("chain", "--place", "Baotou", "--material", "dysprosium")
    assert both.code == 2 and "exactly one of" in both.stderr
    bad = cli("export", "facilities", "--format", "xml")
    assert bad.code == 2
    unknown = cli("export", "widgets")
    assert unknown.code == 2 and "unknown table 'widgets'" in unknown.stderr
    material = cli("chain", "--material", "unobtainium")
    assert material.code == 2 and "unknown material" in material.stderr


def test_a_foreign_store_gives_a_one_line_runtime_error(cli, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    result = cli("kb", "stats", database_url=f"sqlite:///{other}")
    assert result.code == 1
    assert result.stderr.strip().count("\n") == 0 and "not a rechain store" in result.stderr


def test_a_broken_kb_is_refused_by_load_and_validate(cli, small_kb: Path, store_url: str) -> None:
    cli("kb", "load", "--path", str(SMALL_KB), database_url=store_url)
    (small_kb / "ownership.csv").write_text(
        "owner,owned,share_pct,as_of,source,confidence,note\nalpha-group,alpha-group,50,2023,test-stats-2023,high,\n"
    )
    validated = cli("kb", "validate", "--path", str(small_kb))
    assert validated.code == 1 and "ownership.csv, row 2: an organization cannot own itself" in validated.stderr
    loaded = cli("kb", "load", "--path", str(small_kb), database_url=store_url)
    assert loaded.code == 1 and loaded.stderr.strip().count("\n") == 0
    stats = json.loads(cli("kb", "stats", "--format", "json", database_url=store_url).stdout)
    assert stats["ownership_links"] == 1


def test_up_builds_the_store_from_the_kb_and_stores_no_article(cli) -> None:
    first = cli("up")
    assert first.code == 0, first.stderr
    assert "0 articles and 0 events stored" in first.stdout and "rechain ingest" in first.stdout
    assert json.loads(cli("events", "--format", "json").stdout) == []
    assert json.loads(cli("search", "rare earth", "--format", "json").stdout) == []
    assert json.loads(cli("kb", "stats", "--format", "json").stdout)["organizations"] > 100


def test_show_says_no_match_for_a_name_sharing_one_word(cli) -> None:
    result = cli("show", "Xyzzy Magnets")
    assert result.code == 1 and result.stderr.count("\n") == 1
    assert "no entity matches 'Xyzzy Magnets'" in result.stderr
    rules = json.loads(
        cli("controls", "check", "--material", "Dy2O3", "--date", "2025-06-01", "--format", "json").stdout
    )
    ids = [r["id"] for r in rules["rules"]]
    assert ids and len(ids) == len(set(ids))
