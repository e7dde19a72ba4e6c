"""Sentence spans: English on . ! ? before a capital (not after common abbreviations),
Chinese on 。！？；, and always at line breaks (headlines and list items stand alone)."""

from __future__ import annotations

import re

ABBREVIATIONS = (
    "co",
    "ltd",
    "inc",
    "corp",
    "no",
    "mr",
    "ms",
    "dr",
    "u.s",
    "u.k",
    "e.g",
    "i.e",
    "st",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "vs",
    "approx",
    "est",
    "pty",
)
END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|(?<=[。！？；])|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in END.finditer(text):
        cut = m.start()
        before = text[start:cut].rstrip()
        word = before.rsplit(None, 1)[-1].lower().rstrip(".") if before.split() else ""
        if text[cut - 1 : cut] == "." and word in ABBREVIATIONS and "\n" not in m.group(0):
            continue
        _add(spans, text, start, cut)
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
