"""Organisations the knowledge base does not know, found by their legal form
(orgs-v1), then linked to the KB by alias and fuzzy match with a score and a reason."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from rechain.extract.gazetteer import Gazetteer, strip_legal_form
from rechain.language import is_han
from rechain.vocab import fold

CAP = r"(?:[A-Z][\w&'.-]*|of|and|for|de|&)"
STRONG_FORMS = (
    r"Co\.,?\s?Ltd\.?|Co\.|Corp(?:oration)?\.?|Inc\.?|Ltd\.?|Limited|LLC|PLC|plc|AG|GmbH|S\.A\.|"
    r"Pty\.? Ltd\.?|N\.V\.|Holdings|Group|Association|Institute|Ministry|Agency|Commission|Bank|Council|"
    r"Laboratory|University|Report|Review|Wire|Daily|Weekly|News|Bulletin|Herald|Today|Monitor|Desk|"
    r"Journal|Times|Post|Insider|Gazette|Digest|Observer"
)
WEAK_FORMS = (
    r"Resources|Minerals|Metals|Materials|Mining|Magnetics|Magnets|Rare Earths?|Technologies|Technology|Industries"
)
EN_ORG = re.compile(rf"\b((?:[A-Z][\w&'.-]*[ \t]+)(?:{CAP}[ \t]+){{0,6}}(?:{STRONG_FORMS}|(?P<weak>{WEAK_FORMS}))\b)")
# Government bodies name their function after the form: 'Department of Commerce', 'Bureau of
# Industry and Security'; a country before them belongs to the name ('U.S. Department of ...').
EN_GOV = re.compile(
    r"(?<![\w.])((?:(?P<country>U\.S\.|US|UK)[ \t]+)?"
    r"(?:Department|Ministry|Bureau|Office|Administration|State Administration)"
    r"[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[A-Z][\w'-]*(?:,?[ \t]+(?:and[ \t]+|of[ \t]+|for[ \t]+)?[A-Z][\w'-]*)*)"
)
DEMONYMS = {
    "Chinese",
    "American",
    "Japanese",
    "Australian",
    "European",
    "Western",
    "Korean",
    "Indian",
    "Canadian",
    "Global",
    "Strategic",
    "Critical",
    "National",
    "Implications",
    "Recent",
    "New",
}
ZH_ORG = re.compile(
    r"(?:^|(?<=[\s，。；：、“”（）()《》]))"
    r"([\u4e00-\u9fff（）()]{2,22}?(?:股份有限公司|有限责任公司|有限公司|集团|研究院|研究所|协会|大学))"
)
ZH_NOT_NAMES = (
    "有利于",
    "本次",
    "签订",
    "降低",
    "对公司",
    "全资子公司",
    "控股子公司",
    "公司",
    "该",
    "其",
    "旗下",
    "以及",
)
LINK_SCORE = 90.0
# Roles of world entries (data/extra_entities.csv notes) that report or host news, never act in it.
NON_ACTOR_ROLES = frozenset({"news agency", "price reporting agency", "market research", "stock exchange"})
MEDIA_NAME = re.compile(
    r"\b(?:Report|Review|Wire|Daily|Weekly|News|Bulletin|Herald|Today|Monitor|Desk|Journal|Times|Post|Insider|"
    r"Gazette|Digest|Observer|Tracker)$|(?:时报|日报|晚报|新闻|证券报|上证报|新华社|网)$"
)
MONTH_WORDS = frozenset(
    {
        *("January", "February", "March", "April", "May", "June", "July", "August"),
        *("September", "October", "November", "December", "Monday", "Tuesday", "Wednesday"),
        *("Thursday", "Friday", "Saturday", "Sunday"),
    }
)
STOP_START = {"The", "A", "An", "In", "On", "At", "For", "Its", "This", "That", "By", "With", "And", "As", "From"}


@dataclass(frozen=True)
class Discovered:
    start: int
    end: int
    name: str
    linked_id: str | None
    score: float
    reason: str


DATELINE_REASON = "named in the dateline"
DATELINE_SOURCE = re.compile(r"\(([A-Z][\w&.'’ -]{2,48}?)\)\s*[-–—]")


def dateline_publisher(text: str) -> Discovered | None:
    """The publisher a dateline names: 'PERTH, March 3 (Asia Resources Wire) -'."""
    match = DATELINE_SOURCE.search(text[:400])
    if not match:
        return None
    start, end = match.span(1)
    return Discovered(start, end, match.group(1).strip(), None, 0.0, DATELINE_REASON)


def discover_orgs(text: str, taken: list[tuple[int, int]], gazetteer: Gazetteer) -> list[Discovered]:
    found = []
    for pattern in (EN_GOV, EN_ORG, ZH_ORG):
        for match in pattern.finditer(text):
            start, end = match.span(1)
            name = match.group(1).strip()
            while name.split(" ", 1)[0] in STOP_START and " " in name:
                first = name.split(" ", 1)[0]
                name = name[len(first) + 1 :]
                start += len(first) + 1
            name, start = _after_sentence_break(name, start)
            # the country opening a government body's name is also a country mention of its own
            body = match.end("country") if pattern is EN_GOV and match.group("country") else start
            if any(a < end and body < b for a, b in taken) or len(strip_legal_form(name)) < 2:
                continue
            if pattern is ZH_ORG and (name.startswith(ZH_NOT_NAMES) or any(w in name for w in ZH_NOT_NAMES[:7])):
                continue
            if pattern is EN_ORG and not _plausible(name, match, text):
                continue
            linked, score, reason = link(name, gazetteer)
            found.append(Discovered(start, start + len(name), name, linked, score, reason))
            taken.append((start, start + len(name)))
    return found


SENTENCE_BREAK = re.compile(r"(?<=[a-z]{3})\.\s+(?=[A-Z])")


def _after_sentence_break(name: str, start: int) -> tuple[str, int]:
    """'April. Base Resources' -> 'Base Resources': a name does not run across a full stop
    (abbreviations such as 'Co.' or 'U.S.' end in short or capital words and stay)."""
    breaks = list(SENTENCE_BREAK.finditer(name))
    if not breaks or name[: breaks[-1].start()].rsplit(" ", 1)[-1].lower() in ("corp", "pty", "bros"):
        return name, start
    cut = breaks[-1].end()
    return name[cut:], start + cut


def is_media(name: str) -> bool:
    """'Asia Metals Desk', 'Economic Times', '证券时报': a publication, not a party to events."""
    return bool(MEDIA_NAME.search(name.strip()))


def acts(entity_role: str, name: str, from_dateline: bool = False) -> bool:
    """Whether an organisation can be an event's actor: publishers, wires and exchanges cannot."""
    return not (from_dateline or entity_role in NON_ACTOR_ROLES or is_media(name))


