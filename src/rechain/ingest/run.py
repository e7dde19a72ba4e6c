"""Ingesting inputs (files, folders, URLs, feeds, WARC and JSONL dumps) into the store
(ingest-v1): relevance first, duplicates next, extraction last; each new article is
written in its own transaction, so a crash loses nothing committed and a rerun resumes
without duplicates. A bad document is skipped with a reason and counted."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rechain.extract.gazetteer import Gazetteer, gazetteer_from_store
from rechain.extract.pipeline import extract
from rechain.ingest.dedup import StoryIndex
from rechain.ingest.document import Document, Skipped
from rechain.ingest.dumps import read_jsonl, read_warc
from rechain.ingest.feeds import FeedState, poll_feed, read_feed_file
from rechain.ingest.fetch import check_url, fetch
from rechain.ingest.record import article_claims, article_id, article_source, proposals
from rechain.ingest.relevance import relevance
from rechain.ingest.text import to_document
from rechain.store import Store
from rechain.store.articles import add_article, add_duplicate, feed_state, has_article, recent_articles, save_feed_state

log = logging.getLogger(__name__)
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xhtml"}
FEED_HINTS = ("rss", "atom", "feed", ".xml")


@dataclass
class IngestSummary:
    new: int = 0
    duplicate: int = 0
    irrelevant: int = 0
    failed: int = 0
    events: int = 0
    proposals: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "new": self.new,
            "duplicate": self.duplicate,
            "irrelevant": self.irrelevant,
            "failed": self.failed,
            "events": self.events,
            "proposals": self.proposals,
            "reasons": dict(self.reasons),
            "failures": self.failures[:50],
        }


def documents(inputs: list[str], store: Store, allow_private: bool = False) -> Iterator[Document | Skipped]:
    for item in inputs:
        if "://" in item:
            yield from _from_url(item, store, allow_private)
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield from _from_file(child)
        elif path.is_file():
            yield from _from_file(path)
        else:
            yield Skipped(item, "no such file, folder or URL")


def _from_file(path: Path) -> Iterator[Document | Skipped]:
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        yield from read_warc(path)
    elif name.endswith((".jsonl", ".jsonl.gz")):
        yield from read_jsonl(path)
    elif path.suffix.lower() in (".xml", ".rss", ".atom"):
        yield from read_feed_file(path)
    elif path.suffix.lower() in TEXT_SUFFIXES:
        try:
            yield to_document(path.read_bytes(), str(path))
        except Skipped as skipped:
            yield skipped
        except OSError as exc:
            yield Skipped(str(path), f"cannot read ({exc.strerror})")
    else:
        yield Skipped(str(path), f"unsupported file type {path.suffix or '(none)'!r}")


def _from_url(url: str, store: Store, allow_private: bool) -> Iterator[Document | Skipped]:
    try:
        check_url(url, allow_private)
        if url.lower().rstrip("/").endswith(FEED_HINTS) or "/feed" in url.lower():
            yield from _from_feed(url, store, allow_private)
            return
        fetched = fetch(url, allow_private=allow_private)
        head = fetched.content[:500]
        if "xml" in fetched.content_type and (b"<rss" in head or b"<feed" in head):
            yield from _from_feed(url, store, allow_private)
            return
        yield to_document(fetched.content, fetched.url, fetched.content_type)
    except Skipped as skipped:
        yield skipped


def _from_feed(url: str, store: Store, allow_private: bool) -> Iterator[Document | Skipped]:
    saved = feed_state(store, url) or {}
    state, items = poll_feed(FeedState(url, saved.get("etag"), saved.get("modified")), allow_private)
    save_feed_state(store, url, state.etag, state.modified)
    yield from items


def ingest(
    store: Store, inputs: list[str], allow_private: bool = False, progress: Callable[[str], None] | None = None
) -> IngestSummary:
    summary = IngestSummary()
    gazetteer = gazetteer_from_store(store)
    stories = StoryIndex()
    for key, text in recent_articles(store):
        stories.add(key, text)
    for item in documents(inputs, store, allow_private):
        if isinstance(item, Skipped):
            _fail(summary, item.source, item.reason)
        else:
            try:
                _ingest_one(store, item, stories, summary, gazetteer)
            except Exception as exc:  # one bad document never stops a batch
                log.exception("failed on %s", item.source)
                _fail(summary, item.source, f"extraction failed ({type(exc).__name__})")
        if progress:
            progress(getattr(item, "source", ""))
    return summary


def _fail(summary: IngestSummary, source: str, reason: str) -> None:
    summary.failed += 1
    summary.reasons[reason.split(" (")[0]] += 1
    summary.failures.append(f"{source}: {reason}")
    log.warning("skipped %s: %s", source, reason)


def _ingest_one(
    store: Store, document: Document, stories: StoryIndex, summary: IngestSummary, gazetteer: Gazetteer
) -> None:
    relevant, _ = relevance(document.title + "\n" + document.text)
    if not relevant:
        summary.irrelevant += 1
        return
    key = article_id(document)
    if has_article(store, key):
        add_duplicate(store, key, document.source)
        summary.duplicate += 1
        return
    earlier = stories.add(key, document.text, document.content_hash)
    if earlier is not None:
        add_duplicate(store, earlier, document.source, duplicate_of=earlier)
        summary.duplicate += 1
        return
    result = extract(document, gazetteer)
    source = article_source(document, key)
    claims = article_claims(result, key, source)
    edits = proposals(result, document.text, key)
    article = {
        "id": key,
        "source": document.source,
        "title": document.title,
        "published": document.published,
        "language": document.language,
        "text": document.text,
        "relevant": True,
    }
    add_article(store, article, source, [], claims, edits)
    summary.new += 1
    summary.events += len(result["events"])
    summary.proposals += len(edits)
