"""The command line: parse, call one library function, format. No logic lives here."""

from __future__ import annotations

import datetime
import json
import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from rechain import __version__, config
from rechain.analytics import controls
from rechain.analytics.chain import chain_for_entity, chain_for_material, chain_for_place
from rechain.analytics.concentration import concentration, concentration_history
from rechain.analytics.diversification import crma_benchmarks
from rechain.analytics.exposure import exposure as magnet_exposure
from rechain.analytics.risk import supply_risk
from rechain.analytics.supply import supply_table
from rechain.analytics.trace import trace as trace_upstream
from rechain.analytics.validation import validate_against_world
from rechain.benchmarks import bench_ingest, bench_scenarios
from rechain.describe import describe
from rechain.errors import RechainError, UsageError
from rechain.export import format_rows, table_rows
from rechain.extract.evaluate import evaluate
from rechain.extract.pipeline import extract as extract_article
from rechain.ingest.document import Skipped
from rechain.ingest.run import ingest as ingest_inputs
from rechain.kb.files import DATA_DIR
from rechain.kb.load import ensure_loaded, load_kb
from rechain.kb.stats import kb_stats
from rechain.kb.validate import validate_kb
from rechain.lookup import find_entities, resolve_entity
from rechain.news import list_events
from rechain.review import decide, history, list_proposals, undo
from rechain.scenarios.catalog import bundled, find_scenario
from rechain.scenarios.charts import write_charts
from rechain.scenarios.run import run_scenario
from rechain.scenarios.spec import load_scenario
from rechain.store import Store, open_store
from rechain.store.articles import search_articles
from rechain.vocab import country_code, material_named, stage_names

BUNDLED_NEWS = Path(__file__).parent / "data" / "news"

