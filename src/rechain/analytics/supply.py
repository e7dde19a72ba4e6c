"""Supply tables (supply-table-v1): output or capacity by country for one stage,
material and year, with shares, the basis used and the claims behind every number.

Country statistics are used where they exist (USGS mine production, one edition at a
time so shares add up as the edition states them); otherwise operating facility
capacities are summed, on one capacity basis, with a company breakdown per country.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from rechain.analytics.chain import material_family
from rechain.errors import NotFoundError, UsageError
from rechain.model import EntityType
from rechain.results import Report, Row, Section
from rechain.store import ClaimRow, Store
from rechain.views import Profile, profiles, rank

ALGORITHM = "supply-table-v1"
GENERIC = {
    "rare earths",
    "rare earth concentrate",
    "rare earth oxide",
    "mixed rare earth carbonate",
    "rare earth metal",
}
# Capacity bases comparable within a stage, best first.
STAGE_BASES = {
    "mining": ("reo", "concentrate", "ore"),
    "beneficiation": ("reo", "concentrate"),
    "separation": ("reo", "oxide", "ndpr_oxide"),
    "metal_alloy": ("metal", "alloy"),
    "magnet": ("magnet",),
    "component": ("units",),
    "recycling": ("feedstock", "reo", "oxide", "magnet"),
}
# A facility counts towards a year when it is operating and started by then.
COUNTED_STATUSES = ("operating",)


@dataclass
class CountryRow:
    country: str
    value: float
    share: float = 0.0
    companies: dict[str, float] = field(default_factory=dict)
    claims: list[str] = field(default_factory=list)


@dataclass
class SupplyTable:
    stage: str
    material: str
    year: int
    measure: str
    basis: str
    unit: str
    method: str  # "country statistics (MCS 2025)" or "facility capacity"
    denominator: str  # what the shares divide by
    total: float
    rows: list[CountryRow]
    algorithm: str = ALGORITHM
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def supply_table(
    store: Store,
    stage: str,
    material: str,
    year: int,
    *,
    edition: str | None = None,
    denominator: str = "world",
    basis: str | None = None,
) -> SupplyTable:
    if denominator not in ("world", "sum"):
        raise UsageError("denominator is 'world' (the stated world total) or 'sum' (the sum of countries)")
    stats = production_statistics(store, stage, material, year, edition)
    if stats:
        return _from_statistics(stats, stage, material, year, denominator)
    if edition:
        raise NotFoundError(f"no {stage} statistics of edition {edition!r} for {year}")
    return _from_facilities(store, stage, material, year, basis)


def production_statistics(store: Store, stage: str, material: str, year: int, edition: str | None) -> list[ClaimRow]:
    """Production claims of the newest edition (or the one asked for) covering the year."""
    claims = [
        c
        for c in store.claims(property="production")
        if c.qualifiers["stage"] == stage and c.qualifiers["material"] == material and c.qualifiers["year"] == year
    ]
    by_edition: dict[str, list[ClaimRow]] = defaultdict(list)
    for c in one_per_country(store, claims):
        by_edition[c.qualifiers["edition"]].append(c)
    if edition:
        return by_edition.get(edition, [])
    # The newest edition with a whole table (a world total and several countries); a
    # table of one country would make that country 100%.
    ranked = sorted(by_edition, key=lambda e: (_is_whole(by_edition[e]), _edition_order(e)))
    return by_edition[ranked[-1]] if ranked else []


def one_per_country(store: Store, claims: list[ClaimRow]) -> list[ClaimRow]:
    """A figure stated by several sources is several claims: keep the best one per fact."""
    sources = store.sources({c.source_id for c in claims})
    best: dict[tuple[object, ...], ClaimRow] = {}
    for claim in rank(claims, sources):
        q = claim.qualifiers
        best.setdefault((claim.subject, claim.property, q["edition"], q["year"], q["stage"], q["material"]), claim)
    return list(best.values())


def _is_whole(claims: list[ClaimRow]) -> bool:
    return any(c.subject == "WORLD" for c in claims) and sum(c.subject not in ("WORLD", "OTHER") for c in claims) >= 3


def _edition_order(edition: str) -> tuple[int, str]:
    digits = "".join(ch for ch in edition if ch.isdigit())
    return (int(digits) if digits else 0, edition)


def _from_statistics(claims: list[ClaimRow], stage: str, material: str, year: int, denominator: str) -> SupplyTable:
    edition = claims[0].qualifiers["edition"]
    world = next((c for c in claims if c.subject == "WORLD"), None)
    countries = [c for c in claims if c.subject not in ("WORLD",) and c.value is not None]
    summed = sum(c.value for c in countries)
    notes = [f"{c.subject}: {c.note}" for c in claims if c.value is None]
    if denominator == "world" and world is not None and world.value:
        total, said = float(world.value), f"world total as stated in {edition}"
        if abs(summed - total) > 0.005 * total:
            notes.append(f"countries (incl. other countries) sum to {summed:g}, the stated world total is {total:g}")
    else:
        total, said = float(summed), f"sum of countries (incl. other countries) in {edition}"
    rows = [
        CountryRow(c.subject, float(c.value), float(c.value) / total if total else 0.0, {}, [c.id]) for c in countries
    ]
    rows.sort(key=lambda r: (-r.value, r.country))
    return SupplyTable(
        stage,
        material,
        year,
        "production",
        "reo",
        "t",
        f"country statistics ({edition})",
        said,
        total,
        rows,
        notes=notes,
    )


def facility_capacity(p: Profile, bases: tuple[str, ...]) -> ClaimRow | None:
    """The facility's best-ranked capacity figure on the first of `bases` it reports."""
    for basis in bases:
        for claim in rank(p.claims.get("capacity", []), p.sources):
            if claim.qualifiers.get("basis") == basis and claim.value is not None:
                return claim
    return None


