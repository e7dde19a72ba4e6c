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
from rechain.extract.prices import price_details, statements
from rechain.extract.quantities import Quantity
from rechain.language import is_han

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
    actor: bool = True  # publishers, news agencies and exchanges are named, never acting


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
    refs: set[str] = field(default_factory=set)
    price: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        price = {"price": self.price} if self.price else {}
        return {
            "type": self.type,
            "date": self.date,
            "actors": self.actors,
            "materials": self.materials,
            "places": self.places,
            "quantities": self.quantities,
            "evidence": list(self.evidence),
            "confidence": round(self.confidence, 3),
        } | price


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


HAN_LANGUAGES = ("zh", "ja")  # Japanese news writes the Chinese trade terms in kanji


def classify(sentence: str, language: str) -> tuple[str, float] | None:
    """The best event type a sentence states, with the trigger's weight; None if none."""
    lang = "zh" if language in HAN_LANGUAGES else "en"
    cue = cues(lang)
    if cue["boilerplate"].search(sentence):
        return None
    hits = _hits(sentence, lang, 0.0)
    if language not in (lang, "zh"):  # Japanese, French ... triggers of their own beside the script's
        hits += _hits(sentence, language, 0.0)
    if lang == "zh":  # Chinese sentences often carry English names and terms too
        hits += _hits(sentence, "en", 0.05)
    if cue["price_exclusion"].search(sentence):
        hits = [h for h in hits if h[0] != "PRICE_MOVEMENT"]
    if not hits:
        return None
    # Among the strong triggers, the one nearest the start (the main clause) decides the type.
    best = max(w for _, w, _ in hits)
    kind, weight, position = min((h for h in hits if h[1] >= best - 0.05), key=lambda h: (h[2], -h[1]))
    # Plans and forecasts count anywhere in the sentence; a modal only when it governs the trigger.
    speculative = cue["speculation"].search(sentence) or cue["modal"].search(sentence[:position])
    return None if speculative else (kind, weight)


def _hits(sentence: str, lang: str, penalty: float) -> list[tuple[str, float, int]]:
    """(type, weight, position) of every trigger not negated just before it."""
    negation = cues(lang).get("negation")
    found = []
    for kind, weight, pattern in patterns(lang):
        match = pattern.search(sentence)
        if match and not (negation and negation.search(sentence[max(0, match.start() - 30) : match.start()])):
            found.append((kind, weight - penalty, match.start()))
    return found


HISTORY_DAYS = 62  # an event the text dates further back than this is recalled history


def is_background(sentence: str, language: str, published: dt.date | None) -> bool:
    """Recollections ('follows the decision', 'since 2020', 此前) and events dated well
    before the article are background, not news."""
    if cues("zh" if language in HAN_LANGUAGES else "en")["background"].search(sentence):
        return True
    date, _ = find_date(sentence, published)
    if date is None or published is None:
        return False
    stated = parse_partial(date)
    return stated is not None and (published - stated).days > HISTORY_DAYS


def parse_partial(text: str) -> dt.date | None:
    """The last day a YYYY, YYYY-MM or YYYY-MM-DD date can mean (so a month counts as late as possible)."""
    parts = [int(x) for x in text.split("-")]
    try:
        if len(parts) == 3:
            return dt.date(*parts)
        if len(parts) == 2:
            nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(parts[0], 12, 31)
    except ValueError:
        return None


def detect_events(
    text: str,
    sentences: list[tuple[int, int]],
    mentions: list[Mention],
    quantities: list[Quantity],
    language: str,
    published: dt.date | None,
    published_label: str | None = None,
) -> list[Event]:
    """Events of an article. An event whose sentence states no date takes the day or month the
    text last stated ('On 7 March ... . Dy oxide fell ...'), else the article's date as given."""
    candidates: list[Event] = []
    context = published_label or (published.isoformat() if published else None)
    for position, (start, end) in enumerate(sentences):
        sentence = text[start:end]
        found = classify(sentence, language) if _statement_sized(sentence) else None
        background = is_background(sentence, language, published)
        date, _ = find_date(sentence, published)
        if date and len(date) >= 7 and not background:
            context = date
        if found is None or background:
            continue
        weight = min(1.0, found[1] * (1.0 if position < 3 else 0.9))
        for kind, (a, b) in _typed_clauses(text, (start, end), found[0], language):
            inside = [m for m in mentions if a <= m.start and m.end <= b]
            figures = [q for q in quantities if a <= q.start and q.end <= b]
            actors = [m for m in inside if m.actor and m.type == "ORG"]
            if kind == "MERGER_ACQUISITION":
                actors = acquirer_first(text, actors)
            event = Event(
                kind,
                date or context,
                _names(actors, ("ORG",)),
                _names(inside, ("MATERIAL",)),
                _names(inside, ("PLACE", "COUNTRY", "CLUSTER")),
                [q.as_dict() for q in figures],
                (a, b),
                weight,
                refs=set(REFERENCE.findall(text[a:b])),
            )
            candidates += _split_prices(event, text, inside, figures) if kind == "PRICE_MOVEMENT" else [event]
    return _drop_figureless_prices(merge(candidates))


CLAUSE_BREAK = re.compile(r";\s+|；|，|,\s+(?=(?:and|while|but|whereas)\b)|(?<=[\u4e00-\u9fff]),(?=[\u4e00-\u9fff])")


