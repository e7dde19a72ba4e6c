"""The mass-balance model (massbalance-v2): mine -> separation -> metal/alloy -> magnet ->
end use, per region, element and period, as one linear program.

Commodities: ("ore", e) element contained in mined REO, ("oxide", e), ("metal", e), and
("magnet", None). Each region balances every commodity each period (production + imports
+ stock drawn >= use + exports; surplus may be left unused). One world market clears each
commodity. Stocks can only be drawn down (no foresight hoarding). Unmet end-use demand is
a shortfall, penalised by end-use priority and slightly convex in its share of demand, so
a shortage is shared across regions in proportion; a holding cost draws stocks first.
Export controls cap a region's exports of the covered commodities at approval_rate x its
exports in the uncontrolled baseline; where licensing delays are given per month, at
(1 - held-back share) x that flow instead (a negative share releases held-back flow above
it). A control restricts flows leaving the issuer, never its own use: while one is in
force, the issuer's shortfall costs DOMESTIC_FIRST times more, so its demand is served
before anything is exported.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rechain.scenarios.lp import INF, LinearProgram, Solution
from rechain.scenarios.spec import Scenario
from rechain.scenarios.world import World

ALGORITHM = "massbalance-v2"
SHORTFALL_COST = 1000.0
TRADE_COST = 1e-3
PRODUCTION_COST = 1e-4
SEGMENTS = 4  # shortfall slices of a quarter of demand each
SEGMENT_STEP = 0.01  # each slice costs 1% more than the one before
HOLDING_COST = 50.0  # per tonne-period: above any gain from rationing (3 slices x 1% x 1000), so stocks drain first
DOMESTIC_FIRST = 100.0  # issuer's shortfall weight while its controls are in force
STAGE_COMMODITY = {"mining": "ore", "separation": "oxide", "metal_alloy": "metal", "magnet": "magnet"}


@dataclass
class Built:
    program: LinearProgram
    commodities: list[tuple[str, str | None]]
    control_rows: dict[tuple[Any, ...], tuple[str, int]]  # row name -> (control name, line)


def commodities(scenario: Scenario) -> list[tuple[str, str | None]]:
    return [(kind, e) for kind in ("ore", "oxide", "metal") for e in scenario.elements] + [("magnet", None)]


def capacity_per_period(
    scenario: Scenario, world: World, region: str, stage: str, t: int, utilisation: float, delay: int = 0
) -> float:
    """Available capacity in period t: base x utilisation, less outages, plus ramped additions."""
    base = world.capacity.get((region, stage), 0.0)
    lost = 0.0
    for outage in scenario.outages:
        if outage.start <= t and (outage.end is None or t <= outage.end):
            if outage.facility:
                facility = world.facilities.get(outage.facility)
                if facility and facility[:2] == (region, stage):
                    lost += facility[2] * (1 - outage.availability)
            elif (outage.region, outage.stage) == (region, stage):
                lost += (outage.tonnes_per_year or 0.0) * (1 - outage.availability)
    added = sum(
        _ramped(n.tonnes_per_year, t - n.start - delay, n.ramp_periods)
        for n in scenario.new_capacity
        if (n.region, n.stage) == (region, stage)
    )
    return (
        max(base * utilisation - lost, 0.0) / scenario.periods_per_year
        + added * utilisation / scenario.periods_per_year
    )


def _ramped(tonnes: float, elapsed: int, ramp: int) -> float:
    if elapsed < 0:
        return 0.0
    return tonnes if ramp <= 0 else tonnes * min(1.0, (elapsed + 1) / ramp)


def demand_in(scenario: Scenario, t: int) -> dict[tuple[str, str], float]:
    out: dict[tuple[str, str], float] = defaultdict(float)
    years = t / scenario.periods_per_year
    for d in scenario.demand:
        out[(d.region, d.end_use)] += d.tonnes_per_year * (1 + d.growth_pct / 100) ** years / scenario.periods_per_year
    return out


def build(
    scenario: Scenario,
    world: World,
    utilisation: float,
    baseline_exports: dict[Any, float] | None = None,
    delay: int = 0,
    rates: dict[int, float] | None = None,
) -> Built:
    lp = LinearProgram()
    goods = commodities(scenario)
    # The uncontrolled baseline (built without baseline exports) is the normal trade flow:
    # stocks left untouched, so drawing them never shrinks the flow a control caps.
    stock = _initial_stocks(scenario) if baseline_exports is not None else {}
    for t in range(scenario.periods):
        demand = demand_in(scenario, t)
        for r in world.regions:
            _production(lp, scenario, world, r, t, utilisation, delay)
            for k in goods:
                lp.var(("exp", k, r, t), cost=TRADE_COST)
                lp.var(("imp", k, r, t), cost=TRADE_COST)
                lp.var(("stock", k, r, t), upper=stock.get((k, r), 0.0), cost=HOLDING_COST)
                if t:
                    lp.row(
                        ("draw", k, r, t),
                        [(lp.names[("stock", k, r, t)], 1), (lp.names[("stock", k, r, t - 1)], -1)],
                        upper=0.0,
                    )
            _demand(lp, scenario, r, t, demand, DOMESTIC_FIRST if r in controlling(scenario, t) else 1.0)
            _balances(lp, scenario, world, r, t, goods, stock)
        for k in goods:
            lp.row(
                ("market", k, t),
                [(lp.names[("exp", k, r, t)], 1) for r in world.regions]
                + [(lp.names[("imp", k, r, t)], -1) for r in world.regions],
                lower=0.0,
                upper=0.0,
            )
    control_rows = _controls(lp, scenario, world, baseline_exports, rates or {}) if baseline_exports is not None else {}
    return Built(lp, goods, control_rows)


def _initial_stocks(scenario: Scenario) -> dict[tuple[Any, str], float]:
    stocks: dict[tuple[Any, str], float] = defaultdict(float)
    for s in scenario.stockpiles:
        kind = STAGE_COMMODITY[s.stage]
        stocks[((kind, None if kind == "magnet" else s.element), s.region)] += s.tonnes
    return stocks


def _production(lp: LinearProgram, scenario: Scenario, world: World, r: str, t: int, u: float, delay: int) -> None:
    cap = {s: capacity_per_period(scenario, world, r, s, t, u, delay) for s in STAGE_COMMODITY}
    # Metal and alloy capacity covers at least what the region's magnet plants need,
    # new plants included (few sources state metal capacity separately).
    cap["metal_alloy"] = max(cap["metal_alloy"], cap["magnet"] * sum(scenario.composition.values()) / 100)
    mine = lp.var(("mine", r, t), cost=PRODUCTION_COST)
    lp.row(("capacity", "mining", r, t), [(mine, 1)], upper=cap["mining"])
    for e in scenario.elements:
        lp.var(("make", "oxide", e, r, t), cost=PRODUCTION_COST)
        lp.var(("make", "metal", e, r, t), cost=PRODUCTION_COST)
    magnets = lp.var(("magnets", r, t), cost=PRODUCTION_COST)
    lp.row(("capacity", "magnet", r, t), [(magnets, 1)], upper=cap["magnet"])
    tracked = sum(world.distribution.get((r, e), 0.0) for e in scenario.elements) or 1.0
    lp.row(
        ("capacity", "separation", r, t),
        [(lp.names[("make", "oxide", e, r, t)], 1) for e in scenario.elements],
        upper=cap["separation"] * min(tracked, 1.0),
    )
    lp.row(
        ("capacity", "metal_alloy", r, t),
        [(lp.names[("make", "metal", e, r, t)], 1) for e in scenario.elements],
        upper=cap["metal_alloy"],
    )


def controlling(scenario: Scenario, t: int) -> set[str]:
    """Regions with an export control in force in period t."""
    return {c.issuer for c in scenario.controls if c.start <= t and (c.end is None or t <= c.end)}


def _demand(
    lp: LinearProgram,
    scenario: Scenario,
    r: str,
    t: int,
    demand: dict[tuple[str, str], float],
    weight: float = 1.0,
) -> None:
    """Served + shortfall = demand; the shortfall comes in SEGMENTS slices of rising cost,
    so a shortage is shared across regions in proportion rather than dumped on one; weight
    puts a region's own demand first (the issuer of a control)."""
    for (region, end_use), tonnes in demand.items():
        if region != r or tonnes <= 0:
            continue
        served = lp.var(("served", r, end_use, t))
        short = lp.var(("short", r, end_use, t))
        cost = SHORTFALL_COST * scenario.priorities[end_use] * weight
        pieces = [
            lp.var(("short-part", r, end_use, t, i), upper=tonnes / SEGMENTS, cost=cost * (1 + SEGMENT_STEP * i))
            for i in range(SEGMENTS)
        ]
        lp.row(("demand", r, end_use, t), [(served, 1), (short, 1)], lower=tonnes, upper=tonnes)
        lp.row(("shortfall", r, end_use, t), [(short, 1)] + [(piece, -1) for piece in pieces], lower=0.0, upper=0.0)


