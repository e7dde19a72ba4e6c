"""Reading the news back out of the store: events filtered by date, type, entity,
material and country, each with the article it came from."""

from __future__ import annotations

from typing import Any

from rechain import vocab
from rechain.errors import UsageError
from rechain.store import Store


def list_events(
    store: Store,
    since: str | None = None,
    type: str | None = None,
    entity: str | None = None,
    material: str | None = None,
    country: str | None = None,
    limit: int = 200,
) -> list[dict[str, Any]]:
    if type and type not in vocab.event_types():
        raise UsageError(f"unknown event type {type!r} (types: {', '.join(vocab.event_types())})")
    claims = store.claims(property="event")
    sources = store.sources({c.source_id for c in claims})
    country_name = vocab.countries()[country].name if country and country in vocab.countries() else None
    rows = []
    for claim in claims:
        event = claim.value
        if since and (event.get("date") or "") < since:
            continue
        if type and event["type"] != type:
            continue
        if entity and entity not in event.get("entity_ids", []):
            continue
        if material and material not in event.get("materials", []):
            continue
        if country and country not in event.get("entity_ids", []) and country_name not in event.get("places", []):
            continue
        source = sources.get(claim.source_id)
        rows.append(
            {
                "date": event.get("date"),
                "type": event["type"],
                "actors": event.get("actors", []),
                "materials": event.get("materials", []),
                "places": event.get("places", []),
                "quantities": event.get("quantities", []),
                "confidence": claim.confidence,
                "article": event.get("article"),
                "title": source.title if source else None,
                "url": source.url if source else None,
            }
        )
    rows.sort(key=lambda r: (r["date"] or "", r["type"]), reverse=True)
    return rows[:limit]