def proposable(entity: dict[str, object]) -> bool:
    """Whether an unknown organisation is a claim a reviewer could accept as it stands: found by
    its legal form (not a world entry such as an exchange), not a publisher, not a fragment."""
    link = entity.get("link")
    name = str(entity.get("name") or "")
    if entity.get("type") != "ORG" or entity.get("id") or not isinstance(link, dict):
        return False
    words = name.replace(".", " ").split()
    fragment = not words or words[0] in MONTH_WORDS or ". " in name or not (name[:1].isupper() or is_han(name[0]))
    return link.get("reason") != DATELINE_REASON and not is_media(name) and not fragment


def _plausible(name: str, match: re.Match[str], text: str) -> bool:
    """Reject headline phrases: 'Reinforcing Strategic Minerals', 'Chinese Rare Earth'."""
    words = name.split()
    if len(words) < 2 or words[0] in DEMONYMS or words[0].endswith("ing"):
        return False
    if not match.group("weak"):
        return True
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line = text[line_start : line_end if line_end != -1 else len(text)].split()
    capitalised = sum(1 for w in line if w[:1].isupper())
    return len(line) > 3 and capitalised / len(line) < 0.6  # a weak suffix in a title-case line is a headline


@cache
def _org_index(gazetteer: Gazetteer) -> dict[str, str]:
    index = {}
    for _, (_, entry) in gazetteer.automaton.items():
        if entry.type == "ORG":
            index[fold(strip_legal_form(entry.label))] = entry.id
    return index


def link(name: str, gazetteer: Gazetteer) -> tuple[str | None, float, str]:
    """(KB id or None, score, reason) for a discovered organisation name."""
    index = _org_index(gazetteer)
    key = fold(strip_legal_form(name))
    if key in index:
        return index[key], 100.0, "alias without legal form"
    best = process.extractOne(key, list(index), scorer=fuzz.token_sort_ratio, score_cutoff=LINK_SCORE)
    if best:
        return index[best[0]], float(best[1]), f"fuzzy token_sort_ratio {best[1]:.0f} with {best[0]!r}"
    return None, 0.0, "no knowledge-base organisation close enough"
