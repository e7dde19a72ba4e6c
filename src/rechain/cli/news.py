"""News commands: ingest, extract, events, search, review, eval."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer

from rechain.cli.shell import (
    Format,
    FormatOption,
    app,
    canonical_material,
    emit,
    err,
    iso_date,
    open_loaded_store,
    review_app,
)
from rechain.errors import RechainError, UsageError
from rechain.results import Rows


def _existing_inputs(inputs: list[str]) -> list[str]:
    """Every local input must exist: a mistyped path is a failure, not an empty run."""
    missing = [item for item in inputs if "://" not in item and not Path(item).exists()]
    if missing:
        raise RechainError(f"no such file or folder: {', '.join(missing)}")
    return inputs


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="files, folders, URLs, feeds, .warc(.gz) or .jsonl dumps")],
    allow_private: Annotated[bool, typer.Option(help="allow fetching private and loopback addresses")] = False,
    format: FormatOption = Format.table,
) -> None:
    """Read articles into the store: relevance, duplicates, entities, events, proposals."""
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from rechain.news.run import ingest as ingest_inputs
    from rechain.reports import IngestReport

    _existing_inputs(inputs)
    store = open_loaded_store()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} documents"),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("ingesting")
        summary = ingest_inputs(store, inputs, allow_private, progress=lambda s: bar.advance(task))
    emit(IngestReport(summary.as_dict()), format)


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="article files (text, HTML, Markdown) or URLs")],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl (one object per article)")] = "jsonl",
    allow_private: Annotated[bool, typer.Option(help="allow fetching private and loopback addresses")] = False,
) -> None:
    """Extract entities and events as JSON lines, without touching the store. Skipped inputs are
    named on stderr; exit 1 when nothing at all could be read (a batch with some skips is a success)."""
    from rechain.document import Skipped
    from rechain.extract.pipeline import extract as extract_article
    from rechain.results import plain

    if format != "jsonl":
        raise UsageError("extract writes --format jsonl")
    skipped = extracted = 0
    for item in files:
        for document in extract_documents(item, allow_private):
            if isinstance(document, Skipped):
                err.print(
                    f"rechain: skipped {plain(document.source)}: {document.reason}", markup=False, highlight=False
                )
                skipped += 1
                continue
            sys.stdout.write(json.dumps(extract_article(document), ensure_ascii=False) + "\n")
            extracted += 1
    if skipped and not extracted:
        raise typer.Exit(1)


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
    from rechain.lookup import resolve_entity
    from rechain.news.events import list_events
    from rechain.reports import events_report
    from rechain.vocab import country_code

    day = iso_date(since, "--since") if since else None
    store = open_loaded_store()
    entity_id = resolve_entity(store, entity).entity_id if entity else None
    code = None
    if country:
        code = country_code(country)
        if code is None:
            raise UsageError(f"unknown country {country!r}")
    rows = list_events(store, day, type, entity_id, canonical_material(material) if material else None, code, limit)
    emit(events_report(rows), format)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="words or a phrase, English or Chinese")],
    limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
    format: FormatOption = Format.table,
) -> None:
    """Full-text search over ingested articles."""
    from rechain.store.search import search_articles

    rows = [hit.as_dict() for hit in search_articles(open_loaded_store(), query, limit)]
    emit(Rows(rows, columns=("published", "title", "snippet", "publisher")), format)


ProposalArgument = Annotated[str, typer.Argument(help="a proposal id (or its start)")]
NoteOption = Annotated[str | None, typer.Option(help="why")]


@review_app.command("list")
def review_list(
    status: Annotated[str, typer.Option(help="proposed, accepted, rejected or all")] = "proposed",
    format: FormatOption = Format.table,
) -> None:
    """Proposed knowledge-base edits with their evidence."""
    from rechain.news.review import list_proposals
    from rechain.reports import PROPOSAL_COLUMNS, ProposalRows

    rows = list_proposals(open_loaded_store(), None if status == "all" else status)
    emit(ProposalRows(rows, columns=PROPOSAL_COLUMNS), format)


@review_app.command("accept")
def review_accept(proposal: ProposalArgument, note: NoteOption = None, format: FormatOption = Format.table) -> None:
    """Accept a proposal: its claims enter the knowledge base."""
    from rechain.news.review import decide
    from rechain.reports import decision_message

    emit(decision_message("accepted", decide(open_loaded_store(), proposal, "accepted", note)), format)


@review_app.command("reject")
def review_reject(proposal: ProposalArgument, note: NoteOption = None, format: FormatOption = Format.table) -> None:
    """Reject a proposal."""
    from rechain.news.review import decide
    from rechain.reports import decision_message

    emit(decision_message("rejected", decide(open_loaded_store(), proposal, "rejected", note)), format)


@review_app.command("undo")
def review_undo(proposal: ProposalArgument, note: NoteOption = None, format: FormatOption = Format.table) -> None:
    """Undo the last decision on a proposal; it goes back for review."""
    from rechain.news.review import undo
    from rechain.reports import decision_message

    emit(decision_message("undone", undo(open_loaded_store(), proposal, note)), format)


@review_app.command("history")
def review_history(proposal: ProposalArgument, format: FormatOption = Format.table) -> None:
    """Every decision taken on a proposal."""
    from rechain.news.review import history
    from rechain.reports import DECISION_COLUMNS

    emit(Rows(history(open_loaded_store(), proposal), columns=DECISION_COLUMNS), format)


@app.command("eval")
def evaluate_command(
    gold: Annotated[
        Path, typer.Argument(help="gold JSONL: article paths relative to it, or texts", exists=True, dir_okay=False)
    ],
    format: FormatOption = Format.table,
) -> None:
    """Precision, recall and F1 of extraction per entity and event type."""
    from rechain.news.evaluate import evaluate
    from rechain.reports import EvaluationReport

    emit(EvaluationReport(evaluate(gold)), format)


def extract_documents(item: str, allow_private: bool) -> Iterable[Any]:
    """Documents of one input for `extract`, streamed; no store is opened (feeds need none either)."""
    from rechain.ingest.sources import UnrememberedFeeds, documents

    if "://" not in item and not Path(item).exists():
        raise UsageError(f"no such file {item!r}")
    return documents([item], UnrememberedFeeds(), allow_private)
