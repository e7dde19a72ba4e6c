"""The bundled April 2025 licensing scenario against what China's customs published.

The published figures are read from the knowledge base (kb/data/trade_cn.csv) at run time:
China's rare earth permanent magnet exports fell 45% year on year in April 2025, 74% in
May and 38% in June, and were above the year-earlier level again from July. In 2025 China
itself was not short; importers were hit for about two months.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from rechain.scenarios.catalog import find_scenario
from rechain.scenarios.run import run_scenario
from rechain.store import open_store

IMPORTERS = ("US", "EU", "JP", "ROW")
EPISODE = ("2025-04", "2025-05", "2025-06", "2025-07")


@pytest.fixture(scope="module")
def episode(bundled_store_url: str) -> dict[str, Any]:
    store = open_store(bundled_store_url)
    scenario = find_scenario("april-2025-licensing")
    published = {
        c.qualifiers["period"]: c.qualifiers["change_yoy_pct"]
        for c in store.claims(property="trade")
        if c.subject == "CN"
        and c.qualifiers["flow"] == "export"
        and c.qualifiers["material"] == "permanent magnet"
        and c.qualifiers["change_yoy_pct"] is not None
    }
    result = {
        "controlled": run_scenario(store, scenario),
        # The normal flow: no control and no stocks to draw.
        "uncontrolled": run_scenario(store, replace(scenario, controls=[], stockpiles=[])),
        "published": published,
    }
    store.close()
    return result


def _month(result: dict[str, Any], period: str) -> dict[str, Any]:
    return next(p["regions"] for p in result["by_period"] if p["period"] == period)


def test_the_published_figures_are_in_the_knowledge_base(episode: dict[str, Any]) -> None:
    assert set(EPISODE) <= set(episode["published"])
    assert episode["published"]["2025-05"] == pytest.approx(-74, abs=1)


def test_china_meets_its_own_demand_in_every_month(episode: dict[str, Any]) -> None:
    controlled = episode["controlled"]
    assert controlled["months_until_shortfall"]["CN"] is None
    assert controlled["shortfall_total_t"]["CN"] == pytest.approx(0, abs=1e-3)


def test_chinese_magnet_exports_follow_the_published_fall(episode: dict[str, Any]) -> None:
    for period in EPISODE:
        exported = _month(episode["controlled"], period)["CN"]["magnet_exports_t"]
        normal = _month(episode["uncontrolled"], period)["CN"]["magnet_exports_t"]
        published = 1 + episode["published"][period] / 100
        # Released flow above the normal level is allowed but not taken: importers do not restock.
        assert exported / normal == pytest.approx(min(published, 1.0), abs=0.03), period


def test_importers_are_short_in_may_and_june_only(episode: dict[str, Any]) -> None:
    controlled = episode["controlled"]
    for region in IMPORTERS:
        short = {p["period"]: p["regions"][region]["shortfall_t"] for p in controlled["by_period"]}
        assert short["2025-04"] == pytest.approx(0, abs=1e-3), region  # their stocks cover April
        assert short["2025-05"] > 0 and short["2025-06"] > 0, region
        assert all(v == pytest.approx(0, abs=1e-3) for p, v in short.items() if p >= "2025-07"), region
        assert controlled["months_until_shortfall"][region] == 1


def test_the_importers_loss_is_the_held_back_flow_less_their_stocks(episode: dict[str, Any]) -> None:
    controlled, uncontrolled = episode["controlled"], episode["uncontrolled"]

    def change(key: str, regions: tuple[str, ...]) -> float:
        return sum(
            _month(controlled, p)[r][key] - _month(uncontrolled, p)[r][key]
            for p in controlled["periods"]
            for r in regions
        )

    held_back = -change("magnet_exports_t", ("CN",))
    made_elsewhere = change("magnets_t", tuple(r for r in controlled["by_period"][0]["regions"] if r != "CN"))
    lost = sum(controlled["shortfall_total_t"][r] for r in IMPORTERS)
    stocks = sum(s.tonnes for s in find_scenario("april-2025-licensing").stockpiles)
    assert held_back > 4000  # about three-quarters of a normal month's exports in May alone
    assert 0 <= made_elsewhere < 0.25 * held_back  # plants outside China fill little of the gap
    assert lost == pytest.approx(held_back - stocks - made_elsewhere, rel=0.01)
    may = sum(_month(controlled, "2025-05")[r]["shortfall_t"] for r in IMPORTERS)
    demand = sum(_month(controlled, "2025-05")[r]["demand_t"] for r in IMPORTERS)
    assert 0.1 < may / demand < 0.74  # the fall in exports, less what stocks and own plants cover


def test_a_full_halt_leaves_china_whole_and_importers_short(bundled_store_url: str) -> None:
    store = open_store(bundled_store_url)
    result = run_scenario(store, find_scenario("china-magnet-halt"))
    store.close()
    assert result["shortfall_total_t"]["CN"] == pytest.approx(0, abs=1e-3)
    for region in IMPORTERS:
        assert result["shortfall_total_t"][region] > 0.5 * result["demand_total_t"][region], region
