"""What `rechain show` says about one entity, as plain data (the CLI formats it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rechain.analytics.capacity import distinct_capacities, figure_sources, figure_status
from rechain.results import Report, Row, Section
from rechain.store import ClaimRow, Store
from rechain.views import Profile, cite, profile, profiles

Description = dict[str, Any]


def _claims_with_value(store: Store, prop: str, value: str) -> list[ClaimRow]:
    return [c for c in store.claims(property=prop) if c.value == value]


def _ref(store: Store, ids: list[str]) -> list[dict[str, str]]:
    found = profiles(store, ids=ids)
    return [
        {"id": i, "name": found[i].name if i in found else i, "type": found[i].type if i in found else ""} for i in ids
    ]


def _capacities(p: Profile) -> list[dict[str, Any]]:
    return [
        {"value": c.value, **c.qualifiers, "status": figure_status(c, p)}
        | {"source": cite(p.sources, figure_sources(p, c)), "note": c.note}
        for c in distinct_capacities(p)
    ]


def _links(store: Store, entity_id: str) -> dict[str, list[dict[str, Any]]]:
    out_claims = store.claims(subject=entity_id, property="supplies")
    in_claims = _claims_with_value(store, "supplies", entity_id)
    sources = store.sources({c.source_id for c in out_claims + in_claims})

    def row(c: ClaimRow, other: str) -> dict[str, Any]:
        return {
            "with": _ref(store, [other])[0]["name"],
            "id": other,
            **c.qualifiers,
            "source": cite(sources, [c.source_id]),
        }

    return {"supplies": [row(c, c.value) for c in out_claims], "supplied_by": [row(c, c.subject) for c in in_claims]}


def _base(p: Profile) -> Description:
    return {
        "id": p.id,
        "type": p.type,
        "name": p.name,
        "name_zh": p.value("name_zh"),
        "aliases": p.values("alias"),
        "country": p.value("country"),
        "note": p.value("note"),
    }


def _facility(store: Store, p: Profile) -> Description:
    refs = {k: p.value(k) for k in ("operator", "place")}
    names = {r["id"]: r["name"] for r in _ref(store, [v for v in refs.values() if v])}
    return {
        **_base(p),
        "operator": names.get(refs["operator"]),
        "operator_id": refs["operator"],
        "place": names.get(refs["place"]),
        "stage": p.value("stage"),
        "products": p.values("product"),
        "status": p.value("status"),
        "start_year": p.value("start_year"),
        "location": p.value("location"),
        "capacities": _capacities(p),
        **_links(store, p.id),
        "clusters": _ref(store, [c.subject for c in _claims_with_value(store, "member", p.id)]),
    }


def _organization(store: Store, p: Profile) -> Description:
    facilities = [c.subject for c in _claims_with_value(store, "operator", p.id)]
    owners = [
        {**_ref(store, [c.value])[0], **c.qualifiers, "source": cite(p.sources, [c.source_id])}
        for c in p.ranked("owner")
    ]
    subsidiaries = [{**_ref(store, [c.subject])[0], **c.qualifiers} for c in _claims_with_value(store, "owner", p.id)]
    return {
        **_base(p),
        "kind": p.value("kind"),
        "stages": p.values("stage"),
        "website": p.value("website"),
        "facilities": _ref(store, sorted(set(facilities))),
        "owners": owners,
        "subsidiaries": subsidiaries,
        **_links(store, p.id),
    }


def _place(store: Store, p: Profile) -> Description:
    children = [c.subject for c in _claims_with_value(store, "parent", p.id)]
    located = sorted({c.subject for c in _claims_with_value(store, "place", p.id)})
    return {
        **_base(p),
        "kind": p.value("kind"),
        "parent": _ref(store, [p.value("parent")])[0] if p.value("parent") else None,
        "places": _ref(store, children),
        "members": _ref(store, located),
    }


def _distinct_members(p: Profile) -> list[ClaimRow]:
    """One row per member (a member two sources name is two claims)."""
    seen: dict[str, ClaimRow] = {}
    for c in p.ranked("member"):
        seen.setdefault(c.value, c)
    return list(seen.values())


def _member_sources(p: Profile, member: str) -> list[str]:
    return [c.source_id for c in p.claims.get("member", []) if c.value == member]


def _cluster(store: Store, p: Profile) -> Description:
    members = [
        {**_ref(store, [c.value])[0], "role": c.qualifiers.get("role"), "membership": c.qualifiers.get("membership")}
        | {"source": cite(p.sources, _member_sources(p, c.value))}
        for c in _distinct_members(p)
    ]
    designation = p.ranked("designation")
    return {
        **_base(p),
        "place": p.value("place"),
        "designation": designation[0].value if designation else None,
        "designated_year": designation[0].qualifiers.get("year") if designation else None,
        "members": members,
    }


def _country(store: Store, p: Profile) -> Description:
    stats = [
        {
            "measure": c.property,
            "year": c.qualifiers["year"],
            "value": c.value,
            "edition": c.qualifiers["edition"],
            "material": c.qualifiers["material"],
            "note": c.note,
        }
        for c in store.claims(subject=p.id, property=["production", "reserves"])
    ]
    located = sorted({c.subject for c in _claims_with_value(store, "country", p.id)})
    return {
        **_base(p),
        "statistics": sorted(stats, key=lambda s: (s["measure"], s["year"], s["edition"])),
        "members": _ref(store, located),
    }


def _material(store: Store, p: Profile) -> Description:
    makers = sorted({c.subject for c in _claims_with_value(store, "product", p.name)})
    return {**_base(p), "members": _ref(store, makers)}


DESCRIBERS: dict[str, Callable[[Store, Profile], Description]] = {
    "FACILITY": _facility,
    "ORG": _organization,
    "PLACE": _place,
    "CLUSTER": _cluster,
    "COUNTRY": _country,
    "MATERIAL": _material,
}


def describe(store: Store, entity_id: str) -> Description:
    p = profile(store, entity_id)
    if p is None:
        from rechain.errors import NotFoundError

        raise NotFoundError(f"no entity with id {entity_id!r}")
    description = DESCRIBERS[p.type](store, p)
    description["sources"] = cite(p.sources, p.source_ids())
    return description


HEADER_KEYS = ("name", "type", "id", "matched")


def _is_table(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


def _text(value: Any) -> str:
    if _is_table(value):
        return "; ".join(str(v.get("name") or v.get("id") or v.get("value") or v) for v in value)
    if isinstance(value, dict):
        return str(value.get("name") or value.get("id") or value)
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


@dataclass(frozen=True)
class EntityReport(Report):
    """`show`: the description; as rows, one (field, value) pair per fact."""

    columns = ("field", "value")

    def rows(self) -> list[Row]:
        facts = {k: v for k, v in self.data.items() if k != "matched" and v not in (None, [], "")}
        return [{"field": k, "value": _text(v)} for k, v in facts.items()]

    def sections(self) -> list[Section]:
        d = self.data
        facts = {k: v for k, v in d.items() if k not in HEADER_KEYS and v not in (None, [], "")}
        lines = [f"{d['name']}  ({d['type']}, id {d['id']})"]
        lines += [f"  {k}: {_text(v)}" for k, v in facts.items() if not _is_table(v)]
        return [Section(before=lines)] + [Section(v, k) for k, v in facts.items() if _is_table(v)]


def entity_report(store: Store, entity_id: str, matched: dict[str, str] | None = None) -> EntityReport:
    description = describe(store, entity_id)
    if matched is not None:
        description["matched"] = matched
    return EntityReport(description)
