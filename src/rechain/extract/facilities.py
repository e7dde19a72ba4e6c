"""Facilities the knowledge base does not know, named by their head word (facilities-v1):
'Kalgoorlie plant', 'Wheat Ridge pilot plant', 'Eneabba Refinery', 'Nova Roma mine',
'Project Phoenix'. The capitalised words before the head word are the facility's own name
(a town, an owner or a project name); a country, a demonym or a sentence opener is not."""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADS = r"plant|mine|refinery|project|facility|hub|campus|smelter|deposit"
KINDS = r"(?:rare earths? |magnet |pilot |processing |separation |refining |concentration |recycling |metals? )*"
NAMED = re.compile(
    rf"\b((?:(?:[A-Z][\w'’-]+|Mt\.?)[ \t]+){{1,3}}{KINDS}(?:{HEADS})|[Pp]roject[ \t]+[A-Z][\w-]+)"
    r"\b(?![ \t]+(?:of|in)\b)"
)
NOT_NAMES = {
    "The", "A", "An", "Its", "Their", "This", "That", "New", "Our", "Each", "Every", "Both", "First", "Second",
    "Third", "Rare", "Earth", "Earths", "Pilot", "Magnet", "Processing", "Separation", "Project", "Plant",
    "In", "At", "On", "For", "And", "But", "With", "Mining", "Flagship", "Existing", "Demonstration",
}  # fmt: skip


def _demonym(word: str, countries: set[str]) -> bool:
    """'Malaysian', 'Chinese', 'Canadian', 'Japanese': an adjective of a country, not a name."""
    for suffix, restore in (("n", ""), ("ian", "ia"), ("ian", "a"), ("ese", ""), ("ese", "a"), ("ish", "")):
        if word.endswith(suffix) and word[: len(word) - len(suffix)] + restore in countries:
            return True
    return False


@dataclass(frozen=True)
class NamedFacility:
    start: int
    end: int
    name: str


def discover_facilities(text: str, taken: list[tuple[int, int]], not_names: set[str]) -> list[NamedFacility]:
    """Head-word facility names outside spans already taken; `not_names` are words that
    cannot name a facility on their own (countries and their demonyms)."""
    found = []
    for match in NAMED.finditer(text):
        start, end = match.span(1)
        words = match.group(1).split()
        while words and (words[0] in NOT_NAMES or words[0] in not_names) and words[0].lower() != "project":
            start += len(words[0]) + 1
            words = words[1:]
        possessive = any(w.endswith(("'s", "’s")) for w in words)
        overlaps = any(a < end and start < b for a, b in taken)
        if len(words) < 2 or possessive or _demonym(words[0], not_names) or overlaps:
            continue
        name = " ".join(words)
        found.append(NamedFacility(start, end, name))
        taken.append((start, end))
    return found
