"""Language of a text from its script and its commonest words: Chinese when Han characters
dominate the letters, Japanese when kana are among them, else English, French, Portuguese or
German by function words. Counted by compiled regular expressions over a sample (no per-
character Python loop, no model): it runs on every document."""

from __future__ import annotations

import re

LANGUAGES = ("en", "zh", "ja", "fr", "pt", "de")  # what detect_language can answer
HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
KANA = re.compile(r"[\u3040-\u30ff]")
ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
WORD_SAMPLE = 1500  # function words settle the language well within this many characters
# Words frequent in one of these languages and rare in the others.
FUNCTION_WORDS = {
    "en": re.compile(r"\b(?:the|and|of|is|was|with|for|that|from|has)\b", re.I),
    "fr": re.compile(r"\b(?:le|les|des|une|est|et|du|dans|pour|sur|avec|qui)\b", re.I),
    "pt": re.compile(r"\b(?:do|da|dos|das|não|em|uma|para|com|que|pela|pelo)\b", re.I),
    "de": re.compile(r"\b(?:der|die|das|und|ist|nicht|mit|von|für|den|ein|eine|auf)\b", re.I),
}


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _latin_letters(text: str) -> int:
    """ASCII letters counted in C (bytes.translate), not by a regex building a list."""
    raw = text.encode("ascii", "ignore")
    return len(raw) - len(raw.translate(None, ASCII_LETTERS))


def detect_language(text: str, sample: int = 4000) -> str:
    head = text[:sample]
    han = len(HAN.findall(head))
    if han and han * 3 >= _latin_letters(head):
        return "ja" if len(KANA.findall(head)) * 10 >= han else "zh"
    words = head[:WORD_SAMPLE]
    counts = {language: len(pattern.findall(words)) for language, pattern in FUNCTION_WORDS.items()}
    best = max(counts, key=lambda language: counts[language])
    return best if counts[best] > counts["en"] * 1.5 else "en"
