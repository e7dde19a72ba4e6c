"""Turning knowledge-base rows into sources, entities and claims.

One claim per (fact, source): a row naming two sources yields two claims, so each
source can be shown, weighed and retracted on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from rechain import vocab
from rechain.kb.files import KbRow
from rechain.model import CONFIDENCE_LEVELS, Claim, Entity, EntityType, Source
from rechain.vocab import fold

VOCABULARY_SOURCE = "rechain-vocabulary"  # the source of names read from vocab/, not from kb/data

# Plain cells of entity rows and the claim property each becomes (lists: one claim per item).
ENTITY_PROPERTIES: dict[str, dict[str, str]] = {
    "places": {
        "name": "name",
        "name_zh": "name_zh",
        "aliases": "alias",
        "kind": "kind",
        "country": "country",
        "parent": "parent",
        "note": "note",
    },
    "organizations": {
        "name": "name",
        "name_zh": "name_zh",
        "aliases": "alias",
        "kind": "kind",
        "country": "country",
        "place": "place",
        "stages": "stage",
        "website": "website",
        "note": "note",
    },
    "facilities": {
        "name": "name",
        "name_zh": "name_zh",
        "aliases": "alias",
        "operator": "operator",
        "country": "country",
        "place": "place",
        "stage": "stage",
        "deposit_type": "deposit_type",
        "products": "product",
        "status": "status",
        "start_year": "start_year",
        "note": "note",
    },
    "clusters": {
        "name": "name",
        "name_zh": "name_zh",
        "aliases": "alias",
        "place": "place",
        "country": "country",
        "note": "note",
    },
}


@dataclass
class KbContent:
    sources: list[Source] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def material_id(name: str) -> str:
    return "material:" + name.replace(" ", "-")


def kb_content(rows: list[KbRow]) -> KbContent:
    """Sources, entities and claims of validated rows, plus vocabulary entities."""
    content = KbContent()
    content.sources.append(Source(VOCABULARY_SOURCE, "dataset", "rechain", "rechain vocabulary files"))
    for row in rows:
        if row.kind == "sources":
            content.sources.append(_source(row))
        elif row.kind in ENTITY_PROPERTIES:
            content.entities.append(_entity(row))
            content.claims += _entity_claims(row)
        else:
            content.claims += list(FACT_CLAIMS[row.kind](row))
    content.entities += _vocabulary_entities()
    content.claims += _vocabulary_claims()
    return content


def _source(row: KbRow) -> Source:
    c = row.cells
    return Source(c["id"], "dataset", c["publisher"], c["title"], c["year"], c["url"], c["note"])


def _entity(row: KbRow) -> Entity:
    from rechain.kb.files import kinds

    return Entity(row.cells["id"], EntityType(kinds()[row.kind]["entity"]), row.cells["name"])


def _claims(row: KbRow, subject: str, prop: str, value: Any, **kw: Any) -> Iterator[Claim]:
    """One claim per source the row names."""
    confidence = CONFIDENCE_LEVELS[row.cells["confidence"]]
    for source in row.cells["source"]:
        yield Claim(subject, prop, value, source, confidence=confidence, **kw)


def _entity_claims(row: KbRow) -> Iterator[Claim]:
    c, subject = row.cells, row.cells["id"]
    for column, prop in ENTITY_PROPERTIES[row.kind].items():
        values = c.get(column)
        for value in values if isinstance(values, list) else [values]:
            if value is not None:
                yield from _claims(row, subject, prop, value)
    if c.get("lat") is not None and c.get("lon") is not None:
        location = {"lat": c["lat"], "lon": c["lon"], "precision": c.get("coord_precision") or "city"}
        yield from _claims(row, subject, "location", location)
    if row.kind == "facilities" and c["capacity"] is not None:
        qualifiers = {"unit": c["capacity_unit"], "basis": c["capacity_basis"], "year": c["capacity_year"]}
        yield from _claims(row, subject, "capacity", c["capacity"], qualifiers=qualifiers)
    if row.kind == "clusters" and c["designation"]:
        yield from _claims(row, subject, "designation", c["designation"], qualifiers={"year": c["designated_year"]})


def _capacity(row: KbRow) -> Iterator[Claim]:
    c = row.cells
    qualifiers = {"unit": c["unit"], "basis": c["basis"], "year": c["year"], "phase_status": c["status"]}
    qualifiers |= {"figure": c["figure"], "grade_pct": c["grade_pct"]}
    yield from _claims(row, c["facility"], "capacity", c["value"], qualifiers=qualifiers, note=c["note"])


def _org_capacity(row: KbRow) -> Iterator[Claim]:
    """A group- or company-level figure: its own claim, never one of a plant's capacities."""
    c = row.cells
    keys = ("scope", "country", "stage", "material", "unit", "basis", "year", "status", "figure", "includes")
    qualifiers = {k: c[k] for k in keys}
    yield from _claims(row, c["organization"], "org_capacity", c["value"], qualifiers=qualifiers, note=c["note"])


def _ownership(row: KbRow) -> Iterator[Claim]:
    c = row.cells
    qualifiers = {"share_pct": c["share_pct"], "as_of": c["as_of"]}
    yield from _claims(row, c["owned"], "owner", c["owner"], qualifiers=qualifiers, note=c["note"])


def _production(row: KbRow) -> Iterator[Claim]:
    c = row.cells
    qualifiers = {k: c[k] for k in ("material", "stage", "year", "unit", "basis", "edition")}
    yield from _claims(
        row, c["country"], c["measure"], c["value"], qualifiers=qualifiers, valid_from=str(c["year"]), note=c["note"]
    )


