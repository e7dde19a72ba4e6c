"""The store's filtered, paginated reads (events, claims, proposals, articles), its
migrations on an older store, search, and concurrent ingests: on SQLite and PostgreSQL."""

from __future__ import annotations

import pickle
import threading
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from rechain.errors import UsageError
from rechain.extract.gazetteer import gazetteer_from_store
from rechain.ingest.sources import documents_from_file
from rechain.kb.stats import kb_stats
from rechain.news.analyse import analyse, write
from rechain.news.run import ingest
from rechain.store import Store, open_store
from rechain.store.articles import article_page
from rechain.store.events import EventFilter, EventRow, count_events, event_page
from rechain.store.proposals import proposal_page
from rechain.store.search import search_articles

NEWS = Path(__file__).parent / "fixtures" / "news"


@pytest.fixture
def news_store(small_store: Store) -> Store:
    ingest(small_store, [str(NEWS)])
    return small_store


def every_event(store: Store) -> list[EventRow]:
    return event_page(store, limit=10_000).items


def test_event_filters_select_what_a_scan_would(news_store: Store) -> None:
    events = every_event(news_store)
    assert len(events) == count_events(news_store) > 5
    material = next(m for e in events for m in e.materials)
    checks = {
        EventFilter(type="PRODUCTION_QUOTA"): lambda e: e.type == "PRODUCTION_QUOTA",
        EventFilter(material=material): lambda e: material in e.materials,
        EventFilter(entity="beta-magnets"): lambda e: "beta-magnets" in e.entity_ids,
        EventFilter(since="2025-03-01"): lambda e: (e.date or "") >= "2025-03-01",
        EventFilter(until="2025-02-28"): lambda e: e.date is not None and e.date <= "2025-02-28",
        EventFilter(since="2025-03-01", type="PARTNERSHIP_AGREEMENT"): lambda e: (
            (e.date or "") >= "2025-03-01" and e.type == "PARTNERSHIP_AGREEMENT"
        ),
    }
    for wanted, keep in checks.items():
        page = event_page(news_store, wanted, limit=10_000)
        expected = [e for e in events if keep(e)]
        assert expected and page.items == expected and page.total == len(expected), wanted
    assert event_page(news_store, EventFilter(type="PRICE_MOVEMENT", since="2999-01-01")).total == 0


def test_event_pages_cover_the_result_once_with_its_total(news_store: Store) -> None:
    events = every_event(news_store)
    pages = [event_page(news_store, limit=2, offset=start) for start in range(0, len(events), 2)]
    assert [e for p in pages for e in p.items] == events
    assert {p.total for p in pages} == {len(events)}
    assert pages[0].has_more and not pages[-1].has_more
    dates = [e.date or "" for e in events]
    assert dates == sorted(dates, reverse=True)  # newest first
    with pytest.raises(UsageError, match="limit"):
        event_page(news_store, limit=0)
    with pytest.raises(UsageError, match="offset"):
        event_page(news_store, offset=-1)


def test_claims_proposals_and_articles_are_paged(news_store: Store) -> None:
    links = news_store.claims(property="supplies")
    first = news_store.claims_page(property="supplies", limit=1)
    second = news_store.claims_page(property="supplies", limit=1, offset=1)
    assert first.total == len(links) == news_store.count_claims("supplies") and first.items == links[:1]
    assert second.items == links[1:2]
    by_source = news_store.claims_page(source_id=links[0].source_id, limit=500)
    assert by_source.total and all(c.source_id == links[0].source_id for c in by_source.items)

    offtakes = proposal_page(news_store, status="proposed", kind="offtake")
    assert offtakes.total >= 1 and all(p.kind == "offtake" and p.status == "proposed" for p in offtakes.items)
    assert proposal_page(news_store, status="accepted").total == 0

    articles = article_page(news_store)
    assert articles.total == news_store.count("articles") == 4
    chinese = article_page(news_store, language="zh")
    assert chinese.total == 1 and chinese.items[0].publisher == "测试稀土网"
    assert article_page(news_store, since="2025-03-01").total == len(
        [a for a in articles.items if (a.published or "") >= "2025-03-01"]
    )


def test_stats_are_counted_in_sql_and_agree_with_the_claims(news_store: Store) -> None:
    stats = kb_stats(news_store)
    assert stats["supply_links"] == len(news_store.claims(property="supplies"))
    assert stats["production_figures"] == len(news_store.claims(property=["production", "reserves"]))
    assert stats["sources"] == len({c.source_id for c in news_store.claims()} - {"rechain-vocabulary"})


