"""Traditional Chinese read as simplified: one character for one, so every offset into the
folded text is an offset into the original. The gazetteer, the cue lists and the trigger
patterns are written in simplified characters; Hong Kong, Taiwan and many reprints are not."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rechain.csvrows import read_rows

TABLE = Path(__file__).parent / "data" / "traditional_chinese.csv"


@cache
def _table() -> dict[int, str]:
    rows = read_rows(TABLE, ["traditional", "simplified"])
    return {ord(r["traditional"]): r["simplified"] for _, r in rows}


def to_simplified(text: str) -> str:
    """The text with traditional characters replaced by their simplified forms (same length)."""
    return text.translate(_table())
