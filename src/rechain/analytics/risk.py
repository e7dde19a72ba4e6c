"""Supply-risk index (supply-risk-v1), in the manner of the EU criticality method:

    SR = [HHI_WGI(global) * IR/2 + HHI_WGI(sourcing) * (1 - IR/2)] * (1 - EoL_RIR)

HHI_WGI = sum over countries of share^2 * WGI_scaled, shares as fractions; WGI_scaled is
the mean of the six World Bank governance estimates mapped to 0 (best) .. 10 (worst) as
(2.5 - mean) * 2. IR is import reliance and EoL_RIR the end-of-life recycling input
rate, both fractions given by the caller (defaults shown in the result). Countries
without governance data, and the pooled "other countries", are listed and left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rechain.analytics.supply import supply_table
from rechain.errors import UsageError
from rechain.results import Report, Row, Section
from rechain.store import Store

ALGORITHM = "supply-risk-v1"
INDICATORS = 6


def governance_scores(store: Store) -> dict[str, dict[str, Any]]:
    """Per country: scaled WGI (0 best .. 10 worst), the year and the claims used."""
    latest: dict[str, int] = {}
    claims = store.claims(property="governance")
    for c in claims:
        latest[c.subject] = max(latest.get(c.subject, 0), c.qualifiers["year"])
    grouped: dict[str, list[Any]] = defaultdict(list)
    for c in claims:
        if c.qualifiers["year"] == latest[c.subject]:
            grouped[c.subject].append(c)
    scores = {}
    for country, group in grouped.items():
        mean = sum(c.value for c in group) / len(group)
        scores[country] = {
            "wgi_scaled": round((2.5 - mean) * 2, 4),
            "year": latest[country],
            "indicators": len(group),
            "claims": [c.id for c in group],
        }
    return scores


def hhi_wgi(shares: dict[str, float], scores: dict[str, dict[str, Any]]) -> tuple[float, list[str]]:
    missing = [c for c in shares if c not in scores and c != "OTHER"]
    value = sum(s * s * scores[c]["wgi_scaled"] for c, s in shares.items() if c in scores)
    return value, missing


def supply_risk(
    store: Store,
    stage: str,
    material: str,
    year: int,
    *,
    import_reliance: float = 1.0,
    eol_rir: float = 0.0,
    sourcing: dict[str, float] | None = None,
    edition: str | None = None,
) -> dict[str, Any]:
    for name, value in (("import reliance", import_reliance), ("end-of-life recycling input rate", eol_rir)):
        if not 0 <= value <= 1:
            raise UsageError(f"{name} must be between 0 and 1, not {value}")
    table = supply_table(store, stage, material, year, edition=edition)
    shares = {r.country: r.share for r in table.rows}
    scores = governance_scores(store)
    global_hhi, missing = hhi_wgi(shares, scores)
    sourcing_shares = sourcing or shares
    sourcing_hhi, missing_sourcing = hhi_wgi(sourcing_shares, scores)
    value = (global_hhi * import_reliance / 2 + sourcing_hhi * (1 - import_reliance / 2)) * (1 - eol_rir)
    return {
        "algorithm": ALGORITHM,
        "stage": stage,
        "material": material,
        "year": year,
        "supply_risk": round(value, 4),
        "inputs": {
            "supply_table": {"method": table.method, "denominator": table.denominator, "shares": shares},
            "sourcing_shares": sourcing_shares,
            "sourcing_given": sourcing is not None,
            "governance": {c: scores[c] for c in set(shares) | set(sourcing_shares) if c in scores},
            "hhi_wgi_global": round(global_hhi, 4),
            "hhi_wgi_sourcing": round(sourcing_hhi, 4),
            "import_reliance": import_reliance,
            "eol_rir": eol_rir,
        },
        "left_out": sorted(set(missing) | set(missing_sourcing)),
    }


@dataclass(frozen=True)
class SupplyRiskReport(Report):
    """`risk index`: the index and, per country, its share and governance score."""

    columns = ("country", "share", "wgi_scaled", "year")

    def rows(self) -> list[Row]:
        inputs = self.data["inputs"]
        return [
            {
                "country": c,
                "share": round(s, 4),
                **{k: (inputs["governance"].get(c) or {}).get(k) for k in ("wgi_scaled", "year")},
            }
            for c, s in inputs["supply_table"]["shares"].items()
        ]

    def sections(self) -> list[Section]:
        d = self.data
        headline = f"supply risk {d['supply_risk']:.3f} ({d['algorithm']}) for {d['stage']} {d['material']} {d['year']}"
        return [Section(self.rows(), columns=self.columns, before=[headline])]


def supply_risk_report(store: Store, stage: str, material: str, year: int, **options: Any) -> SupplyRiskReport:
    return SupplyRiskReport(supply_risk(store, stage, material, year, **options))
