"""Named, ordered migrations, each recorded in rechain_migrations when applied.

A store that records a migration this code does not know was written by a newer
rechain; it is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, inspect, select

from rechain.errors import SchemaVersionError, StoreError
from rechain.store import schema


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


MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = [
    ("0001_initial", _initial),
    ("0002_news", _news),
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
