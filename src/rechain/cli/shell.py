"""What every command module shares: the Typer apps, the error console, the format option
and the one way a result is written (`emit`). Heavy modules are imported where they are
used, so that `rechain --help` starts quickly."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from rechain.errors import UsageError
from rechain.results import Result, render

if TYPE_CHECKING:
    from rechain.store import Store

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

err = Console(stderr=True, soft_wrap=True)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table for people, json or csv for programs")]
KbPathOption = Annotated[Path | None, typer.Option("--path", help="knowledge-base folder (default: the bundled one)")]


def open_loaded_store(load: bool = True) -> Store:
    """The configured store, with the bundled knowledge base loaded on first use."""
    from rechain import config
    from rechain.kb.load import ensure_loaded
    from rechain.store import open_store

    store = open_store(config.database_url())
    if load:
        ensure_loaded(store)
    return store


def emit(result: Result, format: Format) -> None:
    """The one output path of every command."""
    render(result, format.value)


def canonical_material(label: str) -> str:
    from rechain.vocab import material_named

    canonical = material_named(label)
    if canonical is None:
        raise UsageError(f"unknown material {label!r}")
    return canonical


def iso_date(text: str, option: str) -> str:
    """A YYYY-MM-DD option checked against the calendar (2025-13-45 is refused)."""
    import datetime

    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise UsageError(f"{option} {text!r} is not YYYY-MM-DD (a calendar date)") from None
