"""Checks against the world (validate-v1): what rechain computes beside what public
sources state. Disagreements beyond the tolerance are listed, never hidden."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rechain.analytics.supply import SupplyTable, one_per_country, supply_table
from rechain.errors import RechainError
from rechain.results import Report, Row, Section
from rechain.store import ClaimRow, Store
from rechain.views import cite

ALGORITHM = "validate-v1"
TOLERANCE_PP = 5.0  # percentage points between a computed and a published share


def compare_published_shares(store: Store, tolerance_pp: float = TOLERANCE_PP) -> list[dict[str, Any]]:
    """One row per published figure (sources stating the same share are one row), the computed
    share beside it, and for a gap what explains it: the capacity missing on either side."""
    claims = store.claims(property="published_share")
    sources = store.sources({c.source_id for c in claims})
    rows = []
    for key, stated in _published_facts(claims).items():
        stage, material, measure, year, country, value = key
        if measure == "consumption":
            continue  # a sourcing share, not a world share: nothing computed to set beside it
        q = {"stage": stage, "material": material, "measure": measure, "year": year}
        base = {**q, "country": country, "published_pct": value, "source": cite(sources, stated)}
        try:
            table = supply_table(store, stage, material, year)
        except RechainError as exc:
            rows.append({**base, "computed_pct": None, "verdict": f"not computed: {exc}", "explanation": ""})
            continue
        computed = next((r.share * 100 for r in table.rows if r.country == country), 0.0 if table.rows else None)
        verdict = _verdict(computed, value, tolerance_pp)
        explanation = "" if verdict == "agrees" or computed is None else _explain_gap(table, country, value)
        rows.append(
            {
                **base,
                "computed_pct": None if computed is None else round(computed, 2),
                "method": table.method,
                "tolerance_pp": tolerance_pp,
                "verdict": verdict,
                "explanation": explanation,
            }
        )
    return rows


def _published_facts(claims: list[ClaimRow]) -> dict[tuple[Any, ...], list[str]]:
    """Published shares keyed by the fact they state, with every source stating it."""
    facts: dict[tuple[Any, ...], list[str]] = {}
    for c in sorted(claims, key=lambda c: (c.qualifiers["stage"], c.qualifiers["year"], c.subject)):
        q = c.qualifiers
        key = (q["stage"], q["material"], q["measure"], q["year"], c.subject, c.value)
        facts.setdefault(key, []).append(c.source_id)
    return facts


def _explain_gap(table: SupplyTable, country: str, published_pct: float) -> str:
    """What the gap means: for statistics, another data set; for capacities, the tonnage the
    country (or the rest of the world) would need, and the plants counted without a figure."""
    if table.method.startswith("country statistics"):
        return f"computed from {table.method}; the published figure rests on another data set or data year"
    own = next((r.value for r in table.rows if r.country == country), 0.0)
    rest = table.total - own
    share = published_pct / 100
    unit = f"t/y {table.basis}"
    if own < share * table.total:
        needed = share / (1 - share) * rest - own if share < 1 else float("inf")
        short, plants = (
            f"{country} would need {needed:,.0f} {unit} more than the {own:,.0f} counted",
            table.uncounted.get(country, []),
        )
    else:
        needed = own * (1 - share) / share - rest if share > 0 else float("inf")
        short = f"the rest of the world would need {needed:,.0f} {unit} more than the {rest:,.0f} counted"
        plants = [f for c, ids in sorted(table.uncounted.items()) if c != country for f in ids]
    if not plants:
        return f"{short}; none of their plants in the knowledge base lacks a figure: plants missing from it"
    more = f" and {len(plants) - 12} more" if len(plants) > 12 else ""
    return f"{short}; operating plants without a capacity figure: {', '.join(plants[:12])}{more}"


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


SHARE_COLUMNS = ("stage", "material", "country", "year", "computed_pct", "published_pct", "verdict", "explanation")


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
