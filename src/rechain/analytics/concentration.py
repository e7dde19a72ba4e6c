"""Concentration measures (concentration-v1) of a supply table: shares, top-1, top-3,
HHI on percentage shares (0-10,000) and China's share, with the inputs shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rechain.analytics.supply import SupplyTable, supply_table, years_with_statistics
from rechain.results import Report, Row, Section
from rechain.store import Store

ALGORITHM = "concentration-v1"
POOLED = ("OTHER",)  # "other countries" is not one supplier: left out of top-n and HHI


def measures(table: SupplyTable) -> dict[str, Any]:
    suppliers = [r for r in table.rows if r.country not in POOLED]
    shares = [r.share * 100 for r in suppliers]
    china = next((r.share * 100 for r in table.rows if r.country == "CN"), 0.0)
    return {
        "algorithm": ALGORITHM,
        "stage": table.stage,
        "material": table.material,
        "year": table.year,
        "measure": table.measure,
        "basis": table.basis,
        "unit": table.unit,
        "method": table.method,
        "denominator": table.denominator,
        "total": table.total,
        "shares": [
            {
                "country": r.country,
                "value": r.value,
                "share_pct": round(r.share * 100, 4),
                "companies": r.companies,
                "claims": r.claims,
                "headlines": r.headlines,
            }
            for r in table.rows
        ],
        "top1_pct": round(shares[0], 4) if shares else 0.0,
        "top3_pct": round(sum(shares[:3]), 4),
        "hhi": round(sum(s * s for s in shares), 2),
        "china_share_pct": round(china, 4),
        "notes": table.notes
        + (
            ["'other countries' (OTHER) is pooled: excluded from top-n and HHI"]
            if any(r.country in POOLED for r in table.rows)
            else []
        ),
        "supply_table": table.algorithm,
    }


def concentration(store: Store, stage: str, material: str, year: int, **options: Any) -> dict[str, Any]:
    return measures(supply_table(store, stage, material, year, **options))


def concentration_history(store: Store, stage: str, material: str, **options: Any) -> list[dict[str, Any]]:
    return [concentration(store, stage, material, y, **options) for y in years_with_statistics(store, stage, material)]


@dataclass(frozen=True)
class ConcentrationReport(Report):
    """`risk concentration`: one year's measures (`data` is a mapping) or every year's (a list)."""

    columns = ("year", "country", "value", "share_pct")

    @property
    def years(self) -> list[dict[str, Any]]:
        return self.data if isinstance(self.data, list) else [self.data]

    def rows(self) -> list[Row]:
        return [{k: r[k] if k == "year" else s[k] for k in self.columns} for r in self.years for s in r["shares"]]

    def sections(self) -> list[Section]:
        return [
            Section(
                [{k: s[k] for k in ("country", "value", "share_pct")} for s in r["shares"]],
                title=f"{r['stage']} {r['material']} {r['year']}: {r['method']}",
                after=[
                    f"  HHI {r['hhi']:.0f}  top-1 {r['top1_pct']:.1f}%  top-3 {r['top3_pct']:.1f}%  "
                    f"China {r['china_share_pct']:.1f}%  denominator: {r['denominator']}",
                    *(f"  note: {n}" for n in r["notes"]),
                ],
            )
            for r in self.years
        ]


def concentration_report(
    store: Store, stage: str, material: str, year: int | None = None, **options: Any
) -> ConcentrationReport:
    """One year's concentration, or every year with statistics when no year is given."""
    if year is not None:
        return ConcentrationReport(concentration(store, stage, material, year, **options))
    return ConcentrationReport(concentration_history(store, stage, material, **options))
