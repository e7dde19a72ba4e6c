"""Finding entities by name: exact (folded) names and aliases first, then fuzzy (lookup-v1).

Names and aliases come from the store's claims, so English and Chinese names, stock
names and former names all find the same entity.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from rechain.errors import NoMatchError
from rechain.results import Rows
from rechain.store import Store
from rechain.vocab import fold

NAME_PROPERTIES = ("name", "name_zh", "alias")
MIN_SCORE = 80.0
# When several entities share an exact label, prefer the one people usually mean.
TYPE_PREFERENCE = {"PLACE": 0, "COUNTRY": 1, "CLUSTER": 2, "ORG": 3, "FACILITY": 4, "MATERIAL": 5}


@dataclass(frozen=True)
class Match:
    entity_id: str
    label: str
    score: float
    reason: str


def _labels(store: Store) -> dict[str, set[str]]:
    """folded label -> entity ids carrying it."""
    index: dict[str, set[str]] = {}
    for claim in store.claims(property=list(NAME_PROPERTIES)):
        label = fold(str(claim.value))
        if label:
            index.setdefault(label, set()).add(claim.subject)
    return index


def find_entities(store: Store, query: str, limit: int = 5) -> list[Match]:
    """Best matches for `query`, exact matches first; an id matches itself."""
    if store.entity(query) is not None:
        return [Match(query, query, 100.0, "id")]
    index = _labels(store)
    wanted = fold(query)
    if wanted in index:
        types = {e.id: e.type for e in store.entities_by_ids(index[wanted])}
        ids = sorted(index[wanted], key=lambda i: (TYPE_PREFERENCE.get(types.get(i, ""), 9), i))
        return [Match(i, query, 100.0, "exact name or alias") for i in ids[:limit]]
    scored = process.extract(wanted, list(index), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=MIN_SCORE)
    matches: dict[str, Match] = {}
    for label, score, _ in scored:
        for entity_id in sorted(index[label]):
            if entity_id not in matches:
                matches[entity_id] = Match(entity_id, label, float(score), f"fuzzy ({score:.0f}) on {label!r}")
    return sorted(matches.values(), key=lambda m: -m.score)[:limit]


WORD_SCORE = 80.0  # a query word is found in a label when one of its words is this close


def resolve_entity(store: Store, query: str) -> Match:
    """The single best match, or NoMatchError naming the query and the nearest labels.

    A fuzzy match must account for every word of the query: "Xyzzy Magnets" is no match for
    "Chengdu Galaxy Magnets", however well "Magnets" scores.
    """
    found = find_entities(store, query)
    if found and not found[0].reason.startswith("fuzzy"):
        return found[0]
    covering = _covering(store, query)
    if not covering:
        labels = ", ".join(repr(m.label) for m in found[:3])
        nearest = f" (nearest: {labels}; see `rechain search-names`)" if found else ""
        raise NoMatchError(f"no entity matches {query!r}{nearest}")
    return covering[0]


def _covering(store: Store, query: str) -> list[Match]:
    """Fuzzy matches on labels holding every word of the query, best first."""
    index = _labels(store)
    wanted = fold(query)
    labels = [label for label in index if _covers(query, label)]
    scored = sorted(((fuzz.WRatio(wanted, label), label) for label in labels), key=lambda sl: (-sl[0], sl[1]))
    return [
        Match(entity_id, label, float(score), f"fuzzy ({score:.0f}) on {label!r}")
        for score, label in scored
        if score >= MIN_SCORE
        for entity_id in sorted(index[label])
    ]


def _covers(query: str, label: str) -> bool:
    words = label.split()
    return all(_word_in(word, label, words) for word in fold(query).split())


def _word_in(word: str, label: str, words: list[str]) -> bool:
    if not word.isascii():  # Chinese names have no spaces: look for the characters in the label
        return word in label or fuzz.partial_ratio(word, label) >= 90
    return any(fuzz.ratio(word, w) >= WORD_SCORE for w in words)


def matches_report(store: Store, query: str, limit: int = 5) -> Rows:
    """`search-names`: the entities a name could mean, best first."""
    return Rows(
        [vars(m) for m in find_entities(store, query, limit)], columns=("entity_id", "label", "score", "reason")
    )