app = typer.Typer(
    help="rechain: open intelligence for the rare-earth industry chain.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
kb_app = typer.Typer(help="The curated knowledge base: load, validate, count.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")
controls_app = typer.Typer(help="Export-control measures and entity listings.", no_args_is_help=True)
app.add_typer(controls_app, name="controls")
scenario_app = typer.Typer(
    help="Scenarios: export halts, outages, new capacity, demand; a mass-balance model.", no_args_is_help=True
)
app.add_typer(scenario_app, name="scenario")
review_app = typer.Typer(help="Review knowledge-base edits proposed by the news.", no_args_is_help=True)
app.add_typer(review_app, name="review")
bench_app = typer.Typer(help="Benchmarks (speed figures for the README).", no_args_is_help=True)
app.add_typer(bench_app, name="bench")
risk_app = typer.Typer(help="Supply-risk analytics: concentration and risk indices.", no_args_is_help=True)
app.add_typer(risk_app, name="risk")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class DataFormat(StrEnum):
    csv = "csv"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table for people, json or csv for programs")]
KbPathOption = Annotated[Path | None, typer.Option("--path", help="knowledge-base folder (default: the bundled one)")]


def _store(load: bool = True) -> Store:
    store = open_store(config.database_url())
    if load:
        ensure_loaded(store)
    return store


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _print_table(rows: list[dict[str, Any]], title: str | None = None, columns: list[str] | None = None) -> None:
    table = Table(title=title, show_lines=False)
    columns = columns or (list(rows[0]) if rows else [])
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    out.print(table)


@app.callback()
def main_options(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="log progress to stderr")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


@app.command()
def version() -> None:
    """Print rechain's version."""
    out.print(__version__)


@app.command()
def init() -> None:
    """Create the store (if needed) and load the bundled knowledge base into it."""
    store = _store(load=False)
    report = load_kb(store)
    out.print(f"store ready at {config.database_url()}: {report.claims} claims, {report.new_claims} new")


@app.command()
def up() -> None:
    """The main job on the embedded default: build the store and summarise what it knows."""
    with err.status("building the store from the bundled knowledge base"):
        store = _store(load=False)
        load_kb(store)
    with err.status("ingesting the bundled articles"):
        news = ingest_inputs(store, [str(BUNDLED_NEWS)])
    stats = kb_stats(store)
    out.print(f"[bold]rechain {__version__}[/bold]  store: {config.database_url()}")
    _print_stats(stats)
    out.print(
        f"bundled articles: {news.new} new, {news.duplicate} already stored, {news.irrelevant} not about rare "
        f"earths; {store.count('articles')} articles and {len(store.claims(property='event'))} events stored",
        highlight=False,
    )


@kb_app.command("load")
def kb_load(path: KbPathOption = None) -> None:
    """Validate and load a knowledge-base folder; nothing is written if anything is wrong."""
    store = _store(load=False)
    with err.status(f"loading {path or 'the bundled knowledge base'}"):
        report = load_kb(store, path or DATA_DIR)
    out.print(
        f"loaded {report.claims} claims from {report.sources} sources about {report.entities} entities: "
        f"{report.new_claims} new, {report.retracted} retracted, {report.revived} restored"
    )


@kb_app.command("validate")
def kb_validate(path: KbPathOption = None) -> None:
    """Check every knowledge-base file; one line per problem, exit 1 if there is any."""
    rows, problems = validate_kb(path or DATA_DIR)
    for problem in problems:
        err.print(str(problem), markup=False, highlight=False)
    if problems:
        raise typer.Exit(1)
    out.print(f"knowledge base valid: {len(rows)} rows")


@kb_app.command("stats")
def kb_stats_command(format: FormatOption = Format.table) -> None:
    """Counts of facilities, organizations, countries, sources and claims."""
    stats = kb_stats(_store())
    if format == Format.json:
        _print_json(stats)
    elif format == Format.csv:
        flat = {k: v for k, v in stats.items() if not isinstance(v, dict)}
        sys.stdout.write(format_rows([flat], "csv"))
    else:
        _print_stats(stats)


def _print_stats(stats: dict[str, Any]) -> None:
    flat = [{"what": k, "count": v} for k, v in stats.items() if not isinstance(v, dict)]
    _print_table(flat, title="knowledge base")
    by_stage = [{"stage": k, "facilities": v} for k, v in stats["facilities_by_stage"].items()]
    _print_table(by_stage)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="a name, alias (English or Chinese) or id")],
    format: FormatOption = Format.table,
) -> None:
    """Everything the store knows about one entity, with sources."""
    store = _store()
    match = resolve_entity(store, name)
    description = describe(store, match.entity_id)
    description["matched"] = {"label": match.label, "reason": match.reason}
    if format == Format.table:
        _print_description(description)
    else:
        _print_json(description)


def _print_description(d: dict[str, Any]) -> None:
    out.print(f"[bold]{d['name']}[/bold]  ({d['type']}, id {d['id']})", highlight=False)
    for key, value in d.items():
        if key in ("name", "type", "id", "matched") or value in (None, [], ""):
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            _print_table(value, title=key)
        else:
            text = ", ".join(map(str, value)) if isinstance(value, list) else value
            out.print(f"  {key}: {text}", highlight=False, markup=False)


@app.command()
def chain(
    material: Annotated[str | None, typer.Option(help="a material name, alias or formula")] = None,
    place: Annotated[str | None, typer.Option(help="a place, e.g. Baotou")] = None,
    entity: Annotated[str | None, typer.Option(help="a facility, organization, cluster or country")] = None,
    format: FormatOption = Format.table,
) -> None:
    """Walk the chain by stage, upstream and downstream, from a material, place or entity."""
    if sum(x is not None for x in (material, place, entity)) != 1:
        raise UsageError("give exactly one of --material, --place, --entity")
    store = _store()
    if material is not None:
        canonical = material_named(material)
        if canonical is None:
            raise UsageError(f"unknown material {material!r}")
        result = chain_for_material(store, canonical)
    elif place is not None:
        result = chain_for_place(store, resolve_entity(store, place).entity_id)
    else:
        result = chain_for_entity(store, resolve_entity(store, str(entity)).entity_id)
    if format == Format.json:
        _print_json(result)
        return
    rows = [{**n, "products": "|".join(n["products"])} for s in result["stages"] for n in s["entities"]]
    if format == Format.csv:
        sys.stdout.write(format_rows(rows, "csv"))
        return
    for step in result["stages"]:
        _print_table(
            step["entities"],
            title=step["stage"],
            columns=["name", "relation", "operator", "capacity", "status", "sources"],
        )


