"""RSS and Atom feeds: entries to documents, with the feed's ETag and Last-Modified kept
so that a second poll of an unchanged feed fetches nothing new."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import feedparser

from rechain.document import Document, Skipped
from rechain.ingest.bounded import read_file_bounded
from rechain.ingest.fetch import fetch
from rechain.ingest.text import from_html, from_text, looks_like_html


@dataclass
class FeedState:
    url: str
    etag: str | None = None
    modified: str | None = None


def poll_feed(state: FeedState, allow_private: bool = False) -> tuple[FeedState, list[Document | Skipped]]:
    """Fetch a feed conditionally; return the new state and its entries (none if unchanged)."""
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.modified:
        headers["If-Modified-Since"] = state.modified
    fetched = fetch(state.url, allow_private=allow_private, headers=headers)
    if fetched.status == 304:
        return state, []
    lowered = {k.lower(): v for k, v in fetched.headers.items()}
    new_state = FeedState(state.url, lowered.get("etag"), lowered.get("last-modified"))
    parsed = feedparser.parse(fetched.content)
    if parsed.bozo and not parsed.entries:
        return new_state, [Skipped(state.url, "malformed feed")]
    return new_state, list(entries(parsed, state.url))


def entries(parsed: feedparser.FeedParserDict, feed_url: str) -> Iterator[Document | Skipped]:
    for number, entry in enumerate(parsed.entries, start=1):
        source = entry.get("link") or f"{feed_url}#entry{number}"
        content = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary", "")
        text = f"{entry.get('title', '')}\n\n{content or ''}"
        try:
            document = (
                from_html(f"<html><body><h1>{entry.get('title', '')}</h1>{content}</body></html>", source)
                if looks_like_html(content or "")
                else from_text(text, source)
            )
        except Skipped as skipped:
            yield skipped
            continue
        document.title = entry.get("title", document.title)
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        if published:
            document.published = f"{published.tm_year:04d}-{published.tm_mon:02d}-{published.tm_mday:02d}"
        yield document


def read_feed_file(path: Path) -> Iterator[Document | Skipped]:
    """A feed saved as a file: its entries, or one skip if it is not a feed or too large."""
    try:
        data = read_file_bounded(path)
    except Skipped as skipped:
        yield skipped
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        yield Skipped(str(path), "not a feed, or a feed without entries")
        return
    yield from entries(parsed, str(path))
