"""The extraction pipeline (extract-v1): document -> relevance -> entities -> events, as
the `extract` JSON of docs/extract-format.md. Reads the knowledge base's files for names;
never touches the store."""

from __future__ import annotations

from functools import cache
from typing import Any

from rechain import vocab
from rechain.document import Document, unique_paragraphs
from rechain.extract.dates import parse_published
from rechain.extract.events import Mention, detect_events
from rechain.extract.facilities import discover_facilities
from rechain.extract.gazetteer import Gazetteer, default_gazetteer
from rechain.extract.orgs import acts, dateline_publisher, discover_orgs
from rechain.extract.quantities import find_quantities
from rechain.extract.relevance import is_relevant
from rechain.extract.script import to_simplified
from rechain.extract.sentences import split_sentences

ALGORITHM = "extract-v1"


def extract(document: Document, gazetteer: Gazetteer | None = None, relevant: bool | None = None) -> dict[str, Any]:
    """The extract JSON of one document; `relevant` is taken as given when the caller has
    already decided it (relevance is computed once per article)."""
    gazetteer = gazetteer or default_gazetteer()
    # same offsets; names and cues are written simplified (Japanese kanji are left as they are)
    text = to_simplified(document.text) if document.language == "zh" else document.text
    if relevant is None:
        relevant = is_relevant(document)
    entities, mentions = _entities(text, gazetteer)
    events = []
    if relevant:
        published = parse_published(document.published)
        published_label = document.published[:10] if published and document.published else None
        sentences = [s for a, b in unique_paragraphs(text) for s in _offset(split_sentences(text[a:b]), a)]
        events = [
            e.as_dict()
            for e in detect_events(
                text, sentences, mentions, find_quantities(text), document.language, published, published_label
            )
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
    """Gazetteer matches, the dateline's publisher and discovered organisations, grouped per
    entity; unlinked names are reported as written."""
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    mentions: list[Mention] = []

    def add(
        kind: str,
        key: str,
        name: str,
        entity_id: str | None,
        span: tuple[int, int],
        link: Any = None,
        actor: bool = True,
    ) -> None:
        item = grouped.setdefault(
            (kind, key),
            {
                "type": kind,
                "name": name,
                "id": entity_id,
                "code": entity_id if kind == "COUNTRY" else None,
                "mentions": [],
            },
        )
        if link is not None:
            item.setdefault("link", link)
        item["mentions"].append([span[0], span[1]])
        mentions.append(Mention(span[0], span[1], kind, item["name"], actor))

    publisher = dateline_publisher(text)
    matches = gazetteer.find(text)
    taken = []
    if publisher:  # the dateline's publisher wins over names inside it ("Asia" in "Asia Resources Wire")
        matches = [m for m in matches if m.end <= publisher.start or m.start >= publisher.end]
        add(
            "ORG",
            publisher.name.lower(),
            publisher.name,
            None,
            (publisher.start, publisher.end),
            {"score": 0.0, "reason": publisher.reason},
            actor=False,
        )
        taken.append((publisher.start, publisher.end))
    for match in matches:
        entry = match.entry
        name = entry.name if entry.id else text[match.start : match.end]
        actor = acts(entry.role, name)
        add(entry.type, entry.id or name.lower(), name, entry.id or None, (match.start, match.end), actor=actor)
        taken.append((match.start, match.end))
    for org in discover_orgs(text, taken, gazetteer):
        linked = grouped.get(("ORG", org.linked_id)) if org.linked_id else None
        name = linked["name"] if linked else org.name
        add(
            "ORG",
            org.linked_id or org.name.lower(),
            name,
            org.linked_id,
            (org.start, org.end),
            {"score": org.score, "reason": org.reason},
            actor=acts("", name),
        )
    # 'Kalgoorlie plant' names a plant by its town: places may open a facility's name
    places = {(m.start, m.end) for m in mentions if m.type in ("PLACE", "COUNTRY")}
    open_spans = [span for span in taken if span not in places]
    for facility in discover_facilities(text, open_spans, _country_words()):
        add("FACILITY", facility.name.lower(), facility.name, None, (facility.start, facility.end))
    return list(grouped.values()), sorted(mentions, key=lambda m: m.start)


@cache
def _country_words() -> set[str]:
    """Country names: 'Malaysia plant' or 'Australian project' is not a facility's name."""
    return {country.name for country in vocab.countries().values()}
