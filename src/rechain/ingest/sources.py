"""Inputs to documents: files, folders, URLs, feeds and dumps, each yielding documents or
the reason one was skipped. Store-free: a feed's ETag and Last-Modified come from and go
back to the `FeedStates` the caller passes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from rechain.document import Document, Skipped
from rechain.ingest.bounded import read_file_bounded
from rechain.ingest.dumps import read_jsonl, read_warc
from rechain.ingest.feeds import FeedState, poll_feed, read_feed_file
from rechain.ingest.fetch import check_url, fetch
from rechain.ingest.text import to_document

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xhtml"}
FEED_HINTS = ("rss", "atom", "feed", ".xml")


class FeedStates(Protocol):
    """Where the last poll of each feed is remembered (the store, in a run)."""

    def load(self, url: str) -> FeedState: ...

    def save(self, state: FeedState) -> None: ...


class UnrememberedFeeds:
    """Feed states for store-free callers (`extract`): every poll is a first poll."""

    def load(self, url: str) -> FeedState:
        return FeedState(url)

    def save(self, state: FeedState) -> None:
        return None


def documents(inputs: list[str], feeds: FeedStates, allow_private: bool = False) -> Iterator[Document | Skipped]:
    for item in inputs:
        if "://" in item:
            yield from documents_from_url(item, feeds, allow_private)
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield from documents_from_file(child)
        elif path.is_file():
            yield from documents_from_file(path)
        else:
            yield Skipped(item, "no such file, folder or URL")


def documents_from_file(path: Path) -> Iterator[Document | Skipped]:
    """The documents of one file: a text or HTML article, a feed file, a WARC or JSONL dump."""
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        yield from read_warc(path)
    elif name.endswith((".jsonl", ".jsonl.gz")):
        yield from read_jsonl(path)
    elif path.suffix.lower() in (".xml", ".rss", ".atom"):
        yield from read_feed_file(path)
    elif path.suffix.lower() in TEXT_SUFFIXES:
        try:
            yield to_document(read_file_bounded(path), str(path))
        except Skipped as skipped:
            yield skipped
        except OSError as exc:
            yield Skipped(str(path), f"cannot read ({exc.strerror})")
    else:
        yield Skipped(str(path), f"unsupported file type {path.suffix or '(none)'!r}")


def documents_from_url(url: str, feeds: FeedStates, allow_private: bool) -> Iterator[Document | Skipped]:
    try:
        check_url(url, allow_private)
        if url.lower().rstrip("/").endswith(FEED_HINTS) or "/feed" in url.lower():
            yield from _from_feed(url, feeds, allow_private)
            return
        fetched = fetch(url, allow_private=allow_private)
        head = fetched.content[:500]
        if "xml" in fetched.content_type and (b"<rss" in head or b"<feed" in head):
            yield from _from_feed(url, feeds, allow_private)
            return
        yield to_document(fetched.content, fetched.url, fetched.content_type)
    except Skipped as skipped:
        yield skipped


def _from_feed(url: str, feeds: FeedStates, allow_private: bool) -> Iterator[Document | Skipped]:
    state, items = poll_feed(feeds.load(url), allow_private)
    feeds.save(state)
    yield from items
