"""Typed events (events-v1): one candidate per sentence from trigger patterns of the 13
types (data/event_patterns.csv), dropped when the sentence speculates, recalls history
or is boilerplate (data/event_cues.csv); same-type candidates of an article merge into
one event (price statements stay one per material)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rechain.csvrows import read_rows
from rechain.extract.dates import find_date
from rechain.extract.quantities import Quantity

DATA = Path(__file__).parent / "data"
# When two types fire in one sentence with equal weight, the more specific wins.
SPECIFICITY = (
    "ENTITY_LISTING",
    "PRODUCTION_QUOTA",
    "EXPORT_CONTROL",
    "TRADE_MEASURE",
    "MERGER_ACQUISITION",
    "PRICE_MOVEMENT",
    "EXPLORATION_RESOURCE",
    "PERMIT_APPROVAL",
    "INVESTMENT_FUNDING",
    "PARTNERSHIP_AGREEMENT",
    "POLICY_DESIGNATION",
    "SUPPLY_DISRUPTION",
    "CAPACITY_EXPANSION",
)


@dataclass
class Mention:
    start: int
    end: int
    type: str
    name: str


@dataclass
class Event:
    type: str
    date: str | None
    actors: list[str]
    materials: list[str]
    places: list[str]
    quantities: list[dict[str, Any]]
    evidence: tuple[int, int]
    confidence: float
    extra: list[tuple[int, int]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "date": self.date,
            "actors": self.actors,
            "materials": self.materials,
            "places": self.places,
            "quantities": self.quantities,
            "evidence": list(self.evidence),
            "confidence": round(self.confidence, 3),
        }


@cache
def patterns(language: str) -> list[tuple[str, float, re.Pattern[str]]]:
    rows = read_rows(DATA / "event_patterns.csv", ["type", "language", "weight", "pattern"])
    return [
        (r["type"], float(r["weight"]), re.compile(r["pattern"], re.IGNORECASE))
        for _, r in rows
        if r["language"] == language
    ]


@cache
def cues(language: str) -> dict[str, re.Pattern[str]]:
    rows = read_rows(DATA / "event_cues.csv", ["kind", "language", "pattern"])
    return {r["kind"]: re.compile(r["pattern"], re.IGNORECASE) for _, r in rows if r["language"] == language}


def classify(sentence: str, language: str) -> tuple[str, float] | None:
    """The best event type a sentence states, with the trigger's weight; None if none."""
    lang = "zh" if language == "zh" else "en"
    cue = cues(lang)
    if cue["boilerplate"].search(sentence) or cue["speculation"].search(sentence):
        return None
    hits = [(t, w) for t, w, p in patterns(lang) if p.search(sentence)]
    if lang == "zh":  # Chinese sentences often carry English names and terms too
        hits += [(t, w - 0.05) for t, w, p in patterns("en") if p.search(sentence)]
    if not hits:
        return None
    if cue["price_exclusion"].search(sentence):
        hits = [h for h in hits if h[0] != "PRICE_MOVEMENT"]
    if not hits:
        return None
    return max(hits, key=lambda h: (h[1], -SPECIFICITY.index(h[0])))


def is_background(sentence: str, language: str, published: dt.date | None) -> bool:
    if not cues("zh" if language == "zh" else "en")["background"].search(sentence):
        return False
    date, _ = find_date(sentence, published)
    recent = date is not None and published is not None and date[:4] >= str(published.year - 1)
    return not recent


def detect_events(
    text: str,
    sentences: list[tuple[int, int]],
    mentions: list[Mention],
    quantities: list[Quantity],
    language: str,
    published: dt.date | None,
) -> list[Event]:
    candidates = []
    for position, (start, end) in enumerate(sentences):
        sentence = text[start:end]
        found = classify(sentence, language)
        if found is None or is_background(sentence, language, published):
            continue
        kind, weight = found
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        date, _ = find_date(sentence, published)
        candidates.append(
            Event(
                kind,
                date or (published.isoformat() if published else None),
                _names(inside, ("ORG",)),
                _names(inside, ("MATERIAL",)),
                _names(inside, ("PLACE", "COUNTRY", "CLUSTER")),
                [q.as_dict() for q in quantities if start <= q.start and q.end <= end],
                (start, end),
                min(1.0, weight * (1.0 if position < 3 else 0.9)),
            )
        )
    return merge(candidates)


def _names(mentions: list[Mention], types: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for m in mentions:
        if m.type in types and m.name not in out:
            out.append(m.name)
    return out


def merge(candidates: list[Event]) -> list[Event]:
    """One event per type per article; price statements stay one per material set."""
    merged: dict[tuple[str, ...], Event] = {}
    for event in candidates:
        key = (event.type, *sorted(event.materials)) if event.type == "PRICE_MOVEMENT" else (event.type,)
        if key not in merged:
            merged[key] = event
            continue
        kept = merged[key]
        for attribute in ("actors", "materials", "places"):
            values = getattr(kept, attribute)
            values += [v for v in getattr(event, attribute) if v not in values]
        kept.quantities += [q for q in event.quantities if q not in kept.quantities]
        kept.extra.append(event.evidence)
        kept.confidence = max(kept.confidence, event.confidence)
    return list(merged.values())
