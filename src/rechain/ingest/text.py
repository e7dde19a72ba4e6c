"""Bytes to a Document: encoding detection, front matter, HTML main text and metadata."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from rechain.document import MAX_BYTES, MAX_CHARS, Document, Skipped
from rechain.language import detect_language

FRONT_MATTER = re.compile(r"\A((?:[a-z_]+:[^\n]*\n)+)---[ \t]*\r?\n", re.IGNORECASE)
HTML_HINT = re.compile(rb"<\s*(html|body|p|div|article|head)\b", re.IGNORECASE)
MIN_TEXT = 40


def decode(data: bytes, source: str) -> str:
    if not data.strip():
        raise Skipped(source, "empty document")
    if len(data) > MAX_BYTES:
        raise Skipped(source, f"over-size document ({len(data):,} bytes, limit {MAX_BYTES:,})")
    if b"\x00" in data[:8000] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = bomless_utf16(data[:8000])
        if encoding is None:
            raise Skipped(source, "binary content")
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            raise Skipped(source, "binary content") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise Skipped(source, "undecodable text (no encoding fits)") from None
        return str(best)


def bomless_utf16(head: bytes) -> str | None:
    """UTF-16 without a byte-order mark: mostly-ASCII text puts a zero byte in every other
    position (odd ones for little-endian). Binary files show no such regular pattern."""
    pairs = len(head) // 2
    if pairs < 8:
        return None
    even_zeros = head[0 : 2 * pairs : 2].count(0)
    odd_zeros = head[1 : 2 * pairs : 2].count(0)
    if odd_zeros > 0.3 * pairs and even_zeros < 0.02 * pairs:
        return "utf-16-le"
    if even_zeros > 0.3 * pairs and odd_zeros < 0.02 * pairs:
        return "utf-16-be"
    return None


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {}
    for line in match.group(1).splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return meta, text[match.end() :]


DATE_LINE = re.compile(r"\A\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*(?:[A-Z][ \t]+)?(.*)")


def _published_from_head(body: str) -> str | None:
    """A full date among the first lines (a dateline), for texts without metadata."""
    from rechain.extract.dates import find_date

    head = "\n".join(body.strip().splitlines()[:6])[:400]
    found, _ = find_date(head, None)
    return found if found and len(found) == 10 else None


def from_text(text: str, source: str) -> Document:
    meta, body = _front_matter(text.replace("\r\n", "\n"))
    first = DATE_LINE.match(body)
    if first and not meta:  # "date 2023-02-15 N Title" header lines of some archives
        meta = {"published": first.group(1), "title": first.group(2).strip()}
    if len(body.strip()) < MIN_TEXT:
        raise Skipped(source, "too little text")
    if len(body) > MAX_CHARS:
        raise Skipped(source, f"over-size text ({len(body):,} characters)")
    title = meta.get("title") or body.strip().splitlines()[0][:200]
    published = meta.get("published") or meta.get("date") or _published_from_head(body)
    return Document(
        source,
        body,
        title,
        published,
        meta.get("language") or detect_language(body),
        meta.get("author"),
        meta.get("source"),
        meta,
    )


def from_html(html: str, source: str) -> Document:
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises a variety of parser errors on hostile HTML
        raise Skipped(source, f"unparsable HTML ({type(exc).__name__})") from None
    if extracted is None:
        raise Skipped(source, "no main text found in HTML")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    body = (data.get("text") or "").strip()
    if len(body) < MIN_TEXT:
        raise Skipped(source, "too little text")
    if len(body) > MAX_CHARS:  # skipped like plain text, never cut silently
        raise Skipped(source, f"over-size text ({len(body):,} characters)")
    return Document(
        source,
        body,
        (data.get("title") or "").strip(),
        data.get("date"),
        detect_language(body),
        data.get("author"),
        data.get("sitename") or data.get("hostname"),
    )


def looks_like_html(data: bytes | str) -> bool:
    head = data[:2000] if isinstance(data, bytes) else data[:2000].encode("utf-8", "ignore")
    return bool(HTML_HINT.search(head))


PLAIN_NAMES = (".txt", ".md", ".markdown")


def _is_markup(text: str, source: str) -> bool:
    """A file named as plain text is HTML only when it opens with markup: a tag further in
    ('<p>' quoted in a story) does not send a text file through the HTML extractor."""
    if source.lower().endswith(PLAIN_NAMES):
        return text.lstrip()[:1] == "<" and looks_like_html(text)
    return looks_like_html(text)


def to_document(data: bytes, source: str, content_type: str = "") -> Document:
    text = decode(data, source)
    if "html" in content_type or (not content_type and _is_markup(text, source)):
        return from_html(text, source)
    return from_text(text, source)
