"""Tracing (trace-v1): where an entity's material can come from, stage by stage upstream,
over sourced supply links first and stage adjacency otherwise, with China's part.

"linked" candidates are named suppliers (a supply-link claim is the evidence);
"possible" candidates are operating facilities one stage up making the material (their
facility claims are the evidence). China's part at each stage is its share of the
possible candidates' counted capacity.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rechain import vocab
from rechain.analytics.chain import material_family
from rechain.analytics.supply import GENERIC, STAGE_BASES, facility_capacity
from rechain.errors import NotFoundError
from rechain.model import EntityType
from rechain.results import Report, Row
from rechain.store import Store
from rechain.views import Profile, cite, profiles

ALGORITHM = "trace-v1"
UPSTREAM = ("mining", "beneficiation", "separation", "metal_alloy", "magnet", "component", "end_use")


def _stage_of(p: Profile, store: Store) -> str | None:
    if p.type == EntityType.FACILITY:
        return p.value("stage")
    stages = [s for s in p.values("stage") if s in UPSTREAM]
    if stages:
        return max(stages, key=UPSTREAM.index)
    operated = [c.subject for c in store.claims(property="operator") if c.value == p.id]
    found = [q.value("stage") for q in profiles(store, ids=operated).values() if q.value("stage") in UPSTREAM]
    return max(found, key=UPSTREAM.index) if found else None


def trace(store: Store, entity_id: str, material: str) -> dict[str, Any]:
    found = profiles(store, ids=[entity_id])
    if entity_id not in found:
        raise NotFoundError(f"no entity with id {entity_id!r}")
    start = found[entity_id]
    stage = _stage_of(start, store)
    if stage is None:
        raise NotFoundError(f"{start.name} has no stage to trace from")
    family = material_family(material) | GENERIC
    facilities = profiles(store, EntityType.FACILITY)
    links = _supplier_links(store)
    operators = {p.id: p.value("operator") for p in facilities.values()}
    steps, frontier = [], {entity_id, operators.get(entity_id) or entity_id}
    for upstream in reversed(UPSTREAM[: UPSTREAM.index(stage)]):
        if upstream == "beneficiation":
            continue
        linked = _linked(frontier, links, facilities, upstream)
        possible = [
            p
            for p in facilities.values()
            if p.value("stage") == upstream
            and p.value("status") == "operating"
            and (not p.values("product") or set(p.values("product")) & family)
        ]
        steps.append(_step(upstream, linked, possible))
        if linked:  # a stage with no named supplier keeps the frontier for the next one up
            frontier = {p for p, _ in linked} | {operators.get(p) for p, _ in linked} - {None}
    return {
        "algorithm": ALGORITHM,
        "from": entity_id,
        "name": start.name,
        "stage": stage,
        "material": material,
        "steps": steps,
    }


def _supplier_links(store: Store) -> dict[str, list[Any]]:
    links: dict[str, list[Any]] = defaultdict(list)
    for c in store.claims(property="supplies"):
        links[c.value].append(c)
    return links


def _linked(
    frontier: set[str], links: dict[str, list[Any]], facilities: dict[str, Profile], stage: str
) -> list[tuple[str, Any]]:
    """Named suppliers of the frontier whose facilities (or who themselves) work at `stage`."""
    found = []
    for customer in frontier:
        for link in links.get(customer, []):
            supplier_facilities = [p for p in facilities.values() if p.value("operator") == link.subject]
            at_stage = [p.id for p in supplier_facilities if p.value("stage") == stage]
            if at_stage or (link.subject in facilities and facilities[link.subject].value("stage") == stage):
                found += [(f, link) for f in at_stage or [link.subject]]
    return found


def _step(stage: str, linked: list[tuple[str, Any]], possible: list[Profile]) -> dict[str, Any]:
    bases = STAGE_BASES.get(stage, ())
    candidates, total, china = [], 0.0, 0.0
    for p in possible:
        claim = facility_capacity(p, bases)
        capacity = float(claim.value) if claim else None
        if claim is not None and claim.qualifiers.get("basis") == (bases[0] if bases else None):
            total += capacity or 0.0
            china += capacity or 0.0 if p.value("country") == "CN" else 0.0
        candidates.append(
            {
                "id": p.id,
                "name": p.name,
                "country": p.value("country"),
                "capacity": capacity,
                "basis": claim.qualifiers.get("basis") if claim else None,
                "evidence": cite(p.sources, p.source_ids()),
            }
        )
    named = [
        {
            "id": f,
            "via": link.subject,
            "material": link.qualifiers.get("material"),
            "kind": link.qualifiers.get("kind"),
            "evidence": link.source_id,
        }
        for f, link in linked
    ]
    countries = sorted({c["country"] for c in candidates})
    return {
        "stage": stage,
        "linked": named,
        "possible_count": len(candidates),
        "possible_countries": countries,
        "china_share_of_counted_capacity": round(china / total, 4) if total else None,
        "counted_basis": bases[0] if bases else None,
        "possible": sorted(candidates, key=lambda c: -(c["capacity"] or 0))[:25],
    }


def stage_labels() -> dict[str, str]:
    return {s.name: s.label for s in vocab.stages()}


@dataclass(frozen=True)
class TraceReport(Report):
    """`trace`: one row per upstream stage, with named suppliers and possible facilities."""

    columns = ("stage", "named suppliers", "possible facilities", "countries", "China share")

    title_format = "{name} ({stage}): where its {material} can come from"

    def rows(self) -> list[Row]:
        return [
            {
                "stage": s["stage"],
                "named suppliers": ", ".join(sorted({n["via"] for n in s["linked"]})) or "-",
                "possible facilities": s["possible_count"],
                "countries": " ".join(s["possible_countries"]),
                "China share": s["china_share_of_counted_capacity"],
            }
            for s in self.data["steps"]
        ]


def trace_report(store: Store, entity_id: str, material: str) -> TraceReport:
    return TraceReport(trace(store, entity_id, material))