@app.command()
def search_names(
    query: Annotated[str, typer.Argument(help="a name to look up")],
    limit: Annotated[int, typer.Option(min=1, max=50)] = 5,
) -> None:
    """List the entities a name could mean, with match scores."""
    matches = find_entities(_store(), query, limit)
    _print_table([vars(m) for m in matches])


@app.command()
def export(
    table: Annotated[str, typer.Argument(help="facilities, organizations or production")],
    format: Annotated[DataFormat, typer.Option("--format", "-f")] = DataFormat.csv,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="file to write (default stdout)")] = None,
) -> None:
    """Write a current-view table with its sources column."""
    text = format_rows(table_rows(_store(), table), format.value)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


@risk_app.command("concentration")
def risk_concentration(
    stage: Annotated[str, typer.Option(help="a stage, e.g. mining, separation, magnet")] = "mining",
    material: Annotated[str, typer.Option(help="a material, e.g. 'rare earths', dysprosium")] = "rare earths",
    year: Annotated[int | None, typer.Option(help="one year (default: every year with data)")] = None,
    edition: Annotated[str | None, typer.Option(help="statistics edition, e.g. 'MCS 2025' (default: newest)")] = None,
    denominator: Annotated[
        str, typer.Option(help="world: the stated world total; sum: the sum of countries")
    ] = "world",
    format: FormatOption = Format.table,
) -> None:
    """Shares, top-1, top-3, HHI and China's share for a stage and material."""
    canonical = material_named(material)
    if canonical is None or stage not in stage_names():
        raise UsageError(f"unknown {'material ' + repr(material) if canonical is None else 'stage ' + repr(stage)}")
    store = _store()
    options: dict[str, Any] = {"edition": edition, "denominator": denominator}
    results = (
        [concentration(store, stage, canonical, year, **options)]
        if year is not None
        else concentration_history(store, stage, canonical, **options)
    )
    if format == Format.json:
        _print_json(results[0] if year is not None else results)
        return
    rows = [
        {"year": r["year"], "country": s["country"], "value": s["value"], "share_pct": s["share_pct"]}
        for r in results
        for s in r["shares"]
    ]
    if format == Format.csv:
        sys.stdout.write(format_rows(rows, "csv"))
        return
    for r in results:
        _print_table(
            [{k: v for k, v in s.items() if k in ("country", "value", "share_pct")} for s in r["shares"]],
            title=f"{r['stage']} {r['material']} {r['year']}: {r['method']}",
        )
        out.print(
            f"  HHI {r['hhi']:.0f}  top-1 {r['top1_pct']:.1f}%  top-3 {r['top3_pct']:.1f}%  "
            f"China {r['china_share_pct']:.1f}%  denominator: {r['denominator']}",
            highlight=False,
        )
        for note in r["notes"]:
            out.print(f"  note: {note}", highlight=False, markup=False)


@controls_app.command("check")
def controls_check(
    material: Annotated[str, typer.Option(help="a material name, alias or formula, e.g. Dy2O3")],
    date: Annotated[str, typer.Option(help="YYYY-MM-DD (default: today)")] = "",
    all: Annotated[bool, typer.Option("--all", help="also list measures suspended, ended or not yet in force")] = False,
    format: FormatOption = Format.table,
) -> None:
    """Which export-control measures cover a material on a date, and what they touch."""
    canonical = material_named(material)
    if canonical is None:
        raise UsageError(f"unknown material {material!r}")
    day = date or datetime.date.today().isoformat()
    result = controls.check(_store(), canonical, day, include_inactive=all)
    if format == Format.json:
        _print_json(result)
        return
    rows = [
        {
            "id": r["id"],
            "status": r["status"],
            "reference": r["reference"],
            "reason": r["reason"],
            "facilities": len(r["touches"]["facilities"]),
            "flows": len(r["touches"]["flows"]),
        }
        for r in result["rules"]
    ]
    if format == Format.csv:
        sys.stdout.write(format_rows(rows, "csv"))
    else:
        _print_table(rows, title=f"measures covering {canonical} on {day}")


