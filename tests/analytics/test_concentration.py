"""Concentration from country statistics and from facility capacities."""

from __future__ import annotations

import json

import pytest

from conftest import SMALL_KB
from rechain.analytics.concentration import concentration
from rechain.errors import UsageError
from rechain.store import Store


def test_shares_and_hhi_follow_the_stated_world_total(small_store: Store) -> None:
    result = concentration(small_store, "mining", "rare earths", 2022)
    shares = {s["country"]: s["share_pct"] for s in result["shares"]}
    assert shares == {"CN": pytest.approx(73.3333, abs=1e-3), "US": pytest.approx(26.6667, abs=1e-3)}
    assert result["hhi"] == pytest.approx(73.3333**2 + 26.6667**2, abs=0.1)
    assert result["method"] == "country statistics (Yearbook 2024)"
    assert result["denominator"] == "world total as stated in Yearbook 2024"


def test_an_older_edition_and_the_sum_denominator_can_be_asked_for(small_store: Store) -> None:
    older = concentration(small_store, "mining", "rare earths", 2022, edition="Yearbook 2023")
    assert [(s["country"], s["value"]) for s in older["shares"]] == [("CN", 100.0)]
    summed = concentration(small_store, "mining", "rare earths", 2022, denominator="sum")
    assert summed["total"] == 150 and summed["denominator"].startswith("sum of countries")
    with pytest.raises(UsageError):
        concentration(small_store, "mining", "rare earths", 2022, denominator="median")


def test_without_statistics_facility_capacities_are_used(small_store: Store) -> None:
    result = concentration(small_store, "magnet", "ndfeb magnet", 2026)
    assert result["method"] == "facility capacity"
    assert result["shares"] == []  # the only magnet plant is under construction
    mining = concentration(small_store, "mining", "rare earths", 2030)
    assert mining["method"] == "facility capacity" and mining["shares"][0]["companies"] == {
        "Alpha Rare Earth Mining Co. Ltd.": 1200.0
    }


def test_cli_concentration_json(cli, store_url: str) -> None:
    cli("kb", "load", "--path", str(SMALL_KB), database_url=store_url)
    result = cli(
        "risk", "concentration", "--stage", "mining", "--year", "2022", "--format", "json", database_url=store_url
    )
    data = json.loads(result.stdout)
    assert data["china_share_pct"] == pytest.approx(73.3333, abs=1e-3)
    bad = cli("risk", "concentration", "--stage", "smelting", database_url=store_url)
    assert bad.code == 2 and "unknown stage" in bad.stderr


def test_cli_supply_table_names_companies(cli, store_url: str) -> None:
    cli("kb", "load", "--path", str(SMALL_KB), database_url=store_url)
    result = cli("risk", "supply", "--stage", "mining", "--year", "2030", "--format", "json", database_url=store_url)
    table = json.loads(result.stdout)
    assert table["method"] == "facility capacity"
    assert table["rows"][0]["companies"] == {"Alpha Rare Earth Mining Co. Ltd.": 1200.0}


def test_supply_and_risk_index_read_the_edition_asked_for(cli, bundled_store_url: str) -> None:
    def us_2021(*edition: str) -> tuple[str, float]:
        done = cli("risk", "supply", "--year", "2021", *edition, "-f", "json", database_url=bundled_store_url)
        assert done.code == 0, done.stderr
        table = json.loads(done.stdout)
        return table["method"], next(r["value"] for r in table["rows"] if r["country"] == "US")

    assert us_2021() == ("country statistics (MCS 2023)", 42000.0)  # the newest edition with 2021, revised
    assert us_2021("--edition", "MCS 2022") == ("country statistics (MCS 2022)", 43000.0)  # as first published
    index = cli("risk", "index", "--year", "2021", "--edition", "MCS 2022", "-f", "json", database_url=bundled_store_url)
    assert json.loads(index.stdout)["inputs"]["supply_table"]["method"] == "country statistics (MCS 2022)"
    missing = cli("risk", "supply", "--year", "2021", "--edition", "MCS 1999", database_url=bundled_store_url)
    assert missing.code == 2 and "no mining statistics of edition 'MCS 1999'" in missing.stderr