def _balances(
    lp: LinearProgram,
    scenario: Scenario,
    world: World,
    r: str,
    t: int,
    goods: list[tuple[str, str | None]],
    initial: dict[tuple[Any, str], float],
) -> None:
    n = lp.names
    for k in goods:
        kind, element = k
        e = element or ""
        terms: list[tuple[int, float]] = [
            (n[("imp", k, r, t)], 1),
            (n[("exp", k, r, t)], -1),
            (n[("stock", k, r, t)], -1),
        ]
        if t:
            terms.append((n[("stock", k, r, t - 1)], 1))
        if kind == "ore":
            terms += [(n[("mine", r, t)], world.distribution.get((r, e), 0.0)), (n[("make", "oxide", e, r, t)], -1)]
        elif kind == "oxide":
            terms += [(n[("make", "oxide", e, r, t)], 1), (n[("make", "metal", e, r, t)], -1 / world.oxide_to_metal[e])]
        elif kind == "metal":
            terms += [(n[("make", "metal", e, r, t)], 1), (n[("magnets", r, t)], -scenario.composition[e] / 100)]
        else:
            terms.append((n[("magnets", r, t)], 1))
            terms += [(n[("served", r, u, t)], -1) for u in scenario.priorities if ("served", r, u, t) in n]
        # In period 0 the stock held before the run sits on the right-hand side. Only ore may
        # be left unused (co-products nobody needs); the rest balances exactly, so stock is
        # drawn only into use.
        floor = -initial.get((k, r), 0.0) if t == 0 else 0.0
        lp.row(("balance", k, r, t), terms, lower=floor, upper=INF if kind == "ore" else floor)


