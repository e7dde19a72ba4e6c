"""Export-control rules at the level the law is written (controls-v1): which measures
cover a material on a date, why, and which facilities and supply links they touch."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rechain import vocab
from rechain.errors import UsageError
from rechain.model import EntityType
from rechain.results import Report, Row, Rows
from rechain.store import Store
from rechain.views import profiles

ALGORITHM = "controls-v1"
# The product forms a material of each vocabulary kind takes.
FORMS_OF_KIND = {
    "element": None,  # an element named alone: every form counts
    "oxide": {"oxide", "compound"},
    "metal": {"metal"},
    "alloy": {"alloy", "magnet_material"},
    "magnet": {"magnet", "magnet_material"},
    "concentrate": {"concentrate", "compound"},
    "intermediate": {"compound"},
    "ore": {"ore"},
}
GENERIC_MATERIALS = {"rare earths"}


@dataclass(frozen=True)
class Control:
    id: str
    measure: dict[str, Any]
    source_id: str
    note: str | None

    def status_on(self, day: str) -> str:
        """'in force', 'suspended', 'ended', 'announced' or 'not yet announced' on a YYYY-MM-DD day."""
        m = {
            k: _full_date(m) if (m := self.measure.get(k)) else None
            for k in ("announced", "effective", "suspended", "resumed", "ended")
        }
        if m["ended"] and m["ended"] <= day:
            return "ended"
        if m["suspended"] and m["suspended"] <= day and not (m["resumed"] and m["resumed"] <= day):
            return "suspended"
        if m["effective"] and m["effective"] <= day:
            return "in force"
        if m["announced"] and m["announced"] <= day:
            return "announced"
        return "not yet announced"


def _full_date(text: str) -> str:
    parts = text.split("-") + ["01", "01"]
    return "-".join(parts[:3]) if len(text) < 10 else text


def load_controls(store: Store) -> list[Control]:
    """One Control per measure: a measure several sources state is one claim per source, one row here
    (its sources joined with '|')."""
    by_id: dict[str, list[Any]] = {}
    for c in store.claims(property="control"):
        by_id.setdefault(c.subject, []).append(c)
    return [
        Control(
            subject.removeprefix("control:"),
            claims[0].value,
            "|".join(sorted({c.source_id for c in claims})),
            claims[0].note,
        )
        for subject, claims in by_id.items()
    ]


def coverage(control: Control, material: str) -> str | None:
    """Why a measure covers a material, or None when it does not."""
    covered = set(control.measure.get("materials") or [])
    forms = set(control.measure.get("forms") or [])
    info = vocab.materials().get(material)
    if info is None:
        return None
    element = vocab.elements().get(info.element or "")
    element_name = element.name if element else None
    wanted_forms = FORMS_OF_KIND.get(info.kind)
    form_fits = wanted_forms is None or not forms or bool(wanted_forms & forms)
    if material in covered:
        return f"{material} is named"
    if covered & GENERIC_MATERIALS and form_fits:
        return "covers rare earths generally" + (f" ({', '.join(sorted(forms))})" if forms else "")
    if element_name in covered and form_fits:
        return f"{element_name} in {info.kind} form is covered ({', '.join(sorted(forms))})"
    if info.kind in ("magnet", "alloy") and "magnet_material" in forms and covered:
        return f"if it contains {', '.join(sorted(covered))}: magnet materials containing them are covered"
    return None


def check(store: Store, material: str, day: str, include_inactive: bool = False) -> dict[str, Any]:
    """The measures covering `material` on `day`, with what they touch."""
    if material not in vocab.materials():
        raise UsageError(f"unknown material {material!r}")
    if len(day) != 10:
        raise UsageError(f"date {day!r} is not YYYY-MM-DD")
    matches = []
    for control in sorted(load_controls(store), key=lambda c: c.id):
        reason = coverage(control, material)
        status = control.status_on(day)
        if reason and (include_inactive or status == "in force"):
            matches.append(
                {
                    "id": control.id,
                    "status": status,
                    "reason": reason,
                    **_summary(control),
                    "touches": touched(store, control, material),
                }
            )
    return {"algorithm": ALGORITHM, "material": material, "date": day, "rules": matches}


def _summary(control: Control) -> dict[str, Any]:
    keep = (
        "name",
        "reference",
        "issuer",
        "kind",
        "materials",
        "forms",
        "control_codes",
        "hs_codes",
        "announced",
        "effective",
        "suspended",
        "resumed",
        "ended",
        "licence",
    )
    return {k: control.measure.get(k) for k in keep} | {"source": control.source_id, "note": control.note}


def touched(store: Store, control: Control, material: str) -> dict[str, list[dict[str, Any]]]:
    """Facilities in the issuing country making covered products, and links out of it."""
    issuer = control.measure["issuer"]
    reasons = {m: r for m in vocab.materials() if (r := coverage(control, m))}
    covered = set(reasons) | {material}
    facilities = []
    for p in profiles(store, EntityType.FACILITY).values():
        products = sorted(set(p.values("product")) & covered)
        if p.value("country") == issuer and products:
            conditional = all(reasons.get(m, "").startswith("if ") for m in products)
            facilities.append(
                {
                    "id": p.id,
                    "name": p.name,
                    "stage": p.value("stage"),
                    "products": products,
                    "conditional": conditional,
                }
            )
    flows = _touched_flows(store, issuer, covered)
    return {"facilities": sorted(facilities, key=lambda f: f["id"]), "flows": flows}


def _touched_flows(store: Store, issuer: str, covered: set[str]) -> list[dict[str, Any]]:
    links = [c for c in store.claims(property="supplies") if c.qualifiers.get("material") in covered]
    ends = profiles(store, ids={c.subject for c in links} | {c.value for c in links})
    flows = []
    for link in links:
        supplier, customer = ends.get(link.subject), ends.get(link.value)
        if (
            supplier
            and supplier.value("country") == issuer
            and (customer is None or customer.value("country") != issuer)
        ):
            flows.append(
                {
                    "supplier": link.subject,
                    "customer": link.value,
                    "material": link.qualifiers.get("material"),
                    "customer_country": customer.value("country") if customer else None,
                }
            )
    return flows


def listings(store: Store, day: str | None = None) -> list[dict[str, Any]]:
    """Entities put on (or taken off) control lists, newest first."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for c in store.claims(property="listing"):  # one claim per source: one row per listing
        row = merged.setdefault(
            (c.subject, repr(sorted(c.value.items()))), {**c.value, "subject": c.subject, "note": c.note}
        )
        row["source"] = "|".join(sorted({*str(row.get("source") or "").split("|"), c.source_id} - {""}))
    rows = list(merged.values())
    if day:
        rows = [r for r in rows if (r.get("effective") or r.get("announced") or "") <= day]
    return sorted(rows, key=lambda r: (r.get("announced") or "", r["entity_name"]), reverse=True)


@dataclass(frozen=True)
class ControlsCheck(Report):
    """`controls check`: the measures covering a material on a day, one row per measure."""

    columns = ("id", "status", "reference", "reason", "facilities", "flows")

    title_format = "measures covering {material} on {date}"

    def rows(self) -> list[Row]:
        return [
            {
                **{k: r[k] for k in ("id", "status", "reference", "reason")},
                "facilities": len(r["touches"]["facilities"]),
                "flows": len(r["touches"]["flows"]),
            }
            for r in self.data["rules"]
        ]


def check_report(store: Store, material: str, day: str, include_inactive: bool = False) -> ControlsCheck:
    return ControlsCheck(check(store, material, day, include_inactive))


LISTING_COLUMNS = ("announced", "action", "entity_name", "entity_country", "list", "issuer")


def listings_report(store: Store, day: str | None = None) -> Rows:
    return Rows(listings(store, day), columns=LISTING_COLUMNS)
