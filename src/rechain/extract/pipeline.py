"""The extraction pipeline (extract-v1): document -> relevance -> entities -> events, as
the `extract` JSON of docs/extract-format.md. Reads the knowledge base's files for names;
never touches the store."""

from __future__ import annotations

from typing import Any

from rechain.extract.dates import parse_published
from rechain.extract.events import Mention, detect_events
from rechain.extract.gazetteer import Gazetteer, default_gazetteer
from rechain.extract.orgs import discover_orgs
from rechain.extract.quantities import find_quantities
from rechain.extract.sentences import split_sentences
from rechain.ingest.dedup import unique_paragraphs
from rechain.ingest.document import Document
from rechain.ingest.relevance import relevance

ALGORITHM = "extract-v1"


def extract(document: Document, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    gazetteer = gazetteer or default_gazetteer()
    text = document.text
    relevant, _ = relevance(document.title + "\n" + text)
    entities, mentions = _entities(text, gazetteer)
    events = []
    if relevant:
        published = parse_published(document.published)
        sentences = [s for a, b in unique_paragraphs(text) for s in _offset(split_sentences(text[a:b]), a)]
        events = [
            e.as_dict()
            for e in detect_events(text, sentences, mentions, find_quantities(text), document.language, published)
        ]
    return {
        "source": document.source,
        "title": document.title,
        "published": document.published,
        "language": document.language,
        "relevant": relevant,
        "entities": entities,
        "events": events,
    }


def _offset(spans: list[tuple[int, int]], shift: int) -> list[tuple[int, int]]:
    return [(a + shift, b + shift) for a, b in spans]


def _entities(text: str, gazetteer: Gazetteer) -> tuple[list[dict[str, Any]], list[Mention]]:
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    mentions: list[Mention] = []
    matches = gazetteer.find(text)
    for match in matches:
        entry = match.entry
        entity_type = entry.type
        item = grouped.setdefault(
            (entity_type, entry.id),
            {
                "type": entity_type,
                "name": entry.name,
                "id": entry.id,
                "code": entry.id if entity_type == "COUNTRY" else None,
                "mentions": [],
            },
        )
        item["mentions"].append([match.start, match.end])
        mentions.append(Mention(match.start, match.end, entity_type, entry.name))
    taken = [(m.start, m.end) for m in matches]
    for org in discover_orgs(text, taken, gazetteer):
        key = ("ORG", org.linked_id or org.name.lower())
        name = org.name
        if org.linked_id:
            linked = next((i for (t, i), v in grouped.items() if t == "ORG" and i == org.linked_id), None)
            name = grouped[("ORG", linked)]["name"] if linked else org.name
        item = grouped.setdefault(
            key,
            {
                "type": "ORG",
                "name": name,
                "id": org.linked_id,
                "code": None,
                "mentions": [],
                "link": {"score": org.score, "reason": org.reason},
            },
        )
        item["mentions"].append([org.start, org.end])
        mentions.append(Mention(org.start, org.end, "ORG", item["name"]))
    return list(grouped.values()), sorted(mentions, key=lambda m: m.start)
