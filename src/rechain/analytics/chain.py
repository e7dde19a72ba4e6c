"""Walking the chain by stage (chain-v1): from a place, a material or an entity,
upstream and downstream, every step naming the entity and its sources."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from rechain import vocab
from rechain.analytics.capacity import capacity_label, shown_headline
from rechain.analytics.elements import element_shares, supplies_element
from rechain.kb.claims import material_id
from rechain.model import EntityType
from rechain.results import Report, Row, Section
from rechain.store import Store
from rechain.views import Profile, cite, profile, profiles

ALGORITHM = "chain-v1"
MAX_HOPS = 4


@dataclass(frozen=True)
class ChainNode:
    id: str
    name: str
    type: str
    stage: str
    relation: str  # "here", "upstream", "downstream"
    operator: str | None
    products: list[str]
    capacity: str | None
    status: str | None
    sources: str


def _node(p: Profile, stage: str, relation: str, names: dict[str, str]) -> ChainNode:
    best = shown_headline(p)
    capacity = capacity_label(best, p) if best else None
    return ChainNode(
        p.id,
        p.name,
        p.type,
        stage,
        relation,
        names.get(p.value("operator") or ""),
        p.values("product"),
        capacity,
        p.value("status"),
        cite(p.sources, p.source_ids()),
    )


def _stages_of(p: Profile) -> list[str]:
    if p.type == EntityType.FACILITY:
        return [p.value("stage")] if p.value("stage") else []
    return [s for s in p.values("stage") if s]


def _assemble(store: Store, relations: dict[str, str], own: tuple[int, int] | None = None) -> dict[str, Any]:
    """Group entities (id -> relation) by stage in chain order; with `own` (the entity's first and
    last stage order) an up- or downstream firm shows only at the stages beyond it."""
    found = profiles(store, ids=relations)
    operators = {p.value("operator") for p in found.values()} - {None}
    names = {i: p.name for i, p in profiles(store, ids=operators).items()}
    by_stage: dict[str, list[ChainNode]] = defaultdict(list)
    order = {s.name: s.order for s in vocab.stages()}
    for entity_id, p in found.items():
        relation = relations[entity_id]
        for stage in _stages_of(p):
            if own and relation != "here" and not _in_direction(order.get(stage), relation, own):
                continue
            by_stage[stage].append(_node(p, stage, relation, names))
    stages = [
        {"stage": s, "entities": [asdict(n) for n in sorted(by_stage[s], key=lambda n: (n.relation != "here", n.name))]}
        for s in vocab.stage_names()
        if by_stage.get(s)
    ]
    return {"algorithm": ALGORITHM, "stages": stages}


def _descendant_places(store: Store, root: str) -> set[str]:
    children: dict[str, set[str]] = defaultdict(set)
    for c in store.claims(property="parent"):
        children[c.value].add(c.subject)
    found, todo = {root}, [root]
    while todo:
        for child in children[todo.pop()] - found:
            found.add(child)
            todo.append(child)
    return found


def _located_in(store: Store, places: set[str]) -> set[str]:
    located = {c.subject for c in store.claims(property="place") if c.value in places}
    clusters = {e.id for e in store.entities_by_ids(located) if e.type == EntityType.CLUSTER}
    members = {c.value for c in store.claims(subject=list(clusters), property="member")} if clusters else set()
    return (located | members) - places - clusters


def _drop_orgs_with_facilities(store: Store, ids: set[str]) -> set[str]:
    """An organization whose facilities are listed is shown through them, not twice."""
    operators = {c.value for c in store.claims(property="operator") if c.subject in ids}
    return ids - operators


def chain_for_place(store: Store, place_id: str) -> dict[str, Any]:
    ids = _drop_orgs_with_facilities(store, _located_in(store, _descendant_places(store, place_id)))
    return {"from": place_id, **_assemble(store, dict.fromkeys(ids, "here"))}


def _linked(store: Store, start: set[str], direction: str) -> set[str]:
    """Entities reached over supply links, up to MAX_HOPS steps."""
    links = store.claims(property="supplies")
    edges: dict[str, set[str]] = defaultdict(set)
    for c in links:
        a, b = (c.value, c.subject) if direction == "upstream" else (c.subject, c.value)
        edges[a].add(b)
    found: set[str] = set()
    frontier = set(start)
    for _ in range(MAX_HOPS):
        frontier = {n for f in frontier for n in edges[f]} - found - start
        found |= frontier
    return found


def chain_for_entity(store: Store, entity_id: str) -> dict[str, Any]:
    p = profile(store, entity_id)
    if p is None:
        return {"from": entity_id, "algorithm": ALGORITHM, "stages": []}
    if p.type == EntityType.PLACE:
        return chain_for_place(store, entity_id)
    if p.type == EntityType.MATERIAL:
        return chain_for_material(store, p.name)
    here = {entity_id}
    if p.type == EntityType.CLUSTER:
        here = _drop_orgs_with_facilities(
            store, set(p.values("member")) - set(_descendant_places(store, p.value("place") or ""))
        )
    elif p.type == EntityType.COUNTRY:
        here = _drop_orgs_with_facilities(
            store, {c.subject for c in store.claims(property="country") if c.value == entity_id}
        )
    elif p.type == EntityType.ORG:
        here |= {c.subject for c in store.claims(property="operator") if c.value == entity_id}
    operated = store.claims(property="operator")
    anchors = here | {c.value for c in operated if c.subject in here}
    stage_of = {c.subject: c.value for c in store.claims(property="stage")}
    order = {s.name: s.order for s in vocab.stages()}
    own = _own_stages(here, stage_of)
    relations: dict[str, str] = {}
    for direction in ("upstream", "downstream"):
        linked = _linked(store, anchors, direction)
        facilities = {c.subject for c in operated if c.value in linked}
        if own:
            facilities = {f for f in facilities if _in_direction(order.get(stage_of.get(f, "")), direction, own)}
        relations.update(dict.fromkeys(_drop_orgs_with_facilities(store, linked | facilities), direction))
    relations.update(dict.fromkeys(here, "here"))
    return {"from": entity_id, **_assemble(store, relations, own)}


def _own_stages(here: set[str], stage_of: dict[str, str]) -> tuple[int, int] | None:
    """The first and last stage order of the entity's own plants."""
    order = {s.name: s.order for s in vocab.stages()}
    own = [order[stage_of[h]] for h in here if stage_of.get(h) in order]
    return (min(own), max(own)) if own else None


