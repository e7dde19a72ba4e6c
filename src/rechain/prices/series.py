"""Price series for a material: sourced reference points from the knowledge base and
price statements from news events, each normalised to currency per kilogram with its VAT
basis and conversions stated. Points in different currencies or markets stay in separate
series; no exchange rate is assumed."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from rechain.errors import UsageError
from rechain.kb.claims import material_id
from rechain.prices.units import PriceUnit, normalise, parse_unit
from rechain.store import Store
from rechain.store.events import EventFilter, EventRow, event_page
from rechain.store.pages import MAX_LIMIT

METHOD = "prices-v1"


@dataclass(frozen=True)
class PricePoint:
    date: str
    material: str
    market: str
    kind: str  # floor | assessment | contract | spot | news
    value: float  # normalised: per kg, VAT stated
    unit: str
    vat: str
    quoted: str  # the figure as given, e.g. "435000 CNY/t incl. VAT"
    change_pct: float | None
    conversions: tuple[str, ...]
    source: str  # the first source; `sources` lists every source that states the same figure
    claim: str
    sources: tuple[dict[str, str | None], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PriceSeries:
    material: str
    since: str | None
    method: str = METHOD
    points: list[PricePoint] = field(default_factory=list)

    def series(self) -> dict[str, list[PricePoint]]:
        """Points grouped by market and unit: the lines a chart may draw."""
        grouped: dict[str, list[PricePoint]] = {}
        for point in self.points:
            grouped.setdefault(f"{point.market} ({point.unit}, VAT {point.vat})", []).append(point)
        return grouped

    @property
    def title(self) -> str:
        return f"{self.material} prices ({self.method}; per kg, VAT stated)"

    columns = ("date", "market", "kind", "value", "unit", "vat", "quoted", "change_pct", "sources")

    def as_dict(self) -> dict[str, Any]:
        return {
            "material": self.material,
            "since": self.since,
            "method": self.method,
            "series": {name: [p.as_dict() for p in points] for name, points in self.series().items()},
        }

    def rows(self) -> list[dict[str, Any]]:
        return [
            {**{c: getattr(p, c) for c in self.columns[:-1]}, "sources": "; ".join(str(s["title"]) for s in p.sources)}
            for p in self.points
        ]


def price_series(store: Store, material: str, since: str | None = None) -> PriceSeries:
    claims = [c for c in store.claims(subject=material_id(material), property="price")]
    points: list[PricePoint | None] = [_reference_point(material, c) for c in claims]
    points += _news_points(store, material)
    kept = [p for p in points if p is not None and (since is None or p.date >= since)]
    return PriceSeries(material, since, points=_merge_repeats(store, kept))


def _merge_repeats(store: Store, points: list[PricePoint]) -> list[PricePoint]:
    """One point per figure: a figure several sources state becomes one point naming them all."""
    known = store.sources({p.source for p in points})
    merged: dict[tuple[Any, ...], PricePoint] = {}
    for point in sorted(points, key=lambda p: (p.date, p.market, p.claim)):
        key = (point.date, point.market, point.kind, point.value, point.unit, point.vat)
        source = known.get(point.source)
        cited = {"id": point.source, "title": source.title if source else None, "url": source.url if source else None}
        earlier = merged.get(key)
        merged[key] = replace(earlier or point, sources=(*(earlier.sources if earlier else ()), cited))
    return list(merged.values())


def _reference_point(material: str, claim: Any) -> PricePoint:
    q = claim.qualifiers
    unit = PriceUnit(q["currency"], {"kg": 1.0, "t": 1000.0, "lb": 0.45359237}[q["unit"]])
    normal = normalise(float(claim.value), unit, q["vat"], q["date"], q["market"])
    return PricePoint(
        q["date"], material, q["market"], q["kind"], normal.value, normal.unit, normal.vat,
        f"{claim.value:g} {q['currency']}/{q['unit']}", None, normal.steps, claim.source_id, claim.id,
    )  # fmt: skip


MARKETS = {
    "china domestic": "china-domestic",
    "fob china": "fob-china",
    "cif rotterdam": "cif-europe",
    "cif europe": "cif-europe",
    "exchange": "exchange",
}
VAT_BASIS = {"incl. vat": "included", "excl. vat": "excluded"}


def _news_points(store: Store, material: str) -> list[PricePoint | None]:
    """PRICE_MOVEMENT events of this material (filtered in the store) whose price object gives its level."""
    wanted = EventFilter(type="PRICE_MOVEMENT", material=material)
    points: list[PricePoint | None] = []
    offset = 0
    while True:
        page = event_page(store, wanted, limit=MAX_LIMIT, offset=offset)
        for event in page.items:
            price = event.price
            if price and price.get("material") == material and price.get("value") is not None:
                points.append(_news_point(material, price, event.date or price.get("date"), event))
        if not page.has_more:
            return points
        offset += len(page.items)


def _news_point(material: str, price: dict[str, Any], date: str | None, event: EventRow) -> PricePoint | None:
    if not date or not price.get("currency") or not price.get("unit"):
        return None  # a level without its currency and mass unit is not a price point
    try:
        unit = parse_unit(f"{price['currency']}/{price['unit']}")
    except UsageError:
        return None
    market = MARKETS.get(str(price.get("market") or "").lower(), "unstated")
    vat = VAT_BASIS.get(str(price.get("basis") or "").lower(), "unknown")
    normal = normalise(float(price["value"]), unit, vat, date, market)
    basis = f" {price['basis']}" if price.get("basis") else ""
    quoted = f"{price['value']:g} {price['currency']}/{price['unit']}{basis}"
    change = price.get("change") or {}
    change_pct = change.get("value") if change.get("unit") == "%" else None
    return PricePoint(
        date, material, market, "news", normal.value, normal.unit, normal.vat, quoted,
        change_pct, normal.steps, str(event.source_id), str(event.claim),
    )  # fmt: skip
