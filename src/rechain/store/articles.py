"""Articles in the store: one row per story, every source that carried it, paginated
reads, search (words in any order, stemmed, ranked by relevance and recency; Chinese by
character trigrams), and the state of polled feeds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Connection, select, text

from rechain.model import Claim, Source, stable_hash
from rechain.store import schema
from rechain.store.pages import Page, fetch_page
from rechain.store.proposals import insert_proposals
from rechain.store.spelling import american_text
from rechain.store.store import Store
from rechain.store.writes import dialect_insert, insert_claims, insert_new, now


@dataclass(frozen=True)
class NewArticle:
    """Everything one article brings to the store (picklable: built anywhere, written here)."""

    id: str
    source: str  # where it was first read
    title: str
    published: str | None
    language: str
    text: str
    citation: Source
    claims: tuple[Claim, ...] = ()
    proposals: tuple[dict[str, Any], ...] = field(default=())

    def row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "language": self.language,
            "text": self.text,
            "relevant": True,
            "ingested_at": now(),
        }


@dataclass(frozen=True)
class ArticleRow:
    id: str
    title: str
    published: str | None
    language: str
    publisher: str | None
    url: str | None
    source: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def has_article(store: Store, article_id: str) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == article_id)).first() is not None


def recent_articles(store: Store, limit: int = 5000) -> list[tuple[str, str]]:
    """(id, text) of the newest stories, to seed near-duplicate detection for a run."""
    a = schema.articles.c
    query = select(a.id, a.text).order_by(a.ingested_at.desc()).limit(limit)
    with store.engine.connect() as conn:
        return [(r.id, r.text) for r in conn.execute(query)]


def _add_source(conn: Connection, article_id: str, source: str, duplicate_of: str | None) -> None:
    row = {
        "id": stable_hash(article_id, source),
        "article_id": article_id,
        "source": source,
        "duplicate_of": duplicate_of,
    }
    conn.execute(
        dialect_insert(conn.dialect.name)(schema.article_sources).on_conflict_do_nothing(index_elements=["id"]), [row]
    )


def add_duplicate(store: Store, article_id: str, source: str, duplicate_of: str | None = None) -> None:
    with store.engine.begin() as conn:
        _add_source(conn, article_id, source, duplicate_of)


def add_articles(store: Store, articles: Sequence[NewArticle]) -> list[bool]:
    """Write a batch of articles in one transaction; say for each whether it was new.

    The article row is claimed first (INSERT ... ON CONFLICT DO NOTHING inside the
    transaction), so when two runs store the same article at once, one writes it with its
    search rows and claims and the other only adds its source."""
    added = []
    with store.engine.begin() as conn:
        for article in articles:
            new = _claim_article(conn, article)
            _add_source(conn, article.id, article.source, None)
            if new:
                _write_content(conn, article)
            added.append(new)
    return added


def _claim_article(conn: Connection, article: NewArticle) -> bool:
    # RETURNING says whether this transaction wrote the row; drivers disagree on rowcount
    insert = dialect_insert(conn.dialect.name)(schema.articles).values(article.row())
    statement = insert.on_conflict_do_nothing(index_elements=["id"]).returning(schema.articles.c.id)
    return conn.execute(statement).first() is not None


def _write_content(conn: Connection, article: NewArticle) -> None:
    if conn.dialect.name == "sqlite":  # PostgreSQL indexes the articles table itself
        insert = "INSERT INTO {} (article_id, title, text) VALUES (:i, :t, :x)"
        conn.execute(text(insert.format("article_search")), {"i": article.id, "t": article.title, "x": article.text})
        words = {"i": article.id, "t": american_text(article.title), "x": american_text(article.text)}
        conn.execute(text(insert.format("article_words")), words)
    insert_new(conn, schema.sources, [vars(article.citation)])
    insert_claims(conn, article.claims)
    insert_proposals(conn, article.proposals)


def article_page(
    store: Store,
    language: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[ArticleRow]:
    """Stored articles, newest first, filtered in SQL, with their publisher."""
    a, s = schema.articles.c, schema.sources.c
    query = (
        select(a.id, a.title, a.published, a.language, a.source, s.publisher, s.url)
        .select_from(schema.articles.outerjoin(schema.sources, s.id == "article:" + a.id))
        .order_by(a.published.desc(), a.id)
    )
    if language:
        query = query.where(a.language == language)
    if since:
        query = query.where(a.published >= since)
    if until:
        query = query.where(a.published <= until)
    with store.engine.connect() as conn:
        return fetch_page(conn, query, limit, offset, _article_row)


def _article_row(r: Any) -> ArticleRow:
    return ArticleRow(r.id, r.title, r.published, r.language, r.publisher, r.url, r.source)


def feed_state(store: Store, url: str) -> dict[str, Any] | None:
    f = schema.feed_state
    with store.engine.connect() as conn:
        row = conn.execute(select(f).where(f.c.id == stable_hash(url))).first()
        return dict(row._mapping) if row else None


def save_feed_state(store: Store, url: str, etag: str | None, modified: str | None) -> None:
    f = schema.feed_state
    row = {"id": stable_hash(url), "url": url, "etag": etag, "modified": modified, "polled_at": now()}
    statement = dialect_insert(store.dialect)(f).on_conflict_do_update(
        index_elements=["id"], set_={"etag": etag, "modified": modified, "polled_at": row["polled_at"]}
    )
    with store.engine.begin() as conn:
        conn.execute(statement, [row])