def _in_direction(stage_order: int | None, direction: str, own: tuple[int, int]) -> bool:
    """Downstream lies after the entity's first stage, upstream before its last: a customer's
    mine is not downstream of a miner."""
    if stage_order is None:
        return True
    return stage_order > own[0] if direction == "downstream" else stage_order < own[1]


def _flow_closure(start: set[str], direction: str) -> set[str]:
    edges: dict[str, set[str]] = defaultdict(set)
    for flow in vocab.material_flows():
        a, b = (flow.output, flow.input) if direction == "upstream" else (flow.input, flow.output)
        edges[a].add(b)
    found: set[str] = set()
    todo = list(start)
    while todo:
        for nxt in edges[todo.pop()] - found - start:
            found.add(nxt)
            todo.append(nxt)
    return found


def material_family(name: str) -> set[str]:
    """A material and the vocabulary materials made of its element (dysprosium -> dysprosium oxide...)."""
    materials = vocab.materials()
    material = materials.get(name)
    family = {name}
    if material and material.element:
        family |= {m.name for m in materials.values() if m.element == material.element}
    if name == "permanent magnet":  # the generic name covers every magnet kind
        family |= {m.name for m in materials.values() if m.kind == "magnet"}
    return family


def chain_for_material(store: Store, name: str) -> dict[str, Any]:
    family = material_family(name)
    upstream, downstream = _flow_closure(family, "upstream"), _flow_closure(family, "downstream")
    relation_of = {
        **dict.fromkeys(downstream, "downstream"),
        **dict.fromkeys(upstream, "upstream"),
        **dict.fromkeys(family, "here"),
    }
    relations: dict[str, str] = {}
    for c in store.claims(property="product"):
        if c.value in relation_of:
            previous = relations.get(c.subject)
            if previous != "here":
                relations[c.subject] = relation_of[c.value]
    left_out = _mines_without(store, name, relations)
    for entity_id in left_out:
        relations.pop(entity_id)
    return {"from": material_id(name), **_assemble(store, relations), "left_out": left_out}


def _mines_without(store: Store, material: str, relations: dict[str, str]) -> dict[str, str]:
    """Mines and concentrators reached through a generic product ("rare earths") whose ore is no source of the
    material's element (elements-v1), with the reason."""
    known = vocab.materials().get(material)
    if known is None or not known.element or known.element not in vocab.elements():
        return {}
    element = vocab.elements()[known.element].name
    shares = element_shares(store)
    mines = [
        p for p in profiles(store, EntityType.FACILITY, ids=list(relations)).values() if p.value("stage") == "mining"
    ]
    verdicts = {p.id: supplies_element(p, element, shares) for p in mines if relations[p.id] != "here"}
    return {i: why for i, (supplies, why) in verdicts.items() if not supplies}


TABLE_COLUMNS = ("name", "relation", "operator", "capacity", "status", "sources")


@dataclass(frozen=True)
class ChainReport(Report):
    """`chain`: one row per entity on the chain; one table per stage for people."""

    def rows(self) -> list[Row]:
        return [{**n, "products": "|".join(n["products"])} for s in self.data["stages"] for n in s["entities"]]

    def sections(self) -> list[Section]:
        return [Section(s["entities"], s["stage"], TABLE_COLUMNS) for s in self.data["stages"]]
