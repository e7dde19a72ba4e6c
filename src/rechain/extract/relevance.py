"""The fast pre-filter: is a document about rare earths at all? (relevance-v1)

One Aho-Corasick pass over the lower-cased text for strong and weak cue words (English
and Chinese); a document is relevant with one strong cue, or with weak cues only when
they are several. The cue lists live in data/relevance_terms.csv."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import ahocorasick

from rechain.csvrows import read_rows
from rechain.document import Document

TERMS = Path(__file__).parent / "data" / "relevance_terms.csv"
WEAK_NEEDED = 3


@cache
def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for _, row in read_rows(TERMS, ["term", "strength"]):
        automaton.add_word(row["term"].lower(), row["strength"])
    automaton.make_automaton()
    return automaton


LEAD = 400  # title and first lines: where an article says what it is about
STRONG_NEEDED = 3


def relevance(text: str) -> tuple[bool, dict[str, int]]:
    """(relevant?, counts of strong and weak cues). About rare earths: a strong cue in the
    lead, or several through the text; a passing mention deep in the text is not enough."""
    counts = {"strong": 0, "weak": 0, "lead": 0}
    for end, strength in _automaton().iter(text.lower()):
        counts[strength] += 1
        if strength == "strong" and end < LEAD:
            counts["lead"] += 1
        if counts["lead"] or counts["strong"] >= STRONG_NEEDED:
            return True, counts
    return counts["strong"] >= 1 and counts["weak"] >= WEAK_NEEDED, counts


def is_relevant(document: Document) -> bool:
    """relevance-v1 on a document's title and text (Chinese read as simplified)."""
    from rechain.extract.script import to_simplified

    text = document.title + "\n" + document.text
    return relevance(to_simplified(text) if document.language == "zh" else text)[0]