@controls_app.command("listings")
def controls_listings(
    date: Annotated[str, typer.Option(help="only listings effective by YYYY-MM-DD")] = "",
    format: FormatOption = Format.table,
) -> None:
    """Foreign entities put on or taken off control lists."""
    rows = controls.listings(_store(), date or None)
    if format == Format.json:
        _print_json(rows)
    elif format == Format.csv:
        sys.stdout.write(format_rows(rows, "csv"))
    else:
        _print_table(rows, columns=["announced", "action", "entity_name", "entity_country", "list", "issuer"])


@risk_app.command("supply")
def risk_supply(
    stage: Annotated[str, typer.Option(help="a stage")] = "mining",
    material: Annotated[str, typer.Option(help="a material")] = "rare earths",
    year: Annotated[int, typer.Option(help="the year")] = 2024,
    format: FormatOption = Format.table,
) -> None:
    """The supply table of a stage, material and year: output or capacity by country, with companies."""
    if stage not in stage_names():
        raise UsageError(f"unknown stage {stage!r}")
    table = supply_table(_store(), stage, _material(material), year).as_dict()
    if format == Format.json:
        _print_json(table)
        return
    rows = [
        {
            "country": r["country"],
            "value": r["value"],
            "share": round(r["share"], 4),
            "companies": "; ".join(f"{k} {v:g}" for k, v in sorted(r["companies"].items(), key=lambda kv: -kv[1])),
        }
        for r in table["rows"]
    ]
    if format == Format.csv:
        sys.stdout.write(format_rows(rows, "csv"))
        return
    _print_table(
        rows,
        title=f"{stage} {material} {year}: {table['measure']} ({table['basis']}, {table['unit']}), {table['method']}",
    )
    for note in table["notes"]:
        out.print(f"  note: {note}", highlight=False, markup=False)


@risk_app.command("index")
def risk_index(
    stage: Annotated[str, typer.Option(help="a stage")] = "mining",
    material: Annotated[str, typer.Option(help="a material")] = "rare earths",
    year: Annotated[int, typer.Option(help="the year of the supply shares")] = 2024,
    import_reliance: Annotated[float, typer.Option(help="import reliance, 0..1")] = 1.0,
    eol_rir: Annotated[float, typer.Option(help="end-of-life recycling input rate, 0..1")] = 0.0,
    format: FormatOption = Format.table,
) -> None:
    """The supply-risk index (supply-risk-v1) with every input shown."""
    result = supply_risk(_store(), stage, _material(material), year, import_reliance=import_reliance, eol_rir=eol_rir)
    if format == Format.json:
        _print_json(result)
        return
    out.print(f"supply risk {result['supply_risk']:.3f} ({result['algorithm']}) for {stage} {material} {year}")
    _print_json(result["inputs"]) if format == Format.csv else _print_table(
        [
            {"country": c, "share": round(s, 4), **(result["inputs"]["governance"].get(c) or {})}
            for c, s in result["inputs"]["supply_table"]["shares"].items()
        ],
        columns=["country", "share", "wgi_scaled", "year"],
    )