def _quota(row: KbRow) -> Iterator[Claim]:
    c = row.cells
    qualifiers = {k: c[k] for k in ("quota", "ore_type", "batch", "year", "unit", "basis", "issued")}
    yield from _claims(
        row, c["company"] or "CN", "quota", c["value"], qualifiers=qualifiers, valid_from=str(c["year"]), note=c["note"]
    )


def _supply_link(row: KbRow) -> Iterator[Claim]:
    c = row.cells
    qualifiers = {k: c[k] for k in ("material", "kind", "start_year", "end_year", "volume", "volume_unit")}
    yield from _claims(row, c["supplier"], "supplies", c["customer"], qualifiers=qualifiers, note=c["note"])


def _cluster_member(row: KbRow) -> Iterator[Claim]:
    c = row.cells
    qualifiers = {"role": c["role"], "membership": c["membership"]}
    yield from _claims(row, c["cluster"], "member", c["member"], qualifiers=qualifiers, note=c["note"])


def _control(row: KbRow) -> Iterator[Claim]:
    """A whole measure is one claim: its scope only makes sense read together."""
    c = row.cells
    measure = {k: v for k, v in c.items() if k not in ("source", "confidence", "note")}
    yield from _claims(row, f"control:{c['id']}", "control", measure, valid_from=c["effective"], note=c["note"])


def _control_listing(row: KbRow) -> Iterator[Claim]:
    c = row.cells
    listing = {k: v for k, v in c.items() if k not in ("source", "confidence", "note")}
    subject = c["entity"] or "listed:" + fold(c["entity_name"]).replace(" ", "-")
    yield from _claims(row, subject, "listing", listing, valid_from=c["effective"] or c["announced"], note=c["note"])


def _governance(row: KbRow) -> Iterator[Claim]:
    c = row.cells
    qualifiers = {"indicator": c["indicator"], "year": c["year"]}
    yield from _claims(row, c["country"], "governance", c["estimate"], qualifiers=qualifiers, note=c["note"])


def _published_share(row: KbRow) -> Iterator[Claim]:
    c = row.cells
    qualifiers = {k: c[k] for k in ("stage", "material", "measure", "year")}
    yield from _claims(row, c["country"], "published_share", c["share_pct"], qualifiers=qualifiers, note=c["note"])


def _element_distribution(row: KbRow) -> Iterator[Claim]:
    c = row.cells
    qualifiers = {k: c[k] for k in ("deposit", "deposit_type", "element", "country")}
    yield from _claims(
        row, c["facility"] or c["country"], "element_share", c["pct_of_reo"], qualifiers=qualifiers, note=c["note"]
    )


def _demand(row: KbRow) -> Iterator[Claim]:
    c = row.cells
    qualifiers = {k: c[k] for k in ("end_use", "material", "year", "unit")}
    yield from _claims(row, c["region"], "demand", c["value"], qualifiers=qualifiers, note=c["note"])


def _intensity(row: KbRow) -> Iterator[Claim]:
    c = row.cells
    value = {"min": c["value_min"], "max": c["value_max"]}
    qualifiers = {k: c[k] for k in ("product", "end_use", "material", "unit")}
    yield from _claims(
        row, "material:" + c["material"].replace(" ", "-"), "intensity", value, qualifiers=qualifiers, note=c["note"]
    )


def _price(row: KbRow) -> Iterator[Claim]:
    c = row.cells
    qualifiers = {k: c[k] for k in ("kind", "market", "currency", "unit", "vat", "date")}
    if c["note_subject"]:
        qualifiers["subject"] = c["note_subject"]
    yield from _claims(row, material_id(c["material"]), "price", c["value"], qualifiers=qualifiers, note=c["note"])


def _trade(row: KbRow) -> Iterator[Claim]:
    """A monthly (or yearly) trade figure as the reporter's customs publish it, with the
    year-on-year and month-on-month changes the source states."""
    c = row.cells
    names = ("flow", "partner", "material", "hs_code", "period", "unit", "change_yoy_pct", "change_mom_pct")
    qualifiers = {k: c[k] for k in names}
    yield from _claims(
        row, c["reporter"], "trade", c["value"], qualifiers=qualifiers, valid_from=c["period"], note=c["note"]
    )


FACT_CLAIMS = {
    "prices": _price,
    "element_distributions": _element_distribution,
    "demand": _demand,
    "intensities": _intensity,
    "trade": _trade,
    "controls": _control,
    "control_listings": _control_listing,
    "governance": _governance,
    "published_shares": _published_share,
    "capacities": _capacity,
    "org_capacities": _org_capacity,
    "ownership": _ownership,
    "production": _production,
    "quotas": _quota,
    "supply_links": _supply_link,
    "cluster_members": _cluster_member,
}


def _vocabulary_entities() -> list[Entity]:
    countries = [Entity(c.code, EntityType.COUNTRY, c.name) for c in vocab.countries().values()]
    materials = [Entity(material_id(m.name), EntityType.MATERIAL, m.name) for m in vocab.materials().values()]
    return countries + materials


def _vocabulary_claims() -> Iterator[Claim]:
    def named(subject: str, name: str, name_zh: str, aliases: tuple[str, ...]) -> Iterator[Claim]:
        yield Claim(subject, "name", name, VOCABULARY_SOURCE, confidence=1.0)
        if name_zh:
            yield Claim(subject, "name_zh", name_zh, VOCABULARY_SOURCE, confidence=1.0)
        for alias in aliases:
            yield Claim(subject, "alias", alias, VOCABULARY_SOURCE, confidence=1.0)

    for country in vocab.countries().values():
        yield from named(country.code, country.name, country.name_zh, country.aliases)
    for material in vocab.materials().values():
        yield from named(material_id(material.name), material.name, "", material.aliases)
