"""Ingesting news: files, folders, HTML, feeds and URLs on a real loopback server, dumps;
duplicates, skips with reasons, idempotent reruns, proposals and their review."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rechain.errors import UsageError
from rechain.news.events import list_events
from rechain.news.review import decide, history, list_proposals, undo
from rechain.news.run import ingest
from rechain.store import Store
from rechain.store.search import search_articles
from rechain.views import profile

NEWS = Path(__file__).parent.parent / "fixtures" / "news"


@pytest.fixture
def news_store(small_store: Store) -> Store:
    return small_store


def counts(store: Store) -> tuple[int, ...]:
    return tuple(store.count(t) for t in ("articles", "article_sources", "claims", "proposals"))


def test_a_folder_is_read_once_and_a_rerun_changes_nothing(news_store: Store) -> None:
    first = ingest(news_store, [str(NEWS)])
    assert (first.new, first.duplicate, first.irrelevant) == (4, 1, 1)  # the feed's copper item is irrelevant
    assert first.failed == 0
    before = counts(news_store)
    again = ingest(news_store, [str(NEWS)])
    assert again.new == 0 and counts(news_store)[0] == before[0] and counts(news_store)[2:] == before[2:]


def test_syndicated_copies_become_one_story_with_two_sources(news_store: Store) -> None:
    ingest(news_store, [str(NEWS)])
    with news_store.engine.connect() as conn:
        rows = conn.execute(text("SELECT article_id, count(*) FROM article_sources GROUP BY article_id")).all()
    assert sorted(n for _, n in rows) == [1, 1, 1, 2]  # four stories, one carried twice


def test_events_are_typed_dated_and_linked(news_store: Store) -> None:
    ingest(news_store, [str(NEWS)])
    events = list_events(news_store)
    kinds = {e["type"] for e in events}
    assert {
        "PARTNERSHIP_AGREEMENT",
        "CAPACITY_EXPANSION",
        "MERGER_ACQUISITION",
        "PRODUCTION_QUOTA",
        "PRICE_MOVEMENT",
        "EXPORT_CONTROL",
    } <= kinds
    quota = next(e for e in events if e["type"] == "PRODUCTION_QUOTA")
    assert quota["date"] == "2025-02-18" and quota["quantities"][0]["value"] == 135000
    acquisition = next(e for e in events if e["type"] == "MERGER_ACQUISITION")
    assert {q["unit"] for q in acquisition["quantities"]} == {"%", "CNY"}
    assert not any("could rise" in (e["title"] or "") for e in events)
    by_entity = list_events(news_store, entity="beta-magnets")
    assert by_entity and all("beta-magnets" in json.dumps(e) or e["actors"] for e in by_entity)
    with pytest.raises(UsageError):
        list_events(news_store, type="RUMOUR")


def test_search_finds_english_and_chinese(news_store: Store) -> None:
    ingest(news_store, [str(NEWS)])
    assert [r.title for r in search_articles(news_store, "magnet plant")][0].startswith("Beta Magnetics starts")
    assert search_articles(news_store, "稀土开采")[0].published == "2025-02-20"
    assert search_articles(news_store, "稀土")  # two characters: below the trigram length, still found


def test_proposals_are_reviewed_and_decisions_reversible(news_store: Store) -> None:
    ingest(news_store, [str(NEWS)])
    proposed = {p["kind"]: p for p in list_proposals(news_store)}
    assert {"offtake", "new_facility", "new_organization"} <= set(proposed)
    offtake = proposed["offtake"]
    assert "offtake agreement" in offtake["evidence"]
    decide(news_store, offtake["id"][:8], "accepted", "checked the press release")
    alpha = profile(news_store, "alpha-mining")
    assert alpha is not None and "beta-magnets" in alpha.values("supplies")
    with pytest.raises(UsageError, match="already accepted"):
        decide(news_store, offtake["id"], "rejected")
    undo(news_store, offtake["id"])
    alpha = profile(news_store, "alpha-mining")
    assert alpha is not None and "beta-magnets" in alpha.values("supplies")  # the KB's own link stays
    assert [h["decision"] for h in history(news_store, offtake["id"])] == ["accepted", "undone"]
    organisation = next(
        p for p in list_proposals(news_store) if p["summary"] == "new organisation 'Delta Magnet Works Ltd'"
    )
    decide(news_store, organisation["id"], "accepted")
    assert news_store.entity("news-delta-magnet-works-ltd") is not None


def test_urls_and_feeds_on_loopback(news_store: Store, news_server: str) -> None:
    refused = ingest(news_store, [f"{news_server}/page.html"])
    assert refused.failed == 1 and "private or loopback" in refused.failures[0]
    page = ingest(news_store, [f"{news_server}/page.html"], allow_private=True)
    assert page.new == 1
    article = search_articles(news_store, "sintered NdFeB")[0]
    assert "alert" not in json.dumps(article.as_dict()) and article.title.startswith("Beta Magnetics")
    feed = ingest(news_store, [f"{news_server}/feed.xml"], allow_private=True)
    assert (feed.new, feed.irrelevant) == (1, 1)
    again = ingest(news_store, [f"{news_server}/feed.xml"], allow_private=True)
    assert (again.new, again.duplicate, again.irrelevant) == (0, 0, 0)  # 304: nothing fetched
    bad = ingest(
        news_store,
        [
            f"{news_server}/image.png",
            f"{news_server}/missing",
            f"{news_server}/redirect-loop",
            "ftp://127.0.0.1/file.txt",
        ],
        allow_private=True,
    )
    reasons = " | ".join(bad.failures)
    assert bad.failed == 4 and "content type" in reasons and "HTTP 404" in reasons
    assert "redirects" in reasons and "refused scheme 'ftp'" in reasons


def _warc(path: Path, bodies: list[bytes]) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for number, body in enumerate(bodies):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
            record = writer.create_warc_record(
                f"http://example.org/{number}", "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def test_dumps_are_streamed_and_bad_records_skipped(news_store: Store, tmp_path: Path) -> None:
    tmp_path = tmp_path / "dumps"
    tmp_path.mkdir()
    _warc(tmp_path / "crawl.warc.gz", [(NEWS / "page.html").read_bytes(), b"\x00\x01\x02binary"])
    lines = [
        json.dumps(
            {
                "url": "http://example.org/q",
                "text": (NEWS / "zh-quota.txt").read_text().split("---\n")[1],
                "published": "2025-02-20",
                "title": "quota",
            }
        ),
        "{not json",
        json.dumps({"url": "x"}),
    ]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "truncated.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: resp"))
    summary = ingest(news_store, [str(tmp_path)])
    assert summary.new == 2
    assert summary.failed == 4
    assert {"binary content", "malformed JSON line", "record has no text or html field"} <= set(summary.reasons)


def test_a_crash_midway_keeps_what_was_committed(news_store: Store, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "news"
    shutil.copytree(NEWS, folder)
    import rechain.news.analyse as run

    real = run.extract
    calls = {"n": 0}

    def failing(document, gazetteer=None, relevant=None):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        return real(document, gazetteer, relevant)

    monkeypatch.setattr(run, "extract", failing)
    first = ingest(news_store, [str(folder)])
    assert first.failed == 1 and "extraction failed (RuntimeError)" in first.failures[0]
    monkeypatch.setattr(run, "extract", real)
    second = ingest(news_store, [str(folder)])
    assert first.new + second.new == 4 and news_store.count("articles") == 4
