"""Export-control rules: coverage by element and form, dates, suspension, what they touch."""

from __future__ import annotations

import json

from conftest import SMALL_KB
from rechain.analytics.controls import check, listings
from rechain.store import Store


def ids(result: dict) -> dict[str, str]:
    return {r["id"]: r["status"] for r in result["rules"]}


def test_a_licensed_oxide_is_covered_from_the_effective_date(small_store: Store) -> None:
    assert ids(check(small_store, "dysprosium oxide", "2025-04-03")) == {}
    on = check(small_store, "dysprosium oxide", "2025-04-04")
    assert ids(on) == {"test-heavy-licensing": "in force"}
    rule = on["rules"][0]
    assert rule["reason"].startswith("dysprosium in oxide form is covered")
    touched = {f["id"]: f["conditional"] for f in rule["touches"]["facilities"]}
    assert touched == {"alpha-separation-plant": False, "beta-magnet-plant": True}


def test_magnets_are_covered_only_if_they_contain_the_elements(small_store: Store) -> None:
    rule = check(small_store, "ndfeb magnet", "2025-06-01")["rules"][0]
    assert rule["reason"] == "if it contains dysprosium, terbium: magnet materials containing them are covered"


def test_a_suspended_measure_is_listed_only_when_asked(small_store: Store) -> None:
    assert "test-wider-licensing" not in ids(check(small_store, "holmium oxide", "2025-12-01"))
    everything = ids(check(small_store, "holmium oxide", "2025-12-01", include_inactive=True))
    assert everything == {"test-wider-licensing": "suspended"}


def test_uncovered_materials_and_generic_bans(small_store: Store) -> None:
    assert ids(check(small_store, "lanthanum oxide", "2025-06-01")) == {}  # a technology ban is not an oxide ban
    generic = check(small_store, "rare earths", "2025-06-01")
    assert ids(generic) == {"test-tech-ban": "in force"}
    assert generic["rules"][0]["reason"] == "rare earths is named"


def test_listings_and_cli(small_store: Store, cli, store_url: str) -> None:
    assert [r["entity_name"] for r in listings(small_store)] == ["Gamma Motors"]
    cli("kb", "load", "--path", str(SMALL_KB), database_url=store_url)
    result = cli(
        "controls", "check", "--material", "Dy2O3", "--date", "2025-05-01", "--format", "json", database_url=store_url
    )
    assert result.code == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)["rules"]] == ["test-heavy-licensing"]
    bad = cli("controls", "check", "--material", "Dy2O3", "--date", "May 2025", database_url=store_url)
    assert bad.code == 2 and "not YYYY-MM-DD" in bad.stderr
