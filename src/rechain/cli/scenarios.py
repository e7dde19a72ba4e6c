"""Scenario and benchmark commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from rechain.benchmarks import bench_ingest, bench_scenarios
from rechain.cli.shell import (
    Format,
    FormatOption,
    _emit,
    _print_json,
    _print_table,
    _store,
    bench_app,
    err,
    scenario_app,
)
from rechain.export import format_rows
from rechain.scenarios.catalog import bundled, find_scenario
from rechain.scenarios.charts import write_charts
from rechain.scenarios.run import run_scenario
from rechain.scenarios.spec import load_scenario


@scenario_app.command("list")
def scenario_list(format: FormatOption = Format.table) -> None:
    """The bundled scenarios."""
    rows = []
    for path in bundled():
        scenario = load_scenario(path)
        rows.append(
            {
                "name": path.stem,
                "title": scenario.name,
                "start": scenario.period_label(0),
                "periods": scenario.periods,
                "step": scenario.step,
            }
        )
    _emit(format, rows, rows, title="bundled scenarios")


@scenario_app.command("run")
def scenario_run(
    scenario: Annotated[str, typer.Argument(help="a bundled scenario name or a YAML file")],
    runs: Annotated[
        int, typer.Option(help="Monte Carlo runs over the scenario's uncertain inputs", min=0, max=100000)
    ] = 0,
    seed: Annotated[int, typer.Option(help="random seed for Monte Carlo")] = 1,
    charts: Annotated[Path | None, typer.Option(help="folder to write PNG and SVG charts into")] = None,
    format: FormatOption = Format.table,
) -> None:
    """Run a scenario: supply, demand and shortfall over time, months until shortfall."""
    spec = find_scenario(scenario)
    with err.status(f"solving {spec.name}"):
        result = run_scenario(_store(), spec, runs=runs, seed=seed)
    if charts:
        result["charts"] = [str(p) for p in write_charts(result, charts)]
    if format == Format.json:
        _print_json(result)
        return
    rows = [
        {
            "region": r,
            "demand_t": round(result["demand_total_t"][r]),
            "shortfall_t": round(result["shortfall_total_t"][r]),
            "months_until_shortfall": "none" if m is None else m,
            **({"p50_shortfall_t": result["monte_carlo"]["regions"][r]["shortfall_t"]["p50"]} if runs else {}),
        }
        for r, m in result["months_until_shortfall"].items()
        if result["demand_total_t"][r]
    ]
    if format == Format.csv:
        sys.stdout.write(format_rows(rows, "csv"))
        return
    _print_table(rows, title=f"{spec.name} ({result['algorithm']}), {result['periods'][0]} to {result['periods'][-1]}")
    _print_table(result["binding"]["links"], title="binding controlled links")
    _print_table(
        [{**c, "facilities": ", ".join(c["facilities"])} for c in result["binding"]["capacities"]],
        title="binding capacities",
    )


@bench_app.command("scenarios")
def bench_scenarios_command(
    runs: Annotated[int, typer.Option(help="Monte Carlo runs", min=1, max=100000)] = 1000,
    format: FormatOption = Format.table,
) -> None:
    """Time one scenario year, ten monthly years and Monte Carlo runs."""
    with err.status("timing scenario solves"):
        result = bench_scenarios(_store(), runs)
    if format == Format.json:
        _print_json(result)
        return
    rows = [{"case": k, "seconds": v, "target_s": result["targets"][k]} for k, v in result["seconds"].items()]
    _print_table(rows, title=f"{result['benchmark']} on {result['cores']} cores, scenario {result['scenario']}")


@bench_app.command("ingest")
def bench_ingest_command(
    docs: Annotated[int, typer.Option(help="documents in the synthetic corpus", min=100, max=10_000_000)] = 100_000,
    baseline_docs: Annotated[int, typer.Option(help="documents for the trafilatura + spaCy comparison", min=10)] = 1000,
    format: FormatOption = Format.table,
) -> None:
    """Documents per second per core for the pre-filter and full extraction, and memory."""
    with err.status(f"timing ingestion over {docs:,} synthetic documents"):
        result = bench_ingest(docs, baseline_docs)
    if format == Format.json:
        _print_json(result)
        return
    _print_table(
        [{"measure": k, "value": v} for k, v in result.items() if k not in ("targets", "baseline")],
        title=result["benchmark"],
    )
    _print_table([{"measure": k, "value": v} for k, v in result["baseline"].items()], title="baseline")
