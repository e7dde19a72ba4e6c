"""The model's inputs drawn from the knowledge base (world-v1): capacity by region and
stage, element shares of mined rare-earth oxide, oxide-to-metal factors; each with the
explanation of where it came from.

Capacity per stage:
- mining: mine output of the newest complete USGS table (output is the sourced figure
  that exists for every country);
- separation, metal_alloy, magnet: operating facility capacities on the stage's basis;
  where a published share of a stage exists for a country and a world total can be set
  beside it (mine output for separation, NdFeB production for magnets), the country's
  capacity is at least share x total;
- metal_alloy in a region is at least what its magnet capacity needs (applied per period
  by the model, so new magnet plants bring their metal with them).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rechain import vocab
from rechain.analytics.supply import STAGE_BASES, facility_capacity, production_statistics, years_with_statistics
from rechain.errors import DataFileError
from rechain.model import EntityType
from rechain.scenarios.spec import Scenario
from rechain.store import Store
from rechain.views import profiles

ALGORITHM = "world-v1"
NDPR = "NdPr"
ELEMENT_MATERIALS = {NDPR: ("ndpr oxide", ("neodymium", "praseodymium", "neodymium oxide", "praseodymium oxide"))}


@dataclass
class World:
    regions: list[str]
    region_of: dict[str, str]
    capacity: dict[tuple[str, str], float]
    facilities: dict[str, tuple[str, str, float]]  # id -> (region, stage, t/y)
    distribution: dict[tuple[str, str], float]  # (region, element) -> fraction of REO
    oxide_to_metal: dict[str, float]
    explanations: list[str] = field(default_factory=list)
    # (control index, period) -> share of the uncontrolled export flow held back (negative: released)
    held_back: dict[tuple[int, int], float] = field(default_factory=dict)


def region_map(scenario: Scenario) -> dict[str, str]:
    default = next(name for name, members in scenario.regions.items() if "*" in members)
    mapping = {code: default for code in vocab.countries()}
    for name, members in scenario.regions.items():
        mapping.update({code: name for code in members if code != "*"})
    return mapping


def build_world(store: Store, scenario: Scenario) -> World:
    region_of = region_map(scenario)
    world = World(list(scenario.regions), region_of, defaultdict(float), {}, {}, _oxide_factors(scenario))
    _mining(store, world)
    _facilities(store, world)
    _published_floors(store, world)
    world.explanations.append("metal_alloy: in every period at least what the region's magnet capacity needs")
    _distributions(store, world, scenario)
    _licensing_delays(store, world, scenario)
    return world


def _licensing_delays(store: Store, world: World, scenario: Scenario) -> None:
    """Each control's held-back share per period: stated in the file, or one minus the
    issuer's exports as a share of the same month a year earlier (its trade rows)."""
    for i, control in enumerate(scenario.controls):
        world.held_back.update({(i, t): share for t, share in control.held_back.items()})
        if control.held_back_from_trade is None:
            continue
        changes = _export_changes(store, world, control.issuer, control.held_back_from_trade)
        months = {scenario.period_label(t): t for t in range(scenario.periods)} if scenario.step == "month" else {}
        used = {months[period]: -change / 100 for period, (change, _) in changes.items() if period in months}
        if not used:
            raise DataFileError(
                scenario.path,
                None,
                f"line {control.line}: no monthly {control.held_back_from_trade} exports of {control.issuer} "
                "with a year-on-year change in the knowledge base for the scenario's months",
            )
        world.held_back.update({(i, t): share for t, share in used.items()})
        cited = sorted({source for _, source in changes.values()})
        world.explanations.append(
            f"licensing: {control.name or f'control {i + 1}'} holds back, by month, the year-on-year fall of "
            f"{control.issuer} exports of {control.held_back_from_trade} ("
            + ", ".join(f"{scenario.period_label(t)} {share:.0%}" for t, share in sorted(used.items()))
            + f"; {', '.join(cited)})"
        )


def _export_changes(store: Store, world: World, issuer: str, material: str) -> dict[str, tuple[float, str]]:
    """Period -> (year-on-year change in %, source) of the issuer's exports to the world."""
    out = {}
    for c in store.claims(property="trade"):
        q = c.qualifiers
        if (
            world.region_of.get(c.subject) == issuer
            and q["flow"] == "export"
            and q["partner"] == "WORLD"
            and q["material"] == material
            and q["change_yoy_pct"] is not None
        ):
            out[q["period"]] = (float(q["change_yoy_pct"]), c.source_id)
    return out


def _mining(store: Store, world: World) -> None:
    years = years_with_statistics(store, "mining", "rare earths")
    for year in reversed(years):
        claims = production_statistics(store, "mining", "rare earths", year, None)
        if any(c.subject == "WORLD" for c in claims):
            for c in claims:
                if c.subject not in ("WORLD", "OTHER") and c.value:
                    world.capacity[(world.region_of.get(c.subject, world.regions[-1]), "mining")] += float(c.value)
            other = next((c.value for c in claims if c.subject == "OTHER" and c.value), 0.0)
            if other:
                default = next(r for r in world.regions if world.region_of.get("ZZ", r) == r)
                world.capacity[(default, "mining")] += float(other)
            world.explanations.append(f"mining: mine output of {year} ({claims[0].qualifiers['edition']}) as capacity")
            return
    world.explanations.append("mining: no complete mine-production table; mining capacity is zero")


