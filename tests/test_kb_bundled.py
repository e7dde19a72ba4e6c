"""The bundled knowledge base: valid, large enough, sourced, and the Baotou chain walkable."""

from __future__ import annotations

import csv
import io
import json

import pytest

from rechain.kb.validate import validate_kb


def test_the_bundled_knowledge_base_is_valid() -> None:
    _, problems = validate_kb()
    assert [str(p) for p in problems] == []


@pytest.fixture(scope="module")
def stats(bundled_store_url: str) -> dict[str, int]:
    from rechain.kb.stats import kb_stats
    from rechain.store import open_store

    return kb_stats(open_store(bundled_store_url))


def test_coverage_meets_the_foundation_targets(stats: dict[str, int]) -> None:
    assert stats["facilities"] >= 150
    assert stats["organizations"] >= 120
    assert stats["facility_countries"] >= 20
    assert stats["sources"] >= 100
    assert all(
        stats["facilities_by_stage"][s] > 0 for s in ("mining", "separation", "metal_alloy", "magnet", "recycling")
    )


def test_stats_json_has_the_contract_keys(cli, bundled_store_url: str) -> None:
    result = cli("kb", "stats", "--format", "json", database_url=bundled_store_url)
    data = json.loads(result.stdout)
    assert {"facilities", "organizations", "countries", "sources", "claims"} <= set(data)


def test_baotou_chain_runs_from_mine_to_micro_motor(cli, bundled_store_url: str) -> None:
    result = cli("chain", "--place", "Baotou", "--format", "json", database_url=bundled_store_url)
    assert result.code == 0, result.stderr
    stages = {s["stage"]: s["entities"] for s in json.loads(result.stdout)["stages"]}
    for stage in ("mining", "separation", "metal_alloy", "magnet", "component"):
        assert stages.get(stage), f"no entity at stage {stage}"
        assert all(e["sources"] for e in stages[stage]), f"unsourced entity at {stage}"
    names = {e["id"] for entities in stages.values() for e in entities}
    assert {"bayan-obo-mine", "jl-mag-baotou-magnet-plant"} <= names
    assert any("jiangxin" in e["id"] for e in stages["component"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("北方稀土", "china-northern-rare-earth"),
        ("China Northern Rare Earth", "china-northern-rare-earth"),
        ("JL MAG Rare Earth (Baotou) Co., Ltd.", "jl-mag-baotou"),
        ("Baotou Jiangxin Micro Motor Technology", "baotou-jiangxin-micro-motor"),
        ("Inner Mongolia Rare Earth Industry Association", "inner-mongolia-rare-earth-industry-association"),
        ("Baotou Rare Earth New Materials and Applications Cluster", "baotou-rare-earth-cluster"),
        ("Lynas", "lynas-rare-earths"),
        ("Mountain Pass", None),
        ("Burma", "MM"),
        ("钕铁硼", "material:ndfeb-magnet"),
    ],
)
def test_names_in_english_and_chinese_find_their_entity(
    cli, bundled_store_url: str, query: str, expected: str | None
) -> None:
    result = cli("show", query, "--format", "json", database_url=bundled_store_url)
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    if expected:
        assert data["id"] == expected
    assert data["sources"] or data["type"] in ("COUNTRY", "MATERIAL")


def test_the_cluster_lists_its_members(cli, bundled_store_url: str) -> None:
    data = json.loads(
        cli("show", "baotou-rare-earth-cluster", "--format", "json", database_url=bundled_store_url).stdout
    )
    assert data["designated_year"] == 2024
    member_ids = {m["id"] for m in data["members"]}
    assert {
        "jl-mag-baotou",
        "baotou-jiangxin-micro-motor",
        "inner-mongolia-rare-earth-industry-association",
    } <= member_ids


def test_every_exported_facility_names_its_sources(cli, bundled_store_url: str) -> None:
    result = cli("export", "facilities", "--format", "csv", database_url=bundled_store_url)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) >= 150
    assert all(r["sources"] for r in rows)
    assert all(r["capacity_unit"] and r["capacity_basis"] for r in rows if r["capacity"])


def test_usgs_editions_stand_side_by_side(cli, bundled_store_url: str) -> None:
    rows = json.loads(cli("export", "production", "--format", "json", database_url=bundled_store_url).stdout)
    china_2023 = [r for r in rows if r["country"] == "CN" and r["year"] == 2023 and r["measure"] == "production"]
    assert len(china_2023) == 1
    assert "MCS" in china_2023[0]["edition"] and "MCS" in china_2023[0]["other_editions"]
