"""Scenario and benchmark commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rechain.cli.shell import Format, FormatOption, bench_app, emit, err, open_loaded_store, scenario_app


@scenario_app.command("list")
def scenario_list(format: FormatOption = Format.table) -> None:
    """The bundled scenarios."""
    from rechain.scenarios.catalog import catalog

    emit(catalog(), format)


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
    from rechain.scenarios.catalog import find_scenario
    from rechain.scenarios.run import ScenarioReport, run_scenario

    spec = find_scenario(scenario)
    with err.status(f"solving {spec.name}"):
        result = run_scenario(open_loaded_store(), spec, runs=runs, seed=seed)
    if charts:
        from rechain.scenarios.charts import write_charts

        result["charts"] = [str(p) for p in write_charts(result, charts)]
    emit(ScenarioReport(result), format)


@bench_app.command("scenarios")
def bench_scenarios_command(
    runs: Annotated[int, typer.Option(help="Monte Carlo runs", min=1, max=100000)] = 1000,
    format: FormatOption = Format.table,
) -> None:
    """Time one scenario year, ten monthly years and Monte Carlo runs."""
    from rechain.benchmarks import bench_scenarios
    from rechain.reports import ScenarioBench

    with err.status("timing scenario solves"):
        result = bench_scenarios(open_loaded_store(), runs)
    emit(ScenarioBench(result), format)


@bench_app.command("ingest")
def bench_ingest_command(
    docs: Annotated[int, typer.Option(help="documents in the synthetic corpus", min=100, max=10_000_000)] = 100_000,
    baseline_docs: Annotated[int, typer.Option(help="documents for the trafilatura + spaCy comparison", min=10)] = 1000,
    format: FormatOption = Format.table,
) -> None:
    """Documents per second per core for the pre-filter and full extraction, and memory."""
    from rechain.benchmarks import bench_ingest
    from rechain.reports import IngestBench

    with err.status(f"timing ingestion over {docs:,} synthetic documents"):
        result = bench_ingest(docs, baseline_docs)
    emit(IngestBench(result), format)
