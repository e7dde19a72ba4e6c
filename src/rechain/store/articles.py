"""Articles in the store: one row per story, every source that carried it, full-text
search (SQLite FTS5 trigram, PostgreSQL tsvector), and the state of polled feeds."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, text

from rechain.model import Claim, Entity, Source, stable_hash
from rechain.store import schema
from rechain.store.store import Store, _claim_record, dialect_insert


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def has_article(store: Store, article_id: str) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == article_id)).first() is not None


def recent_articles(store: Store, limit: int = 5000) -> list[tuple[str, str]]:
    """(id, text) of the newest stories, to seed near-duplicate detection for a run."""
    a = schema.articles.c
    query = select(a.id, a.text).order_by(a.ingested_at.desc()).limit(limit)
    with store.engine.connect() as conn:
        return [(r.id, r.text) for r in conn.execute(query)]


def _add_source(conn: Connection, store: Store, article_id: str, source: str, duplicate_of: str | None) -> bool:
    row = {
        "id": stable_hash(article_id, source),
        "article_id": article_id,
        "source": source,
        "duplicate_of": duplicate_of,
    }
    statement = dialect_insert(store)(schema.article_sources).on_conflict_do_nothing(index_elements=["id"])
    return bool(conn.execute(statement, [row]).rowcount)


def add_duplicate(store: Store, article_id: str, source: str, duplicate_of: str | None = None) -> None:
    with store.engine.begin() as conn:
        _add_source(conn, store, article_id, source, duplicate_of)


def add_article(
    store: Store,
    article: dict[str, Any],
    source: Source,
    entities: list[Entity],
    claims: list[Claim],
    proposals: list[dict[str, Any]],
) -> None:
    """Everything one article brings, in one transaction: nothing half-written on a crash."""
    insert = dialect_insert(store)
    with store.engine.begin() as conn:
        conn.execute(
            insert(schema.articles).on_conflict_do_nothing(index_elements=["id"]), [{**article, "ingested_at": _now()}]
        )
        if store.dialect == "sqlite":
            conn.execute(
                text("INSERT INTO article_search (article_id, title, text) VALUES (:i, :t, :x)"),
                {"i": article["id"], "t": article["title"], "x": article["text"]},
            )
        _add_source(conn, store, article["id"], article["source"], None)
        conn.execute(insert(schema.sources).on_conflict_do_nothing(index_elements=["id"]), [vars(source)])
        if entities:
            rows = [{"id": e.id, "type": str(e.type), "name": e.name} for e in entities]
            conn.execute(insert(schema.entities).on_conflict_do_nothing(index_elements=["id"]), rows)
        if claims:
            seen = _now()
            rows = list({c.id: _claim_record(c, seen) for c in claims}.values())
            conn.execute(insert(schema.claims).on_conflict_do_nothing(index_elements=["id"]), rows)
        if proposals:
            rows = [
                {**p, "payload": json.dumps(p["payload"], ensure_ascii=False, sort_keys=True), "created_at": _now()}
                for p in proposals
            ]
            conn.execute(insert(schema.proposals).on_conflict_do_nothing(index_elements=["id"]), rows)


def search_articles(store: Store, query: str, limit: int = 20) -> list[dict[str, Any]]:
    a = schema.articles
    with store.engine.connect() as conn:
        if store.dialect == "sqlite" and len(query.strip()) >= 3:
            phrase = '"' + query.replace('"', '""') + '"'
            rows = conn.execute(
                text(
                    "SELECT a.id, a.title, a.published, a.source, a.text AS snippet "
                    "FROM article_search JOIN articles a ON a.id = article_search.article_id "
                    "WHERE article_search MATCH :q ORDER BY rank LIMIT :n"
                ),
                {"q": phrase, "n": limit},
            )
        elif store.dialect == "postgresql":
            rows = conn.execute(
                text(
                    "SELECT id, title, published, source, text AS snippet FROM articles "
                    "WHERE to_tsvector('simple', title || ' ' || text) @@ plainto_tsquery('simple', :q) "
                    "OR title || ' ' || text ILIKE :like ORDER BY published DESC NULLS LAST LIMIT :n"
                ),
                {"q": query, "like": f"%{query}%", "n": limit},
            )
        else:  # two-character Chinese words are below the trigram length
            rows = conn.execute(
                select(a.c.id, a.c.title, a.c.published, a.c.source, a.c.text.label("snippet"))
                .where((a.c.text.contains(query)) | (a.c.title.contains(query)))
                .limit(limit)
            )
        return [
            {
                "id": r.id,
                "title": r.title,
                "published": r.published,
                "source": r.source,
                "snippet": _snippet(r.snippet, query),
            }
            for r in rows
        ]


def _snippet(text: str, query: str, width: int = 80) -> str:
    if len(text) <= 2 * width:
        return " ".join(text.split())
    at = text.find(query)
    start = max(0, at - width // 2) if at >= 0 else 0
    return " ".join(text[start : start + 2 * width].split())


def feed_state(store: Store, url: str) -> dict[str, Any] | None:
    f = schema.feed_state
    with store.engine.connect() as conn:
        row = conn.execute(select(f).where(f.c.id == stable_hash(url))).first()
        return dict(row._mapping) if row else None


def save_feed_state(store: Store, url: str, etag: str | None, modified: str | None) -> None:
    f = schema.feed_state
    row = {"id": stable_hash(url), "url": url, "etag": etag, "modified": modified, "polled_at": _now()}
    statement = dialect_insert(store)(f).on_conflict_do_update(
        index_elements=["id"], set_={"etag": etag, "modified": modified, "polled_at": row["polled_at"]}
    )
    with store.engine.begin() as conn:
        conn.execute(statement, [row])


def article_count(store: Store) -> int:
    return store.count("articles")
