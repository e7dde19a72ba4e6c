"""News commands: ingest, extract, events, search, review, eval."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from rechain.cli.shell import (
    Format,
    FormatOption,
    _emit,
    _material,
    _print_json,
    _print_table,
    _store,
    app,
    err,
    out,
    review_app,
)
from rechain.errors import UsageError
from rechain.extract.evaluate import evaluate
from rechain.extract.pipeline import extract as extract_article
from rechain.ingest.document import Skipped
from rechain.ingest.run import ingest as ingest_inputs
from rechain.lookup import resolve_entity
from rechain.news import list_events
from rechain.review import decide, history, list_proposals, undo
from rechain.store.articles import search_articles
from rechain.vocab import country_code


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
    _emit(format, rows, flat, columns=["date", "type", "actors", "materials", "places", "quantities", "title"])


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="words or a phrase, English or Chinese")],
    limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
    format: FormatOption = Format.table,
) -> None:
    """Full-text search over ingested articles."""
    rows = search_articles(_store(), query, limit)
    _emit(format, rows, rows, columns=["published", "title", "snippet", "source"])


ProposalArgument = Annotated[str, typer.Argument(help="a proposal id (or its start)")]
NoteOption = Annotated[str | None, typer.Option(help="why")]


@review_app.command("list")
def review_list(
    status: Annotated[str, typer.Option(help="proposed, accepted, rejected or all")] = "proposed",
    format: FormatOption = Format.table,
) -> None:
    """Proposed knowledge-base edits with their evidence."""
    rows = list_proposals(_store(), None if status == "all" else status)
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
    _emit(format, rows, flat)


@review_app.command("accept")
def review_accept(
    proposal: ProposalArgument,
    note: NoteOption = None,
) -> None:
    """Accept a proposal: its claims enter the knowledge base."""
    done = decide(_store(), proposal, "accepted", note)
    out.print(f"accepted {done['id'][:10]}: {done['summary']}", highlight=False, markup=False)


@review_app.command("reject")
def review_reject(
    proposal: ProposalArgument,
    note: NoteOption = None,
) -> None:
    """Reject a proposal."""
    done = decide(_store(), proposal, "rejected", note)
    out.print(f"rejected {done['id'][:10]}: {done['summary']}", highlight=False, markup=False)


@review_app.command("undo")
def review_undo(
    proposal: ProposalArgument,
    note: NoteOption = None,
) -> None:
    """Undo the last decision on a proposal; it goes back for review."""
    done = undo(_store(), proposal, note)
    out.print(f"undone {done['id'][:10]}: back to proposed", highlight=False, markup=False)


@review_app.command("history")
def review_history(proposal: ProposalArgument, format: FormatOption = Format.table) -> None:
    """Every decision taken on a proposal."""
    rows = history(_store(), proposal)
    _print_json(rows) if format == Format.json else _print_table(rows)


@app.command("eval")
def evaluate_command(
    gold: Annotated[
        Path, typer.Argument(help="gold JSONL: article paths relative to it, or texts", exists=True, dir_okay=False)
    ],
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
    out.print(f"event dates right at the gold's precision: {result['dates']['right']}/{result['dates']['gold']}")
    for worst in result["worst"]:
        out.print(f"worst: {worst['article']} ({worst['errors']} errors)")


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