def test_an_older_store_gains_the_indexes_and_its_events_back(news_store: Store, store_url: str) -> None:
    events = every_event(news_store)
    with news_store.engine.begin() as conn:  # the store as 0002_news left it
        conn.execute(text("DROP TABLE event_terms"))
        conn.execute(text("DROP TABLE events"))
        conn.execute(text("DROP INDEX ix_claims_source"))
        if news_store.dialect == "sqlite":
            conn.execute(text("DROP TABLE article_words"))
        else:
            conn.execute(text("DROP INDEX ix_articles_words"))
        conn.execute(text("DELETE FROM rechain_migrations WHERE name >= '0003'"))
    news_store.close()
    upgraded = open_store(store_url)
    try:
        assert every_event(upgraded) == events
        with upgraded.engine.connect() as conn:
            assert "ix_claims_source" in {i["name"] for i in inspect(conn).get_indexes("claims")}
        assert search_articles(upgraded, "plant magnet")
    finally:
        upgraded.close()


def write_article(folder: Path, name: str, title: str, published: str, publisher: str, body: str) -> None:
    header = f"title: {title}\npublished: {published}\nsource: {publisher}\nlanguage: en\n---\n"
    (folder / name).write_text(header + title + ".\n\n" + body + "\n", encoding="utf-8")


def test_search_takes_words_in_any_order_stemmed_newest_first(small_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(
        folder,
        "old.txt",
        "Licensing of dysprosium exports tightened",
        "2023-04-02",
        "Old Wire",
        "Officials in Testland said exporters of heavy rare earths must now apply for a permit for each shipment, "
        "and that customs would hold cargoes without one.",
    )
    write_article(
        folder,
        "new.txt",
        "Dysprosium export licences granted to three firms",
        "2025-06-10",
        "New Wire",
        "The commerce ministry approved applications from three magnet makers, the first approvals since the "
        "rules took effect, according to a statement on its website.",
    )
    write_article(
        folder,
        "other.txt",
        "Terbium licence rules unchanged",
        "2025-06-11",
        "Other Wire",
        "Terbium and rare earth magnet exporters face no new licence requirements this quarter, the agency said "
        "after a review of the regime.",
    )
    assert ingest(small_store, [str(folder)]).new == 3
    for query in ("dysprosium licence", "licence dysprosium", "Licensing DYSPROSIUM", "dysprosium licenses"):
        hits = search_articles(small_store, query)
        assert [h.publisher for h in hits] == ["New Wire", "Old Wire"], query
    assert all(str(folder) not in str(h.as_dict()) for h in search_articles(small_store, "dysprosium"))
    assert [h.title for h in search_articles(small_store, "terbium")] == ["Terbium licence rules unchanged"]
    assert search_articles(small_store, "dysprosium yttrium") == []
    assert search_articles(small_store, "  ,.; ") == []


def test_analyses_are_picklable_and_written_once(small_store: Store) -> None:
    gazetteer = gazetteer_from_store(small_store)
    analyses = [analyse(d, gazetteer) for d in documents_from_file(NEWS / "en-offtake.txt")]
    moved = pickle.loads(pickle.dumps(analyses))  # as a worker process would hand them back
    assert moved == analyses and moved[0].relevant and moved[0].events > 0
    first = write(moved, small_store)
    before = small_store.count("claims")
    again = write(moved, small_store)
    assert (first.new, first.duplicate, again.new, again.duplicate) == (1, 0, 0, 1)
    assert first.events == moved[0].events and small_store.count("claims") == before


def test_two_ingests_at_once_store_each_article_once(small_store: Store, store_url: str) -> None:
    stores = [open_store(store_url) for _ in range(2)]
    failures: list[BaseException] = []

    def run(store: Store) -> None:
        try:
            ingest(store, [str(NEWS)])
        except BaseException as exc:  # reported below: a thread's exception is otherwise lost
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in stores:
        store.close()
    assert not failures
    with small_store.engine.connect() as conn:
        articles = conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
        sources = conn.execute(text("SELECT count(*) FROM article_sources")).scalar_one()
        events = conn.execute(text("SELECT count(*) FROM events")).scalar_one()
        if small_store.dialect == "sqlite":
            for table in ("article_search", "article_words"):
                rows = conn.execute(text(f"SELECT article_id, count(*) FROM {table} GROUP BY article_id")).all()
                assert len(rows) == 4 and {n for _, n in rows} == {1}, table
    assert (articles, sources) == (4, 5)
    assert events == count_events(small_store)
