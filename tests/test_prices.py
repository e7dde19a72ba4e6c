"""Prices as data: units normalised and stated, sourced reference points, one point per
figure however many sources state it, charts, refused input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rechain.errors import UsageError
from rechain.prices.units import normalise, parse_unit


@pytest.mark.parametrize(
    ("quoted", "value", "vat", "date", "expected", "unit"),
    [
        ("yuan/t", 435_000, "excluded", "2025-03-03", 435.0, "CNY/kg"),
        ("万元/吨", 43.5, "excluded", "2025-03-03", 435.0, "CNY/kg"),
        ("元/吨", 491_550, "included", "2025-03-03", 435.0, "CNY/kg"),  # 13% VAT from April 2019
        ("元/吨", 504_600, "included", "2018-06-01", 435.0, "CNY/kg"),  # 16% VAT in 2018-19
        ("US$ per lb", 50, "not_applicable", "2025-03-03", 110.2311, "USD/kg"),
        ("USD/kg", 110, "not_applicable", "2025-07-10", 110.0, "USD/kg"),
    ],
)
def test_price_units_are_normalised_per_kg_with_vat_stated(
    quoted: str, value: float, vat: str, date: str, expected: float, unit: str
) -> None:
    normal = normalise(value, parse_unit(quoted), vat, date, "china-domestic")
    assert normal.value == pytest.approx(expected, rel=1e-4) and normal.unit == unit
    assert normal.vat == ("excluded" if vat == "included" else vat)
    assert len(normal.steps) == (quoted != "USD/kg") + (vat == "included") + (quoted == "万元/吨")


def test_vat_is_left_in_and_said_so_when_the_rate_is_unknown() -> None:
    normal = normalise(500_000, parse_unit("yuan/t"), "included", "2010-05-01", "china-domestic")
    assert normal.vat == "included" and normal.value == 500.0 and "rate on that date unknown" in normal.steps[-1]


@pytest.mark.parametrize("bad", ["yuan", "per kg", "gold/kg", "USD/furlong"])
def test_unknown_price_units_are_refused(bad: str) -> None:
    with pytest.raises(UsageError, match="unknown price unit"):
        parse_unit(bad)


def test_the_ndpr_price_floor_is_one_point_with_both_sources(cli, bundled_store_url: str, tmp_path: Path) -> None:
    done = cli("prices", "--material", "NdPr oxide", "--format", "json", database_url=bundled_store_url)
    assert done.code == 0, done.stderr
    series = json.loads(done.stdout)["series"]
    (floor,) = [p for points in series.values() for p in points if p["kind"] == "floor"]
    assert (floor["value"], floor["unit"], floor["market"], floor["date"]) == (110.0, "USD/kg", "us-government", "2025-07-10")
    assert len(floor["sources"]) == 2 and all(s["url"] for s in floor["sources"])
    chart = tmp_path / "ndpr.png"
    drawn = cli("prices", "--material", "ndpr oxide", "--chart", str(chart), "-f", "csv", database_url=bundled_store_url)
    assert drawn.code == 0 and drawn.stdout.startswith("date,market,kind,value,unit,vat")
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_prices_refuse_bad_options(cli, bundled_store_url: str) -> None:
    assert cli("prices", "--material", "unobtainium", database_url=bundled_store_url).code == 2
    assert cli("prices", "--material", "ndpr oxide", "--since", "2025-13-45", database_url=bundled_store_url).code == 2
    later = cli("prices", "--material", "ndpr oxide", "--since", "2026-01-01", "-f", "json", database_url=bundled_store_url)
    assert later.code == 0 and json.loads(later.stdout)["series"] == {}


def test_news_price_statements_become_points_with_vat_removed(cli, bundled_store_url: str, tmp_path: Path) -> None:
    store = tmp_path / "rechain.sqlite"
    shutil.copy(bundled_store_url.removeprefix("sqlite:///"), store)
    url = f"sqlite:///{store}"
    report = Path(__file__).parent / "fixtures" / "prices" / "en-price-report.txt"
    assert cli("ingest", str(report), database_url=url).code == 0
    done = cli("prices", "--material", "NdPr oxide", "--since", "2025-01-01", "-f", "json", database_url=url)
    assert done.code == 0, done.stderr
    points = [p for points in json.loads(done.stdout)["series"].values() for p in points]
    (news,) = [p for p in points if p["kind"] == "news"]
    assert (news["date"], news["market"], news["unit"], news["vat"]) == ("2025-03-07", "china-domestic", "CNY/kg", "excluded")
    assert news["value"] == pytest.approx(598.0 / 1.13, rel=1e-4)  # 598,000 yuan/t incl. 13% VAT
    assert news["quoted"] == "598000 CNY/t incl. VAT" and len(news["conversions"]) == 2
    assert {p["kind"] for p in points} == {"news", "floor"}  # the US floor beside it, in its own series
    terbium = json.loads(cli("prices", "--material", "terbium", "-f", "json", database_url=url).stdout)
    (point,) = [p for points in terbium["series"].values() for p in points]
    assert (point["market"], point["value"], point["unit"], point["change_pct"]) == ("fob-china", 1020.0, "USD/kg", 1.5)
