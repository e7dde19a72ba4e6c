"""The one insert path of the store: rows whose id is new are inserted, existing ones
are left as they are, and every event claim gets its searchable columns beside it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from rechain.model import Claim, Entity
from rechain.store import schema

CHUNK = 500
TERM_LENGTH = 200  # event_terms.value


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def dialect_insert(dialect: str) -> Any:
    """The INSERT construct with ON CONFLICT support for the database (the dialect module is
    imported here, so a read-only command never pays for the PostgreSQL one)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert
    from sqlalchemy.dialects import sqlite

    return sqlite.insert


def claim_record(claim: Claim, seen: str) -> dict[str, Any]:
    """A claim as a row of the claims table."""
    return {
        "id": claim.id,
        "subject": claim.subject,
        "property": claim.property,
        "value": json.dumps(claim.value, ensure_ascii=False, sort_keys=True),
        "qualifiers": json.dumps(claim.qualifiers, ensure_ascii=False, sort_keys=True),
        "source_id": claim.source_id,
        "span_start": claim.span[0] if claim.span else None,
        "span_end": claim.span[1] if claim.span else None,
        "confidence": claim.confidence,
        "status": str(claim.status),
        "valid_from": claim.valid_from,
        "valid_to": claim.valid_to,
        "note": claim.note,
        "first_seen": seen,
    }


def entity_record(entity: Entity) -> dict[str, Any]:
    return {"id": entity.id, "type": str(entity.type), "name": entity.name}


def insert_new(conn: Connection, table: Any, rows: Sequence[dict[str, Any]], key: str = "id") -> int:
    """Insert rows whose key is new; return how many were new.

    Existing keys are looked up first because drivers disagree on rowcount for batched
    inserts; ON CONFLICT still guards against a concurrent writer."""
    insert = dialect_insert(conn.dialect.name)
    added = 0
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        present = set(conn.execute(select(table.c[key]).where(table.c[key].in_([r[key] for r in chunk]))).scalars())
        fresh = [r for r in chunk if r[key] not in present]
        if fresh:
            conn.execute(insert(table).on_conflict_do_nothing(index_elements=[key]), fresh)
        added += len(fresh)
    return added


def insert_claims(conn: Connection, claims: Iterable[Claim]) -> int:
    """Insert new claims (and the event index of new event claims); return how many were new."""
    seen = now()
    records = {c.id: (c, claim_record(c, seen)) for c in claims}
    added = insert_new(conn, schema.claims, [record for _, record in records.values()])
    events = [claim for claim, _ in records.values() if claim.property == "event"]
    index_events(conn, events)
    return added


def index_events(conn: Connection, claims: Sequence[Claim]) -> None:
    """The searchable columns of event claims: type, date, article, and their terms."""
    if not claims:
        return
    insert = dialect_insert(conn.dialect.name)
    rows = [event_row(c.id, c.value) for c in claims]
    conn.execute(insert(schema.events).on_conflict_do_nothing(index_elements=["claim_id"]), rows)
    terms = [term for c in claims for term in event_terms(c.id, c.value)]
    for start in range(0, len(terms), CHUNK):
        conn.execute(
            insert(schema.event_terms).on_conflict_do_nothing(index_elements=["claim_id", "kind", "value"]),
            terms[start : start + CHUNK],
        )


def event_row(claim_id: str, event: dict[str, Any]) -> dict[str, Any]:
    return {"claim_id": claim_id, "article_id": event.get("article"), "type": event["type"], "date": event.get("date")}


def event_terms(claim_id: str, event: dict[str, Any]) -> list[dict[str, str]]:
    kinds = (("entity", "entity_ids"), ("material", "materials"), ("place", "places"))
    values = {(kind, str(v)[:TERM_LENGTH]) for kind, key in kinds for v in event.get(key) or [] if v}
    return [{"claim_id": claim_id, "kind": kind, "value": value} for kind, value in sorted(values)]