def _controls(
    lp: LinearProgram, scenario: Scenario, world: World, baseline: dict[Any, float], rates: dict[int, float]
) -> dict[tuple[Any, ...], tuple[str, int]]:
    rows = {}
    for i, control in enumerate(scenario.controls):
        default_rate = rates.get(i, control.approval_rate)
        for stage in control.stages:
            kind = STAGE_COMMODITY[stage]
            covered = [("magnet", None)] if kind == "magnet" else [(kind, e) for e in control.elements]
            if kind == "magnet" and not any(scenario.composition.get(e, 0) > 0 for e in control.elements):
                continue  # magnets without the controlled elements are not covered
            for k in covered:
                for t in range(
                    control.start, scenario.periods if control.end is None else min(control.end + 1, scenario.periods)
                ):
                    name = ("control", i, k, control.issuer, t)
                    held = world.held_back.get((i, t))
                    rate = default_rate if held is None else 1.0 - held
                    cap = rate * baseline.get(("exp", k, control.issuer, t), 0.0)
                    lp.row(name, [(lp.names[("exp", k, control.issuer, t)], 1)], upper=cap)
                    rows[name] = (control.name or f"control {i + 1}", control.line)
    return rows


def exports_of(solution: Solution, scenario: Scenario, world: World) -> dict[Any, float]:
    return {
        ("exp", k, r, t): solution.get(("exp", k, r, t))
        for k in commodities(scenario)
        for r in world.regions
        for t in range(scenario.periods)
    }
