"""Supply tables (supply-table-v1): output or capacity by country for one stage,
material and year, with shares, the basis used and the claims behind every number.

Country statistics are used where they exist (USGS mine production, one edition at a
time so shares add up as the edition states them); otherwise operating facility
headline capacities (headline-v2) are summed on the stage's basis, other bases converted
by basis-v1 or refused with the reason, organisation-level figures standing in for
plants without one, with a company breakdown per country.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from rechain import vocab
from rechain.analytics.basis import ALGORITHM as BASIS_RULE
from rechain.analytics.capacity import ALGORITHM as HEADLINE_RULE
from rechain.analytics.capacity import STAGE_BASIS, Headline, OrgFigure, headline, org_figures
from rechain.analytics.chain import material_family
from rechain.analytics.elements import NDPR, ElementShares, element_shares, ndpr_of, supplies_element
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
# Capacity bases comparable within a stage, best first (read by scenarios/world.py and pipeline.py;
# the supply tables use headline-v2 on STAGE_BASIS instead).
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
    headlines: list[dict[str, Any]] = field(default_factory=list)  # what each counted figure is


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
    uncounted: dict[str, list[str]] = field(default_factory=dict)  # country -> operating plants without a figure

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
    if stage == "mining" and _is_element(material):
        generic = production_statistics(store, stage, "rare earths", year, edition)
        if generic:
            return _element_from_statistics(store, generic, material, year)
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


def rare_earth_materials() -> set[str]:
    """Every vocabulary material that is or holds rare earths: a generic table counts them all
    (a plant making NdPr oxide and cerium is a rare-earth separation plant)."""
    ree = set(vocab.elements())
    bulk = {"concentrate", "intermediate", "oxide", "metal", "alloy", "magnet"}  # rare-earth products by kind
    return GENERIC | {
        m.name
        for m in vocab.materials().values()
        if m.element in ree or (m.element is None and (m.kind in bulk or "rare earth" in m.name))
    }


def _is_element(material: str) -> bool:
    return material in {e.name for e in vocab.elements().values()} or material == NDPR


def _from_facilities(store: Store, stage: str, material: str, year: int, basis: str | None) -> SupplyTable:
    target = basis or STAGE_BASIS.get(stage, "")
    family = material_family(material) | (rare_earth_materials() if material in GENERIC else set())
    shares = element_shares(store)
    facilities = [
        p
        for p in profiles(store, EntityType.FACILITY).values()
        if p.value("stage") == stage and _counts_in_year(p, year) and _makes(p, family)
    ]
    notes: list[str] = [f"operating nameplate capacities on basis {target} ({HEADLINE_RULE}, {BASIS_RULE})"]
    if stage == "mining" and _is_element(material):
        facilities, excluded = _element_suppliers(facilities, material, shares)
        notes.append(f"{excluded} operating mines left out: their ore is not a source of {material} (elements-v1)")
    counted = _Counted(store, target)
    missing: list[Profile] = []
    for p in facilities:
        found = headline(p, target, shares)
        if found is None:
            missing.append(p)
        elif found.value is None:
            notes.append(f"{p.id}: {found.stated} ({found.status}) not counted: {found.how}")
        else:
            counted.add(p, found, _element_factor(p, material, shares) if stage == "mining" else 1.0)
    notes += counted.add_org_figures(org_figures(store, stage, year, target), missing)
    if missing:
        notes.append(_missing_note(missing, target))
    uncounted: dict[str, list[str]] = defaultdict(list)
    for p in missing:
        uncounted[str(p.value("country"))].append(p.id)
    total = sum(r.value for r in counted.rows.values())
    names = {i: p.name for i, p in profiles(store, ids={c for r in counted.rows.values() for c in r.companies}).items()}
    for row in counted.rows.values():
        row.share = row.value / total if total else 0.0
        row.companies = {names.get(c, c): v for c, v in row.companies.items()}
    rows = sorted(counted.rows.values(), key=lambda r: (-r.value, r.country))
    shown_basis = f"{material} contained" if stage == "mining" and _is_element(material) else target
    return SupplyTable(
        stage,
        material,
        year,
        "capacity",
        shown_basis,
        "t/y",
        "facility capacity",
        "sum of facility capacities counted",
        total,
        rows,
        notes=notes,
        uncounted=dict(uncounted),
    )


MINED = ("operating", "suspended", "closed")  # mines that have produced, whatever they do today


def _element_from_statistics(store: Store, stats: list[ClaimRow], element: str, year: int) -> SupplyTable:
    """Element mine output (element-stats-v1): each country's REO mine production times the
    element's share in the ore of its mines. A country whose mines are of several kinds needs a
    sourced split of its output (China: the ion-adsorption part of the mining quota)."""
    shares = element_shares(store)
    mines: dict[str, list[Profile]] = defaultdict(list)
    for p in profiles(store, EntityType.FACILITY).values():
        if p.value("stage") == "mining" and p.value("status") in MINED and p.value("deposit_type"):
            mines[str(p.value("country"))].append(p)
    edition = stats[0].qualifiers["edition"]
    notes = [f"REO mine production ({edition}) times the {element} share of each country's ore (elements-v1)"]
    rows, without = [], []
    for c in stats:
        if c.subject in ("WORLD", "OTHER") or not c.value:
            continue
        value, how = _country_element_output(store, c, mines.get(c.subject, []), element, shares, year)
        if value is None:
            notes.append(f"{c.subject}: {how}")
        elif value == 0:
            without.append(c.subject)
        else:
            rows.append(CountryRow(c.subject, value, claims=[c.id], headlines=[{"how": how}]))
    if without:
        notes.append(f"no mine of theirs in the knowledge base holds {element} ore: {', '.join(without)}")
    total = sum(r.value for r in rows)
    for row in rows:
        row.share = row.value / total if total else 0.0
    rows.sort(key=lambda r: (-r.value, r.country))
    method = f"country statistics ({edition}) by ore"
    basis = f"{element} oxide contained"
    return SupplyTable(
        "mining", element, year, "production", basis, "t", method, "sum of countries", total, rows, notes=notes
    )


def _country_element_output(
    store: Store, stat: ClaimRow, mines: list[Profile], element: str, shares: ElementShares, year: int
) -> tuple[float | None, str]:
    """(tonnes of the element's oxide, how), or (None, why not)."""
    verdicts = [(p, supplies_element(p, element, shares)) for p in mines]
    suppliers = [p for p, (ok, _) in verdicts if ok]
    if not suppliers:
        return 0.0, "none of its mines is a source"
    pct = _element_pct(suppliers, element, shares)
    if pct is None:
        return None, f"no source gives the {element} share of the ore of {', '.join(p.id for p in suppliers)}"
    if len(suppliers) == len(verdicts):
        return float(stat.value) * pct / 100, f"all its mines are sources: {stat.value:g} t REO x {pct:g}%"
    ionic, batches = _ion_adsorption_quota(store, year) if stat.subject == "CN" else (None, "")
    if ionic is None:
        return None, "its mines are of several kinds and no source splits its output by kind"
    how = f"ion-adsorption mining quota ({batches}) {ionic:g} t REO x {pct:g}% (the heavy-clay share: an upper bound)"
    return ionic * pct / 100, how


def _element_pct(suppliers: list[Profile], element: str, shares: ElementShares) -> float | None:
    """The element's share in the suppliers' ore; a site with no distribution of its own takes the
    heavy ionic-clay one when it is an ionic clay."""
    found = [
        shares.of(p).get(element) or shares.by_deposit_type.get("ionic_clay_heavy", {}).get(element)
        for p in suppliers
        if "ionic_clay" in str(p.value("deposit_type"))
    ]
    found += [shares.of(p).get(element) for p in suppliers if "ionic_clay" not in str(p.value("deposit_type"))]
    known = [f for f in found if f is not None]
    return max(known) if known else None


def _ion_adsorption_quota(store: Store, year: int) -> tuple[float | None, str]:
    """China's ion-adsorption mining quota for the year: the sum of the batches split by ore type."""
    split = [
        c
        for c in store.claims(property="quota")
        if c.qualifiers.get("ore_type") == "ion_adsorption" and c.qualifiers["year"] == year and c.subject == "CN"
    ]
    by_batch = {c.qualifiers["batch"]: float(c.value) for c in split if c.value is not None}
    if "total" in by_batch:
        return by_batch["total"], "whole year"
    return (sum(by_batch.values()), "batches " + ", ".join(sorted(by_batch)) + " only") if by_batch else (None, "")


def _element_suppliers(facilities: list[Profile], element: str, shares: ElementShares) -> tuple[list[Profile], int]:
    kept = [p for p in facilities if supplies_element(p, element, shares)[0]]
    return kept, len(facilities) - len(kept)


def _element_factor(p: Profile, material: str, shares: ElementShares) -> float:
    """The share of a mine's REO that is the element asked for (1 for generic materials)."""
    if not _is_element(material):
        return 1.0
    known = shares.of(p)
    share = ndpr_of(known) if material == NDPR else known.get(material)
    return share / 100 if share else 0.0


def _missing_note(missing: list[Profile], basis: str) -> str:
    by_country: dict[str, list[str]] = defaultdict(list)
    for p in missing:
        by_country[str(p.value("country"))].append(p.id)
    listed = "; ".join(f"{c}: {', '.join(sorted(ids))}" for c, ids in sorted(by_country.items()))
    return f"{len(missing)} operating facilities state no operating nameplate capacity ({basis}), not counted: {listed}"


class _Counted:
    """Country rows built from facility headlines and organisation-level figures."""

    def __init__(self, store: Store, basis: str) -> None:
        self.store = store
        self.basis = basis
        self.rows: dict[str, CountryRow] = {}
        self.by_facility: dict[str, tuple[Profile, float]] = {}

    def _row(self, country: str) -> CountryRow:
        return self.rows.setdefault(country, CountryRow(country, 0.0))

    def add(self, p: Profile, found: Headline, factor: float) -> None:
        value = float(found.value or 0.0) * factor
        row = self._row(str(p.value("country")))
        row.value += value
        operator = p.value("operator") or p.id
        row.companies[operator] = row.companies.get(operator, 0.0) + value
        row.claims.append(found.claim)
        row.headlines.append({"facility": p.id, **found.as_dict(), "counted": value})
        self.by_facility[p.id] = (p, value)

    def add_org_figures(self, figures: list[OrgFigure], missing: list[Profile]) -> list[str]:
        """An organisation's own figure stands for its plants without one: only the part above
        what its plants already count is added (never counted twice)."""
        notes = []
        for f in figures:
            plants = [
                (p, v)
                for p, v in self.by_facility.values()
                if (p.id in f.includes or p.value("operator") == f.organization) and p.value("country") == f.country
            ]
            counted = sum(v for _, v in plants)
            added = f.value - counted
            if added <= 0:
                notes.append(
                    f"{f.organization}: {f.scope}-level {f.value:g} t/y not added, its plants count {counted:g}"
                )
                continue
            row = self._row(f.country)
            row.value += added
            row.companies[f.organization] = row.companies.get(f.organization, 0.0) + added
            row.claims.append(f.claim)
            figure = f"{f.scope}-level nameplate"
            row.headlines.append(
                {"organization": f.organization, "value": f.value, "basis": self.basis, "status": "operating"}
                | {"figure": figure, "counted": added, "claim": f.claim}
            )
            missing[:] = [p for p in missing if not (p.id in f.includes or p.value("operator") == f.organization)]
            notes.append(
                f"{f.organization}: {figure} {f.value:g} t/y, {counted:g} counted at its plants, {added:g} added"
            )
        return notes


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


def supply_report(store: Store, stage: str, material: str, year: int, edition: str | None = None) -> SupplyReport:
    return SupplyReport(supply_table(store, stage, material, year, edition=edition).as_dict())
