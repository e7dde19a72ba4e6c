"""Analytics commands: risk, controls, trace, exposure, validate."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated

import typer

from rechain.cli.shell import (
    Format,
    FormatOption,
    app,
    canonical_material,
    controls_app,
    emit,
    iso_date,
    open_loaded_store,
    risk_app,
)
from rechain.errors import UsageError


def _known_stage(stage: str) -> str:
    from rechain.vocab import stage_names

    if stage not in stage_names():
        raise UsageError(f"unknown stage {stage!r}")
    return stage


def _day(date: str, option: str = "--date") -> str:
    return iso_date(date, option) if date else datetime.date.today().isoformat()


EditionOption = Annotated[
    str | None, typer.Option(help="statistics edition, e.g. 'MCS 2025' (default: the newest with the year)")
]


@risk_app.command("concentration")
def risk_concentration(
    stage: Annotated[str, typer.Option(help="a stage, e.g. mining, separation, magnet")] = "mining",
    material: Annotated[str, typer.Option(help="a material, e.g. 'rare earths', dysprosium")] = "rare earths",
    year: Annotated[int | None, typer.Option(help="one year (default: every year with data)")] = None,
    edition: EditionOption = None,
    denominator: Annotated[
        str, typer.Option(help="world: the stated world total; sum: the sum of countries")
    ] = "world",
    format: FormatOption = Format.table,
) -> None:
    """Shares, top-1, top-3, HHI and China's share for a stage and material."""
    from rechain.analytics.concentration import concentration_report

    canonical = canonical_material(material)
    report = concentration_report(
        open_loaded_store(), _known_stage(stage), canonical, year, edition=edition, denominator=denominator
    )
    emit(report, format)


@controls_app.command("check")
def controls_check(
    material: Annotated[str, typer.Option(help="a material name, alias or formula, e.g. Dy2O3")],
    date: Annotated[str, typer.Option(help="YYYY-MM-DD (default: today)")] = "",
    all: Annotated[bool, typer.Option("--all", help="also list measures suspended, ended or not yet in force")] = False,
    format: FormatOption = Format.table,
) -> None:
    """Which export-control measures cover a material on a date, and what they touch."""
    from rechain.analytics.controls import check_report

    canonical = canonical_material(material)
    emit(check_report(open_loaded_store(), canonical, _day(date), include_inactive=all), format)


@controls_app.command("listings")
def controls_listings(
    date: Annotated[str, typer.Option(help="only listings effective by YYYY-MM-DD")] = "",
    format: FormatOption = Format.table,
) -> None:
    """Foreign entities put on or taken off control lists."""
    from rechain.analytics.controls import listings_report

    emit(listings_report(open_loaded_store(), iso_date(date, "--date") if date else None), format)


@risk_app.command("supply")
def risk_supply(
    stage: Annotated[str, typer.Option(help="a stage")] = "mining",
    material: Annotated[str, typer.Option(help="a material")] = "rare earths",
    year: Annotated[int, typer.Option(help="the year")] = 2024,
    edition: EditionOption = None,
    format: FormatOption = Format.table,
) -> None:
    """The supply table of a stage, material and year: output or capacity by country, with companies."""
    from rechain.analytics.supply import supply_report

    stage = _known_stage(stage)
    emit(supply_report(open_loaded_store(), stage, canonical_material(material), year, edition), format)


@risk_app.command("index")
def risk_index(
    stage: Annotated[str, typer.Option(help="a stage")] = "mining",
    material: Annotated[str, typer.Option(help="a material")] = "rare earths",
    year: Annotated[int, typer.Option(help="the year of the supply shares")] = 2024,
    import_reliance: Annotated[float, typer.Option(help="import reliance, 0..1")] = 1.0,
    eol_rir: Annotated[float, typer.Option(help="end-of-life recycling input rate, 0..1")] = 0.0,
    edition: EditionOption = None,
    format: FormatOption = Format.table,
) -> None:
    """The supply-risk index (supply-risk-v1) with every input shown."""
    from rechain.analytics.risk import supply_risk_report

    canonical = canonical_material(material)
    report = supply_risk_report(
        open_loaded_store(), stage, canonical, year, import_reliance=import_reliance, eol_rir=eol_rir, edition=edition
    )
    emit(report, format)


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
    from rechain.analytics.diversification import crma_report

    if last < first:
        raise UsageError("--last comes before --first")
    delays = {"construction": construction_delay, "planned": planned_delay}
    canonical = canonical_material(material)
    emit(crma_report(open_loaded_store(), canonical, range(first, last + 1), eu_consumption, delays), format)


@app.command()
def trace(
    entity: Annotated[str, typer.Argument(help="a facility, organization or OEM")],
    material: Annotated[str, typer.Option(help="the material to trace, e.g. dysprosium")] = "rare earths",
    format: FormatOption = Format.table,
) -> None:
    """Where an entity's material can come from, stage by stage, and China's part."""
    from rechain.analytics.trace import trace_report
    from rechain.lookup import resolve_entity

    store = open_loaded_store()
    emit(trace_report(store, resolve_entity(store, entity).entity_id, canonical_material(material)), format)


@app.command()
def exposure(
    file: Annotated[
        Path, typer.Argument(help="CSV with part,grade,mass_g,count_per_year,gbd", exists=True, dir_okay=False)
    ],
    date: Annotated[str, typer.Option(help="date for the controls, YYYY-MM-DD (default today)")] = "",
    format: FormatOption = Format.table,
) -> None:
    """Contained Nd, Pr, Dy, Tb, Sm per part and per year, the controls they fall under."""
    from rechain.analytics.exposure import exposure_report

    day = _day(date)
    emit(exposure_report(open_loaded_store(), file, day), format)


@app.command("validate")
def validate_world(format: FormatOption = Format.table) -> None:
    """What rechain computes beside what public sources state."""
    from rechain.analytics.validation import world_check

    emit(world_check(open_loaded_store()), format)
