"""The Store: writes sources, entities and claims idempotently and reads them back."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select, create_engine, event, func, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from rechain.errors import StoreError
from rechain.model import LIVE_STATUSES, Claim, ClaimStatus, Entity, Source
from rechain.store import schema
from rechain.store.migrations import migrate
from rechain.store.pages import Page, fetch_page
from rechain.store.writes import CHUNK, entity_record, insert_claims, insert_new

log = logging.getLogger(__name__)

LIVE = tuple(str(s) for s in LIVE_STATUSES)


@dataclass(frozen=True)
class ClaimRow:
    """A claim as read back from the store."""

    id: str
    subject: str
    property: str
    value: Any
    qualifiers: dict[str, Any]
    source_id: str
    confidence: float
    status: str
    valid_from: str | None
    valid_to: str | None
    note: str | None
    span: tuple[int, int] | None


def _enable_sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url!r}") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)
        event.listen(engine, "connect", _enable_sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed.set(drivername="postgresql+psycopg"), pool_pre_ping=True)
    raise StoreError(f"unsupported database {parsed.get_backend_name()!r}: use sqlite:/// or postgresql://")


def _claim_row(row: Any) -> ClaimRow:
    span = (row.span_start, row.span_end) if row.span_start is not None else None
    return ClaimRow(
        row.id,
        row.subject,
        row.property,
        json.loads(row.value),
        json.loads(row.qualifiers),
        row.source_id,
        row.confidence,
        row.status,
        row.valid_from,
        row.valid_to,
        row.note,
        span,
    )


def _claims_query(
    subject: str | Sequence[str] | None, property: str | Sequence[str] | None, statuses: Sequence[str] | None
) -> Select[Any]:
    c = schema.claims.c
    query = select(schema.claims).order_by(c.subject, c.property, c.id)
    for column, wanted in ((c.subject, subject), (c.property, property)):
        if isinstance(wanted, str):
            query = query.where(column == wanted)
        elif wanted is not None:
            query = query.where(column.in_(list(wanted)))
    if statuses is not None:
        query = query.where(c.status.in_(list(statuses)))
    return query


class Store:
    """One store interface over SQLite and PostgreSQL."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    # -- writing -------------------------------------------------------------

    def write(self, sources: Iterable[Source], entities: Iterable[Entity], claims: Iterable[Claim]) -> dict[str, int]:
        """Write everything in one transaction; rows already present are left as they are."""
        with self.engine.begin() as conn:
            return {
                "sources": insert_new(conn, schema.sources, [vars(s) for s in sources]),
                "entities": insert_new(conn, schema.entities, [entity_record(e) for e in entities]),
                "claims": insert_claims(conn, claims),
            }

    def curated_outside(self, claim_ids: set[str]) -> int:
        """How many curated claims are not in `claim_ids` (what a sync would retract)."""
        c = schema.claims.c
        with self.engine.connect() as conn:
            current = conn.execute(select(c.id).where(c.status == "curated")).scalars()
            return sum(1 for claim_id in current if claim_id not in claim_ids)

    def sync_curated(self, claim_ids: set[str]) -> dict[str, int]:
        """Make the curated set equal `claim_ids`: retract the rest, revive returning ones."""
        c = schema.claims.c
        with self.engine.begin() as conn:
            current = set(conn.execute(select(c.id).where(c.status == "curated")).scalars())
            retracted = set(conn.execute(select(c.id).where(c.status == "retracted")).scalars())
            gone, back = sorted(current - claim_ids), sorted(retracted & claim_ids)
            for ids, status in ((gone, ClaimStatus.RETRACTED), (back, ClaimStatus.CURATED)):
                for start in range(0, len(ids), CHUNK):
                    chunk = ids[start : start + CHUNK]
                    conn.execute(update(schema.claims).where(c.id.in_(chunk)).values(status=str(status)))
        return {"retracted": len(gone), "revived": len(back)}

    # -- reading -------------------------------------------------------------

    def claims(
        self,
        subject: str | Sequence[str] | None = None,
        property: str | Sequence[str] | None = None,
        statuses: Sequence[str] | None = LIVE,
    ) -> list[ClaimRow]:
        query = _claims_query(subject, property, statuses)
        with self.engine.connect() as conn:
            return [_claim_row(r) for r in conn.execute(query)]

    def claims_page(
        self,
        subject: str | Sequence[str] | None = None,
        property: str | Sequence[str] | None = None,
        statuses: Sequence[str] | None = LIVE,
        source_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> Page[ClaimRow]:
        """Claims filtered in SQL, one page at a time, with the total that match."""
        query = _claims_query(subject, property, statuses)
        if source_id is not None:
            query = query.where(schema.claims.c.source_id == source_id)
        with self.engine.connect() as conn:
            return fetch_page(conn, query, limit, offset, _claim_row)

    def entities(self, type: str | None = None) -> list[Entity]:
        from rechain.model import EntityType

        query = select(schema.entities).order_by(schema.entities.c.id)
        if type:
            query = query.where(schema.entities.c.type == type)
        with self.engine.connect() as conn:
            return [Entity(r.id, EntityType(r.type), r.name) for r in conn.execute(query)]

    def entity(self, entity_id: str) -> Entity | None:
        found = [e for e in self.entities_by_ids([entity_id])]
        return found[0] if found else None

    def entities_by_ids(self, ids: Iterable[str]) -> list[Entity]:
        from rechain.model import EntityType

        wanted = sorted(set(ids))
        out: list[Entity] = []
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), CHUNK):
                query = select(schema.entities).where(schema.entities.c.id.in_(wanted[start : start + CHUNK]))
                out += [Entity(r.id, EntityType(r.type), r.name) for r in conn.execute(query)]
        return out

    def sources(self, ids: Iterable[str] | None = None) -> dict[str, Source]:
        query = select(schema.sources)
        if ids is not None:
            query = query.where(schema.sources.c.id.in_(sorted(set(ids))))
        with self.engine.connect() as conn:
            return {
                r.id: Source(r.id, r.kind, r.publisher, r.title, r.year, r.url, r.note) for r in conn.execute(query)
            }

    def count(self, table: str, **where: str) -> int:
        tbl = schema.metadata.tables[table]
        query = select(func.count()).select_from(tbl)
        for column, value in where.items():
            query = query.where(tbl.c[column] == value)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def count_claims(self, property: str | Sequence[str] | None = None, statuses: Sequence[str] | None = LIVE) -> int:
        """Claims with this property (and status), counted in SQL."""
        query = _claims_query(None, property, statuses).order_by(None).with_only_columns(func.count())
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def claim_values(
        self, column: str, property: str | Sequence[str] | None = None, statuses: Sequence[str] | None = LIVE
    ) -> set[str]:
        """The distinct values of one claims column (subject, source_id) among these claims."""
        query = _claims_query(None, property, statuses).order_by(None)
        query = query.with_only_columns(schema.claims.c[column]).distinct()
        with self.engine.connect() as conn:
            return set(conn.execute(query).scalars())

    def is_empty(self) -> bool:
        return self.count("claims") == 0

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str) -> Store:
    """Open (creating and migrating if needed) the store at `url`."""
    engine = _make_engine(url)
    try:
        with engine.begin() as conn:
            applied = migrate(conn)
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
        raise StoreError(f"cannot open store {make_url(url).render_as_string(hide_password=True)}: {reason}") from None
    except NoSuchModuleError as exc:
        raise StoreError(f"no database driver for {url!r}: {exc}") from None
    except StoreError:
        engine.dispose()
        raise
    if applied:
        log.info("store migrated: %s", ", ".join(applied))
    return Store(engine)
