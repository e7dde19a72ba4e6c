"""Reading the news back out of the store: events filtered by date, type, entity,
material and country, each with the article it came from."""

from __future__ import annotations

from typing import Any

from rechain import vocab
from rechain.errors import UsageError
from rechain.store import Store
from rechain.store.events import EventFilter, event_page

ROW_KEYS = ("date", "type", "actors", "materials", "places", "quantities", "confidence", "article", "title", "url")


def event_filter(
    since: str | None = None,
    type: str | None = None,
    entity: str | None = None,
    material: str | None = None,
    country: str | None = None,
    until: str | None = None,
) -> EventFilter:
    """The store filter for these choices; an unknown event type is a usage error."""
    if type and type not in vocab.event_types():
        raise UsageError(f"unknown event type {type!r} (types: {', '.join(vocab.event_types())})")
    known = vocab.countries()
    country_name = known[country].name if country and country in known else None
    return EventFilter(since, until, type, entity, material, country, country_name)


def list_events(
    store: Store,
    since: str | None = None,
    type: str | None = None,
    entity: str | None = None,
    material: str | None = None,
    country: str | None = None,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """The newest events matching the filters, as rows of the `events` command."""
    page = event_page(store, event_filter(since, type, entity, material, country), limit)
    return [{key: getattr(row, key) for key in ROW_KEYS} for row in page.items]
