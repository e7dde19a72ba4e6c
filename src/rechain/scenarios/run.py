"""Running a scenario: an uncontrolled baseline, then the scenario with its controls,
and the results people ask for (supply, demand, shortfall, months until shortfall,
binding capacities and links), plus Monte Carlo percentiles over uncertain inputs."""

from __future__ import annotations

import random
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from rechain.results import Report, Row, Section
from rechain.scenarios.model import ALGORITHM, build, commodities, demand_in, exports_of
from rechain.scenarios.pipeline import ALGORITHM as PIPELINE
from rechain.scenarios.pipeline import pipeline_capacity
from rechain.scenarios.spec import Scenario
from rechain.scenarios.world import World, build_world
from rechain.store import Store


def solve(
    scenario: Scenario,
    world: World,
    utilisation: float | None = None,
    delay: int = 0,
    rates: dict[int, float] | None = None,
) -> tuple[Any, Any]:
    u = scenario.utilisation if utilisation is None else utilisation
    baseline_scenario = replace(scenario, controls=[])
    baseline = build(baseline_scenario, world, u, delay=delay).program.solve()
    built = build(scenario, world, u, exports_of(baseline, scenario, world), delay, rates)
    return built, built.program.solve()


def run_scenario(store: Store, scenario: Scenario, runs: int = 0, seed: int = 1) -> dict[str, Any]:
    world = build_world(store, scenario)
    if scenario.kb_pipeline is not None:
        projects = pipeline_capacity(store, scenario, world)
        scenario = replace(scenario, new_capacity=scenario.new_capacity + projects)
        world.explanations.append(f"pipeline: {len(projects)} building or planned projects added ({PIPELINE})")
    built, solution = solve(scenario, world)
    result = summarise(scenario, world, built, solution)
    if runs:
        result["monte_carlo"] = monte_carlo(scenario, world, runs, seed)
    return result


def summarise(scenario: Scenario, world: World, built: Any, solution: Any) -> dict[str, Any]:
    periods = [scenario.period_label(t) for t in range(scenario.periods)]
    by_period = []
    first_short: dict[str, int | None] = dict.fromkeys(world.regions)
    for t, label in enumerate(periods):
        demand = demand_in(scenario, t)
        row: dict[str, Any] = {"period": label, "regions": {}}
        for r in world.regions:
            wanted = sum(v for (reg, _), v in demand.items() if reg == r)
            short = {u: solution.get(("short", r, u, t)) for (reg, u) in demand if reg == r}
            total_short = sum(short.values())
            if wanted and total_short > 1e-6 * wanted and first_short[r] is None:
                first_short[r] = t
            row["regions"][r] = {
                "mined_reo_t": solution.get(("mine", r, t)),
                "oxide_t": {e: solution.get(("make", "oxide", e, r, t)) for e in scenario.elements},
                "metal_t": {e: solution.get(("make", "metal", e, r, t)) for e in scenario.elements},
                "magnets_t": solution.get(("magnets", r, t)),
                "magnet_exports_t": solution.get(("exp", ("magnet", None), r, t)),
                "magnet_imports_t": solution.get(("imp", ("magnet", None), r, t)),
                "magnet_stock_t": solution.get(("stock", ("magnet", None), r, t)),
                "demand_t": wanted,
                "shortfall_t": total_short,
                "shortfall_by_end_use_t": short,
                "shortfall_by_element_t": {e: total_short * scenario.composition[e] / 100 for e in scenario.elements},
            }
        by_period.append(row)
    months = 12 // scenario.periods_per_year
    return {
        "algorithm": ALGORITHM,
        "scenario": scenario.name,
        "description": scenario.description,
        "periods": periods,
        "step": scenario.step,
        "months_until_shortfall": {r: None if t is None else t * months for r, t in first_short.items()},
        "shortfall_total_t": {r: sum(p["regions"][r]["shortfall_t"] for p in by_period) for r in world.regions},
        "demand_total_t": {r: sum(p["regions"][r]["demand_t"] for p in by_period) for r in world.regions},
        "binding": binding(built, solution, world),
        "inputs": {
            "capacity_t_per_year": {f"{r}/{s}": round(v, 1) for (r, s), v in sorted(world.capacity.items()) if v},
            "element_shares": {f"{r}/{e}": round(v, 5) for (r, e), v in sorted(world.distribution.items()) if v},
            "magnet_composition_pct": scenario.composition,
            "utilisation": scenario.utilisation,
            "explanations": world.explanations,
        },
        "by_period": by_period,
    }


