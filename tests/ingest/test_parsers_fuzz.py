"""Property-based tests: random bytes and text into every parser give a document, a
counted skip with a reason, or nothing at all; never an unhandled exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rechain.document import Document, Skipped
from rechain.extract.pipeline import extract
from rechain.ingest.dumps import read_jsonl, read_warc
from rechain.ingest.feeds import read_feed_file
from rechain.ingest.text import to_document
from rechain.language import LANGUAGES

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _is_item(item: object) -> bool:
    return isinstance(item, Document) or (isinstance(item, Skipped) and bool(item.reason))


@FUZZ
@given(data=st.binary(max_size=3000), content_type=st.sampled_from(["", "text/html", "text/plain"]))
def test_bytes_to_document(data: bytes, content_type: str) -> None:
    try:
        document = to_document(data, "fuzz", content_type)
    except Skipped as skipped:
        assert skipped.reason
        return
    assert isinstance(document.text, str) and document.language in LANGUAGES


@FUZZ
@given(text=st.text(max_size=2000))
def test_html_like_text(text: str) -> None:
    html = f"<html><body><p>{text}</p><script>{text}</script></body></html>".encode("utf-8", "surrogatepass")
    try:
        to_document(html, "fuzz", "text/html")
    except Skipped as skipped:
        assert skipped.reason


@FUZZ
@given(data=st.binary(max_size=2000))
def test_dumps_and_feeds(tmp_path: Path, data: bytes) -> None:
    for name, reader in (("x.warc", read_warc), ("x.jsonl", read_jsonl), ("x.xml", read_feed_file)):
        path = tmp_path / name
        path.write_bytes(data)
        assert all(_is_item(item) for item in reader(path))


@FUZZ
@given(text=st.text(min_size=50, max_size=3000))
def test_extraction_keeps_spans_inside_the_text(text: str) -> None:
    result = extract(Document("fuzz", text, "t", "2025-01-01", "en"))
    for entity in result["entities"]:
        assert all(0 <= a < b <= len(text) for a, b in entity["mentions"])
    for event in result["events"]:
        a, b = event["evidence"]
        assert 0 <= a < b <= len(text)
