"""Events read back from the store: filtered in SQL on the event index (type, date,
entity, material, place), newest first, one page at a time."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import and_, exists, func, or_, select

from rechain.store import schema
from rechain.store.pages import Page, fetch_page
from rechain.store.store import LIVE, Store


@dataclass(frozen=True)
class EventFilter:
    """What to keep; every field given narrows the result."""

    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    type: str | None = None
    entity: str | None = None  # entity id
    material: str | None = None  # canonical material name
    country: str | None = None  # ISO code: an entity of the event, or a place of that name
    country_name: str | None = None
    article: str | None = None


@dataclass(frozen=True)
class EventRow:
    date: str | None
    type: str
    actors: list[str]
    materials: list[str]
    places: list[str]
    quantities: list[dict[str, Any]]
    confidence: float
    article: str | None
    title: str | None
    url: str | None
    publisher: str | None = None
    entity_ids: list[str] = field(default_factory=list)
    price: dict[str, Any] | None = None  # a PRICE_MOVEMENT's structured price, as extracted
    claim: str | None = None
    source_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _term(kind: str, value: str) -> Any:
    t = schema.event_terms.c
    return exists().where(and_(t.claim_id == schema.events.c.claim_id, t.kind == kind, t.value == value))


def _conditions(wanted: EventFilter) -> list[Any]:
    e = schema.events.c
    found = []
    if wanted.since:
        found.append(e.date >= wanted.since)
    if wanted.until:  # "2025-03-31" keeps "2025-03-31" and the month-precise "2025-03"
        found.append(e.date <= wanted.until)
    if wanted.type:
        found.append(e.type == wanted.type)
    if wanted.article:
        found.append(e.article_id == wanted.article)
    if wanted.entity:
        found.append(_term("entity", wanted.entity))
    if wanted.material:
        found.append(_term("material", wanted.material))
    if wanted.country:
        by_place = [_term("place", wanted.country_name)] if wanted.country_name else []
        found.append(or_(_term("entity", wanted.country), *by_place))
    return found


def _row(row: Any) -> EventRow:
    event = json.loads(row.value)
    return EventRow(
        event.get("date"),
        event["type"],
        event.get("actors", []),
        event.get("materials", []),
        event.get("places", []),
        event.get("quantities", []),
        row.confidence,
        event.get("article"),
        row.title,
        row.url,
        row.publisher,
        event.get("entity_ids", []),
        event.get("price"),
        row.id,
        row.source_id,
    )


def event_page(store: Store, wanted: EventFilter = EventFilter(), limit: int = 200, offset: int = 0) -> Page[EventRow]:
    """Live event claims matching `wanted`, newest first (undated last), with the total."""
    e, c, s = schema.events.c, schema.claims.c, schema.sources.c
    query = (
        select(c.id, c.source_id, c.value, c.confidence, s.title, s.url, s.publisher)
        .select_from(
            schema.events.join(schema.claims, c.id == e.claim_id).outerjoin(schema.sources, s.id == c.source_id)
        )
        .where(c.status.in_(LIVE), *_conditions(wanted))
        .order_by(func.coalesce(e.date, "").desc(), e.type.desc(), e.claim_id)
    )
    with store.engine.connect() as conn:
        return fetch_page(conn, query, limit, offset, _row)


def count_events(store: Store) -> int:
    """Live events stored, counted in SQL."""
    e, c = schema.events.c, schema.claims.c
    query = select(func.count()).select_from(schema.events.join(schema.claims, c.id == e.claim_id))
    with store.engine.connect() as conn:
        return int(conn.execute(query.where(c.status.in_(LIVE))).scalar_one())
