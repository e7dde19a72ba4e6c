"""Commands on the knowledge base: up, init, kb, show, chain, export."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from rechain import __version__, config
from rechain.analytics.chain import chain_for_entity, chain_for_material, chain_for_place
from rechain.cli.shell import (
    DataFormat,
    Format,
    FormatOption,
    KbPathOption,
    _print_json,
    _print_table,
    _store,
    app,
    err,
    kb_app,
    out,
)
from rechain.describe import describe
from rechain.errors import UsageError
from rechain.export import format_rows, table_rows
from rechain.kb.files import DATA_DIR
from rechain.kb.load import load_kb
from rechain.kb.stats import kb_stats
from rechain.kb.validate import validate_kb
from rechain.lookup import find_entities, resolve_entity
from rechain.vocab import material_named


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
    """The main job on the embedded default: build the store from the knowledge base and summarise it.

    No news is bundled: articles come only from what the user ingests.
    """
    with err.status("building the store from the bundled knowledge base"):
        store = _store(load=False)
        load_kb(store)
    stats = kb_stats(store)
    out.print(f"[bold]rechain {__version__}[/bold]  store: {config.database_url()}")
    _print_stats(stats)
    out.print(
        f"{store.count('articles')} articles and {len(store.claims(property='event'))} events stored; "
        "add news with `rechain ingest FILE|FOLDER|URL|FEED...`",
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
