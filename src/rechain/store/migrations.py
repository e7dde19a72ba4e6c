"""Named, ordered migrations, each recorded in rechain_migrations when applied.

A store that records a migration this code does not know was written by a newer
rechain; it is refused rather than guessed at.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, inspect, select, text

from rechain.errors import SchemaVersionError, StoreError
from rechain.store import schema
from rechain.store.spelling import american_text, words_vector
from rechain.store.writes import CHUNK, event_row, event_terms


def _initial(conn: Connection) -> None:
    for table in (schema.sources, schema.entities, schema.claims):
        table.create(conn)


def _news(conn: Connection) -> None:
    for table in (schema.articles, schema.article_sources, schema.feed_state, schema.proposals, schema.decisions):
        table.create(conn)
    if conn.dialect.name == "sqlite":
        # trigram tokens find Chinese words as well as English ones
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE article_search USING fts5(article_id UNINDEXED, title, text, tokenize='trigram')"
        )
    else:
        conn.exec_driver_sql(
            "CREATE INDEX ix_articles_search ON articles USING gin (to_tsvector('simple', title || ' ' || text))"
        )


def _query_indexes(conn: Connection) -> None:
    """Indexes on the columns queries filter by, and the event index (filled from the
    event claims already stored)."""
    for index in (
        schema.claims.indexes | schema.articles.indexes | schema.proposals.indexes | schema.article_sources.indexes
    ):
        index.create(conn, checkfirst=True)
    schema.events.create(conn)
    schema.event_terms.create(conn)
    c = schema.claims.c
    stored = conn.execute(select(c.id, c.value).where(c.property == "event")).all()
    events = [(row.id, json.loads(row.value)) for row in stored]
    for start in range(0, len(events), CHUNK):
        chunk = events[start : start + CHUNK]
        conn.execute(schema.events.insert(), [event_row(claim_id, event) for claim_id, event in chunk])
        terms = [t for claim_id, event in chunk for t in event_terms(claim_id, event)]
        if terms:
            conn.execute(schema.event_terms.insert(), terms)


def _stemmed_search(conn: Connection) -> None:
    """Search by stemmed words: an FTS5 porter table beside the trigram one (SQLite), an
    english text-search index (PostgreSQL)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE article_words USING fts5("
            "article_id UNINDEXED, title, text, tokenize='porter unicode61')"
        )
        a = schema.articles.c
        for row in conn.execute(select(a.id, a.title, a.text)).all():
            conn.execute(
                text("INSERT INTO article_words (article_id, title, text) VALUES (:i, :t, :x)"),
                {"i": row.id, "t": american_text(row.title), "x": american_text(row.text)},
            )
    else:
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_articles_search")
        conn.exec_driver_sql(f"CREATE INDEX ix_articles_words ON articles USING gin ({words_vector()})")


MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = [
    ("0001_initial", _initial),
    ("0002_news", _news),
    ("0003_query_indexes", _query_indexes),
    ("0004_stemmed_search", _stemmed_search),
]


def applied_migrations(conn: Connection) -> list[str]:
    tables = set(inspect(conn).get_table_names())
    if schema.migrations.name not in tables:
        if tables:
            raise StoreError("the database holds tables but is not a rechain store")
        return []
    rows = conn.execute(select(schema.migrations.c.name)).scalars()
    return list(rows)


def migrate(conn: Connection) -> list[str]:
    """Apply pending migrations in order; return the names applied now."""
    done = applied_migrations(conn)
    known = [name for name, _ in MIGRATIONS]
    unknown = [name for name in done if name not in known]
    if unknown:
        raise SchemaVersionError(
            f"the store comes from a newer rechain (unknown migration {unknown[0]}); upgrade rechain"
        )
    if not done:
        schema.migrations.create(conn, checkfirst=True)
    applied = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        step(conn)
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        conn.execute(schema.migrations.insert().values(name=name, applied_at=stamp))
        applied.append(name)
    return applied
