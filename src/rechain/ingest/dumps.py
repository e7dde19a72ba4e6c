"""Streaming WARC files and JSONL dumps record by record, never loading them whole."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from rechain.document import Document, Skipped
from rechain.ingest.text import from_text, to_document

Item = Document | Skipped
WARC_TYPES = {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation"}


def read_warc(path: Path) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = 0
    with path.open("rb") as stream:
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
                    data = record.content_stream().read()
                    yield to_document(data, uri, content_type.split(";")[0].lower())
                except Skipped as skipped:
                    yield skipped
                except Exception as exc:  # a damaged record: skip it, keep reading
                    yield Skipped(uri, f"bad WARC record ({type(exc).__name__})")
        except ArchiveLoadFailed as exc:
            yield Skipped(str(path), f"not a WARC file or truncated ({str(exc).splitlines()[0][:80]})")
            return
    if records == 0:
        yield Skipped(str(path), "no WARC records (empty or truncated file)")


def read_jsonl(path: Path) -> Iterator[Item]:
    """Lines of {"text"|"html", "url"|"id", "title", "published"|"date", "language"}."""
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            source = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                yield Skipped(source, "malformed JSON line")
                continue
            if not isinstance(record, dict):
                yield Skipped(source, "JSON line is not an object")
                continue
            yield _record_document(record, source)


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
