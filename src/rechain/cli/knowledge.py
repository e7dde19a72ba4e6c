"""Commands on the knowledge base: up, init, kb, show, chain, export."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from rechain.cli.shell import (
    Format,
    FormatOption,
    KbPathOption,
    app,
    canonical_material,
    emit,
    err,
    kb_app,
    open_loaded_store,
)
from rechain.errors import UsageError
from rechain.results import Message, plain


@app.callback()
def main_options(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="log progress to stderr")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


@app.command()
def version(format: FormatOption = Format.table) -> None:
    """Print rechain's version."""
    from rechain import __version__

    emit(Message(__version__, {"version": __version__}), format)


@app.command()
def init(format: FormatOption = Format.table) -> None:
    """Create the store (if needed) and load the bundled knowledge base into it."""
    from rechain import config
    from rechain.kb.load import load_kb

    report = load_kb(open_loaded_store(load=False))
    text = f"store ready at {config.database_url()}: {report.claims} claims, {report.new_claims} new"
    emit(
        Message(text, {"store": config.database_url(), "claims": report.claims, "new_claims": report.new_claims}),
        format,
    )


@app.command()
def up(format: FormatOption = Format.table) -> None:
    """The main job on the embedded default: build the store from the knowledge base and summarise it.

    No news is bundled: articles come only from what the user ingests.
    """
    from rechain import __version__, config
    from rechain.kb.load import load_kb
    from rechain.kb.stats import kb_stats
    from rechain.reports import StoreSummary
    from rechain.store.events import count_events

    with err.status("building the store from the bundled knowledge base"):
        store = open_loaded_store(load=False)
        load_kb(store)
    stored = {"articles": store.count("articles"), "events": count_events(store)}
    emit(StoreSummary(kb_stats(store), stored, f"rechain {__version__}  store: {config.database_url()}"), format)


@kb_app.command("load")
def kb_load(
    path: KbPathOption = None,
    force: Annotated[bool, typer.Option("--force", help="load even if most curated claims would be retracted")] = False,
    format: FormatOption = Format.table,
) -> None:
    """Validate and load a knowledge-base folder; nothing is written if anything is wrong."""
    from rechain.kb.files import DATA_DIR
    from rechain.kb.load import load_kb
    from rechain.reports import load_message

    store = open_loaded_store(load=False)
    with err.status(f"loading {path or 'the bundled knowledge base'}"):
        report = load_kb(store, path or DATA_DIR, force=force)
    emit(load_message(report), format)


@kb_app.command("validate")
def kb_validate(path: KbPathOption = None, format: FormatOption = Format.table) -> None:
    """Check every knowledge-base file; one line per problem, exit 1 if there is any."""
    from rechain.kb.files import DATA_DIR
    from rechain.kb.validate import validate_kb

    rows, problems = validate_kb(path or DATA_DIR)
    for problem in problems:
        err.print(plain(str(problem)), markup=False, highlight=False)
    if problems:
        raise typer.Exit(1)
    emit(Message(f"knowledge base valid: {len(rows)} rows", {"valid": True, "rows": len(rows)}), format)


@kb_app.command("stats")
def kb_stats_command(format: FormatOption = Format.table) -> None:
    """Counts of facilities, organizations, countries, sources and claims."""
    from rechain.kb.stats import kb_stats
    from rechain.reports import KbStats

    emit(KbStats(kb_stats(open_loaded_store())), format)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="a name, alias (English or Chinese) or id")],
    format: FormatOption = Format.table,
) -> None:
    """Everything the store knows about one entity, with sources."""
    from rechain.describe import entity_report
    from rechain.lookup import resolve_entity

    store = open_loaded_store()
    match = resolve_entity(store, name)
    emit(entity_report(store, match.entity_id, {"label": match.label, "reason": match.reason}), format)


@app.command()
def chain(
    material: Annotated[str | None, typer.Option(help="a material name, alias or formula")] = None,
    place: Annotated[str | None, typer.Option(help="a place, e.g. Baotou")] = None,
    entity: Annotated[str | None, typer.Option(help="a facility, organization, cluster or country")] = None,
    format: FormatOption = Format.table,
) -> None:
    """Walk the chain by stage, upstream and downstream, from a material, place or entity."""
    from rechain.analytics.chain import ChainReport, chain_for_entity, chain_for_material, chain_for_place
    from rechain.lookup import resolve_entity

    if sum(x is not None for x in (material, place, entity)) != 1:
        raise UsageError("give exactly one of --material, --place, --entity")
    store = open_loaded_store()
    if material is not None:
        result = chain_for_material(store, canonical_material(material))
    elif place is not None:
        result = chain_for_place(store, resolve_entity(store, place).entity_id)
    else:
        result = chain_for_entity(store, resolve_entity(store, str(entity)).entity_id)
    emit(ChainReport(result), format)


@app.command()
def search_names(
    query: Annotated[str, typer.Argument(help="a name to look up")],
    limit: Annotated[int, typer.Option(min=1, max=50)] = 5,
    format: FormatOption = Format.table,
) -> None:
    """List the entities a name could mean, with match scores."""
    from rechain.lookup import matches_report

    emit(matches_report(open_loaded_store(), query, limit), format)


@app.command()
def export(
    table: Annotated[str, typer.Argument(help="facilities, organizations or production")],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="csv or json for programs, table for people")
    ] = Format.csv,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="file to write (default stdout)")] = None,
) -> None:
    """Write a current-view table with its sources column."""
    from rechain.export import table_rows
    from rechain.results import Rows, render

    rows = Rows(table_rows(open_loaded_store(), table), title=table)
    if output is None:
        emit(rows, format)
        return
    with output.open("w", encoding="utf-8", newline="") as target:
        render(rows, format.value, target)
