"""Checks against the world (validate-v1): what rechain computes beside what public
sources state. Disagreements beyond the tolerance are listed, never hidden."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rechain.analytics.supply import one_per_country, supply_table
from rechain.errors import RechainError
from rechain.results import Report, Row, Section
from rechain.store import Store
from rechain.views import cite

ALGORITHM = "validate-v1"
TOLERANCE_PP = 10.0  # percentage points, for facility-based shares against published ones


def compare_published_shares(store: Store, tolerance_pp: float = TOLERANCE_PP) -> list[dict[str, Any]]:
    claims = store.claims(property="published_share")
    sources = store.sources({c.source_id for c in claims})
    rows = []
    for c in sorted(claims, key=lambda c: (c.qualifiers["stage"], c.qualifiers["year"], c.subject)):
        q = c.qualifiers
        if q["measure"] == "consumption":
            continue  # a sourcing share, not a world share: nothing computed to set beside it
        try:
            table = supply_table(store, q["stage"], q["material"], q["year"])
        except RechainError as exc:
            rows.append(
                {
                    **q,
                    "country": c.subject,
                    "published_pct": c.value,
                    "computed_pct": None,
                    "verdict": f"not computed: {exc}",
                }
            )
            continue
        computed = next((r.share * 100 for r in table.rows if r.country == c.subject), 0.0 if table.rows else None)
        exact = table.method.startswith("country statistics")
        verdict = _verdict(computed, c.value, 0.5 if exact else tolerance_pp)
        rows.append(
            {
                **q,
                "country": c.subject,
                "published_pct": c.value,
                "computed_pct": None if computed is None else round(computed, 2),
                "method": table.method,
                "tolerance_pp": 0.5 if exact else tolerance_pp,
                "verdict": verdict,
                "source": cite(sources, [c.source_id]),
            }
        )
    return rows


def _verdict(computed: float | None, published: float, tolerance: float) -> str:
    if computed is None:
        return "no computed figure"
    return "agrees" if abs(computed - published) <= tolerance else f"differs by {computed - published:+.1f} pp"


def usgs_consistency(store: Store) -> list[dict[str, Any]]:
    """For each edition and year: the stated world total beside the sum of its countries."""
    claims = one_per_country(store, store.claims(property="production"))
    editions: dict[tuple[str, int], dict[str, Any]] = {}
    for c in claims:
        if c.qualifiers["stage"] != "mining":
            continue
        key = (c.qualifiers["edition"], c.qualifiers["year"])
        entry = editions.setdefault(key, {"world": None, "sum": 0.0, "countries": 0})
        if c.subject == "WORLD":
            entry["world"] = c.value
        elif c.value is not None:
            entry["sum"] += c.value
            entry["countries"] += 1
    rows = []
    for (edition, year), e in sorted(editions.items()):
        if e["world"] is None or e["countries"] < 3:
            continue
        gap = (e["sum"] - e["world"]) / e["world"] * 100 if e["world"] else None
        rows.append(
            {
                "edition": edition,
                "year": year,
                "stated_world_t": e["world"],
                "sum_of_countries_t": e["sum"],
                "gap_pct": None if gap is None else round(gap, 2),
                "verdict": "agrees" if gap is not None and abs(gap) <= 2 else "differs (rounding or unlisted)",
            }
        )
    return rows


def validate_against_world(store: Store) -> dict[str, Any]:
    return {
        "algorithm": ALGORITHM,
        "published_shares": compare_published_shares(store),
        "usgs_world_totals": usgs_consistency(store),
    }


SHARE_COLUMNS = ("stage", "material", "country", "year", "computed_pct", "published_pct", "verdict", "method")


@dataclass(frozen=True)
class WorldCheck(Report):
    """`validate`: computed shares beside published ones (the rows), and USGS totals."""

    columns = SHARE_COLUMNS

    def rows(self) -> list[Row]:
        return list(self.data["published_shares"])

    def sections(self) -> list[Section]:
        return [
            Section(self.rows(), "shares: computed beside published", SHARE_COLUMNS),
            Section(self.data["usgs_world_totals"], "USGS: stated world total beside the sum of countries"),
        ]


def world_check(store: Store) -> WorldCheck:
    return WorldCheck(validate_against_world(store))
