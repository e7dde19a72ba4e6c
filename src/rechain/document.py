"""An article as text, the reason a document was skipped, and the paragraphs worth reading.

Shared by ingest/ (which makes documents) and extract/ (which reads them)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

MAX_BYTES = 5_000_000  # a document larger than this is skipped, not truncated silently
MAX_CHARS = 1_000_000


class Skipped(Exception):
    """This document is skipped (with a reason); the batch goes on."""

    def __init__(self, source: str, reason: str) -> None:
        self.source, self.reason = source, reason
        super().__init__(f"{source}: {reason}")


@dataclass
class Document:
    source: str
    text: str
    title: str = ""
    published: str | None = None
    language: str = "en"
    author: str | None = None
    publisher: str | None = None
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(" ".join(self.text.split()).encode("utf-8")).hexdigest()


def unique_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs to read: a paragraph repeated verbatim (photo captions of a
    gallery) is read once."""
    spans, seen = [], set()
    for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        key = " ".join(match.group().split())
        if key and key not in seen:
            seen.add(key)
            spans.append((match.start(), match.end()))
    return spans