def _typed_clauses(text: str, span: tuple[int, int], kind: str, language: str) -> list[tuple[str, tuple[int, int]]]:
    """A sentence often reports two things ('Production fell 18%, and NdPr output was down
    14%; prices were weaker ...', '...实施出口管制后,稀土金属价格飙升'): each clause that states
    an event of its own is one; else the sentence is one event of its type."""
    start, end = span
    cuts = [start] + [m.end() for m in CLAUSE_BREAK.finditer(text, start, end)] + [end]
    typed: list[tuple[str, tuple[int, int]]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        found = classify(text[a:b], language) if _statement_sized(text[a:b]) else None
        if not found:
            continue
        if typed and typed[-1][0] == found[0] and found[0] not in PER_STATEMENT | PER_SCOPE:
            typed[-1] = (found[0], (typed[-1][1][0], b))  # one measure told over two clauses
        else:
            typed.append((found[0], (a, b)))
    return typed if len(typed) > 1 else [(kind, span)]


def _statement_sized(sentence: str) -> bool:
    """A line of one or two words ('raised', 'Price floor') is a label or a link, not a report."""
    han = sum(1 for ch in sentence if is_han(ch))
    return han >= 6 if han else len(sentence.split()) >= 3


ACQUIRER_AFTER = re.compile(r"\A(?:['’]s)?\s*(?:[\w-]+\s+){0,2}?(?:takeover|acquisition|bid|offer|purchase)\b", re.I)
ACQUIRER_BEFORE = re.compile(r"\b(?:by|from)\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,3}$", re.I)


def acquirer_first(text: str, actors: list[Mention]) -> list[Mention]:
    """'Peak accepts Shenghe's bid', 'takeover of Peak by Shenghe': the buyer leads the actors,
    so 'X acquires Y' claims read the right way round; otherwise the order of the text."""
    buyers = [m for m in actors if _named_as_buyer(text, m)]
    return buyers + [m for m in actors if m not in buyers]


def _named_as_buyer(text: str, mention: Mention) -> bool:
    after = text[mention.end : mention.end + 40]
    before = text[max(0, mention.start - 40) : mention.start]
    return bool(ACQUIRER_AFTER.match(after) or ACQUIRER_BEFORE.search(before))


def _drop_figureless_prices(events: list[Event]) -> list[Event]:
    """'Prices climbed this week' beside priced statements is a summary, not another event;
    a figureless statement that names its materials ('Dy and Tb oxides also gained') is one."""
    priced = any(e.type == "PRICE_MOVEMENT" and e.quantities for e in events)
    return [e for e in events if not (priced and e.type == "PRICE_MOVEMENT" and not e.quantities and not e.materials)]


REFERENCE = re.compile(r"(?:No\.\s?|第)(\d{1,4})\s?号")


def _split_prices(event: Event, text: str, inside: list[Mention], figures: list[Quantity]) -> list[Event]:
    """One PRICE_MOVEMENT per price statement of the sentence, each with its `price` object."""
    materials = [(m.start, m.name) for m in inside if m.type == "MATERIAL"]
    found = statements(text, event.evidence, materials, figures)
    if not found:
        return [event]
    events = []
    for statement in found:
        events.append(
            Event(
                event.type,
                event.date,
                event.actors,
                statement.materials or event.materials,
                event.places,
                [q.as_dict() for q in statement.figures],
                event.evidence,
                event.confidence,
                price=price_details(text, statement, event.evidence, event.date),
            )
        )
    return events


def _names(mentions: list[Mention], types: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for m in mentions:
        if m.type in types and m.name not in out:
            out.append(m.name)
    return out


def merge(candidates: list[Event]) -> list[Event]:
    """A sentence restating an earlier event of its type (no new actor, material or figure)
    joins it; a sentence with its own specifics is an event of its own."""
    kept: list[Event] = []
    for event in candidates:
        earlier = next((k for k in kept if k.type == event.type and _restates(event, k)), None)
        if earlier is None:
            kept.append(event)
            continue
        if earlier.type == "PRICE_MOVEMENT" and not earlier.quantities and event.quantities:
            kept[kept.index(earlier)] = event  # a summary line yields to the statement with figures
            continue
        earlier.actors += [a for a in event.actors if a not in earlier.actors]  # the partner named later
        earlier.places += [p for p in event.places if p not in earlier.places]
        earlier.refs |= event.refs
        earlier.extra.append(event.evidence)
        earlier.confidence = max(earlier.confidence, event.confidence)
    return kept


# Types whose articles often report several events of the type, one per statement.
PER_STATEMENT = {"PRICE_MOVEMENT"}
ONE_PER_ARTICLE = {"PRODUCTION_QUOTA", "POLICY_DESIGNATION"}
RATED = {"TRADE_MEASURE"}  # a tariff at other rates or on other amounts is another tariff
PER_SCOPE = {"SUPPLY_DISRUPTION", "EXPORT_CONTROL", "ENTITY_LISTING", "TRADE_MEASURE"}


def _restates(event: Event, earlier: Event) -> bool:
    """Whether a later sentence of the same type tells the same event again."""
    new_figures = [q for q in event.quantities if q not in earlier.quantities]
    if event.type in ONE_PER_ARTICLE:
        return True
    if event.type in PER_STATEMENT:
        return not new_figures and not set(event.materials) - set(earlier.materials)
    if event.refs - earlier.refs:  # another numbered announcement is another measure
        return False
    # a later sentence naming who acted in an event told without actors tells it again
    new_actors = set(event.actors) - set(earlier.actors) if earlier.actors else set()
    if event.type in PER_SCOPE:
        new_places = set(event.places) - set(earlier.places)
        # two measured statements (each with its own figures) are two events
        measured = new_figures and (new_places or earlier.quantities or event.type in RATED)
        return not (set(event.materials) - set(earlier.materials) or new_actors or measured)
    return not (earlier.actors and new_actors and new_figures)
