"""Streaming WARC files and JSONL dumps record by record, never loading them whole."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from rechain.document import MAX_BYTES, Document, Skipped
from rechain.ingest.bounded import read_stream_bounded
from rechain.ingest.text import from_text, to_document

Item = Document | Skipped
WARC_TYPES = {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation"}
# a gzip stream that ends early raises one of these; reported, never taken for the end of the dump
DAMAGED_GZIP = (EOFError, gzip.BadGzipFile, zlib.error)


def open_dump(path: Path) -> BinaryIO:
    """The dump's bytes, decompressed when the name says gzip: decompressing here rather than
    leaving it to the reader means a truncated .gz fails loudly instead of ending quietly."""
    if path.suffix == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def read_warc(path: Path) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = 0
    with open_dump(path) as stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                records += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#record{number}"
                if record.rec_type not in WARC_TYPES:
                    yield Skipped(uri, f"malformed WARC record (type {record.rec_type!r})")
                    continue
                if record.rec_type != "response":
                    continue
                content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                try:
                    data = read_stream_bounded(record.content_stream(), uri)
                    yield to_document(data, uri, content_type.split(";")[0].lower())
                except Skipped as skipped:
                    yield skipped
                except Exception as exc:  # a damaged record: skip it, keep reading
                    yield Skipped(uri, f"bad WARC record ({type(exc).__name__})")
        except ArchiveLoadFailed as exc:
            yield Skipped(str(path), f"not a WARC file or truncated ({str(exc).splitlines()[0][:80]})")
            return
        except DAMAGED_GZIP:
            yield Skipped(str(path), f"truncated or damaged gzip: stopped after {records} records")
            return
    if records == 0:
        yield Skipped(str(path), "no WARC records (empty or truncated file)")


def read_jsonl(path: Path) -> Iterator[Item]:
    """Lines of {"text"|"html", "url"|"id", "title", "published"|"date", "language"}; .jsonl.gz too."""
    number = 0
    with open_dump(path) as stream:
        try:
            for number, raw in enumerate(_bounded_lines(stream), start=1):
                if raw is not None and not raw.strip():
                    continue
                yield _line_document(raw, f"{path}:{number}")
        except DAMAGED_GZIP:
            yield Skipped(str(path), f"truncated or damaged gzip: stopped after line {number}")


def _bounded_lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """Lines of at most the document limit; an over-long line is read through and given as None."""
    while True:
        line = stream.readline(MAX_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(MAX_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def _line_document(raw: bytes | None, source: str) -> Item:
    if raw is None:
        return Skipped(source, f"over-size JSON line (over {MAX_BYTES:,} bytes)")
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return Skipped(source, "malformed JSON line")
    if not isinstance(record, dict):
        return Skipped(source, "JSON line is not an object")
    return _record_document(record, source)


def _record_document(record: dict[str, object], source: str) -> Item:
    source = str(record.get("url") or record.get("id") or source)
    try:
        if isinstance(record.get("html"), str):
            document = to_document(str(record["html"]).encode("utf-8"), source, "text/html")
        elif isinstance(record.get("text"), str):
            document = from_text(str(record["text"]), source)
        else:
            return Skipped(source, "record has no text or html field")
    except Skipped as skipped:
        return skipped
    for key, attribute in (
        ("title", "title"),
        ("published", "published"),
        ("date", "published"),
        ("language", "language"),
    ):
        if isinstance(record.get(key), str) and record[key]:
            setattr(document, attribute, str(record[key]))
    return document
