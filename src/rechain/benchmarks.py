"""Benchmarks, run on demand (`rechain bench ...`), never as timed tests.

bench-scenarios-v1: one scenario year (12 monthly periods), ten years monthly (120
periods) and N Monte Carlo runs of the one-year case on two worker processes, all on the
bundled April 2025 licensing scenario and the store's knowledge base.
"""

from __future__ import annotations

import os
import platform
import time
from dataclasses import replace
from typing import Any

from rechain.scenarios.catalog import find_scenario
from rechain.scenarios.run import monte_carlo, solve
from rechain.scenarios.world import build_world
from rechain.store import Store

SCENARIO = "april-2025-licensing"


def _timed(action: Any) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def bench_scenarios(store: Store, runs: int = 1000) -> dict[str, Any]:
    scenario = find_scenario(SCENARIO)
    year = replace(scenario, periods=12, step="month")
    decade = replace(scenario, periods=120, step="month")
    world = build_world(store, year)
    sizes = {}
    for label, case in (("one year monthly", year), ("ten years monthly", decade)):
        built, _ = solve(case, world)
        sizes[label] = {"variables": len(built.program.lower), "constraints": len(built.program.row_lower)}
    figures = {
        "one_year_monthly_s": min(_timed(lambda: solve(year, world)) for _ in range(3)),
        "ten_years_monthly_s": _timed(lambda: solve(decade, world)),
        f"monte_carlo_{runs}_runs_s": _timed(lambda: monte_carlo(year, world, runs, seed=1, workers=2)),
    }
    return {
        "benchmark": "bench-scenarios-v1",
        "scenario": SCENARIO,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "model_sizes": sizes,
        "seconds": {k: round(v, 3) for k, v in figures.items()},
        "targets": {"one_year_monthly_s": 0.5, "ten_years_monthly_s": 10, f"monte_carlo_{runs}_runs_s": 120},
    }