@risk_app.command("diversification")
def risk_diversification(
    material: Annotated[str, typer.Option(help="a material")] = "rare earths",
    first: Annotated[int, typer.Option(help="first year")] = 2024,
    last: Annotated[int, typer.Option(help="last year")] = 2035,
    eu_consumption: Annotated[float | None, typer.Option(help="EU consumption in the stage basis, t/y")] = None,
    construction_delay: Annotated[int, typer.Option(help="years added to a building project's start")] = 1,
    planned_delay: Annotated[int, typer.Option(help="years added to a planned project's start")] = 3,
    format: FormatOption = Format.table,
) -> None:
    """Non-China capacity by year and the EU CRMA 2030 benchmarks."""
    if last < first:
        raise UsageError("--last comes before --first")
    delays = {"construction": construction_delay, "planned": planned_delay}
    result = crma_benchmarks(_store(), _material(material), range(first, last + 1), eu_consumption, delays)
    if format == Format.json:
        _print_json(result)
        return
    rows = [
        {
            "stage": s,
            "basis": v["basis"],
            "65% single-country met": v["single_country_65pct_met"] or "not by " + str(last),
            "EU capacity target met": v.get("eu_capacity_target_met", v.get("eu_capacity_target", "")),
        }
        for s, v in result["stages"].items()
    ]
    _print_table(rows, title=f"CRMA benchmarks for {material} (delays: {delays})")


@app.command()
def trace(
    entity: Annotated[str, typer.Argument(help="a facility, organization or OEM")],
    material: Annotated[str, typer.Option(help="the material to trace, e.g. dysprosium")] = "rare earths",
    format: FormatOption = Format.table,
) -> None:
    """Where an entity's material can come from, stage by stage, and China's part."""
    store = _store()
    result = trace_upstream(store, resolve_entity(store, entity).entity_id, _material(material))
    if format == Format.json:
        _print_json(result)
        return
    rows = [
        {
            "stage": s["stage"],
            "named suppliers": ", ".join(sorted({n["via"] for n in s["linked"]})) or "-",
            "possible facilities": s["possible_count"],
            "countries": " ".join(s["possible_countries"]),
            "China share": s["china_share_of_counted_capacity"],
        }
        for s in result["steps"]
    ]
    _print_table(rows, title=f"{result['name']} ({result['stage']}): where its {material} can come from")


@app.command()
def exposure(
    file: Annotated[
        Path, typer.Argument(help="CSV with part,grade,mass_g,count_per_year,gbd", exists=True, dir_okay=False)
    ],
    date: Annotated[str, typer.Option(help="date for the controls, YYYY-MM-DD (default today)")] = "",
    format: FormatOption = Format.table,
) -> None:
    """Contained Nd, Pr, Dy, Tb, Sm per part and per year, the controls they fall under."""
    result = magnet_exposure(_store(), file, date or datetime.date.today().isoformat())
    if format == Format.json:
        _print_json(result)
        return
    rows = [
        {
            "part": p["part"],
            "grade": p["grade"],
            "element": e,
            "kg/year min": v[0],
            "kg/year max": v[1],
            "controls": ", ".join(c["id"] for c in p["controls"] if c["status"] == "in force"),
        }
        for p in result["parts"]
        for e, v in p["per_year_kg"].items()
    ]
    if format == Format.csv:
        sys.stdout.write(format_rows(rows, "csv"))
    else:
        _print_table(rows, title=f"magnet exposure ({result['algorithm']})")


