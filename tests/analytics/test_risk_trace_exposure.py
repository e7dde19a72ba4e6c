"""Risk index, tracing, diversification, validation against the world, magnet exposure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, SMALL_KB
from rechain.analytics.diversification import capacity_by_year, crma_benchmarks
from rechain.analytics.exposure import exposure, parse_grade
from rechain.analytics.risk import supply_risk
from rechain.analytics.trace import trace
from rechain.analytics.validation import validate_against_world
from rechain.errors import DataFileError, UsageError
from rechain.store import Store


def test_supply_risk_follows_the_formula(small_store: Store) -> None:
    result = supply_risk(small_store, "mining", "rare earths", 2022)
    cn, us = 110 / 150, 40 / 150
    wgi_cn, wgi_us = (2.5 + 0.5) * 2, (2.5 - 1.0) * 2
    hhi = cn**2 * wgi_cn + us**2 * wgi_us
    assert result["supply_risk"] == pytest.approx(hhi, abs=1e-3)  # IR = 1, sourcing = global
    assert result["inputs"]["governance"]["CN"]["wgi_scaled"] == 6.0
    recycled = supply_risk(small_store, "mining", "rare earths", 2022, eol_rir=0.5, import_reliance=0.5)
    assert recycled["supply_risk"] == pytest.approx(hhi * 0.5, abs=1e-3)
    with pytest.raises(UsageError):
        supply_risk(small_store, "mining", "rare earths", 2022, import_reliance=1.5)


def test_trace_names_linked_suppliers_and_possible_ones(small_store: Store) -> None:
    result = trace(small_store, "beta-magnet-plant", "dysprosium")
    steps = {s["stage"]: s for s in result["steps"]}
    assert [n["id"] for n in steps["separation"]["linked"]] == ["alpha-separation-plant"]
    assert steps["separation"]["linked"][0]["evidence"] == "test-alpha-report-2023"
    assert steps["mining"]["possible_countries"] == ["CN"]
    assert steps["mining"]["china_share_of_counted_capacity"] == 1.0


def test_diversification_counts_projects_after_their_delay(small_store: Store) -> None:
    tracked = capacity_by_year(small_store, "magnet", "ndfeb magnet", range(2024, 2028))
    assert [tracked["years"][y]["total"] for y in range(2024, 2028)] == [0.0, 0.0, 5000.0, 5000.0]
    later = capacity_by_year(small_store, "magnet", "ndfeb magnet", range(2026, 2028), {"construction": 2})
    assert [later["years"][y]["total"] for y in (2026, 2027)] == [0.0, 5000.0]
    crma = crma_benchmarks(small_store, "rare earths", range(2024, 2031))
    assert crma["stages"]["mining"]["single_country_65pct_met"] is None  # one country holds all


def test_validate_sets_computed_beside_published(small_store: Store) -> None:
    result = validate_against_world(small_store)
    mining = next(r for r in result["published_shares"] if r["country"] == "CN")
    assert (mining["computed_pct"], mining["verdict"]) == (73.33, "agrees")
    us = next(r for r in result["published_shares"] if r["country"] == "US")
    assert us["verdict"] == "agrees" and us["tolerance_pp"] == 5.0  # 3.3 points apart: within validate-v1's 5
    world = result["usgs_world_totals"]
    assert world == []  # the fixture yearbook lists two countries only


@pytest.mark.parametrize(
    ("text", "family", "cls"),
    [
        ("N52", "ndfeb", "N"),
        ("N48SH", "ndfeb", "SH"),
        ("38UH", "ndfeb", "UH"),
        ("30eh", "ndfeb", "EH"),
        ("SmCo 2:17", "smco", "2:17"),
        ("SmCo5", "smco", "1:5"),
    ],
)
def test_grades_parse(text: str, family: str, cls: str) -> None:
    grade = parse_grade(text)
    assert grade is not None and (grade.family, grade.cls) == (family, cls)


def test_exposure_gives_ranges_and_controls(small_store: Store) -> None:
    result = exposure(small_store, FIXTURES / "parts.csv", "2025-06-01")
    rotor, sensor, actuator = result["parts"]
    assert rotor["per_part_kg"]["dysprosium"] == [pytest.approx(1500 * 2 / 100000), pytest.approx(1500 * 8 / 100000)]
    assert rotor["composition_sources"]["dysprosium"]["level"] == "class group"
    assert "praseodymium" in rotor["unknown"]
    assert [c["id"] for c in rotor["controls"]] == ["test-heavy-licensing"]
    assert rotor["alternatives"] and sensor["per_part_kg"]["dysprosium"] == [0.0, 0.0]
    assert "april-2025-licensing" in rotor["scenarios"] and "china-magnet-halt" in sensor["scenarios"]
    assert sensor["controls"] == []
    assert actuator["per_part_kg"]["samarium"] == [pytest.approx(0.2 * 23 / 100), pytest.approx(0.2 * 28 / 100)]


def test_exposure_names_the_bad_row(small_store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "parts.csv"
    bad.write_text("part,grade,mass_g,count_per_year,gbd\nrotor,N48SH,12,1,no\nstator,X99Q,5,1,no\n")
    with pytest.raises(DataFileError, match=r"parts.csv, row 3: unknown magnet grade 'X99Q'"):
        exposure(small_store, bad, "2025-06-01")


def test_cli_trace_exposure_validate(cli, store_url: str) -> None:
    cli("kb", "load", "--path", str(SMALL_KB), database_url=store_url)
    traced = cli("trace", "Beta Magnet Plant", "--material", "dysprosium", "--format", "json", database_url=store_url)
    assert json.loads(traced.stdout)["stage"] == "magnet"
    exposed = cli(
        "exposure", str(FIXTURES / "parts.csv"), "--date", "2025-06-01", "--format", "json", database_url=store_url
    )
    assert exposed.code == 0, exposed.stderr
    assert json.loads(exposed.stdout)["per_year_kg_total"]["dysprosium"][1] == pytest.approx(1500 * 8 / 100000 * 1000)
    checked = cli("validate", database_url=store_url)
    assert checked.code == 0 and "agrees" in checked.stdout
    missing = cli("exposure", "no-such.csv", database_url=store_url)
    assert missing.code == 2