def _facilities(store: Store, world: World) -> None:
    for p in profiles(store, EntityType.FACILITY).values():
        stage = p.value("stage")
        if stage not in ("separation", "metal_alloy", "magnet") or p.value("status") != "operating":
            continue
        claim = facility_capacity(p, STAGE_BASES[stage][:1] if stage != "separation" else ("reo", "oxide"))
        if claim is None:
            continue
        region = world.region_of.get(p.value("country") or "", world.regions[-1])
        world.capacity[(region, stage)] += float(claim.value)
        world.facilities[p.id] = (region, stage, float(claim.value))
    world.explanations.append(
        "separation, metal_alloy, magnet: operating facility capacities (reo/oxide, metal, magnet)"
    )


def _latest_claim_value(store: Store, prop: str, test: Any) -> tuple[float, Any] | None:
    claims = sorted(
        (c for c in store.claims(property=prop) if c.value is not None and test(c)),
        key=lambda c: c.qualifiers.get("year") or 0,
    )
    return (float(claims[-1].value), claims[-1]) if claims else None


def _published_floors(store: Store, world: World) -> None:
    mined = sum(v for (_, s), v in world.capacity.items() if s == "mining")
    magnets = _latest_claim_value(
        store,
        "demand",
        lambda c: (
            c.subject == "WORLD"
            and c.qualifiers["end_use"] == "all"
            and c.qualifiers["material"] in ("ndfeb magnet", "permanent magnet")
            and c.qualifiers["unit"] == "t"
        ),
    )
    totals = {
        "separation": (mined, "world mine output"),
        "magnet": (magnets[0], f"world NdFeB output {magnets[1].qualifiers['year']}") if magnets else (0.0, ""),
    }
    for stage, (total, label) in totals.items():
        share = _latest_claim_value(
            store,
            "published_share",
            lambda c, s=stage: (
                c.qualifiers["stage"] == s
                and c.qualifiers["measure"] in ("production", "capacity")
                and c.subject == "CN"
            ),
        )
        if share and total:
            region = world.region_of["CN"]
            floor = share[0] / 100 * total
            if floor > world.capacity[(region, stage)]:
                world.capacity[(region, stage)] = floor
                world.explanations.append(
                    f"{stage}: {region} set to its published share {share[0]:g}% ({share[1].source_id}) x {label} "
                    f"= {floor:,.0f} t/y, above its listed facilities"
                )


def _element_share(shares: dict[str, float], element: str) -> float | None:
    """Fraction of REO for a model element from one deposit's material shares (percent)."""
    if element in ELEMENT_MATERIALS:
        combined, parts = ELEMENT_MATERIALS[element]
        if combined in shares:
            return shares[combined] / 100
        found = [shares[p] for p in parts if p in shares]
        return sum(found) / 100 if found else None
    name = vocab.elements()[element].name
    for material in (name, f"{name} oxide"):
        if material in shares:
            return shares[material] / 100
    return None


def _distributions(store: Store, world: World, scenario: Scenario) -> None:
    deposits: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for c in store.claims(property="element_share"):
        deposits[(c.qualifiers["country"], c.qualifiers["deposit"])][c.qualifiers["element"]] = float(c.value)
    by_region: dict[str, list[dict[str, float]]] = defaultdict(list)
    for (country, _), shares in deposits.items():
        by_region[world.region_of.get(country, world.regions[-1])].append(shares)
    everywhere = [s for group in by_region.values() for s in group]
    for region in world.regions:
        for element in scenario.elements:
            if (region, element) in scenario.element_shares:
                world.distribution[(region, element)] = scenario.element_shares[(region, element)]
                world.explanations.append(f"element shares: {region} {element} assumed by the scenario file")
                continue
            found = [v for s in by_region.get(region, []) if (v := _element_share(s, element)) is not None]
            source = "its deposits"
            if not found:
                found = [v for s in everywhere if (v := _element_share(s, element)) is not None]
                source = "the mean of all deposits"
            if not found and world.capacity[(region, "mining")]:
                raise DataFileError(
                    scenario.path,
                    None,
                    f"no share of {element} in mined REO for region {region}: the "
                    "knowledge base has none for any deposit; state it under element_shares",
                )
            world.distribution[(region, element)] = sum(found) / len(found) if found else 0.0
            if source != "its deposits" and world.capacity[(region, "mining")]:
                world.explanations.append(f"element shares: {region} {element} from {source} (none listed for it)")


def _oxide_factors(scenario: Scenario) -> dict[str, float]:
    elements = vocab.elements()
    factors = {}
    for symbol in scenario.elements:
        if symbol == NDPR:
            nd, pr = elements["Nd"].oxide_to_metal or 1.0, elements["Pr"].oxide_to_metal or 1.0
            factors[symbol] = (nd + pr) / 2
        else:
            factors[symbol] = elements[symbol].oxide_to_metal or 1.0
    return factors
