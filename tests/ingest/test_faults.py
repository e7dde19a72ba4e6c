"""Faults at the edge of ingestion: conditional re-polls, slow servers, compressed and
truncated dumps, inputs over the size limit. Each is survived with a reason."""

from __future__ import annotations

import gzip
import io
import json
import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsserver import QuietHandler, serve_on_loopback
from rechain.document import MAX_BYTES, MAX_CHARS, Document, Skipped
from rechain.ingest.dumps import read_jsonl, read_warc
from rechain.ingest.feeds import FeedState, poll_feed, read_feed_file
from rechain.ingest.fetch import fetch
from rechain.ingest.sources import documents_from_file
from rechain.ingest.text import to_document

FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire (fictional)</title>'
    b"<item><title>Fictional magnet plant opens</title><link>http://example.invalid/1</link>"
    b"<description>A fictional NdFeB magnet plant started production.</description></item>"
    b"</channel></rss>"
)
ARTICLE = "A fictional separation plant raised its rare earth oxide output to 5,000 tonnes."


class FaultHandler(QuietHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        FaultHandler.hits.append(self.path)
        if self.path == "/feed.xml":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", '"v1"')
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            self.wfile.write(FEED)
        elif self.path == "/drip":  # one byte at a time, a bounded number of times
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(40):
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.1)


@pytest.fixture
def fault_server() -> Iterator[str]:
    FaultHandler.hits = []
    yield from serve_on_loopback(FaultHandler)


def test_an_unchanged_feed_is_asked_once_and_not_failed(fault_server: str) -> None:
    state, first = poll_feed(FeedState(f"{fault_server}/feed.xml"), allow_private=True)
    assert state.etag == '"v1"' and [type(item) for item in first] == [Document]
    FaultHandler.hits.clear()
    again, entries = poll_feed(state, allow_private=True)
    assert entries == [] and again == state
    assert FaultHandler.hits == ["/feed.xml"]  # one conditional request, no redirect chase


def test_a_dripping_server_is_cut_at_the_deadline(fault_server: str) -> None:
    started = time.monotonic()
    with pytest.raises(Skipped, match="longer than 1 s"):
        fetch(f"{fault_server}/drip", allow_private=True, deadline_seconds=1.0)
    assert time.monotonic() - started < 3.5


def _jsonl(records: list[dict[str, str]]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def test_gzipped_jsonl_is_read_and_a_truncated_one_says_so(tmp_path: Path) -> None:
    records = [{"url": f"http://example.invalid/{i}", "text": f"{ARTICLE} Item {i}. " * 20} for i in range(30)]
    whole = tmp_path / "dump.jsonl.gz"
    whole.write_bytes(gzip.compress(_jsonl(records)))
    items = list(read_jsonl(whole))
    assert len(items) == 30 and all(isinstance(i, Document) for i in items)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    read = list(read_jsonl(cut))
    assert isinstance(read[-1], Skipped) and "truncated or damaged gzip" in read[-1].reason


def test_an_over_long_jsonl_line_is_skipped_and_the_next_is_read(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_bytes(_jsonl([{"text": "x" * (MAX_BYTES + 10)}, {"url": "http://example.invalid/ok", "text": ARTICLE}]))
    first, second = list(read_jsonl(dump))
    assert isinstance(first, Skipped) and "over-size" in first.reason
    assert isinstance(second, Document) and second.source == "http://example.invalid/ok"


def _warc_gz(count: int) -> bytes:
    """Records with incompressible filler, so that half the file holds many whole records
    (the reader decompresses ahead in blocks and cannot yield a block cut in the middle)."""
    noise = random.Random(7)
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i in range(count):
        filler = "".join(noise.choice("abcdefghij ") for _ in range(8000))
        payload = f"<html><body><p>{ARTICLE} Record {i}.</p><p>{filler}</p></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        writer.write_record(
            writer.create_warc_record(
                f"http://example.invalid/{i}", "response", payload=io.BytesIO(payload), http_headers=headers
            )
        )
    return buffer.getvalue()


def test_a_truncated_warc_gz_reports_where_it_stopped(tmp_path: Path) -> None:
    data = _warc_gz(40)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(data)
    assert sum(isinstance(i, Document) for i in read_warc(whole)) == 40
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) // 2])
    items = list(read_warc(cut))
    assert 0 < sum(isinstance(i, Document) for i in items) < 40
    assert isinstance(items[-1], Skipped) and "truncated or damaged gzip" in items[-1].reason


def test_an_over_size_feed_file_is_refused_by_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    with big.open("wb") as out:
        out.write(FEED[: -len(b"</channel></rss>")])
        out.write(b"<item><title>x</title></item>" * (MAX_BYTES // 25))
        out.write(b"</channel></rss>")
    (item,) = list(read_feed_file(big))
    assert isinstance(item, Skipped) and "over-size" in item.reason


def test_utf16_without_a_byte_order_mark_is_read_as_text() -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        document = to_document(f"Fictional wire\n\n{ARTICLE}".encode(encoding), "memo.txt", "text/plain")
        assert ARTICLE in document.text
    with pytest.raises(Skipped, match="binary content"):
        to_document(bytes(range(256)) * 40, "blob.txt", "text/plain")


def test_html_over_the_character_limit_is_skipped_not_cut() -> None:
    paragraphs = "".join(f"<p>{ARTICLE} Paragraph {i}.</p>" for i in range(MAX_CHARS // len(ARTICLE) + 10))
    html = f"<html><body><article>{paragraphs}</article></body></html>"
    while len(html.encode()) > MAX_BYTES:  # stay under the byte limit so the character limit is what bites
        paragraphs = paragraphs[: len(paragraphs) * 9 // 10]
        html = f"<html><body><article>{paragraphs}</article></body></html>"
    with pytest.raises(Skipped, match="over-size text"):
        to_document(html.encode(), "long.html", "text/html")


def test_an_over_size_text_file_is_refused_by_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(MAX_BYTES + 1)  # sparse: refused before a byte is read
    (item,) = list(documents_from_file(big))
    assert isinstance(item, Skipped) and "over-size" in item.reason
