"""What every command module shares: the Typer apps, consoles, formats and printing."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from rechain import config
from rechain.errors import UsageError
from rechain.export import format_rows
from rechain.kb.load import ensure_loaded
from rechain.store import Store, open_store
from rechain.vocab import material_named

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


def _emit(
    format: Format, data: Any, rows: list[dict[str, Any]], title: str | None = None, columns: list[str] | None = None
) -> None:
    """The one output switch: the full result as JSON, the rows as CSV, or a table for people."""
    if format == Format.json:
        _print_json(data)
    elif format == Format.csv:
        sys.stdout.write(format_rows(rows, "csv"))
    else:
        _print_table(rows, title=title, columns=columns)


def _material(label: str) -> str:
    canonical = material_named(label)
    if canonical is None:
        raise UsageError(f"unknown material {label!r}")
    return canonical
