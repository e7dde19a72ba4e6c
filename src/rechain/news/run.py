"""Ingesting inputs (files, folders, URLs, feeds, WARC and JSONL dumps) into the store
(ingest-v1): stored duplicates first, then relevance and extraction (`analyse`), then
near-duplicates within the run; new articles are written in small batches, one
transaction each, so a crash loses nothing committed and a rerun resumes without
duplicates. A bad document is skipped with a reason and counted."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from rechain.document import Document, Skipped
from rechain.extract.gazetteer import Gazetteer, gazetteer_from_store
from rechain.ingest.dedup import StoryIndex
from rechain.ingest.feeds import FeedState
from rechain.ingest.sources import documents
from rechain.news.analyse import Analysis, analyse, write
from rechain.news.record import article_id
from rechain.store import Store
from rechain.store.articles import add_duplicate, feed_state, has_article, recent_articles, save_feed_state

log = logging.getLogger(__name__)
BATCH = 20  # articles per write transaction


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


class StoredFeedStates:
    """Feed ETags and Last-Modified dates kept in the store between runs."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def load(self, url: str) -> FeedState:
        saved = feed_state(self.store, url) or {}
        return FeedState(url, saved.get("etag"), saved.get("modified"))

    def save(self, state: FeedState) -> None:
        save_feed_state(self.store, state.url, state.etag, state.modified)


def ingest(
    store: Store, inputs: list[str], allow_private: bool = False, progress: Callable[[str], None] | None = None
) -> IngestSummary:
    summary = IngestSummary()
    gazetteer = gazetteer_from_store(store)
    stories = StoryIndex()
    for key, text in recent_articles(store):
        stories.add(key, text)
    pending: list[Analysis] = []
    for item in documents(inputs, StoredFeedStates(store), allow_private):
        if isinstance(item, Skipped):
            _fail(summary, item.source, item.reason)
        else:
            analysis = _analyse_new(store, item, stories, summary, gazetteer)
            if analysis is not None:
                pending.append(analysis)
        if len(pending) >= BATCH:
            _write(store, pending, summary)
        if progress:
            progress(getattr(item, "source", ""))
    _write(store, pending, summary)
    return summary


def _analyse_new(
    store: Store, document: Document, stories: StoryIndex, summary: IngestSummary, gazetteer: Gazetteer
) -> Analysis | None:
    """The analysis of a document not stored yet, or None (counted) when there is none to write."""
    key = article_id(document)
    if has_article(store, key):  # only relevant articles are stored: no need to extract this one
        add_duplicate(store, key, document.source)
        summary.duplicate += 1
        return None
    try:
        analysis = analyse(document, gazetteer)
    except Exception as exc:  # one bad document never stops a batch
        log.exception("failed on %s", document.source)
        _fail(summary, document.source, f"extraction failed ({type(exc).__name__})")
        return None
    if analysis.article is None:
        summary.irrelevant += 1
        return None
    earlier = stories.add(key, document.text, document.content_hash)
    if earlier is not None:
        add_duplicate(store, earlier, document.source, duplicate_of=earlier)
        summary.duplicate += 1
        return None
    return analysis


def _write(store: Store, pending: list[Analysis], summary: IngestSummary) -> None:
    written = write(pending, store)
    summary.new += written.new
    summary.duplicate += written.duplicate
    summary.events += written.events
    summary.proposals += written.proposals
    pending.clear()


def _fail(summary: IngestSummary, source: str, reason: str) -> None:
    summary.failed += 1
    summary.reasons[reason.split(" (")[0]] += 1
    summary.failures.append(f"{source}: {reason}")
    log.warning("skipped %s: %s", source, reason)