def _counts_in_year(p: Profile, year: int) -> bool:
    start = p.value("start_year")
    return p.value("status") in COUNTED_STATUSES and (start is None or start <= year)


def _makes(p: Profile, family: set[str]) -> bool:
    products = set(p.values("product"))
    return not products or bool(products & family) or bool(products & GENERIC)


def _from_facilities(store: Store, stage: str, material: str, year: int, basis: str | None) -> SupplyTable:
    bases = (basis,) if basis else STAGE_BASES.get(stage, ())
    family = material_family(material) | ({material} if material in GENERIC else set())
    facilities = [
        p
        for p in profiles(store, EntityType.FACILITY).values()
        if p.value("stage") == stage and _counts_in_year(p, year) and _makes(p, family)
    ]
    chosen_basis, picked = _pick_basis(facilities, bases)
    by_country: dict[str, CountryRow] = {}
    operators = profiles(store, ids={p.value("operator") for p, _ in picked} - {None})
    for p, claim in picked:
        row = by_country.setdefault(p.value("country"), CountryRow(p.value("country"), 0.0))
        row.value += float(claim.value)
        operator = p.value("operator")
        name = operators[operator].name if operator in operators else p.name
        row.companies[name] = row.companies.get(name, 0.0) + float(claim.value)
        row.claims.append(claim.id)
    total = sum(r.value for r in by_country.values())
    for row in by_country.values():
        row.share = row.value / total if total else 0.0
    missing = len(facilities) - len(picked)
    notes = (
        [f"{missing} operating facilities at this stage have no capacity on basis {chosen_basis}; not counted"]
        if missing
        else []
    )
    rows = sorted(by_country.values(), key=lambda r: (-r.value, r.country))
    return SupplyTable(
        stage,
        material,
        year,
        "capacity",
        chosen_basis,
        "t/y",
        "facility capacity",
        "sum of facility capacities counted",
        total,
        rows,
        notes=notes,
    )


def _pick_basis(facilities: list[Profile], bases: tuple[str, ...]) -> tuple[str, list[tuple[Profile, ClaimRow]]]:
    """The basis most facilities report (first listed wins ties), and their capacity claims."""
    best: tuple[str, list[tuple[Profile, ClaimRow]]] = (bases[0] if bases else "", [])
    for basis in bases:
        found = [(p, c) for p in facilities if (c := facility_capacity(p, (basis,))) is not None]
        if len(found) > len(best[1]):
            best = (basis, found)
    return best


def years_with_statistics(store: Store, stage: str, material: str) -> list[int]:
    years: dict[int, int] = defaultdict(int)
    for c in store.claims(property="production"):
        if c.qualifiers["stage"] == stage and c.qualifiers["material"] == material:
            years[c.qualifiers["year"]] += 1
    return sorted(years)


@dataclass(frozen=True)
class SupplyReport(Report):
    """`risk supply`: a supply table, one row per country with its companies."""

    columns = ("country", "value", "share", "companies")

    def rows(self) -> list[Row]:
        return [
            {
                "country": r["country"],
                "value": r["value"],
                "share": round(r["share"], 4),
                "companies": "; ".join(f"{k} {v:g}" for k, v in sorted(r["companies"].items(), key=lambda kv: -kv[1])),
            }
            for r in self.data["rows"]
        ]

    def sections(self) -> list[Section]:
        t = self.data
        title = f"{t['stage']} {t['material']} {t['year']}: {t['measure']} ({t['basis']}, {t['unit']}), {t['method']}"
        return [Section(self.rows(), title, self.columns, after=[f"  note: {n}" for n in t["notes"]])]


def supply_report(store: Store, stage: str, material: str, year: int) -> SupplyReport:
    return SupplyReport(supply_table(store, stage, material, year).as_dict())
