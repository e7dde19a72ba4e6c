"""Current-view tables (facilities, organizations, production) as rows for CSV or JSON.

These are the rows the CLI prints, `rechain export` writes and the pages will show;
each ends with one `sources` column.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from rechain import vocab
from rechain.analytics.capacity import capacity_label, distinct_capacities, figure_status, shown_headline
from rechain.errors import UsageError
from rechain.model import EntityType
from rechain.store import Store
from rechain.views import Profile, cite, profiles, rank

Row = dict[str, Any]


def _names(store: Store, ids: set[str]) -> dict[str, str]:
    return {pid: p.name for pid, p in profiles(store, ids=ids).items()}


def facility_rows(store: Store) -> list[Row]:
    facilities = profiles(store, EntityType.FACILITY)
    linked = {p.value(k) for p in facilities.values() for k in ("operator", "place")} - {None}
    names = _names(store, linked)
    return [_facility_row(p, names) for p in facilities.values()]


def _facility_row(p: Profile, names: dict[str, str]) -> Row:
    best = shown_headline(p)
    others = [c for c in distinct_capacities(p) if best is None or c.id != best.id]
    location = p.value("location") or {}
    return {
        "id": p.id,
        "name": p.name,
        "name_zh": p.value("name_zh"),
        "operator": p.value("operator"),
        "operator_name": names.get(p.value("operator")),
        "country": p.value("country"),
        "place": p.value("place"),
        "place_name": names.get(p.value("place")),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "stage": p.value("stage"),
        "products": "|".join(p.values("product")),
        "capacity": best.value if best else None,
        "capacity_unit": best.qualifiers.get("unit") if best else None,
        "capacity_basis": best.qualifiers.get("basis") if best else None,
        "capacity_year": best.qualifiers.get("year") if best else None,
        "capacity_status": figure_status(best, p) if best else None,
        "capacity_figure": (best.qualifiers.get("figure") or "nameplate") if best else None,
        "other_capacities": "; ".join(capacity_label(c, p) for c in others if c.value is not None),
        "status": p.value("status"),
        "start_year": p.value("start_year"),
        "sources": cite(p.sources, p.source_ids()),
    }


def organization_rows(store: Store) -> list[Row]:
    orgs = profiles(store, EntityType.ORG)
    return [_organization_row(p) for p in orgs.values()]


def _organization_row(p: Profile) -> Row:
    owners = [
        f"{c.value}:{c.qualifiers['share_pct']:g}%" if c.qualifiers.get("share_pct") is not None else c.value
        for c in p.ranked("owner")
    ]
    return {
        "id": p.id,
        "name": p.name,
        "name_zh": p.value("name_zh"),
        "aliases": "|".join(p.values("alias")),
        "kind": p.value("kind"),
        "country": p.value("country"),
        "place": p.value("place"),
        "stages": "|".join(p.values("stage")),
        "owners": "|".join(owners),
        "website": p.value("website"),
        "sources": cite(p.sources, p.source_ids()),
    }


def production_rows(store: Store) -> list[Row]:
    """One row per (country, measure, material, stage, year): the resolved figure, with
    every other edition's figure beside it in `other_editions`."""
    claims = store.claims(property=["production", "reserves"])
    sources = store.sources({c.source_id for c in claims})
    groups: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    for c in claims:
        q = c.qualifiers
        groups[(c.subject, c.property, q["material"], q["stage"], q["year"])].append(c)
    countries = vocab.countries()
    rows = []
    for (country, measure, material, stage, year), group in sorted(groups.items(), key=_production_order):
        ranked = rank(group, sources)
        best, others = ranked[0], ranked[1:]
        rows.append(
            {
                "country": country,
                "country_name": countries[country].name if country in countries else country.title(),
                "measure": measure,
                "material": material,
                "stage": stage,
                "year": year,
                "value": best.value,
                "unit": best.qualifiers["unit"],
                "basis": best.qualifiers["basis"],
                "edition": best.qualifiers["edition"],
                "note": best.note,
                "other_editions": "; ".join(
                    f"{c.qualifiers['edition']}: {'withheld' if c.value is None else f'{c.value:g}'}" for c in others
                ),
                "sources": cite(sources, [c.source_id for c in group]),
            }
        )
    return rows


def _production_order(item: tuple[tuple[Any, ...], Any]) -> tuple[Any, ...]:
    country, measure, material, stage, year = item[0]
    return (measure, material, stage, year, country in ("WORLD", "OTHER"), country)


TABLES: dict[str, Callable[[Store], list[Row]]] = {
    "facilities": facility_rows,
    "organizations": organization_rows,
    "production": production_rows,
}


def table_rows(store: Store, table: str) -> list[Row]:
    if table not in TABLES:
        raise UsageError(f"unknown table {table!r}: choose one of {', '.join(TABLES)}")
    return TABLES[table](store)
