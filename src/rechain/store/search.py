"""Article search: words in any order, stemmed (SQLite FTS5 porter, PostgreSQL english
text search), British and American spellings alike, ranked by relevance and recency.
Chinese, which has no spaces between words, is matched by character trigrams (SQLite)
or by substring."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import text

from rechain.language import is_han
from rechain.store.pages import check_window
from rechain.store.spelling import WORD, american, words_vector
from rechain.store.store import Store

# A story a year older ranks as if half as relevant again: recent news first among equals.
RECENCY = "1.0 / (1.0 + 0.5 * COALESCE({now_year} - CAST(SUBSTR(a.published, 1, 4) AS INTEGER), 2))"


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str
    published: str | None
    publisher: str | None
    url: str | None
    snippet: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def search_articles(store: Store, query: str, limit: int = 20) -> list[SearchHit]:
    check_window(limit, 0)
    words = [w.lower() for w in WORD.findall(query)]
    if not words:
        return []
    with store.engine.connect() as conn:
        if any(is_han(ch) for ch in query):
            rows = _chinese(conn, store.dialect, query.strip(), limit)
        elif store.dialect == "sqlite":
            rows = _sqlite_words(conn, words, limit)
        else:
            rows = _postgresql_words(conn, words, limit)
        return [SearchHit(r.id, r.title, r.published, r.publisher, r.url, _snippet(r.body, words)) for r in rows]


SELECT = (
    "SELECT a.id, a.title, a.published, s.publisher, s.url, a.text AS body "
    "FROM articles a LEFT JOIN sources s ON s.id = 'article:' || a.id "
)


def _sqlite_words(conn: Any, words: list[str], limit: int) -> Any:
    # the index holds American spellings; FTS5's porter tokenizer stems both sides
    match = " AND ".join(f'"{american(w)}"' for w in words)
    recency = RECENCY.format(now_year="CAST(strftime('%Y', 'now') AS INTEGER)")
    return conn.execute(
        text(
            SELECT + "JOIN article_words w ON w.article_id = a.id "
            f"WHERE article_words MATCH :q ORDER BY bm25(article_words) * {recency}, a.id LIMIT :n"
        ),
        {"q": match, "n": limit},
    )


def _postgresql_words(conn: Any, words: list[str], limit: int) -> Any:
    query = " & ".join(american(w) for w in words)
    recency = RECENCY.format(now_year="CAST(EXTRACT(YEAR FROM now()) AS INTEGER)")
    vector = words_vector("a")  # the expression ix_articles_words indexes
    return conn.execute(
        text(
            SELECT + f"WHERE {vector} @@ to_tsquery('english', :q) "
            f"ORDER BY ts_rank({vector}, to_tsquery('english', :q)) * {recency} DESC, a.id LIMIT :n"
        ),
        {"q": query, "n": limit},
    )


def _chinese(conn: Any, dialect: str, query: str, limit: int) -> Any:
    if dialect == "sqlite" and len(query) >= 3:
        phrase = '"' + query.replace('"', '""') + '"'
        return conn.execute(
            text(
                SELECT + "JOIN article_search t ON t.article_id = a.id WHERE article_search MATCH :q "
                "ORDER BY rank, a.published DESC LIMIT :n"
            ),
            {"q": phrase, "n": limit},
        )
    # two-character words are below the trigram length; PostgreSQL has no Chinese parser
    like = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return conn.execute(
        text(
            SELECT + "WHERE a.title LIKE :like ESCAPE '\\' OR a.text LIKE :like ESCAPE '\\' "
            "ORDER BY a.published DESC, a.id LIMIT :n"
        ),
        {"like": like, "n": limit},
    )


def _snippet(body: str, words: list[str], width: int = 80) -> str:
    if len(body) <= 2 * width:
        return " ".join(body.split())
    lowered = body.lower()
    at = min((i for i in (lowered.find(w) for w in words) if i >= 0), default=0)
    start = max(0, at - width // 2)
    return " ".join(body[start : start + 2 * width].split())
