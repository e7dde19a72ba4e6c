"""Analytics commands: risk, controls, trace, exposure, validate."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from rechain.analytics import controls
from rechain.analytics.concentration import concentration, concentration_history
from rechain.analytics.diversification import crma_benchmarks
from rechain.analytics.exposure import exposure as magnet_exposure
from rechain.analytics.risk import supply_risk
from rechain.analytics.supply import supply_table
from rechain.analytics.trace import trace as trace_upstream
from rechain.analytics.validation import validate_against_world
from rechain.cli.shell import (
    Format,
    FormatOption,
    _emit,
    _material,
    _print_json,
    _print_table,
    _store,
    app,
    controls_app,
    out,
    risk_app,
)
from rechain.errors import UsageError
from rechain.export import format_rows
from rechain.lookup import resolve_entity
from rechain.vocab import material_named, stage_names


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
    canonical = _material(material)
    day = date or datetime.date.today().isoformat()
    result = controls.check(_store(), canonical, day, include_inactive=all)
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
    _emit(format, result, rows, title=f"measures covering {canonical} on {day}")


@controls_app.command("listings")
def controls_listings(
    date: Annotated[str, typer.Option(help="only listings effective by YYYY-MM-DD")] = "",
    format: FormatOption = Format.table,
) -> None:
    """Foreign entities put on or taken off control lists."""
    rows = controls.listings(_store(), date or None)
    _emit(format, rows, rows, columns=["announced", "action", "entity_name", "entity_country", "list", "issuer"])


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
    _emit(format, result, rows, title=f"magnet exposure ({result['algorithm']})")


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
        columns=["stage", "material", "country", "year", "computed_pct", "published_pct", "verdict", "explanation"],
    )
    _print_table(result["usgs_world_totals"], title="USGS: stated world total beside the sum of countries")
