"""The scenario engine on a small fictional world whose arithmetic can be checked by hand.

Mining: CN 110 t REO/y (20% NdPr, 1% Dy), US 40 t (15% NdPr, 0.5% Dy). Magnets need
30% NdPr and 2% Dy. Dy limits magnets to ~56 t/y, above the 50 t/y demanded, so the
baseline has no shortfall. If China exports nothing, the US makes magnets from 0.2 t/y
of Dy oxide only: ~8.7 t/y against 15 t/y of demand.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import FIXTURES, SMALL_KB
from rechain.errors import DataFileError
from rechain.kb.load import load_kb
from rechain.scenarios.catalog import bundled
from rechain.scenarios.charts import write_charts
from rechain.scenarios.run import run_scenario
from rechain.scenarios.spec import Control, Demand, NewCapacity, Stockpile, load_scenario
from rechain.store import Store

MODEL = FIXTURES / "model"


@pytest.fixture
def model_kb(tmp_path: Path) -> Path:
    folder = tmp_path / "kb"
    shutil.copytree(SMALL_KB, folder)
    for name in ("facilities_model.csv", "element_distributions.csv"):
        shutil.copy(MODEL / name, folder / name)
    return folder


@pytest.fixture
def model_store(store: Store, model_kb: Path) -> Store:
    load_kb(store, model_kb)
    return store


def base():
    return load_scenario(MODEL / "base.yaml")


def halt(rate: float = 0.0, start: int = 2):
    return Control("CN", ["separation", "metal_alloy", "magnet"], ["NdPr", "Dy"], start, None, rate, "halt", 7)


def test_the_baseline_meets_demand(model_store: Store) -> None:
    result = run_scenario(model_store, base())
    assert result["shortfall_total_t"]["CN"] == pytest.approx(0, abs=1e-6)
    assert result["shortfall_total_t"]["US"] == pytest.approx(0, abs=1e-6)
    assert result["months_until_shortfall"] == {"CN": None, "US": None, "ROW": None}
    assert result["inputs"]["capacity_t_per_year"]["CN/mining"] == 110


def test_a_halt_starves_the_importer_from_the_month_it_starts(model_store: Store) -> None:
    result = run_scenario(model_store, replace(base(), controls=[halt()]))
    assert result["months_until_shortfall"]["US"] == 2
    assert result["months_until_shortfall"]["CN"] is None
    # Mined ore is not controlled: the US imports Chinese ore and its 10 t/y magnet plant binds.
    assert result["shortfall_total_t"]["US"] == pytest.approx(10 * (15 - 10) / 12, rel=1e-6)
    assert {"region": "US", "stage": "magnet"}.items() <= result["binding"]["capacities"][0].items()
    links = result["binding"]["links"]
    assert {link["link"] for link in links} >= {"CN exports of magnet"}
    assert all(link["scenario_line"] == 7 for link in links)


def test_a_partial_approval_rate_softens_the_halt(model_store: Store) -> None:
    full = run_scenario(model_store, replace(base(), controls=[halt(0.0)]))["shortfall_total_t"]["US"]
    half = run_scenario(model_store, replace(base(), controls=[halt(0.5)]))["shortfall_total_t"]["US"]
    assert 0 < half < full


def test_a_stockpile_delays_the_shortfall(model_store: Store) -> None:
    stocked = replace(base(), controls=[halt()], stockpiles=[Stockpile("US", "magnet", None, 2.0)])
    result = run_scenario(model_store, stocked)
    assert result["months_until_shortfall"]["US"] == 6  # 2 t covers 4.8 months of a 5/12 t/month gap


def test_the_issuer_of_a_control_serves_its_own_demand_first(model_store: Store) -> None:
    # 70 t/y wanted, about 56 t/y of magnets from the world's Dy: a shortage either way.
    demand = [Demand("CN", "ev_traction", 55, 0), Demand("US", "defence", 15, 0)]
    result = run_scenario(model_store, replace(base(), demand=demand, controls=[halt(0.5)]))
    periods = [p["regions"] for p in result["by_period"]]
    # Before the control the shortage is shared; once China controls its exports, its own
    # demand comes before any export and the importer takes all of it.
    assert periods[0]["CN"]["shortfall_t"] > 0.05 and periods[0]["US"]["shortfall_t"] > 0.05
    assert all(p["CN"]["shortfall_t"] == pytest.approx(0, abs=1e-6) for p in periods[2:])
    assert all(p["US"]["shortfall_t"] > 0.05 for p in periods[2:])


def test_licensing_delays_hold_back_a_share_of_the_flow_month_by_month(model_store: Store) -> None:
    delayed = replace(halt(1.0, start=0), held_back={2: 1.0, 3: 0.5})
    result = run_scenario(model_store, replace(base(), controls=[delayed]))
    short = [p["regions"]["US"]["shortfall_t"] for p in result["by_period"]]
    # The US imports 5 of its 15 t/y as magnets: all held back in period 2, half in period 3.
    assert short[2] == pytest.approx(5 / 12, rel=1e-6)
    assert short[3] == pytest.approx(2.5 / 12, rel=1e-6)
    assert all(s == pytest.approx(0, abs=1e-6) for s in short[:2] + short[4:])
    assert result["months_until_shortfall"]["US"] == 2


def test_licensing_delays_from_trade_rows_need_the_rows(model_store: Store) -> None:
    from_trade = replace(halt(1.0), held_back_from_trade="permanent magnet")
    with pytest.raises(DataFileError, match="no monthly permanent magnet exports of CN"):
        run_scenario(model_store, replace(base(), controls=[from_trade]))


def test_new_capacity_and_the_kb_pipeline_ramp_in(model_store: Store) -> None:
    added = [
        NewCapacity("US", "magnet", 10, start=0, ramp_periods=0),  # the plant that binds,
        NewCapacity("US", "metal_alloy", 5, start=0, ramp_periods=0),
    ]  # and the metal it then needs
    result = run_scenario(model_store, replace(base(), controls=[halt()], new_capacity=added))
    assert result["shortfall_total_t"]["US"] < 1.0
    pipeline = replace(base(), kb_pipeline={"delay_years": {"construction": 0}, "outside": ["CN"], "ramp_months": 0})
    explained = run_scenario(model_store, pipeline)["inputs"]["explanations"]
    assert any(e.startswith("pipeline: 1 building or planned projects added") for e in explained)


def test_monte_carlo_gives_ordered_percentiles(model_store: Store) -> None:
    uncertain = replace(
        base(), controls=[halt(0.5)], uncertain={"approval_rate": (0.0, 1.0), "utilisation": (0.7, 1.0)}
    )
    result = run_scenario(model_store, uncertain, runs=20, seed=3)
    us = result["monte_carlo"]["regions"]["US"]["shortfall_t"]
    assert us["p5"] <= us["p50"] <= us["p95"] and us["p95"] > 0
    again = run_scenario(model_store, uncertain, runs=20, seed=3)
    assert again["monte_carlo"] == result["monte_carlo"]


def test_charts_are_written(model_store: Store, tmp_path: Path) -> None:
    result = run_scenario(model_store, replace(base(), controls=[halt()]))
    paths = write_charts(result, tmp_path / "charts")
    assert sorted(p.name for p in paths) == ["magnets.png", "magnets.svg", "shortfall.png", "shortfall.svg"]
    assert all(p.stat().st_size > 1000 for p in paths)


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        ("  - {region: XX, end_use: wind, t_per_year: 5}\n", "line 11: unknown region 'XX'"),
        ("  - {region: US, end_use: wind, t_per_year: -5}\n", "line 11: 't_per_year' is -5.0, below 0.0"),
        ("  - {region: US, end_use: warp_drives, t_per_year: 5}\n", "line 11: unknown end use 'warp_drives'"),
        (
            "controls:\n  - {issuer: CN, stages: [magnet], from: 2025-03, approval_rate: 1.5}\n",
            "line 12: 'approval_rate' is 1.5, outside 0.0..1.0",
        ),
        (
            "controls:\n  - {issuer: CN, stages: [smelting], from: 2025-03, approval_rate: 0.5}\n",
            "unknown stage 'smelting'",
        ),
        (
            "controls:\n  - {issuer: CN, stages: [magnet], from: 2025-03, approval_rate: 1, held_back: {2025-03: 1.5}}\n",
            "line 12: held_back: the share for 2025-03 must lie within -1..1",
        ),
        (
            "controls:\n  - {issuer: CN, stages: [magnet], from: 2025-03, approval_rate: 1, held_back: {March: 0.5}}\n",
            "line 12: held_back: months are YYYY-MM",
        ),
        (
            "controls:\n  - {issuer: CN, stages: [magnet], from: 2025-03, approval_rate: 1, held_back_from_trade: unobtainium}\n",
            "line 12: held_back_from_trade: unknown material 'unobtainium'",
        ),
        ("capacity_bonus: 3\n", "line 1: unknown key 'capacity_bonus'"),
        ("  - {region: US, end_use: wind, t_per_year: [5\n", "not valid YAML"),
    ],
)
def test_bad_scenarios_name_the_line(tmp_path: Path, patch: str, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text((MODEL / "base.yaml").read_text() + patch)
    with pytest.raises(DataFileError) as caught:
        load_scenario(path)
    assert expected in str(caught.value) and "bad.yaml" in str(caught.value)


def test_an_element_without_any_share_is_refused(store: Store, tmp_path: Path) -> None:
    load_kb(store, SMALL_KB)  # no element distributions at all
    with pytest.raises(DataFileError, match="no share of NdPr in mined REO for region CN"):
        run_scenario(store, base())


def test_every_bundled_scenario_parses() -> None:
    names = [p.stem for p in bundled()]
    assert names == [
        "april-2025-licensing",
        "china-magnet-halt",
        "myanmar-hre-stop",
        "pipeline-2030-late",
        "pipeline-2030-on-time",
    ]
    for path in bundled():
        assert load_scenario(path).demand


def test_cli_runs_a_scenario_file(cli, store_url: str, model_kb: Path, tmp_path: Path) -> None:
    cli("kb", "load", "--path", str(model_kb), database_url=store_url)
    scenario = tmp_path / "halt.yaml"
    scenario.write_text(
        (MODEL / "base.yaml").read_text() + "controls:\n  - {issuer: CN, stages: [magnet, metal_alloy, "
        "separation], elements: [NdPr, Dy], from: 2025-03, approval_rate: 0}\n"
    )
    result = cli(
        "scenario", "run", str(scenario), "--format", "json", "--charts", str(tmp_path / "c"), database_url=store_url
    )
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["months_until_shortfall"]["US"] == 2 and len(data["charts"]) == 4
    missing = cli("scenario", "run", "no-such-scenario", database_url=store_url)
    assert missing.code == 2 and "no bundled scenario" in missing.stderr