@app.command("validate")
def validate_world(format: FormatOption = Format.table) -> None:
    """What rechain computes beside what public sources state."""
    result = validate_against_world(_store())
    if format == Format.json:
        _print_json(result)
        return
    _print_table(
        result["published_shares"],
        title="shares: computed beside published",
        columns=["stage", "material", "country", "year", "computed_pct", "published_pct", "verdict", "method"],
    )
    _print_table(result["usgs_world_totals"], title="USGS: stated world total beside the sum of countries")


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
    if format == Format.json:
        _print_json(rows)
    elif format == Format.csv:
        sys.stdout.write(format_rows(rows, "csv"))
    else:
        _print_table(rows, title="bundled scenarios")


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


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="files, folders, URLs, feeds, .warc(.gz) or .jsonl dumps")],
    allow_private: Annotated[bool, typer.Option(help="allow fetching private and loopback addresses")] = False,
    format: FormatOption = Format.table,
) -> None:
    """Read articles into the store: relevance, duplicates, entities, events, proposals."""
    from rich.progress import Progress, SpinnerColumn, TextColumn

    store = _store()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} documents"),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("ingesting")
        summary = ingest_inputs(store, inputs, allow_private, progress=lambda s: bar.advance(task))
    result = summary.as_dict()
    if format == Format.json:
        _print_json(result)
        return
    out.print(
        f"new {summary.new}, duplicate {summary.duplicate}, irrelevant {summary.irrelevant}, "
        f"failed {summary.failed}; {summary.events} events, {summary.proposals} proposals",
        highlight=False,
    )
    for reason, count in summary.reasons.most_common():
        out.print(f"  failed: {count} x {reason}", highlight=False, markup=False)


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="article files (text, HTML, Markdown) or URLs")],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl (one object per article)")] = "jsonl",
    allow_private: Annotated[bool, typer.Option(help="allow fetching private and loopback addresses")] = False,
) -> None:
    """Extract entities and events as JSON lines, without touching the store."""
    if format != "jsonl":
        raise UsageError("extract writes --format jsonl")
    for item in files:
        for document in extract_documents(item, allow_private):
            if isinstance(document, Skipped):
                err.print(f"rechain: skipped {document.source}: {document.reason}", markup=False, highlight=False)
                continue
            sys.stdout.write(json.dumps(extract_article(document), ensure_ascii=False) + "\n")


@app.command()
def events(
    since: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    type: Annotated[str | None, typer.Option(help="an event type, e.g. EXPORT_CONTROL")] = None,
    entity: Annotated[str | None, typer.Option(help="an organisation, facility or place name")] = None,
    material: Annotated[str | None, typer.Option(help="a material")] = None,
    country: Annotated[str | None, typer.Option(help="a country name or ISO code")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10000)] = 200,
    format: FormatOption = Format.table,
) -> None:
    """Events read from the news, newest first."""
    store = _store()
    entity_id = resolve_entity(store, entity).entity_id if entity else None
    code = None
    if country:
        code = country_code(country)
        if code is None:
            raise UsageError(f"unknown country {country!r}")
    rows = list_events(store, since, type, entity_id, _material(material) if material else None, code, limit)
    if format == Format.json:
        _print_json(rows)
        return
    flat = [
        {
            **r,
            "actors": "; ".join(r["actors"]),
            "materials": "; ".join(r["materials"]),
            "places": "; ".join(r["places"]),
            "quantities": "; ".join(q["text"] for q in r["quantities"]),
        }
        for r in rows
    ]
    if format == Format.csv:
        sys.stdout.write(format_rows(flat, "csv"))
    else:
        _print_table(flat, columns=["date", "type", "actors", "materials", "places", "quantities", "title"])


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="words or a phrase, English or Chinese")],
    limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
    format: FormatOption = Format.table,
) -> None:
    """Full-text search over ingested articles."""
    rows = search_articles(_store(), query, limit)
    if format == Format.json:
        _print_json(rows)
    elif format == Format.csv:
        sys.stdout.write(format_rows(rows, "csv"))
    else:
        _print_table(rows, columns=["published", "title", "snippet", "source"])


@review_app.command("list")
def review_list(
    status: Annotated[str, typer.Option(help="proposed, accepted, rejected or all")] = "proposed",
    format: FormatOption = Format.table,
) -> None:
    """Proposed knowledge-base edits with their evidence."""
    rows = list_proposals(_store(), None if status == "all" else status)
    if format == Format.json:
        _print_json(rows)
        return
    flat = [
        {
            "id": r["id"][:10],
            "kind": r["kind"],
            "summary": r["summary"],
            "status": r["status"],
            "evidence": r["evidence"][:160],
        }
        for r in rows
    ]
    if format == Format.csv:
        sys.stdout.write(format_rows(flat, "csv"))
    else:
        _print_table(flat)


