"""Language of a text: Chinese when Han characters dominate its letters, else English.

rechain reads English and Chinese; a two-way decision on script is fast and exact enough
for that, and needs no model."""

from __future__ import annotations


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def detect_language(text: str, sample: int = 4000) -> str:
    head = text[:sample]
    han = sum(1 for ch in head if is_han(ch))
    latin = sum(1 for ch in head if ch.isascii() and ch.isalpha())
    return "zh" if han and han * 3 >= latin else "en"
