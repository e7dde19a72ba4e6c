"""Diversification tracker (diversification-v1): capacity by country, stage and year from
operating, building and planned facilities with a delay per status, and the EU Critical
Raw Materials Act 2030 benchmarks.

Delays are assumptions the caller can change: a facility counts from its start year plus
the delay of its status (operating 0, construction 1, planned 3 years by default).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rechain.analytics.capacity import STAGE_BASIS, headline
from rechain.analytics.chain import material_family
from rechain.analytics.elements import ElementShares, element_shares
from rechain.analytics.supply import GENERIC
from rechain.model import EntityType
from rechain.results import Report, Row
from rechain.store import Store
from rechain.views import profiles
from rechain.vocab import EU_MEMBERS

ALGORITHM = "diversification-v1"
DEFAULT_DELAYS = {"operating": 0, "construction": 1, "planned": 3}
# Regulation (EU) 2024/1252, Art. 5: at most 65% of each strategic raw material at any
# relevant stage from one third country; EU capacity for 10% of consumption (extraction),
# 40% (processing), 25% (recycling).
CRMA_SINGLE_COUNTRY_MAX = 0.65
CRMA_EU_CAPACITY_TARGETS = {"mining": 0.10, "separation": 0.40, "recycling": 0.25}
EU = set(EU_MEMBERS)


def capacity_by_year(
    store: Store,
    stage: str,
    material: str,
    years: range,
    delays: dict[str, int] | None = None,
) -> dict[str, Any]:
    delays = {**DEFAULT_DELAYS, **(delays or {})}
    basis = STAGE_BASIS.get(stage)
    counted, skipped, unknown = _projects(store, stage, material, basis, delays, element_shares(store))
    return {
        "algorithm": ALGORITHM,
        "stage": stage,
        "material": material,
        "basis": basis,
        "delays": delays,
        "facilities_counted": len(counted),
        "facilities_without_capacity_or_date": skipped,
        "operating_without_capacity_by_country": unknown,
        "years": {year: _year_totals(counted, year) for year in years},
        "facilities": counted,
    }


def _projects(
    store: Store, stage: str, material: str, basis: str | None, delays: dict[str, int], shares: ElementShares
) -> tuple[list[dict[str, Any]], int, dict[str, int]]:
    """Facilities at the stage with a capacity on the basis and a year they come online;
    how many had to be left out for want of either; and, by country, the operating ones
    left out (their size is unknown, so no share can be trusted while they exist)."""
    family = material_family(material) | GENERIC
    counted: list[dict[str, Any]] = []
    skipped = 0
    unknown: dict[str, int] = defaultdict(int)
    for p in profiles(store, EntityType.FACILITY).values():
        status = p.value("status")
        if p.value("stage") != stage or status not in delays:
            continue
        if p.values("product") and not set(p.values("product")) & family:
            continue
        found = headline(p, basis, shares, tuple(delays)) if basis else None
        start = p.value("start_year")
        if found is None or found.value is None or (start is None and status != "operating"):
            skipped += 1
            if status == "operating":
                unknown[str(p.value("country"))] += 1
            continue
        online = (start or 0) + delays[status] if status != "operating" else (start or 0)
        counted.append(
            {
                "id": p.id,
                "country": p.value("country"),
                "capacity": float(found.value),
                "online": online,
                "status": status,
                "headline": found.as_dict(),
                "claim": found.claim,
            }
        )
    return counted, skipped, dict(unknown)


def _year_totals(counted: list[dict[str, Any]], year: int) -> dict[str, Any]:
    by_country: dict[str, float] = defaultdict(float)
    for f in counted:
        if f["online"] <= year:
            by_country[str(f["country"])] += float(f["capacity"])
    total = sum(by_country.values())
    return {
        "total": total,
        "non_china": total - by_country.get("CN", 0.0),
        "china_share": by_country.get("CN", 0.0) / total if total else None,
        "eu": sum(v for c, v in by_country.items() if c in EU),
        "top_country": max(by_country, key=lambda c: by_country[c]) if by_country else None,
        "top_share": max(by_country.values()) / total if total else None,
    }


def crma_benchmarks(
    store: Store,
    material: str,
    years: range,
    eu_consumption_t: float | None = None,
    delays: dict[str, int] | None = None,
) -> dict[str, Any]:
    """The year each CRMA benchmark would be met, if ever, per stage."""
    results = {}
    for stage in ("mining", "separation", "metal_alloy", "magnet", "recycling"):
        tracked = capacity_by_year(store, stage, material, years, delays)
        single, verdict = _single_country_verdict(tracked)
        entry: dict[str, Any] = {
            "basis": tracked["basis"],
            "single_country_65pct_met": single,
            "single_country_65pct": verdict,
            "top_share_by_year": {y: v["top_share"] for y, v in tracked["years"].items()},
        }
        target = CRMA_EU_CAPACITY_TARGETS.get(stage)
        if target is not None:
            if eu_consumption_t:
                entry["eu_capacity_target"] = target
                entry["eu_capacity_target_met"] = _first_year(
                    tracked["years"], lambda y, t=target: y["eu"] >= t * eu_consumption_t
                )
            else:
                entry["eu_capacity_target"] = f"{target:.0%} of EU consumption: give EU consumption to test it"
        results[stage] = entry
    return {"algorithm": ALGORITHM, "material": material, "eu_consumption_t": eu_consumption_t, "stages": results}


def _single_country_verdict(tracked: dict[str, Any]) -> tuple[int | None, str]:
    """The first year no country holds over 65%, only when the data can show it: operating
    plants of unknown size could hold the difference."""
    unknown = tracked["operating_without_capacity_by_country"]
    if unknown:
        listed = ", ".join(f"{c} {n}" for c, n in sorted(unknown.items(), key=lambda kv: -kv[1]))
        return None, f"not shown by the data: operating facilities without a capacity figure ({listed})"
    year = _first_year(
        tracked["years"], lambda y: y["top_share"] is not None and y["top_share"] <= CRMA_SINGLE_COUNTRY_MAX
    )
    return year, f"met from {year}" if year else "not met in the years tracked"


def _first_year(years: dict[int, dict[str, Any]], test: Any) -> int | None:
    return next((y for y, v in sorted(years.items()) if test(v)), None)


@dataclass(frozen=True)
class CrmaReport(Report):
    """`risk diversification`: per stage, the year each CRMA benchmark is met."""

    last_year: int = 0
    delays: dict[str, int] = field(default_factory=dict)
    columns = ("stage", "basis", "65% single-country met", "EU capacity target met")

    @property
    def title(self) -> str | None:
        return f"CRMA benchmarks for {self.data['material']} (delays: {self.delays})"

    def rows(self) -> list[Row]:
        return [
            {
                "stage": s,
                "basis": v["basis"],
                "65% single-country met": v["single_country_65pct_met"]
                or v.get("single_country_65pct", f"not by {self.last_year}"),
                "EU capacity target met": v.get("eu_capacity_target_met", v.get("eu_capacity_target", "")),
            }
            for s, v in self.data["stages"].items()
        ]


def crma_report(
    store: Store, material: str, years: range, eu_consumption_t: float | None, delays: dict[str, int]
) -> CrmaReport:
    result = crma_benchmarks(store, material, years, eu_consumption_t, delays)
    return CrmaReport(result, last_year=years[-1], delays=delays)