@review_app.command("accept")
def review_accept(
    proposal: Annotated[str, typer.Argument(help="a proposal id (or its start)")],
    note: Annotated[str | None, typer.Option(help="why")] = None,
) -> None:
    """Accept a proposal: its claims enter the knowledge base."""
    done = decide(_store(), proposal, "accepted", note)
    out.print(f"accepted {done['id'][:10]}: {done['summary']}", highlight=False, markup=False)


@review_app.command("reject")
def review_reject(
    proposal: Annotated[str, typer.Argument(help="a proposal id (or its start)")],
    note: Annotated[str | None, typer.Option(help="why")] = None,
) -> None:
    """Reject a proposal."""
    done = decide(_store(), proposal, "rejected", note)
    out.print(f"rejected {done['id'][:10]}: {done['summary']}", highlight=False, markup=False)


@review_app.command("undo")
def review_undo(
    proposal: Annotated[str, typer.Argument(help="a proposal id (or its start)")],
    note: Annotated[str | None, typer.Option(help="why")] = None,
) -> None:
    """Undo the last decision on a proposal; it goes back for review."""
    done = undo(_store(), proposal, note)
    out.print(f"undone {done['id'][:10]}: back to proposed", highlight=False, markup=False)


@review_app.command("history")
def review_history(
    proposal: Annotated[str, typer.Argument(help="a proposal id (or its start)")], format: FormatOption = Format.table
) -> None:
    """Every decision taken on a proposal."""
    rows = history(_store(), proposal)
    _print_json(rows) if format == Format.json else _print_table(rows)


@app.command("eval")
def evaluate_command(
    gold: Annotated[Path, typer.Argument(help="gold JSONL (paths relative to it)", exists=True, dir_okay=False)],
    format: FormatOption = Format.table,
) -> None:
    """Precision, recall and F1 of extraction per entity and event type."""
    result = evaluate(gold)
    if format == Format.json:
        _print_json(result)
        return
    for part in ("entities", "events"):
        rows = [{"type": k, **v} for k, v in result[part].items()]
        _print_table(rows, title=f"{part} ({result['articles']} articles, {result['algorithm']})")
    out.print(f"relevance accuracy {result['relevance_accuracy']:.3f}")


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


def _material(label: str) -> str:
    canonical = material_named(label)
    if canonical is None:
        raise UsageError(f"unknown material {label!r}")
    return canonical


def extract_documents(item: str, allow_private: bool) -> Any:
    """Documents of one input for `extract`: no store is opened (feeds need none either)."""
    from rechain.ingest.fetch import fetch
    from rechain.ingest.run import _from_file
    from rechain.ingest.text import to_document

    if item.startswith(("http://", "https://")):
        try:
            fetched = fetch(item, allow_private=allow_private)
            return [to_document(fetched.content, fetched.url, fetched.content_type)]
        except Skipped as skipped:
            return [skipped]
    path = Path(item)
    if not path.exists():
        raise UsageError(f"no such file {item!r}")
    return (
        list(_from_file(path))
        if path.is_file()
        else [d for f in sorted(path.rglob("*")) if f.is_file() for d in _from_file(f)]
    )


def main() -> None:
    """Entry point: every error becomes one line on stderr and an exit code
    (1 runtime failure, 2 usage error); no tracebacks for expected failures."""
    try:
        code = app(standalone_mode=False)  # returns typer.Exit's code instead of raising it
        if isinstance(code, int) and code:
            sys.exit(code)
    except RechainError as exc:
        _fail(str(exc), exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _fail("aborted", 1)
    except typer.TyperException as exc:  # Typer's own usage errors: unknown option, bad value
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        code = int(getattr(exc, "exit_code", 2))
        if not message.strip():  # help was shown (no command given): nothing more to say
            sys.exit(code)
        _fail(" ".join(message.split()), code)


def _fail(message: str, code: int) -> None:
    err.print(f"rechain: error: {message}", markup=False, highlight=False, soft_wrap=True)
    sys.exit(code)