def binding(built: Any, solution: Any, world: World) -> dict[str, list[dict[str, Any]]]:
    """Capacities and controlled links that hold the result back, with the periods they bind."""
    capacities: dict[tuple[str, str], list[int]] = defaultdict(list)
    links: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for name in solution.binding_rows():
        if name[0] == "capacity" and world.capacity.get((name[2], name[1]), 0.0) > 0:
            capacities[(name[2], name[1])].append(name[3])
        elif name[0] == "control":
            control, line = built.control_rows[name]
            kind, element = name[2]
            links[(control, f"{name[3]} exports of {kind}" + (f" {element}" if element else ""), str(line))].append(
                name[4]
            )
    facility_names = defaultdict(list)
    for fid, (region, stage, tonnes) in world.facilities.items():
        facility_names[(region, stage)].append((tonnes, fid))
    return {
        "capacities": [
            {
                "region": r,
                "stage": s,
                "periods": len(ts),
                "first_period": min(ts),
                "facilities": [f for _, f in sorted(facility_names[(r, s)], reverse=True)[:5]],
            }
            for (r, s), ts in sorted(capacities.items())
        ],
        "links": [
            {"control": c, "link": link, "scenario_line": int(line), "periods": len(ts), "first_period": min(ts)}
            for (c, link, line), ts in sorted(links.items())
        ],
    }


def _sample(scenario: Scenario, rng: random.Random) -> dict[str, Any]:
    bounds = scenario.uncertain
    draw = {k: rng.uniform(*v) for k, v in bounds.items()}
    return {
        "utilisation": draw.get("utilisation", scenario.utilisation),
        "rates": {i: draw["approval_rate"] for i in range(len(scenario.controls))} if "approval_rate" in draw else {},
        "delay": round(draw.get("ramp_delay_months", 0) * scenario.periods_per_year / 12),
    }


def _one_run(args: tuple[Scenario, World, dict[str, Any]]) -> dict[str, Any]:
    scenario, world, draw = args
    built, solution = solve(scenario, world, draw["utilisation"], draw["delay"], draw["rates"])
    summary = summarise(scenario, world, built, solution)
    return {
        "shortfall_total_t": summary["shortfall_total_t"],
        "months_until_shortfall": summary["months_until_shortfall"],
    }


def monte_carlo(scenario: Scenario, world: World, runs: int, seed: int = 1, workers: int = 2) -> dict[str, Any]:
    rng = random.Random(seed)
    draws = [_sample(scenario, rng) for _ in range(runs)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(
            pool.map(_one_run, [(scenario, world, d) for d in draws], chunksize=max(1, runs // (workers * 8)))
        )
    out: dict[str, Any] = {"runs": runs, "seed": seed, "uncertain": scenario.uncertain, "regions": {}}
    horizon = scenario.periods * 12 // scenario.periods_per_year
    for r in world.regions:
        shortfalls = sorted(x["shortfall_total_t"][r] for x in results)
        months = sorted(
            horizon if x["months_until_shortfall"][r] is None else x["months_until_shortfall"][r] for x in results
        )
        out["regions"][r] = {
            "shortfall_t": _percentiles(shortfalls),
            "months_until_shortfall": _percentiles(months),
            "share_of_runs_with_shortfall": sum(1 for x in results if x["months_until_shortfall"][r] is not None)
            / runs,
        }
    out["note"] = f"months_until_shortfall counts a run without shortfall as the horizon ({horizon} months)"
    return out


def _percentiles(values: list[float]) -> dict[str, float]:
    def at(q: float) -> float:
        return round(values[min(len(values) - 1, int(q * (len(values) - 1) + 0.5))], 3)

    return {"p5": at(0.05), "p50": at(0.5), "p95": at(0.95)}


__all__ = ["commodities", "run_scenario", "monte_carlo"]


@dataclass(frozen=True)
class ScenarioReport(Report):
    """`scenario run`: demand, shortfall and months until shortfall per region."""

    columns = ("region", "demand_t", "shortfall_t", "months_until_shortfall")

    def rows(self) -> list[Row]:
        d = self.data
        carlo = d.get("monte_carlo")
        return [
            {
                "region": r,
                "demand_t": round(d["demand_total_t"][r]),
                "shortfall_t": round(d["shortfall_total_t"][r]),
                "months_until_shortfall": "none" if m is None else m,
                **({"p50_shortfall_t": carlo["regions"][r]["shortfall_t"]["p50"]} if carlo else {}),
            }
            for r, m in d["months_until_shortfall"].items()
            if d["demand_total_t"][r]
        ]

    def sections(self) -> list[Section]:
        d = self.data
        return [
            Section(self.rows(), f"{d['scenario']} ({d['algorithm']}), {d['periods'][0]} to {d['periods'][-1]}"),
            Section(d["binding"]["links"], "binding controlled links"),
            Section(
                [{**c, "facilities": ", ".join(c["facilities"])} for c in d["binding"]["capacities"]],
                "binding capacities",
            ),
        ]
